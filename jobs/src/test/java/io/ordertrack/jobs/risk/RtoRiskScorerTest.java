package io.ordertrack.jobs.risk;

import static io.ordertrack.jobs.risk.RiskFixtures.DISORDER;
import static io.ordertrack.jobs.risk.RiskFixtures.LEARNING_LAG;
import static io.ordertrack.jobs.risk.RiskFixtures.PLACED_AT;
import static io.ordertrack.jobs.risk.RiskFixtures.QUIET_AFTER;
import static io.ordertrack.jobs.risk.RiskFixtures.copyOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.OutcomeReport;
import io.ordertrack.avro.ShipmentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Orders are scored on every change with what finished orders taught; RTO_RISK follows. */
class RtoRiskScorerTest {
    /** The score of a cash-on-delivery order before anything is learned: COD's assumed rate. */
    private static final int UNLEARNED_COD = 23;

    private final RiskFixtures fixtures = new RiskFixtures();
    private KeyedBroadcastOperatorTestHarness<String, OrderChange, OutcomeReport, ScoredOrder>
            harness;
    private long watermark = Long.MIN_VALUE;

    @BeforeEach
    void openHarness() throws Exception {
        harness = RiskFixtures.harness();
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void anOrderBeforeAnythingIsLearnedScoresThePriorOfItsPaymentMode() throws Exception {
        live(fixtures.placed("1001", "9876543210", PLACED_AT));

        JsonNode risk = lastDocument().path("risk");
        assertThat(risk.path("score").asInt()).isEqualTo(UNLEARNED_COD);
        assertThat(risk.path("reasons").get(0).asText())
                .isEqualTo(
                        "cash on delivery: about 22.5% RTO in Indian e-commerce (none of this"
                                + " seller's own yet)");
        assertThat(risk.path("high").asBoolean()).isFalse();
        assertThat(alerts()).isEmpty();
    }

    @Test
    void aRiskyOrderOpensRtoRiskWhichResolvesOnceDelivered() throws Exception {
        learnThatCodToThisPinCodeReturns(PLACED_AT.minus(Duration.ofDays(10)));
        OrderState order = fixtures.placed("1001", "9876543210", PLACED_AT);
        live(order);

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

        fixtures.scan(order, ShipmentStatus.DELIVERED, PLACED_AT.plus(Duration.ofHours(60)));
        live(order);

        assertThat(alerts()).last().extracting(Alert::getState).isEqualTo(AlertState.RESOLVED);
        assertThat(lastDocument().path("risk").path("score").asInt())
                .as("scored as of its finish, with the same signals and lessons as before it")
                .isEqualTo(document.path("risk").path("score").asInt());
    }

    @Test
    void outcomesCountInOrdersALagAfterTheyFinishedNotBefore() throws Exception {
        Instant finished = PLACED_AT.plus(Duration.ofDays(3));
        learnThatCodToThisPinCodeReturns(finished);

        live(fixtures.placed("1001", "9876543210", finished.plus(LEARNING_LAG).minusSeconds(1)));
        assertThat(lastDocument().path("risk").path("score").asInt())
                .as("learned already, but not yet a lag ago")
                .isEqualTo(UNLEARNED_COD);

        live(fixtures.placed("1002", "9876543210", finished.plus(LEARNING_LAG).plusSeconds(3600)));
        assertThat(lastDocument().path("risk").path("reasons").get(0).asText())
                .startsWith("PIN code 560001: 80% RTO");
    }

    @Test
    void theCustomersReturnedOrdersCountOnceInTheirNextOrdersPlacedALagLater() throws Exception {
        OrderState first = fixtures.placed("1001", "+91 98765-43210", PLACED_AT);
        Instant returned = PLACED_AT.plus(Duration.ofHours(60));
        fixtures.scan(first, ShipmentStatus.RTO_INITIATED, returned);
        live(first);
        live(first);

        live(fixtures.placed("1002", "09876543210", returned.plus(Duration.ofHours(1))));
        assertThat(lastDocument().path("risk").path("reasons").toString())
                .as("placed an hour after the return")
                .doesNotContain("customer returned");

        live(fixtures.placed("1003", "09876543210", returned.plus(LEARNING_LAG).plusSeconds(3600)));
        assertThat(lastDocument().path("risk").path("reasons").toString())
                .contains("customer returned 1 of 1 past orders");
        live(fixtures.placed("1004", "9999999999", returned.plus(Duration.ofDays(3))));
        assertThat(lastDocument().path("risk").path("reasons").toString())
                .doesNotContain("customer returned");
    }

    /**
     * How the tracker's inputs interleave decides which open states of an order the scorer sees;
     * the score a finished order ends with must not depend on it.
     */
    @Test
    void aFinishedOrderEndsWithTheSameScoreWhicheverOfItsOpenStatesTheScorerSaw() throws Exception {
        Instant learnedFrom = PLACED_AT.plus(Duration.ofDays(1));
        Instant pickedUp = learnedFrom.plus(LEARNING_LAG).plus(Duration.ofHours(2));
        Instant delivered = pickedUp.plus(Duration.ofDays(1));

        learnThatCodToThisPinCodeReturns(learnedFrom);
        OrderState order = fixtures.placed("1001", "9876543210", PLACED_AT);
        live(order);
        assertThat(lastDocument().path("risk").path("score").asInt())
                .as("placed before anything counts")
                .isEqualTo(UNLEARNED_COD);
        fixtures.scan(order, ShipmentStatus.PICKED_UP, pickedUp);
        fixtures.scan(order, ShipmentStatus.DELIVERED, delivered);
        live(order);
        JsonNode sawPlacedThenDelivered = lastDocument().path("risk");

        harness.close();
        harness = RiskFixtures.harness();
        watermark = Long.MIN_VALUE;
        learnThatCodToThisPinCodeReturns(learnedFrom);
        OrderState again = fixtures.placed("1001", "9876543210", PLACED_AT);
        live(again);
        fixtures.scan(again, ShipmentStatus.PICKED_UP, pickedUp);
        live(again);
        assertThat(lastDocument().path("risk").path("score").asInt())
                .as("picked up after the lessons count")
                .isGreaterThan(UNLEARNED_COD);
        fixtures.scan(again, ShipmentStatus.DELIVERED, delivered);
        live(again);

        assertThat(lastDocument().path("risk")).isEqualTo(sawPlacedThenDelivered);
        assertThat(sawPlacedThenDelivered.path("reasons").get(0).asText())
                .startsWith("PIN code 560001: 80% RTO");
    }

    @Test
    void anOrderFirstSeenAlreadyDeliveredIsStillScoredOnce() throws Exception {
        OrderState order = fixtures.placed("1001", "9876543210", PLACED_AT);
        fixtures.scan(order, ShipmentStatus.DELIVERED, PLACED_AT.plus(Duration.ofHours(60)));
        live(order);

        assertThat(lastDocument().path("risk").path("score").asInt(-1)).isEqualTo(UNLEARNED_COD);
        assertThat(alerts()).isEmpty();
    }

    @Test
    void anOrderCaughtUpIsScoredOnItsEventsAndWrittenWhenDueWithTheRiskAsLastScored()
            throws Exception {
        OrderState order = fixtures.placed("1001", "9876543210", PLACED_AT);
        harness.watermark(PLACED_AT.toEpochMilli());
        harness.processElement(OrderChange.caughtUp(order), 1);
        assertThat(harness.extractOutputValues()).as("scored, not written").isEmpty();
        learnThatCodToThisPinCodeReturns(PLACED_AT.minus(Duration.ofDays(10)));

        harness.processElement(OrderChange.due(order), 2);

        assertThat(lastDocument().path("orderId").asText()).isEqualTo("acme-fashion:SHOPIFY:1001");
        assertThat(lastDocument().path("risk").path("score").asInt())
                .as("as scored on its event, before the rates were learned")
                .isEqualTo(UNLEARNED_COD);
        assertThat(alerts()).isEmpty();
    }

    @Test
    void aChangeFarAheadOfTheWatermarkWaitsUntilItIsHalfTheLagAhead() throws Exception {
        learnThatCodToThisPinCodeReturns(PLACED_AT.minus(Duration.ofDays(10)));
        harness.watermark(PLACED_AT.minus(Duration.ofDays(2)).toEpochMilli());
        harness.processElement(
                OrderChange.live(fixtures.placed("1001", "9876543210", PLACED_AT)), 1);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isOne();

        harness.watermark(PLACED_AT.minus(LEARNING_LAG.dividedBy(2)).toEpochMilli());

        assertThat(lastDocument().path("risk").path("score").asInt()).isGreaterThanOrEqualTo(60);
        assertThat(alerts()).singleElement();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void whenTheFeedsGoQuietAWaitingChangeIsScoredWithWhatWasLearned() throws Exception {
        harness.watermark(PLACED_AT.minus(Duration.ofDays(2)).toEpochMilli());
        harness.processElement(
                OrderChange.live(fixtures.placed("1001", "9876543210", PLACED_AT)), 1);

        harness.setProcessingTime(QUIET_AFTER.toMillis());

        assertThat(lastDocument().path("risk").path("score").asInt()).isEqualTo(UNLEARNED_COD);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    /** An order as the tracker sends it live: the watermark a little behind its latest event. */
    private void live(OrderState order) throws Exception {
        watermark = Math.max(watermark, order.getLastEventAt().minus(DISORDER).toEpochMilli());
        harness.watermark(watermark);
        harness.processElement(OrderChange.live(copyOf(order)), 1);
    }

    /** Ten finished COD orders to 560001 at {@code finishedAt}, eight RTO; ten elsewhere. */
    private void learnThatCodToThisPinCodeReturns(Instant finishedAt) throws Exception {
        for (int i = 0; i < 10; i++) {
            harness.processBroadcastElement(
                    new OutcomeReport(
                            "past-" + i,
                            i < 8,
                            List.of("acme-fashion|all", "acme-fashion|pincode:560001"),
                            finishedAt,
                            List.of()),
                    i);
        }
        // Enough returns elsewhere for the scores to start from the tenant's own rate.
        for (int i = 0; i < 60; i++) {
            harness.processBroadcastElement(
                    new OutcomeReport(
                            "elsewhere-" + i,
                            i < 22,
                            List.of("acme-fashion|all"),
                            finishedAt,
                            List.of()),
                    i);
        }
    }

    private JsonNode lastDocument() {
        List<JsonNode> documents = RiskFixtures.documents(harness);
        return documents.get(documents.size() - 1);
    }

    private List<Alert> alerts() {
        return RiskFixtures.alerts(harness);
    }
}
