package io.ordertrack.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.avro.Address;
import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.Customer;
import io.ordertrack.avro.MetricChange;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.Parcel;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.avro.ShipmentOutcome;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import io.ordertrack.jobs.elasticsearch.IndexedDocument;
import io.ordertrack.jobs.indexing.MetricDocuments;
import io.ordertrack.jobs.indexing.WrittenDocuments;
import io.ordertrack.jobs.tracking.OrderTracker;
import io.ordertrack.jobs.tracking.ShipmentUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * Each shipment is counted once in its cohort, as its order says now: a change retracts what was
 * counted before; the cohort's document is written once per flush interval, or per catch-up delay
 * while its changes are replayed.
 */
class ShipmentAnalyticsTest {
    private static final Instant DISPATCHED = Instant.parse("2026-11-20T07:40:00Z");
    private static final Duration FLUSH = Duration.ofSeconds(1);
    private static final OrderTracker.Writes WRITES = OrderTracker.Writes.DEFAULT;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aChangedOrderRetractsWhatWasCountedAndCountsItAnewAndNothingElseSendsAnything()
            throws Exception {
        try (var analytics = analytics()) {
            analytics.processElement1(shipment(order("1001", DISPATCHED)), 0);
            analytics.processElement1(shipment(order("1001", DISPATCHED)), 0);
            analytics.processElement1(shipment(delivered(order("1001", DISPATCHED), 26)), 0);

            List<MetricChange> changes = analytics.extractOutputValues();
            assertThat(changes).extracting(MetricChange::getSign).containsExactly(1, -1, 1);
            assertThat(changes.get(1)).isEqualTo(new MetricChange(-1, changes.get(0).getFacts()));
            assertThat(changes.get(2).getFacts().getOutcome()).isEqualTo(ShipmentOutcome.DELIVERED);
            assertThat(changes.get(2).getFacts().getTurnaroundMinutes()).isEqualTo(26 * 60);
        }
    }

    @Test
    void aStuckAlertMarksTheShipmentOnceAlsoWhenItCameBeforeTheShipment() throws Exception {
        try (var analytics = analytics()) {
            analytics.processElement1(shipment(order("1001", DISPATCHED)), 0);
            analytics.processElement2(stuckAlert("1001", AlertState.OPEN), 0);
            analytics.processElement2(stuckAlert("1001", AlertState.OPEN), 0);
            analytics.processElement2(stuckAlert("1002", AlertState.OPEN), 0);
            analytics.processElement1(shipment(order("1002", DISPATCHED)), 0);

            List<MetricChange> changes = analytics.extractOutputValues();
            assertThat(changes)
                    .extracting(c -> c.getSign() + " " + c.getFacts().getStuck())
                    .containsExactly("1 false", "-1 false", "1 true", "1 true");
        }
    }

    @Test
    void theRollupWritesACohortOncePerIntervalAndAnEmptiedCohortWithZerosThenForgetsIt()
            throws Exception {
        try (var rollup = rollup()) {
            rollup.setProcessingTime(1_000);
            MetricChange first = new MetricChange(1, facts("1001", 0));
            MetricChange second = new MetricChange(1, facts("1002", 26));
            rollup.processElement(first, 0);
            rollup.processElement(second, 0);
            assertThat(rollup.extractOutputValues()).isEmpty();

            rollup.setProcessingTime(2_000);
            List<IndexedDocument> written = written(rollup);
            assertThat(written).hasSize(1);
            JsonNode cohort = JSON.readTree(written.get(0).getJson());
            assertThat(cohort.path("shipments").asLong()).isEqualTo(2);
            assertThat(cohort.path("delivered").asLong()).isEqualTo(1);
            assertThat(cohort.path("turnaroundMinutes").get(0).asLong()).isEqualTo(26 * 60);
            assertThat(written.get(0).getId()).isEqualTo(MetricsRollup.keyOf(first));
            assertThat(written.get(0).getVersion()).isEqualTo(2_000);

            rollup.processElement(new MetricChange(-1, first.getFacts()), 0);
            rollup.processElement(new MetricChange(-1, second.getFacts()), 0);
            rollup.setProcessingTime(3_000);

            JsonNode emptied = JSON.readTree(written(rollup).get(1).getJson());
            assertThat(emptied.path("shipments").asLong()).isZero();
            assertThat(emptied.has("turnaroundMinutes")).isFalse();
            assertThat(rollup.numKeyedStateEntries()).isZero();
            assertThat(rollup.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void aReplayedChangeWaitsForTheCatchUpDelayUnlessALiveChangeBringsTheWriteForward()
            throws Exception {
        long now = DISPATCHED.plus(Duration.ofDays(3)).toEpochMilli();
        long replayed = DISPATCHED.toEpochMilli();
        try (var rollup = rollup()) {
            rollup.setProcessingTime(now);
            rollup.processElement(new MetricChange(1, facts("1001", 0)), replayed);
            rollup.processElement(new MetricChange(1, facts("1002", 0)), replayed);
            rollup.setProcessingTime(now + FLUSH.toMillis());
            assertThat(rollup.extractOutputValues()).isEmpty();

            rollup.setProcessingTime(now + WRITES.catchUpDelay().toMillis());
            assertThat(rollup.extractOutputValues()).hasSize(1);

            long later = now + WRITES.catchUpDelay().toMillis() + 1;
            rollup.processElement(new MetricChange(1, facts("1003", 0)), replayed);
            rollup.processElement(new MetricChange(1, facts("1004", 0)), later);
            rollup.setProcessingTime(later + FLUSH.toMillis());
            List<IndexedDocument> written = written(rollup);
            assertThat(written).hasSize(2);
            assertThat(JSON.readTree(written.get(1).getJson()).path("shipments").asLong())
                    .isEqualTo(4);
            assertThat(rollup.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void whileTheJobCatchesUpACohortIsWrittenOnceTheBacklogIsDrained() throws Exception {
        long now = DISPATCHED.plus(Duration.ofDays(3)).toEpochMilli();
        int seconds = 30;
        try (var rollup = rollup()) {
            replay(rollup, now, seconds);
            assertThat(rollup.extractOutputValues())
                    .as("nothing written while the replay goes on")
                    .isEmpty();

            rollup.setProcessingTime(now + seconds * 1_000L + WRITES.catchUpDelay().toMillis());
            List<IndexedDocument> written = written(rollup);
            assertThat(written).hasSize(1);
            assertThat(JSON.readTree(written.get(0).getJson()).path("shipments").asLong())
                    .isEqualTo(seconds);
            assertThat(rollup.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void aLiveChangeIsWrittenAtItsDueTimeEvenWhileTheJobCatchesUp() throws Exception {
        long now = DISPATCHED.plus(Duration.ofDays(3)).toEpochMilli();
        long delay = WRITES.catchUpDelay().toMillis();
        try (var rollup = rollup()) {
            replay(rollup, now, 10);
            // Half a second before the caught-up write falls due, a live change: the write due
            // then stays, and goes although other partitions are still catching up.
            rollup.setProcessingTime(now + delay - 500);
            rollup.processElement(new MetricChange(1, facts("1002", 0)), now + delay - 500);
            rollup.setProcessingTime(now + delay);

            List<IndexedDocument> written = written(rollup);
            assertThat(written).hasSize(1);
            assertThat(JSON.readTree(written.get(0).getJson()).path("shipments").asLong())
                    .isEqualTo(11);
        }
    }

    /**
     * A replay racing on, an hour of the feeds' clock per second of wall clock from {@code now}: a
     * shipment of the cohort each second.
     */
    private static void replay(
            KeyedOneInputStreamOperatorTestHarness<String, MetricChange, CohortWrite> rollup,
            long now,
            int seconds)
            throws Exception {
        long replayed = DISPATCHED.toEpochMilli();
        for (int second = 0; second < seconds; second++) {
            long eventTime = replayed + second * Duration.ofHours(1).toMillis();
            rollup.processWatermark(eventTime);
            rollup.setProcessingTime(now + second * 1_000L);
            rollup.processElement(
                    new MetricChange(1, facts(String.valueOf(1001 + second), 0)), eventTime);
        }
    }

    /** The documents the order-metrics index receives for the writes the rollup emitted. */
    private static List<IndexedDocument> written(
            KeyedOneInputStreamOperatorTestHarness<String, MetricChange, CohortWrite> rollup) {
        return WrittenDocuments.of(new MetricDocuments(), rollup.extractOutputValues());
    }

    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, ShipmentUpdate, Alert, MetricChange>
            analytics() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new ShipmentAnalytics(Duration.ofDays(120)),
                ShipmentUpdate::getOrderId,
                Alert::getOrderId,
                Types.STRING);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, MetricChange, CohortWrite>
            rollup() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new MetricsRollup(FLUSH, WRITES, Duration.ofDays(120)),
                MetricsRollup::keyOf,
                Types.STRING);
    }

    /** An order placed with COD to Bengaluru, manifested with Delhivery, maybe dispatched. */
    private static OrderState order(String clientOrderId, Instant dispatchedAt) {
        OrderState order =
                OrderLifecycle.newOrder(
                        "acme-fashion:SHOPIFY:" + clientOrderId,
                        "acme-fashion",
                        "SHOPIFY",
                        clientOrderId);
        order.setDetails(
                OrderDetails.newBuilder()
                        .setCustomer(
                                new Customer(
                                        "Priya Sharma",
                                        "9876543210",
                                        new Address(
                                                "12 MG Road",
                                                null,
                                                "Bengaluru",
                                                "Karnataka",
                                                "560001")))
                        .setItems(List.of())
                        .setPaymentMode(PaymentMode.COD)
                        .setAmountPaise(79_900L)
                        .setParcel(new Parcel(30.0, 20.0, 5.0, 600))
                        .setWarehouseId("WH-BLR-1")
                        .build());
        order.setCourier("DELHIVERY");
        if (dispatchedAt != null) {
            order.getMilestones().put("DISPATCHED", dispatchedAt);
        }
        return order;
    }

    /** What the order tracker sends of an order that has left the warehouse. */
    private static ShipmentUpdate shipment(OrderState order) {
        return new ShipmentUpdate(
                order.getOrderId(),
                io.ordertrack.domain.analytics.ShipmentMetrics.factsOf(order, false));
    }

    private static OrderState delivered(OrderState order, int hoursAfterDispatch) {
        order.getMilestones()
                .put("DELIVERED", DISPATCHED.plus(Duration.ofHours(hoursAfterDispatch)));
        order.setShipmentStatus(io.ordertrack.avro.ShipmentStatus.DELIVERED);
        return order;
    }

    private static io.ordertrack.avro.ShipmentFacts facts(
            String clientOrderId, int deliveredHoursAfterDispatch) {
        OrderState order = order(clientOrderId, DISPATCHED);
        if (deliveredHoursAfterDispatch > 0) {
            delivered(order, deliveredHoursAfterDispatch);
        }
        return io.ordertrack.domain.analytics.ShipmentMetrics.factsOf(order, false);
    }

    private static Alert stuckAlert(String clientOrderId, AlertState state) {
        return Alert.newBuilder()
                .setEventId("alert-" + clientOrderId)
                .setEventTime(DISPATCHED)
                .setTenantId("acme-fashion")
                .setAlertId("STUCK_IN_TRANSIT:" + clientOrderId)
                .setType(AlertType.STUCK_IN_TRANSIT)
                .setSeverity(AlertSeverity.WARNING)
                .setState(state)
                .setOrderId("acme-fashion:SHOPIFY:" + clientOrderId)
                .setOpenedAt(DISPATCHED)
                .setUpdatedAt(DISPATCHED)
                .build();
    }
}
