package io.ordertrack.api.returns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReturnRowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");

    @Test
    void anOpenReturnsCurrentStepRunsToNowAndEachEarlierOneToTheNext() throws Exception {
        ReturnRow row =
                ReturnRow.of(
                        order(
                                """
                                {"stage": "QC_FAILED", "since": "2026-12-09T12:00:00Z",
                                 "requestedAt": "2026-12-05T12:00:00Z",
                                 "pickedUpAt": "2026-12-06T18:00:00Z",
                                 "receivedAt": "2026-12-08T12:00:00Z",
                                 "inspectedAt": "2026-12-09T12:00:00Z",
                                 "inspectionPassed": false, "inspectionNote": "worn"}
                                """),
                        NOW);

        assertThat(row.open()).isTrue();
        assertThat(row.ageHours()).isEqualTo(24.0);
        assertThat(row.totalHours()).isEqualTo(5 * 24.0);
        assertThat(row.steps())
                .containsExactly(
                        new ReturnRow.Step(
                                "REQUESTED", Instant.parse("2026-12-05T12:00:00Z"), 30.0),
                        new ReturnRow.Step(
                                "PICKED_UP", Instant.parse("2026-12-06T18:00:00Z"), 42.0),
                        new ReturnRow.Step("RECEIVED", Instant.parse("2026-12-08T12:00:00Z"), 24.0),
                        new ReturnRow.Step(
                                "QC_FAILED", Instant.parse("2026-12-09T12:00:00Z"), 24.0));
        assertThat(row.inspectionPassed()).isFalse();
        assertThat(row.refundPaise()).isNull();
    }

    @Test
    void aClosedReturnHasNoWaitingAndItsTotalEndsAtTheDecision() throws Exception {
        ReturnRow row =
                ReturnRow.of(
                        order(
                                """
                                {"stage": "REFUNDED", "since": "2026-12-07T00:00:00Z",
                                 "requestedAt": "2026-12-01T00:00:00Z",
                                 "refundedAt": "2026-12-07T00:00:00Z", "refundPaise": 49900,
                                 "refusedAt": "2026-12-06T00:00:00Z", "refusalReason": "used"}
                                """),
                        NOW);

        assertThat(row.open()).isFalse();
        assertThat(row.ageHours()).isNull();
        assertThat(row.totalHours()).isEqualTo(6 * 24.0);
        assertThat(row.steps())
                .extracting(ReturnRow.Step::step)
                .containsExactly("REQUESTED", "REFUND_REFUSED", "REFUNDED");
        assertThat(row.steps().get(2).hours()).isNull();
        assertThat(row.refundPaise()).isEqualTo(49_900L);
    }

    @Test
    void aStageOfANewerBuildATimeAheadOrAMissingOneStillGiveARow() throws Exception {
        ReturnRow ahead =
                ReturnRow.of(
                        order(
                                """
                                {"stage": "RESTOCKED", "since": "2026-12-10T13:00:00Z",
                                 "requestedAt": "2026-12-10T13:00:00Z"}
                                """),
                        NOW);
        ReturnRow missing = ReturnRow.of(order("{\"stage\": \"RECEIVED\"}"), NOW);

        assertThat(ahead.stage()).isEqualTo("RESTOCKED");
        assertThat(ahead.open()).isTrue();
        assertThat(ahead.ageHours()).isZero();
        assertThat(ahead.steps()).extracting(ReturnRow.Step::hours).containsExactly(0.0);
        assertThat(missing.ageHours()).isNull();
        assertThat(missing.totalHours()).isNull();
        assertThat(missing.steps()).isEmpty();
    }

    private static ObjectNode order(String customerReturn) throws Exception {
        ObjectNode order = JSON.createObjectNode();
        order.put("orderId", "acme:WEB:1");
        order.set("customerReturn", JSON.readTree(customerReturn));
        return order;
    }
}
