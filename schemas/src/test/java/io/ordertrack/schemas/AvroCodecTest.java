package io.ordertrack.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.InventoryEventType;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AvroCodecTest {
    private static final AvroCodec<TrackingScan> SCANS = AvroCodec.of(TrackingScan.class);
    private static final Instant SCANNED_AT = Instant.parse("2026-11-20T09:15:00Z");

    @Test
    void roundTripsARecordWithTheSingleObjectMarkerInFront() {
        TrackingScan scan = scan();

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
        InventoryEvent stock =
                InventoryEvent.newBuilder()
                        .setEventId("inv-1")
                        .setEventTime(SCANNED_AT)
                        .setTenantId("acme")
                        .setSku("TSHIRT-M")
                        .setWarehouseId("BLR-1")
                        .setType(InventoryEventType.RECEIVED)
                        .setQuantity(40)
                        .build();
        byte[] bytes = AvroCodec.of(InventoryEvent.class).encode(stock);

        assertThatThrownBy(() -> SCANS.decode(bytes))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageStartingWith("written with a schema unknown to TrackingScan");
    }

    @Test
    void namesATruncatedBody() {
        byte[] bytes = SCANS.encode(scan());
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

    private static TrackingScan scan() {
        return TrackingScan.newBuilder()
                .setEventId("scan-1")
                .setEventTime(SCANNED_AT)
                .setTenantId("acme")
                .setCourier("DELHIVERY")
                .setAwb("1490211234567")
                .setStatus(ShipmentStatus.IN_TRANSIT)
                .setRawCode("UD")
                .setRawText("Shipment in transit to Bhiwandi hub")
                .build();
    }
}
