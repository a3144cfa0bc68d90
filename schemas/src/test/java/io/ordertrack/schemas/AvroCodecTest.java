package io.ordertrack.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.TrackingScan;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AvroCodecTest {
    private static final AvroCodec<TrackingScan> SCANS = AvroCodec.of(TrackingScan.class);

    @Test
    void roundTripsARecordWithTheSingleObjectMarkerInFront() {
        TrackingScan scan = TopicSamples.scan();

        byte[] bytes = SCANS.encode(scan);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(SCANS.decode(bytes)).isEqualTo(scan);
    }

    @Test
    void namesForeignBytes() {
        byte[] json = "{\"awb\":\"123\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SCANS.decode(json))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageStartingWith("not Avro single-object encoding");
    }

    @Test
    void namesARecordOfAnotherSchema() {
        InventoryEvent stock = TopicSamples.stockReceived();
        byte[] bytes = AvroCodec.of(InventoryEvent.class).encode(stock);

        assertThatThrownBy(() -> SCANS.decode(bytes))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageStartingWith("written with a schema unknown to TrackingScan");
    }

    @Test
    void namesATruncatedBody() {
        byte[] bytes = SCANS.encode(TopicSamples.scan());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 12);

        assertThatThrownBy(() -> SCANS.decode(truncated))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageStartingWith("unreadable TrackingScan body");
    }

    @Test
    void namesAnEmptyValue() {
        assertThatThrownBy(() -> SCANS.decode(new byte[0]))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessage("empty record value");
    }

    @Test
    void refusesAnEighteenByteRecordDeclaringATwoGigabyteString() {
        byte[] header =
                Arrays.copyOf(
                        AvroCodec.of(OrderEvent.class).encode(TopicSamples.placedOrder()), 10);
        byte[] bomb = Arrays.copyOf(header, 18);
        System.arraycopy(zigZagVarint(2_000_000_000L), 0, bomb, 10, 5);

        assertThatThrownBy(() -> AvroCodec.of(OrderEvent.class).decode(bomb))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessage(
                        "unreadable OrderEvent body: declares a string of 2000000000 bytes with 3"
                                + " bytes left");
    }

    @Test
    void refusesOrderItemsMoreNumerousThanTheRecordsBytes() {
        AvroCodec<OrderEvent> orders = AvroCodec.of(OrderEvent.class);
        byte[] order = orders.encode(TopicSamples.placedOrder());
        byte[] oneItem = zigZagVarint(1);
        int at = indexOfItemCount(order, oneItem);
        byte[] bomb = new byte[order.length + 4];
        System.arraycopy(order, 0, bomb, 0, at);
        System.arraycopy(zigZagVarint(Integer.MAX_VALUE), 0, bomb, at, 5);
        System.arraycopy(order, at + 1, bomb, at + 5, order.length - at - 1);

        assertThatThrownBy(() -> orders.decode(bomb))
                .hasMessageStartingWith(
                        "unreadable OrderEvent body: declares 2147483647 array items with");
    }

    /** Where the sample order's item count (1) sits: right after its customer's PIN code. */
    private static int indexOfItemCount(byte[] order, byte[] oneItem) {
        byte[] pincode = "560001".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + pincode.length < order.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(order, i, i + pincode.length), pincode)) {
                assertThat(order[i + pincode.length]).isEqualTo(oneItem[0]);
                return i + pincode.length;
            }
        }
        throw new AssertionError("no PIN code in the sample order");
    }

    private static byte[] zigZagVarint(long value) {
        long raw = (value << 1) ^ (value >> 63);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while ((raw & ~0x7FL) != 0) {
            out.write((int) ((raw & 0x7F) | 0x80));
            raw >>>= 7;
        }
        out.write((int) raw);
        return out.toByteArray();
    }
}
