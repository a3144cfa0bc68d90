package io.ordertrack.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A producer still on any released version of an input topic's schema stays readable. */
class ReleasedWritersTest {
    static Stream<SpecificRecord> inputTopicSamples() {
        return Stream.of(
                TopicSamples.placedOrder(), TopicSamples.scan(), TopicSamples.stockReceived());
    }

    @ParameterizedTest
    @MethodSource("inputTopicSamples")
    void decodesARecordWrittenWithEachReleasedVersion(SpecificRecord sample) throws IOException {
        Schema current = sample.getSchema();
        List<Schema> released = ReleasedSchemas.releasedVersions(current);
        assertThat(released).as("released versions of %s", current.getName()).isNotEmpty();
        AvroCodec<SpecificRecord> codec = codecOf(sample);

        for (Schema writer : released) {
            GenericRecord old = asWrittenWith(writer, sample);
            byte[] bytes =
                    new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer)
                            .encode(old)
                            .array();

            SpecificRecord read = codec.decode(bytes);

            for (Schema.Field field : current.getFields()) {
                Object expected =
                        writer.getField(field.name()) == null
                                ? GenericData.get().getDefaultValue(field)
                                : sample.get(field.pos());
                assertThat(read.get(field.pos()))
                        .as("%s.%s written with %s", current.getName(), field.name(), writer)
                        .isEqualTo(expected);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static AvroCodec<SpecificRecord> codecOf(SpecificRecord sample) {
        return AvroCodec.of((Class<SpecificRecord>) sample.getClass());
    }

    /** What a producer on the {@code writer} schema sends for the same event. */
    private static GenericRecord asWrittenWith(Schema writer, SpecificRecord sample)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(sample.getSchema()).write(sample, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(sample.getSchema(), writer)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
