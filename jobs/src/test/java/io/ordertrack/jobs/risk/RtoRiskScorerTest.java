package io.ordertrack.jobs.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.avro.Address;
import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.Customer;
import io.ordertrack.avro.Manifest;
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
import io.ordertrack.domain.CourierCodes;
import io.ordertrack.domain.OrderLifecycle;
import io.ordertrack.domain.RtoRisk;
import io.ordertrack.jobs.elasticsearch.IndexedDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Orders are scored on every change with what finished orders taught; RTO_RISK follows. */
class RtoRiskScorerTest {
    private static final Instant PLACED_AT = Instant.parse("2026-11-20T04:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OrderLifecycle lifecycle = new OrderLifecycle(CourierCodes.bundled());
    private KeyedBroadcastOperatorTestHarness<String, OrderChange, OutcomeReport, IndexedDocument>
            harness;
    private int nextEventId;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new RtoRiskScorer(new RtoRisk.Settings(3, 0.15, 60), Duration.ofDays(120)),
                        RtoRiskScorer::keyOf,
                        Types.STRING,
                        RtoRiskScorer.TALLIES);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void anOrderBeforeAnythingIsLearnedScoresThePrior() throws Exception {
        OrderState order = placed("1001", "9876543210");
        harness.processElement(OrderChange.live(order), 1);

        JsonNode risk = lastDocument().path("risk");
        assertThat(risk.path("score").asInt()).isEqualTo(15);
        assertThat(risk.path("high").asBoolean()).isFalse();
        assertThat(alerts()).isEmpty();
    }

    @Test
    void aRiskyOrderOpensRtoRiskWhichResolvesOnceDelivered() throws Exception {
        learnThatCodToThisPinCodeReturns();
        OrderState order = placed("1001", "9876543210");
        harness.processElement(OrderChange.live(order), 1);

        JsonNode document = lastDocument();
        assertThat(document.path("risk").path("score").asInt()).isGreaterThanOrEqualTo(60);
        assertThat(document.path("risk").path("reasons").get(0).asText())
                .startsWith("PIN code 560001: 80% RTO");
        assertThat(document.path("flags").toString()).contains("RTO_RISK_HIGH");
        assertThat(alerts())
                .singleElement()
                .satisfies(
                        alert -> {
                            assertThat(alert.getAlertId())
                                    .isEqualTo("acme-fashion:RTO_RISK:acme-fashion:SHOPIFY:1001");
                            assertThat(alert.getState()).isEqualTo(AlertState.OPEN);
                        });

        lifecycle.apply(order, scan(ShipmentStatus.DELIVERED, 60));
        harness.processElement(OrderChange.live(order), 2);

        assertThat(alerts()).last().extracting(Alert::getState).isEqualTo(AlertState.RESOLVED);
        assertThat(lastDocument().path("risk").path("score").asInt())
                .as("the score is kept as it was before the outcome")
                .isEqualTo(document.path("risk").path("score").asInt());
    }

    @Test
    void theCustomersReturnedOrdersCountOnceInTheirNextOrders() throws Exception {
        OrderState first = placed("1001", "+91 98765-43210");
        lifecycle.apply(first, scan(ShipmentStatus.RTO_INITIATED, 60));
        harness.processElement(OrderChange.live(first), 1);
        harness.processElement(OrderChange.live(first), 2);

        harness.processElement(OrderChange.live(placed("1002", "09876543210")), 3);

        assertThat(lastDocument().path("risk").path("reasons").toString())
                .contains("customer returned 1 of 1 past orders");
        harness.processElement(OrderChange.live(placed("1003", "9999999999")), 4);
        assertThat(lastDocument().path("risk").path("reasons").toString())
                .doesNotContain("customer returned");
    }

    @Test
    void anOrderFirstSeenAlreadyDeliveredIsStillScoredOnce() throws Exception {
        OrderState order = placed("1001", "9876543210");
        lifecycle.apply(order, scan(ShipmentStatus.DELIVERED, 60));
        harness.processElement(OrderChange.live(order), 1);

        assertThat(lastDocument().path("risk").path("score").asInt(-1)).isEqualTo(15);
        assertThat(alerts()).isEmpty();
    }

    private void learnThatCodToThisPinCodeReturns() throws Exception {
        for (int i = 0; i < 10; i++) {
            harness.processBroadcastElement(
                    new OutcomeReport(
                            "past-" + i,
                            i < 8,
                            List.of("acme-fashion|all", "acme-fashion|pincode:560001")),
                    i);
        }
        for (int i = 0; i < 10; i++) {
            harness.processBroadcastElement(
                    new OutcomeReport("elsewhere-" + i, false, List.of("acme-fashion|all")), i);
        }
    }

    @Test
    void anOrderCaughtUpIsScoredOnItsEventsAndWrittenWhenDueWithTheRiskAsLastScored()
            throws Exception {
        OrderState order = placed("1001", "9876543210");
        harness.processElement(OrderChange.caughtUp(order), 1);
        assertThat(harness.extractOutputValues()).as("scored, not written").isEmpty();
        learnThatCodToThisPinCodeReturns();

        harness.processElement(OrderChange.due(order), 2);

        assertThat(lastDocument().path("orderId").asText()).isEqualTo("acme-fashion:SHOPIFY:1001");
        assertThat(lastDocument().path("risk").path("score").asInt())
                .as("as scored on its event, before the rates changed")
                .isEqualTo(15);
        assertThat(alerts()).isEmpty();
    }

    private OrderState placed(String clientOrderId, String phone) {
        OrderState order =
                OrderLifecycle.newOrder(
                        "acme-fashion:SHOPIFY:" + clientOrderId,
                        "acme-fashion",
                        "SHOPIFY",
                        clientOrderId);
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
        lifecycle.apply(order, event(clientOrderId, OrderEventType.PLACED, details));
        lifecycle.apply(
                order,
                event(clientOrderId, OrderEventType.MANIFESTED, new Manifest("DELHIVERY", "DL1")));
        return order;
    }

    private OrderEvent event(String clientOrderId, OrderEventType type, Object details) {
        return OrderEvent.newBuilder()
                .setEventId("event-" + nextEventId++)
                .setEventTime(PLACED_AT)
                .setTenantId("acme-fashion")
                .setChannel("SHOPIFY")
                .setClientOrderId(clientOrderId)
                .setType(type)
                .setDetails(details)
                .build();
    }

    private TrackingScan scan(ShipmentStatus status, int hours) {
        return scanAt(status, PLACED_AT.plus(Duration.ofHours(hours)));
    }

    private TrackingScan scanAt(ShipmentStatus status, Instant at) {
        return TrackingScan.newBuilder()
                .setEventId("scan-" + nextEventId++)
                .setEventTime(at)
                .setTenantId("acme-fashion")
                .setCourier("DELHIVERY")
                .setAwb("DL1")
                .setStatus(status)
                .setRawCode(status.name())
                .build();
    }

    private JsonNode lastDocument() throws Exception {
        List<IndexedDocument> documents = harness.extractOutputValues();
        return JSON.readTree(documents.get(documents.size() - 1).getJson());
    }

    private List<Alert> alerts() {
        return harness.getSideOutput(RtoRiskScorer.ALERTS) == null
                ? List.of()
                : harness.getSideOutput(RtoRiskScorer.ALERTS).stream()
                        .map(StreamRecord::getValue)
                        .toList();
    }
}
