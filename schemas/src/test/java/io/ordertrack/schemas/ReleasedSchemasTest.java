package io.ordertrack.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ReleasedSchemasTest {
    private static final Path RELEASED = Path.of("released");

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.ordertrack.schemas.ReleasedSchemas#GATED_SCHEMAS")
    void everyTopicSchemaIsReleased(Schema current) {
        assertThat(ReleasedSchemas.releasedFile(RELEASED, current))
                .as(
                        "released version of %s; release it with ReleasedSchemas.main",
                        current.getName())
                .exists();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.ordertrack.schemas.ReleasedSchemas#GATED_SCHEMAS")
    void currentSchemaReadsAndIsReadByTheReleasedOne(Schema current) throws IOException {
        Schema released = ReleasedSchemas.readReleased(RELEASED, current);

        assertThat(ReleasedSchemas.incompatibilities(released, current)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.ordertrack.schemas.ReleasedSchemas#GATED_SCHEMAS")
    void currentSchemaReadsAndIsReadByEveryEarlierRelease(Schema current) {
        for (Schema released : ReleasedSchemas.releasedVersions(current)) {
            assertThat(ReleasedSchemas.incompatibilities(released, current))
                    .as("%s against %s", current.getName(), released)
                    .isEmpty();
        }
    }

    @Test
    void releasingAChangedSchemaKeepsTheVersionItReplaces(@TempDir Path folder) throws IOException {
        Schema scans = io.ordertrack.avro.TrackingScan.getClassSchema();
        Path latest = ReleasedSchemas.releasedFile(folder, scans);
        String older =
                Files.readString(ReleasedSchemas.releasedFile(RELEASED, scans))
                        .replace("Courier code", "Courier's code");
        Files.writeString(latest, older);

        ReleasedSchemas.main(new String[] {folder.toString()});
        ReleasedSchemas.main(new String[] {folder.toString()});

        assertThat(folder.resolve("TrackingScan.v1.avsc")).hasContent(older.strip());
        assertThat(folder.resolve("TrackingScan.v2.avsc")).doesNotExist();
        assertThat(new Schema.Parser().parse(latest.toFile())).isEqualTo(scans);
    }

    @Test
    void aNewFieldWithoutDefaultBreaksOldData() throws IOException {
        Schema released =
                ReleasedSchemas.readReleased(
                        RELEASED, io.ordertrack.avro.TrackingScan.getClassSchema());
        Schema changed =
                withExtraField(released, "{\"name\": \"courierZone\", \"type\": \"string\"}");

        assertThat(ReleasedSchemas.incompatibilities(released, changed))
                .singleElement()
                .asString()
                .startsWith("new reader on old data: READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void aNewOptionalFieldPassesBothWays() throws IOException {
        Schema released =
                ReleasedSchemas.readReleased(
                        RELEASED, io.ordertrack.avro.TrackingScan.getClassSchema());
        Schema changed =
                withExtraField(
                        released,
                        "{\"name\": \"courierZone\", \"type\": [\"null\", \"string\"], \"default\":"
                                + " null}");

        assertThat(ReleasedSchemas.incompatibilities(released, changed)).isEmpty();
    }

    @Test
    void aRemovedEnumSymbolWithoutDefaultBreaksNewData() throws IOException {
        Schema released =
                new Schema.Parser()
                        .parse(
                                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"s\",\"type\":"
                                    + "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}}]}");
        Schema changed =
                new Schema.Parser()
                        .parse(
                                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"s\",\"type\":"
                                    + "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\",\"C\"]}}]}");

        assertThat(ReleasedSchemas.incompatibilities(released, changed))
                .singleElement()
                .asString()
                .startsWith("old reader on new data: MISSING_ENUM_SYMBOLS");
    }

    private static Schema withExtraField(Schema schema, String fieldJson) throws IOException {
        String json = schema.toString();
        int fieldsStart = json.indexOf("\"fields\":[") + "\"fields\":[".length();
        String changed =
                json.substring(0, fieldsStart) + fieldJson + "," + json.substring(fieldsStart);
        return new Schema.Parser().parse(changed);
    }
}
