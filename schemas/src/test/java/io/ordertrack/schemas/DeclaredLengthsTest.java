package io.ordertrack.schemas;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeclaredLengthsTest {
    private static final Schema PARCEL =
            new Schema.Parser()
                    .parse(
                            """
                            {"type": "record", "name": "Parcel", "fields": [
                              {"name": "awb", "type": "string"},
                              {"name": "photo", "type": ["null", "bytes"], "default": null},
                              {"name": "scans", "type": {"type": "array", "items": {
                                "type": "record", "name": "Scan", "fields": [
                                  {"name": "code", "type": "string"},
                                  {"name": "tags", "type": {"type": "map", "values": "string"}}]}}},
                              {"name": "kind", "type": {"type": "enum", "name": "Kind",
                                "symbols": ["FORWARD", "RETURN"]}},
                              {"name": "weight", "type": "double"}]}
                            """);

    @Test
    void acceptsAWellFormedBody() throws IOException {
        byte[] body = wellFormed();

        assertThatCode(() -> DeclaredLengths.check(PARCEL, body, 0)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(longs = {2_000_000_000L, 2_147_483_639L, 2_147_483_648L, Long.MAX_VALUE, -1})
    void refusesAStringLongerThanTheBytesLeft(long declared) throws IOException {
        byte[] body = encode(e -> e.writeLong(declared));

        assertThatThrownBy(() -> DeclaredLengths.check(PARCEL, body, 0))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessage("declares a string of " + declared + " bytes with 0 bytes left");
    }

    @Test
    void refusesBytesLongerThanTheBytesLeft() throws IOException {
        byte[] body =
                encode(
                        e -> e.writeString("AWB1"),
                        e -> e.writeIndex(1),
                        e -> e.writeLong(1L << 31));

        assertThatThrownBy(() -> DeclaredLengths.check(PARCEL, body, 0))
                .hasMessageStartingWith("declares a bytes of 2147483648 bytes");
    }

    @Test
    void refusesMoreArrayItemsThanBytesLeft() throws IOException {
        byte[] body =
                encode(
                        e -> e.writeString("AWB1"),
                        e -> e.writeIndex(0),
                        e -> e.writeLong(2_000_000_000L));

        assertThatThrownBy(() -> DeclaredLengths.check(PARCEL, body, 0))
                .hasMessage("declares 2000000000 array items with 0 bytes left");
    }

    @Test
    void refusesANegativeBlockCountWhoseSizeCannotFit() throws IOException {
        byte[] body =
                encode(
                        e -> e.writeString("AWB1"),
                        e -> e.writeIndex(0),
                        e -> e.writeLong(-1),
                        e -> e.writeLong(1L << 40));

        assertThatThrownBy(() -> DeclaredLengths.check(PARCEL, body, 0))
                .hasMessageStartingWith("declares a array items block of 1099511627776 bytes");
    }

    @Test
    void refusesMoreMapEntriesThanBytesLeftInANestedRecord() throws IOException {
        byte[] body =
                encode(
                        e -> e.writeString("AWB1"),
                        e -> e.writeIndex(0),
                        e -> e.writeLong(1),
                        e -> e.writeString("PICKED"),
                        e -> e.writeLong(3_000_000_000L));

        assertThatThrownBy(() -> DeclaredLengths.check(PARCEL, body, 0))
                .hasMessage("declares 3000000000 map entries with 0 bytes left");
    }

    @Test
    void refusesAMapKeyLongerThanTheBytesLeft() throws IOException {
        byte[] body =
                encode(
                        e -> e.writeString("AWB1"),
                        e -> e.writeIndex(0),
                        e -> e.writeLong(1),
                        e -> e.writeString("PICKED"),
                        e -> e.writeLong(1),
                        e -> e.writeLong(Integer.MAX_VALUE));

        assertThatThrownBy(() -> DeclaredLengths.check(PARCEL, body, 0))
                .hasMessageStartingWith("declares a map key of 2147483647 bytes");
    }

    @Test
    void refusesAnUnknownUnionBranchOrEnumSymbol() throws IOException {
        byte[] branch = encode(e -> e.writeString("AWB1"), e -> e.writeIndex(7));
        byte[] symbol =
                encode(
                        e -> e.writeString("AWB1"),
                        e -> e.writeIndex(0),
                        e -> e.writeLong(0),
                        e -> e.writeInt(2));

        assertThatThrownBy(() -> DeclaredLengths.check(PARCEL, branch, 0))
                .hasMessage("declares branch 7 of 2");
        assertThatThrownBy(() -> DeclaredLengths.check(PARCEL, symbol, 0))
                .hasMessage("declares symbol of enum Kind 2 of 2");
    }

    @Test
    void refusesEveryTruncationOfAWellFormedBody() throws IOException {
        byte[] body = wellFormed();
        for (int length = 0; length < body.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(body, length);

            assertThatThrownBy(() -> DeclaredLengths.check(PARCEL, cut, 0))
                    .as("body cut to %d of %d bytes", length, body.length)
                    .isInstanceOf(UndecodableRecordException.class);
        }
    }

    @Test
    void refusesAnOverlongVarint() {
        byte[] body = {
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            0x01
        };

        assertThatThrownBy(() -> DeclaredLengths.check(PARCEL, body, 0))
                .hasMessage("declares an over-long string length");
    }

    private static byte[] wellFormed() throws IOException {
        GenericRecord scan =
                new GenericData.Record(PARCEL.getField("scans").schema().getElementType());
        scan.put("code", "PICKED");
        scan.put("tags", Map.of("hub", "Bhiwandi"));
        GenericRecord parcel = new GenericData.Record(PARCEL);
        parcel.put("awb", "1490211234567");
        parcel.put("photo", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        parcel.put("scans", List.of(scan, scan));
        parcel.put("kind", new GenericData.EnumSymbol(PARCEL.getField("kind").schema(), "RETURN"));
        parcel.put("weight", 0.5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(PARCEL).write(parcel, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** One write to an Avro encoder. */
    private interface Write {
        void to(BinaryEncoder encoder) throws IOException;
    }

    private static byte[] encode(Write... writes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        for (Write write : writes) {
            write.to(encoder);
        }
        encoder.flush();
        return out.toByteArray();
    }
}
