package io.ordertrack.jobs.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertReview;
import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.HeldRecord;
import io.ordertrack.avro.Manifest;
import io.ordertrack.avro.NdrActionTaken;
import io.ordertrack.avro.NdrActionType;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackedOrder;
import io.ordertrack.domain.alerts.AlertThresholds;
import io.ordertrack.domain.alerts.FeedWaits;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import io.ordertrack.jobs.state.ArrivalOrder;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The tracker's one state value as RocksDB keeps it (serialised with the serializer Flink chooses
 * for it, read back on every access): what the tracker does with it in place still works on the
 * value read back.
 */
class TrackedOrderSerializationTest {
    private final TypeSerializer<TrackedOrder> serializer =
            TypeInformation.of(TrackedOrder.class).createSerializer(new SerializerConfigImpl());

    @Test
    void anEmptyValueReadsBackWithNoTimesSet() throws Exception {
        TrackedOrder read = roundTrip(OrderStore.empty());

        assertThat(read.getOrder()).isNull();
        assertThat(read.getAlerts()).isEmpty();
        assertThat(read.getReviews()).isEmpty();
        assertThat(read.getCheckedUntil()).isEqualTo(OrderStore.NONE);
        assertThat(read.getWriteAt()).isEqualTo(OrderStore.NONE);
        assertThat(read.getCleanupAt()).isEqualTo(OrderStore.NONE);
        assertThat(read.getForgottenAt()).isEqualTo(OrderStore.NONE);
    }

    @Test
    void alertsAreFoundByTypeNameAndReviewsRemovedInPlaceAfterReadingBack() throws Exception {
        TrackedOrder tracked = OrderStore.empty();
        Alert ndr =
                Alert.newBuilder()
                        .setEventId("event-1")
                        .setEventTime(Instant.parse("2026-12-01T10:00:00Z"))
                        .setTenantId("acme-fashion")
                        .setAlertId("order-1:NDR")
                        .setType(AlertType.NDR)
                        .setSeverity(AlertSeverity.CRITICAL)
                        .setState(AlertState.OPEN)
                        .setOpenedAt(Instant.parse("2026-12-01T10:00:00Z"))
                        .setUpdatedAt(Instant.parse("2026-12-01T10:00:00Z"))
                        .build();
        tracked.getAlerts().put(AlertType.NDR.name(), ndr);
        tracked.getReviews().add(new AlertReview(1_000L, true));
        tracked.getReviews().add(new AlertReview(2_000L, false));
        tracked.setCleanupAt(5_000L);

        TrackedOrder read = roundTrip(tracked);
        AlertKeeper keeper = new AlertKeeper(AlertThresholds.DEFAULT, FeedWaits.DEFAULT);
        boolean due = keeper.reviewDue(read, 1_000L);
        read.getAlerts().put(AlertType.EDD_BREACH.name(), ndr);

        assertThat(due).isTrue();
        assertThat(read.getAlerts().get(AlertType.NDR.name()).getAlertId())
                .isEqualTo("order-1:NDR");
        assertThat(read.getReviews()).extracting(AlertReview::getAt).containsExactly(2_000L);
        assertThat(roundTrip(read).getAlerts()).containsOnlyKeys("NDR", "EDD_BREACH");
        assertThat(read.getCleanupAt()).isEqualTo(5_000L);
    }

    @Test
    void heldRecordsReadBackAreReleasedByArrivalTheOrderEventFirstAndTheLaterOneKept()
            throws Exception {
        OrderEvents events = new OrderEvents();
        TrackedOrder tracked = OrderStore.empty();
        RoutedScan pickedUp = events.scan(ShipmentStatus.PICKED_UP, 2);
        OrderEvent manifested =
                events.event(OrderEventType.MANIFESTED, 1, new Manifest("DELHIVERY", "DL1001"));
        RoutedScan inTransit = events.scan(ShipmentStatus.IN_TRANSIT, 3);
        tracked.getHeld().add(HeldRecords.held(TrackerInput.of(pickedUp), 2_000L));
        tracked.getHeld().add(HeldRecords.held(TrackerInput.of(manifested), 2_000L));
        tracked.getHeld().add(HeldRecords.held(TrackerInput.of(inTransit), 3_000L));

        TrackedOrder read = roundTrip(tracked);
        // Something is still held afterwards: the quiet check stays, no timer is touched.
        List<ArrivalOrder.Arrived<TrackerInput>> released =
                new HeldRecords(OrderEvents.QUIET_AFTER).arrivedBy(2_000L, read, null);

        assertThat(released)
                .extracting(ArrivalOrder.Arrived::arrivedAt)
                .containsExactly(2_000L, 2_000L);
        assertThat(released.get(0).input().getEvent()).isEqualTo(manifested);
        RoutedScan scan = released.get(1).input().getScan();
        assertThat(scan.getScan()).isEqualTo(pickedUp.getScan());
        assertThat(scan.getOrderId()).isEqualTo(OrderEvents.ORDER_ID);
        assertThat(scan.getClientOrderId()).isEqualTo("1001");
        assertThat(read.getHeld()).extracting(HeldRecord::getArrivedAt).containsExactly(3_000L);
        assertThat(roundTrip(read).getHeld().get(0).getScan().getScan())
                .isEqualTo(inTransit.getScan());
    }

    /**
     * The order inside keeps every field of its own schema, the newest too: a stale generated
     * TrackedOrder (its nested OrderState schema older than the class) would read it back without.
     */
    @Test
    void theOrderReadsBackWithItsNewestFields() throws Exception {
        TrackedOrder tracked = OrderStore.empty();
        OrderState order =
                OrderLifecycle.newOrder(OrderEvents.ORDER_ID, "acme-fashion", "SHOPIFY", "1001");
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        order.getNdrActions()
                .add(
                        new NdrActionTaken(
                                1, NdrActionType.RETURN, at, at, null, false, false, "ndr-1"));
        order.setNdrActionDueBy(at);
        tracked.setOrder(order);

        OrderState read = roundTrip(tracked).getOrder();

        assertThat(read.getNdrActions())
                .extracting(NdrActionTaken::getAction)
                .containsExactly(NdrActionType.RETURN);
        assertThat(read.getNdrActionDueBy()).isEqualTo(at);
        assertThat(serializer.copy(tracked).getOrder().getNdrActions()).hasSize(1);
    }

    private TrackedOrder roundTrip(TrackedOrder tracked) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(tracked, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
