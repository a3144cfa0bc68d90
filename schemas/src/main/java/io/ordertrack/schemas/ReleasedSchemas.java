package io.ordertrack.schemas;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.CodParcel;
import io.ordertrack.avro.CohortMetrics;
import io.ordertrack.avro.CustomerHistory;
import io.ordertrack.avro.CustomerNotification;
import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.MetricChange;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderRisk;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.OutcomeReport;
import io.ordertrack.avro.Remittance;
import io.ordertrack.avro.RoutingQueue;
import io.ordertrack.avro.ShipmentFacts;
import io.ordertrack.avro.StockChange;
import io.ordertrack.avro.StockState;
import io.ordertrack.avro.TrackedOrder;
import io.ordertrack.avro.TrackingScan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The schema-compatibility gate. The released version of every topic schema is kept in {@code
 * schemas/released/}; a current schema may change only in ways that let new readers read old data
 * and old readers read new data (full compatibility).
 *
 * <p>Run {@code main} with the released folder as argument to release the current schemas, once a
 * change has passed the gate. The version it replaces stays beside it as {@code Name.vN.avsc} (N
 * counting up from 1): producers still on it must stay readable, and the decoders read every
 * released version from the copy of the folder in this jar.
 */
public final class ReleasedSchemas {
    /**
     * The schemas of the topics, and of the job state that savepoints carry from one release to the
     * next: every one of them is released and gated.
     */
    public static final List<Schema> GATED_SCHEMAS =
            List.of(
                    OrderEvent.getClassSchema(),
                    TrackingScan.getClassSchema(),
                    InventoryEvent.getClassSchema(),
                    Alert.getClassSchema(),
                    CustomerNotification.getClassSchema(),
                    OrderState.getClassSchema(),
                    TrackedOrder.getClassSchema(),
                    StockChange.getClassSchema(),
                    StockState.getClassSchema(),
                    OutcomeReport.getClassSchema(),
                    OrderRisk.getClassSchema(),
                    CustomerHistory.getClassSchema(),
                    ShipmentFacts.getClassSchema(),
                    MetricChange.getClassSchema(),
                    CohortMetrics.getClassSchema(),
                    RoutingQueue.getClassSchema(),
                    Remittance.getClassSchema(),
                    CodParcel.getClassSchema());

    private ReleasedSchemas() {}

    /** Where the released version of a schema is kept. */
    public static Path releasedFile(Path releasedDir, Schema schema) {
        return releasedDir.resolve(schema.getName() + ".avsc");
    }

    /** Where the released versions are in this module's jar. */
    private static final String RESOURCES = "released/";

    /** Reads a released schema, self-contained (named types expanded). */
    public static Schema readReleased(Path releasedDir, Schema current) throws IOException {
        return new Schema.Parser().parse(releasedFile(releasedDir, current).toFile());
    }

    /**
     * Every released version of a schema, the latest first, from this module's jar; empty for a
     * schema never released.
     */
    public static List<Schema> releasedVersions(Schema current) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 0; ; version++) {
            String file = RESOURCES + versionFileName(current.getName(), version);
            try (InputStream in = ReleasedSchemas.class.getResourceAsStream(file)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read released schema " + file, e);
            }
        }
    }

    /** {@code Name.avsc} for the latest released version (0), {@code Name.vN.avsc} before it. */
    private static String versionFileName(String name, int version) {
        return version == 0 ? name + ".avsc" : name + ".v" + version + ".avsc";
    }

    /**
     * What breaks between a released and a current schema, both ways; empty when they are fully
     * compatible.
     */
    public static List<String> incompatibilities(Schema released, Schema current) {
        List<String> problems = new ArrayList<>();
        describe(
                "new reader on old data",
                SchemaCompatibility.checkReaderWriterCompatibility(current, released),
                problems);
        describe(
                "old reader on new data",
                SchemaCompatibility.checkReaderWriterCompatibility(released, current),
                problems);
        return problems;
    }

    private static void describe(
            String direction, SchemaPairCompatibility result, List<String> problems) {
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            result.getResult()
                    .getIncompatibilities()
                    .forEach(
                            i ->
                                    problems.add(
                                            direction
                                                    + ": "
                                                    + i.getType()
                                                    + " at "
                                                    + i.getLocation()
                                                    + " ("
                                                    + i.getMessage()
                                                    + ")"));
        }
    }

    /** Releases the current schemas into the folder given as first argument. */
    public static void main(String[] args) throws IOException {
        Path releasedDir = Path.of(args.length > 0 ? args[0] : "schemas/released");
        Files.createDirectories(releasedDir);
        for (Schema schema : GATED_SCHEMAS) {
            Path latest = releasedFile(releasedDir, schema);
            String text = schema.toString(true) + "\n";
            if (Files.exists(latest) && !Files.readString(latest).equals(text)) {
                keepPrevious(releasedDir, schema.getName(), latest);
            }
            Files.writeString(latest, text);
        }
    }

    private static void keepPrevious(Path releasedDir, String name, Path latest)
            throws IOException {
        int version = 1;
        while (Files.exists(releasedDir.resolve(versionFileName(name, version)))) {
            version++;
        }
        Files.copy(latest, releasedDir.resolve(versionFileName(name, version)));
    }
}
