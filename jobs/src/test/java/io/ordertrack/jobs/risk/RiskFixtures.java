package io.ordertrack.jobs.risk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.avro.Address;
import io.ordertrack.avro.Alert;
import io.ordertrack.avro.Customer;
import io.ordertrack.avro.DeliveryLesson;
import io.ordertrack.avro.Manifest;
import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderItem;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.OutcomeReport;
import io.ordertrack.avro.Parcel;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.domain.delivery.ExpectedDelivery;
import io.ordertrack.domain.lifecycle.CourierCodes;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import io.ordertrack.domain.risk.RtoLearning;
import io.ordertrack.domain.risk.RtoRisk;
import io.ordertrack.jobs.indexing.OrderDocuments;
import io.ordertrack.jobs.indexing.WrittenDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/** Named instants, order builders and the harness of the RTO risk scorer's tests. */
final class RiskFixtures {
    static final Instant PLACED_AT = Instant.parse("2026-11-20T04:30:00Z");
    static final Duration LEARNING_LAG = Duration.ofDays(1);

    /** The job's watermark lags its latest event by this much. */
    static final Duration DISORDER = Duration.ofMinutes(10);

    static final Duration QUIET_AFTER = Duration.ofMinutes(1);
    static final String TENANT = "acme-fashion";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OrderLifecycle lifecycle = new OrderLifecycle(CourierCodes.bundled());
    private int nextEventId;

    /**
     * A scorer instance with a minimum sample of 3 finished orders (and of 3 deliveries per lane),
     * opened on empty state.
     */
    static KeyedBroadcastOperatorTestHarness<String, OrderChange, OutcomeReport, ScoredOrder>
            harness() throws Exception {
        return restored(null);
    }

    /** A new scorer instance restored from a snapshot of another (null: empty state). */
    static KeyedBroadcastOperatorTestHarness<String, OrderChange, OutcomeReport, ScoredOrder>
            restored(OperatorSubtaskState snapshot) throws Exception {
        return restored(snapshot, new ExpectedDelivery.Settings(3, 0.1, 0.9));
    }

    /**
     * A new scorer instance restored from a snapshot of another, predicting deliveries with these
     * settings (null: not predicting).
     */
    static KeyedBroadcastOperatorTestHarness<String, OrderChange, OutcomeReport, ScoredOrder>
            restored(OperatorSubtaskState snapshot, ExpectedDelivery.Settings delivery)
                    throws Exception {
        KeyedBroadcastOperatorTestHarness<String, OrderChange, OutcomeReport, ScoredOrder> harness =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new RtoRiskScorer(
                                        new RtoRisk.Settings(3, 0.15, 60),
                                        new RtoLearning(LEARNING_LAG),
                                        delivery,
                                        Duration.ofDays(120),
                                        QUIET_AFTER),
                                List.of(
                                        RtoRiskScorer.TALLIES,
                                        RtoRiskScorer.RECENT,
                                        RtoRiskScorer.TRANSIT_HOURS,
                                        RtoRiskScorer.TRANSIT_RECENT)),
                        RtoRiskScorer::keyOf,
                        Types.STRING,
                        1,
                        1,
                        0);
        if (snapshot != null) {
            harness.initializeState(snapshot);
        }
        harness.open();
        return harness;
    }

    /** A COD order to PIN code 560001, placed and manifested with Delhivery at {@code at}. */
    OrderState placed(String clientOrderId, String phone, Instant at) {
        OrderState order =
                OrderLifecycle.newOrder(
                        TENANT + ":SHOPIFY:" + clientOrderId, TENANT, "SHOPIFY", clientOrderId);
        OrderDetails details =
                OrderDetails.newBuilder()
                        .setCustomer(
                                new Customer(
                                        "Priya Sharma",
                                        phone,
                                        new Address(
                                                "12 MG Road",
                                                null,
                                                "Bengaluru",
                                                "Karnataka",
                                                "560001")))
                        .setItems(List.of(new OrderItem("KURTA-M", null, 1, 79_900L)))
                        .setPaymentMode(PaymentMode.COD)
                        .setAmountPaise(79_900L)
                        .setParcel(new Parcel(30.0, 20.0, 5.0, 600))
                        .setWarehouseId("WH-BLR-1")
                        .build();
        lifecycle.apply(order, event(clientOrderId, OrderEventType.PLACED, details, at));
        lifecycle.apply(
                order,
                event(
                        clientOrderId,
                        OrderEventType.MANIFESTED,
                        new Manifest("DELHIVERY", "DL" + clientOrderId),
                        at));
        return order;
    }

    /** The courier scans the order's shipment. */
    void scan(OrderState order, ShipmentStatus status, Instant at) {
        lifecycle.apply(order, scanOf(order, status, at));
    }

    /** The courier scans the order's shipment; the scan reaches the job at {@code arrivedAt}. */
    void scan(OrderState order, ShipmentStatus status, Instant at, Instant arrivedAt) {
        lifecycle.apply(order, scanOf(order, status, at), arrivedAt);
    }

    /** A failed delivery attempt. */
    void failed(OrderState order, NdrReason reason, Instant at) {
        TrackingScan scan = scanOf(order, ShipmentStatus.DELIVERY_FAILED, at);
        scan.setNdrReason(reason);
        lifecycle.apply(order, scan);
    }

    /** What the order tracker reports of a delivered or returned order. */
    static OutcomeReport outcomeOf(OrderState order) {
        return new OutcomeReport(
                order.getOrderId(),
                RtoRisk.outcomeOf(order) == RtoRisk.Outcome.RTO,
                RtoRisk.signalsOf(order),
                RtoRisk.knownAt(order),
                ExpectedDelivery.lessonsOf(order).stream()
                        .map(lesson -> new DeliveryLesson(lesson.key(), lesson.hours()))
                        .toList());
    }

    /** The order as it is now: the tracker keeps changing its own. */
    static OrderState copyOf(OrderState order) {
        return OrderState.newBuilder(order).build();
    }

    static List<JsonNode> documents(
            KeyedBroadcastOperatorTestHarness<String, OrderChange, OutcomeReport, ScoredOrder>
                    harness) {
        return WrittenDocuments.of(new OrderDocuments(), harness.extractOutputValues()).stream()
                .map(document -> json(document.getJson()))
                .toList();
    }

    static List<Alert> alerts(
            KeyedBroadcastOperatorTestHarness<String, OrderChange, OutcomeReport, ScoredOrder>
                    harness) {
        return harness.getSideOutput(RtoRiskScorer.ALERTS) == null
                ? List.of()
                : harness.getSideOutput(RtoRiskScorer.ALERTS).stream()
                        .map(StreamRecord::getValue)
                        .toList();
    }

    private static JsonNode json(byte[] text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TrackingScan scanOf(OrderState order, ShipmentStatus status, Instant at) {
        return TrackingScan.newBuilder()
                .setEventId("scan-" + nextEventId++)
                .setEventTime(at)
                .setTenantId(TENANT)
                .setCourier("DELHIVERY")
                .setAwb(order.getAwb())
                .setStatus(status)
                .setRawCode(status.name())
                .build();
    }

    private OrderEvent event(
            String clientOrderId, OrderEventType type, Object details, Instant at) {
        return OrderEvent.newBuilder()
                .setEventId("event-" + nextEventId++)
                .setEventTime(at)
                .setTenantId(TENANT)
                .setChannel("SHOPIFY")
                .setClientOrderId(clientOrderId)
                .setType(type)
                .setDetails(details)
                .build();
    }
}
