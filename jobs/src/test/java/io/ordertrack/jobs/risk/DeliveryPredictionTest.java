package io.ordertrack.jobs.risk;

import static io.ordertrack.jobs.risk.RiskFixtures.DISORDER;
import static io.ordertrack.jobs.risk.RiskFixtures.PLACED_AT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.OutcomeReport;
import io.ordertrack.avro.ShipmentStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scorer re-predicts an order's delivery on each of its changes from the deliveries the job
 * reported, shows it on the document, and raises EDD_BREACH_PREDICTED while it is after the
 * promised day.
 */
class DeliveryPredictionTest {
    private static final Instant A_WEEK_LATER = PLACED_AT.plus(Duration.ofDays(7));

    private final RiskFixtures fixtures = new RiskFixtures();
    private KeyedBroadcastOperatorTestHarness<String, OrderChange, OutcomeReport, ScoredOrder>
            harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = RiskFixtures.harness();
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void anOrderOnALaneThatDeliveredBeforeIsExpectedAsThoseParcelsWere() throws Exception {
        deliverThreeParcelsTakingFromTheHub(20, 22, 24);
        OrderState order = fixtures.placed("2001", "9876543210", A_WEEK_LATER);
        live(order);
        assertThat(lastDocument().path("deliveryEstimate").isMissingNode()).isTrue();

        Instant atHub = A_WEEK_LATER.plus(Duration.ofHours(30));
        fixtures.scan(order, ShipmentStatus.PICKED_UP, A_WEEK_LATER.plus(Duration.ofHours(4)));
        fixtures.scan(order, ShipmentStatus.AT_DESTINATION_HUB, atHub);
        live(order);

        JsonNode estimate = lastDocument().path("deliveryEstimate");
        assertThat(estimate.path("from").asText()).isEqualTo("AT_DESTINATION_HUB");
        assertThat(estimate.path("lane").asText()).isEqualTo("DELHIVERY WH-BLR-1 → Karnataka");
        assertThat(estimate.path("sample").asLong()).isEqualTo(3);
        // 20, 22 and 24 hours fall in the buckets [20, 22), [22, 24) and [24, 28).
        assertThat(Instant.parse(estimate.path("expectedAt").asText()))
                .isEqualTo(atHub.plus(Duration.ofHours(23)));
        assertThat(Instant.parse(estimate.path("earliest").asText()))
                .isAfter(atHub.plus(Duration.ofHours(20)));
        assertThat(Instant.parse(estimate.path("latest").asText()))
                .isBefore(atHub.plus(Duration.ofHours(28)));
        assertThat(lastDocument().path("expectedDeliveryDate").asText()).isEqualTo("2026-11-29");
    }

    @Test
    void aParcelExpectedAfterThePromisedDayRaisesTheAlertUntilItIsDelivered() throws Exception {
        deliverThreeParcelsTakingFromTheHub(20, 22, 24);
        OrderState order = fixtures.placed("2001", "9876543210", A_WEEK_LATER);
        // At the hub at 16:00 IST on 28 November, expected the next afternoon: promised the 28th.
        order.getDetails().setPromisedDeliveryDate(LocalDate.parse("2026-11-28"));
        fixtures.scan(order, ShipmentStatus.PICKED_UP, A_WEEK_LATER.plus(Duration.ofHours(4)));
        fixtures.scan(
                order, ShipmentStatus.AT_DESTINATION_HUB, A_WEEK_LATER.plus(Duration.ofHours(30)));
        live(order);

        assertThat(lastDocument().path("flags").toString()).contains("EDD_BREACH_PREDICTED");
        assertThat(deliveryAlerts())
                .singleElement()
                .satisfies(
                        alert -> {
                            assertThat(alert.getState()).isEqualTo(AlertState.OPEN);
                            assertThat(alert.getAlertId())
                                    .isEqualTo(
                                            "acme-fashion:EDD_BREACH_PREDICTED:"
                                                    + "acme-fashion:SHOPIFY:2001");
                            assertThat(alert.getReasons().get(0))
                                    .startsWith("expected 29 Nov 15:00 IST")
                                    .endsWith("after the promised 2026-11-28");
                        });

        fixtures.scan(order, ShipmentStatus.DELIVERED, A_WEEK_LATER.plus(Duration.ofHours(53)));
        live(order);

        assertThat(deliveryAlerts())
                .last()
                .extracting(Alert::getState)
                .isEqualTo(AlertState.RESOLVED);
        assertThat(lastDocument().path("deliveryEstimate").isMissingNode()).isTrue();
    }

    @Test
    void aDocumentWrittenWeeksLaterShowsWhatWasPredictedOnTheOrdersLatestEvent() throws Exception {
        deliverThreeParcelsTakingFromTheHub(20, 22, 24);
        OrderState order = atTheHubAWeekLater();
        live(order);
        JsonNode predicted = lastDocument().path("deliveryEstimate");

        // Slower deliveries learned after the order's latest event, then folded in for good.
        deliverParcelsTakingFromTheHub(A_WEEK_LATER.plus(Duration.ofDays(2)), 3, 90, 95, 99);
        harness.watermark(A_WEEK_LATER.plus(Duration.ofDays(30)).toEpochMilli());
        deliverParcelsTakingFromTheHub(A_WEEK_LATER.plus(Duration.ofDays(20)), 6, 90);
        // A timed flag re-writes the document.
        harness.processElement(OrderChange.due(RiskFixtures.copyOf(order)), 2);

        assertThat(lastDocument().path("deliveryEstimate")).isEqualTo(predicted);
        assertThat(predicted.path("sample").asLong()).isEqualTo(3);
    }

    @Test
    void anOrderBeingCaughtUpIsPredictedOnEachEventAndWrittenWithItsLatestPrediction()
            throws Exception {
        deliverThreeParcelsTakingFromTheHub(20, 22, 24);
        OrderState order = atTheHubAWeekLater();
        order.getDetails().setPromisedDeliveryDate(LocalDate.parse("2026-11-28"));
        harness.watermark(order.getLastEventAt().minus(DISORDER).toEpochMilli());

        harness.processElement(OrderChange.caughtUp(RiskFixtures.copyOf(order)), 2);

        assertThat(RiskFixtures.documents(harness)).as("not written yet").isEmpty();
        assertThat(deliveryAlerts())
                .singleElement()
                .extracting(Alert::getState)
                .isEqualTo(AlertState.OPEN);

        harness.processElement(OrderChange.due(RiskFixtures.copyOf(order)), 3);

        JsonNode estimate = lastDocument().path("deliveryEstimate");
        assertThat(estimate.path("from").asText()).isEqualTo("AT_DESTINATION_HUB");
        assertThat(estimate.path("late").asBoolean()).isTrue();
        assertThat(lastDocument().path("flags").toString()).contains("EDD_BREACH_PREDICTED");
    }

    @Test
    void predictionsTurnedOffLeaveNoEstimateAndResolveTheAlert() throws Exception {
        deliverThreeParcelsTakingFromTheHub(20, 22, 24);
        OrderState order = atTheHubAWeekLater();
        order.getDetails().setPromisedDeliveryDate(LocalDate.parse("2026-11-28"));
        live(order);
        assertThat(deliveryAlerts()).singleElement();
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = RiskFixtures.restored(snapshot, null);
        harness.watermark(order.getLastEventAt().minus(DISORDER).toEpochMilli());
        harness.processElement(OrderChange.due(RiskFixtures.copyOf(order)), 2);
        assertThat(lastDocument().path("deliveryEstimate").isMissingNode()).isTrue();
        fixtures.scan(
                order, ShipmentStatus.OUT_FOR_DELIVERY, A_WEEK_LATER.plus(Duration.ofHours(40)));
        live(order);

        assertThat(lastDocument().path("deliveryEstimate").isMissingNode()).isTrue();
        assertThat(lastDocument().path("flags").toString()).doesNotContain("EDD_BREACH_PREDICTED");
        assertThat(deliveryAlerts())
                .singleElement()
                .extracting(Alert::getState)
                .isEqualTo(AlertState.RESOLVED);
    }

    /** An order placed a week after the first ones, at its destination hub 30 hours later. */
    private OrderState atTheHubAWeekLater() {
        OrderState order = fixtures.placed("2001", "9876543210", A_WEEK_LATER);
        fixtures.scan(order, ShipmentStatus.PICKED_UP, A_WEEK_LATER.plus(Duration.ofHours(4)));
        fixtures.scan(
                order, ShipmentStatus.AT_DESTINATION_HUB, A_WEEK_LATER.plus(Duration.ofHours(30)));
        return order;
    }

    /** Three orders delivered the given hours after they reached the destination hub. */
    private void deliverThreeParcelsTakingFromTheHub(int... hours) throws Exception {
        deliverParcelsTakingFromTheHub(PLACED_AT, 0, hours);
    }

    /**
     * Orders placed at {@code placedAt} and delivered the given hours after they reached the
     * destination hub, numbered from {@code first}.
     */
    private void deliverParcelsTakingFromTheHub(Instant placedAt, int first, int... hours)
            throws Exception {
        int i = first;
        for (int taking : hours) {
            OrderState order = fixtures.placed("100" + i, "90000000" + (10 + i), placedAt);
            Instant atHub = placedAt.plus(Duration.ofHours(30));
            fixtures.scan(order, ShipmentStatus.PICKED_UP, placedAt.plus(Duration.ofHours(4)));
            fixtures.scan(order, ShipmentStatus.AT_DESTINATION_HUB, atHub);
            fixtures.scan(order, ShipmentStatus.DELIVERED, atHub.plus(Duration.ofHours(taking)));
            harness.processBroadcastElement(RiskFixtures.outcomeOf(order), i++);
        }
    }

    private void live(OrderState order) throws Exception {
        harness.watermark(order.getLastEventAt().minus(DISORDER).toEpochMilli());
        harness.processElement(OrderChange.live(RiskFixtures.copyOf(order)), 1);
    }

    private JsonNode lastDocument() {
        List<JsonNode> documents = RiskFixtures.documents(harness);
        return documents.get(documents.size() - 1);
    }

    private List<Alert> deliveryAlerts() {
        return RiskFixtures.alerts(harness).stream()
                .filter(alert -> alert.getType() == AlertType.EDD_BREACH_PREDICTED)
                .toList();
    }
}
