package io.ordertrack.domain.risk;

import static io.ordertrack.domain.lifecycle.OrderFixtures.hoursLater;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.domain.alerts.AlertCondition;
import io.ordertrack.domain.lifecycle.CourierCodes;
import io.ordertrack.domain.lifecycle.OrderFixtures;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RtoRiskTest {
    private static final RtoRisk.Settings SETTINGS = new RtoRisk.Settings(30, 0.15, 60);

    private final RtoRisk risk = new RtoRisk(SETTINGS);
    private final OrderLifecycle lifecycle = new OrderLifecycle(CourierCodes.bundled());
    private final Map<String, RtoRisk.Tally> learned = new HashMap<>();

    @Test
    void aNewSellersOrdersAreRankedByTheFieldsRtoRateOfTheirPaymentMode() throws Exception {
        RtoRisk.Assessment cod = risk.assess(shipped(), learned::get, RtoRisk.Tally.NONE);
        OrderState prepaid = shipped();
        prepaid.getDetails().setPaymentMode(PaymentMode.PREPAID);
        RtoRisk.Assessment prepaidAssessment =
                risk.assess(prepaid, learned::get, RtoRisk.Tally.NONE);

        assertThat(cod.score()).isEqualTo(23);
        assertThat(cod.reasons())
                .containsExactly(
                        "cash on delivery: about 22.5% RTO in Indian e-commerce (none of this"
                                + " seller's own yet)");
        assertThat(prepaidAssessment.score()).isEqualTo(4);
        assertThat(prepaidAssessment.reasons()).isEmpty();
    }

    @Test
    void onceTheSellerHasASampleOfItsOwnTheFieldsRatesNoLongerCount() throws Exception {
        learn("all", 40, 1);

        RtoRisk.Assessment assessment = risk.assess(shipped(), learned::get, RtoRisk.Tally.NONE);

        assertThat(assessment.score()).isEqualTo(15);
        assertThat(assessment.reasons()).isEmpty();
    }

    @Test
    void theScoreStartsFromThePriorAndMovesToTheTenantsRateAsItsReturnsComeBack() throws Exception {
        learn("all", 1000, 20);
        int beforeReturnsCount = risk.assess(shipped(), learned::get, RtoRisk.Tally.NONE).score();
        learn("all", 1500, 150);
        int partly = risk.assess(shipped(), learned::get, RtoRisk.Tally.NONE).score();
        learn("all", 3000, 300);
        int trusted = risk.assess(shipped(), learned::get, RtoRisk.Tally.NONE).score();

        assertThat(beforeReturnsCount).isEqualTo(15);
        assertThat(partly).isLessThan(15).isGreaterThan(10);
        assertThat(trusted).isEqualTo(10);
    }

    @Test
    void aRiskyPaymentModeAndPinCodeRaiseTheScoreAndSayWhy() throws Exception {
        learn("all", 1000, 150);
        learn("payment:COD", 600, 132);
        learn("pincode:560001", 100, 40);
        learn("courier:DELHIVERY", 300, 45);

        RtoRisk.Assessment assessment = risk.assess(shipped(), learned::get, RtoRisk.Tally.NONE);

        assertThat(assessment.score()).isBetween(40, 60);
        assertThat(assessment.reasons())
                .containsExactly(
                        "PIN code 560001: 40% RTO over 100 orders (overall 15%)",
                        "cash on delivery: 22% RTO over 600 orders (overall 15%)");
    }

    @Test
    void aPinCodeWithTooFewOrdersFallsBackToItsState() throws Exception {
        learn("all", 1000, 150);
        learn("state:KARNATAKA", 200, 60);
        int byState = risk.assess(shipped(), learned::get, RtoRisk.Tally.NONE).score();
        learn("pincode:560001", 29, 20);

        RtoRisk.Assessment assessment = risk.assess(shipped(), learned::get, RtoRisk.Tally.NONE);

        assertThat(assessment.reasons())
                .containsExactly(
                        "Karnataka (PIN code 560001 too new): 30% RTO over 200 orders (overall"
                                + " 15%)");
        assertThat(assessment.score()).isEqualTo(byState);
    }

    @Test
    void aSignalWithFewerOrdersThanTheSamplePullsLessAndSaysOverHowFew() throws Exception {
        learn("all", 1000, 150);
        int unknownCourier = risk.assess(shipped(), learned::get, RtoRisk.Tally.NONE).score();
        learn("courier:DELHIVERY", 10, 5);
        RtoRisk.Assessment fewOrders = risk.assess(shipped(), learned::get, RtoRisk.Tally.NONE);
        learn("courier:DELHIVERY", 100, 50);

        RtoRisk.Assessment sampled = risk.assess(shipped(), learned::get, RtoRisk.Tally.NONE);

        assertThat(fewOrders.score()).isGreaterThan(unknownCourier).isLessThan(sampled.score());
        assertThat(fewOrders.reasons())
                .containsExactly("DELHIVERY: 50% RTO over 10 orders (overall 15%)");
        assertThat(sampled.reasons())
                .containsExactly("DELHIVERY: 50% RTO over 100 orders (overall 15%)");
    }

    @Test
    void aFailedDeliveryPullsEvenBeforeItsTallyHasTheSample() throws Exception {
        learn("all", 1000, 150);
        OrderState order = shipped();
        lifecycle.apply(order, OrderFixtures.failed(NdrReason.ADDRESS_INCORRECT, hoursLater(50)));
        int unknown = risk.assess(order, learned::get, RtoRisk.Tally.NONE).score();
        learn("ndr:1", 12, 9);

        RtoRisk.Assessment assessment = risk.assess(order, learned::get, RtoRisk.Tally.NONE);

        assertThat(assessment.score()).isGreaterThan(unknown);
        assertThat(assessment.reasons())
                .containsExactly("1 failed delivery: 75% RTO over 12 orders (overall 15%)");
    }

    @Test
    void aNewSellersPaymentModeStartsAtTheFieldsRateAndMovesWithItsOwnOrders() throws Exception {
        learn("all", 10, 0);
        learn("payment:COD", 10, 0);

        RtoRisk.Assessment assessment = risk.assess(shipped(), learned::get, RtoRisk.Tally.NONE);

        assertThat(assessment.score()).isEqualTo(17);
        assertThat(assessment.reasons())
                .containsExactly(
                        "cash on delivery: about 16.9% RTO (22.5% in Indian e-commerce, 0 of this"
                                + " seller's 10 finished so far returned)");
    }

    @Test
    void beforeReturnsComeBackTheShareOfFailedFirstAttemptsRanksTheOrders() throws Exception {
        // A new seller: its finished orders so far are the quickly delivered ones.
        learn("all", 400, 2);
        learn("first-attempt:all", 1000, 200);
        learn("first-attempt:pincode:560001", 100, 50);
        learn("first-attempt:payment:COD", 600, 130);

        RtoRisk.Assessment assessment = risk.assess(shipped(), learned::get, RtoRisk.Tally.NONE);

        assertThat(assessment.score()).isGreaterThan(SETTINGS.alertThreshold() / 2);
        assertThat(assessment.reasons())
                .containsExactly(
                        "PIN code 560001: 50% of first attempts failed over 100 orders (overall"
                                + " 20%)",
                        "cash on delivery: 22% of first attempts failed over 600 orders (overall"
                                + " 20%)");
    }

    @Test
    void aSignalsFailedFirstAttemptsMeasureItsPullAlsoOnceItsReturnsAreKnown() throws Exception {
        learn("all", 1000, 150);
        learn("pincode:560001", 300, 30);
        learn("first-attempt:all", 1000, 200);
        learn("first-attempt:pincode:560001", 100, 50);

        assertThat(risk.assess(shipped(), learned::get, RtoRisk.Tally.NONE).reasons())
                .containsExactly(
                        "PIN code 560001: 50% of first attempts failed over 100 orders (overall"
                                + " 20%)");
    }

    @Test
    void theFirstAttemptTheJobReadTeachesEvenIfAnEarlierOneArrivesLater() {
        OrderState order = shipped();
        assertThat(RtoRisk.firstAttemptOf(order)).isNull();
        lifecycle.apply(
                order,
                OrderFixtures.scan(ShipmentStatus.DELIVERED, hoursLater(60)),
                hoursLater(61));
        lifecycle.apply(
                order,
                OrderFixtures.failed(NdrReason.CUSTOMER_UNAVAILABLE, hoursLater(50)),
                hoursLater(70));

        assertThat(RtoRisk.firstAttemptOf(order))
                .isEqualTo(new RtoRisk.AttemptLesson(false, hoursLater(61)));
        assertThat(RtoRisk.firstAttemptSignalsOf(order))
                .contains(
                        "acme-fashion|first-attempt:all",
                        "acme-fashion|first-attempt:payment:COD",
                        "acme-fashion|first-attempt:pincode:560001")
                .allMatch(signal -> signal.startsWith("acme-fashion|first-attempt:"));
    }

    @Test
    void failedDeliveriesAndTheCustomersOwnReturnsWeighMost() throws Exception {
        learn("all", 1000, 150);
        learn("ndr:2", 80, 40);
        learn("ndr:2:CUSTOMER_REFUSED", 40, 32);
        OrderState order = shipped();
        lifecycle.apply(order, OrderFixtures.failed(NdrReason.ADDRESS_INCORRECT, hoursLater(50)));
        int afterOne = risk.assess(order, learned::get, RtoRisk.Tally.NONE).score();
        lifecycle.apply(order, OrderFixtures.failed(NdrReason.CUSTOMER_REFUSED, hoursLater(74)));

        RtoRisk.Assessment assessment = risk.assess(order, learned::get, new RtoRisk.Tally(3, 2));

        assertThat(assessment.score()).isGreaterThan(afterOne).isGreaterThanOrEqualTo(80);
        assertThat(assessment.reasons())
                .containsExactly(
                        "2 failed deliveries, latest CUSTOMER_REFUSED: 80% RTO over 40 orders"
                                + " (overall 15%)",
                        "customer returned 2 of 3 past orders");
    }

    @Test
    void theAlertHoldsFromTheThresholdWhileTheOrderIsOpen() {
        RtoRisk.Assessment high = new RtoRisk.Assessment(85, java.util.List.of("COD"));

        assertThat(risk.conditions(high, RtoRisk.Outcome.OPEN).get(AlertType.RTO_RISK))
                .isEqualTo(
                        new AlertCondition(
                                AlertSeverity.CRITICAL, java.util.List.of("RTO risk 85", "COD")));
        assertThat(
                        risk.conditions(
                                new RtoRisk.Assessment(59, java.util.List.of()),
                                RtoRisk.Outcome.OPEN))
                .isEmpty();
        assertThat(risk.conditions(high, RtoRisk.Outcome.RTO)).isEmpty();
    }

    @Test
    void aFinishedOrderTeachesEverySignalItHadOnceTenantScoped() {
        OrderState order = shipped();
        lifecycle.apply(order, OrderFixtures.failed(NdrReason.CUSTOMER_REFUSED, hoursLater(50)));
        lifecycle.apply(order, OrderFixtures.scan(ShipmentStatus.RTO_INITIATED, hoursLater(70)));

        assertThat(RtoRisk.outcomeOf(order)).isEqualTo(RtoRisk.Outcome.RTO);
        assertThat(RtoRisk.signalsOf(order))
                .containsExactly(
                        "acme-fashion|all",
                        "acme-fashion|payment:COD",
                        "acme-fashion|pincode:560001",
                        "acme-fashion|state:KARNATAKA",
                        "acme-fashion|courier:DELHIVERY",
                        "acme-fashion|ndr:1",
                        "acme-fashion|ndr:1:CUSTOMER_REFUSED");
        assertThat(RtoRisk.customerOf(order)).isEqualTo("acme-fashion:9876543210");
    }

    @Test
    void anOrderFinishesWhenDeliveredOrFirstReturnedWhateverOrderItsScansCameIn() {
        OrderState open = shipped();
        assertThat(RtoRisk.finishedAt(open)).isNull();

        OrderState delivered = shipped();
        lifecycle.apply(delivered, OrderFixtures.scan(ShipmentStatus.DELIVERED, hoursLater(60)));
        assertThat(RtoRisk.finishedAt(delivered)).isEqualTo(hoursLater(60));

        OrderState returned = shipped();
        lifecycle.apply(
                returned, OrderFixtures.scan(ShipmentStatus.RTO_IN_TRANSIT, hoursLater(80)));
        lifecycle.apply(returned, OrderFixtures.scan(ShipmentStatus.RTO_INITIATED, hoursLater(70)));
        assertThat(RtoRisk.finishedAt(returned)).isEqualTo(hoursLater(70));
    }

    @Test
    void anOutcomeIsKnownWhenWhatShowedItReachedTheJobIfThatWasLater() {
        OrderState onTime = shipped();
        lifecycle.apply(onTime, OrderFixtures.scan(ShipmentStatus.DELIVERED, hoursLater(60)));
        assertThat(RtoRisk.knownAt(onTime)).isEqualTo(hoursLater(60));

        OrderState late = shipped();
        lifecycle.apply(
                late,
                OrderFixtures.scan(ShipmentStatus.RTO_INITIATED, hoursLater(70)),
                hoursLater(95));
        assertThat(RtoRisk.knownAt(late)).isEqualTo(hoursLater(95));
        assertThat(RtoRisk.knownAt(shipped())).isNull();
    }

    @Test
    void anOrderFinishedByScansReadBeforeItsManifestIsKnownOnceTheManifestArrived() {
        OrderState order = OrderFixtures.newOrder();
        lifecycle.apply(order, OrderFixtures.placed(hoursLater(0)), hoursLater(0));
        lifecycle.apply(
                order,
                OrderFixtures.scan(ShipmentStatus.PICKED_UP, hoursLater(20)),
                hoursLater(20));
        lifecycle.apply(
                order,
                OrderFixtures.scan(ShipmentStatus.DELIVERED, hoursLater(60)),
                hoursLater(60));
        // The courier, a signal the outcome teaches, is known only from the manifest, which the
        // tracker waits for before it reports the outcome.
        lifecycle.apply(order, OrderFixtures.manifested(hoursLater(2)), hoursLater(80));

        assertThat(RtoRisk.knownAt(order)).isEqualTo(hoursLater(80));
    }

    @Test
    void whatTheModelReadsOfAnOrderKnowsWhenItsOutcomeWasKnown() {
        OrderState late = shipped();
        lifecycle.apply(
                late,
                OrderFixtures.scan(ShipmentStatus.IN_TRANSIT, hoursLater(30)),
                hoursLater(31));
        lifecycle.apply(
                late, OrderFixtures.scan(ShipmentStatus.DELIVERED, hoursLater(60)), hoursLater(95));

        OrderState inputs = RtoRisk.inputsOf(late);

        assertThat(RtoRisk.knownAt(inputs)).isEqualTo(hoursLater(95));
        assertThat(inputs.getTimeline()).as("not the timeline").isEmpty();
    }

    private OrderState shipped() {
        OrderState order = OrderFixtures.newOrder();
        lifecycle.apply(order, OrderFixtures.placed(hoursLater(0)));
        lifecycle.apply(order, OrderFixtures.manifested(hoursLater(2)));
        lifecycle.apply(order, OrderFixtures.scan(ShipmentStatus.PICKED_UP, hoursLater(20)));
        return order;
    }

    private void learn(String signal, long orders, long rto) {
        learned.put("acme-fashion|" + signal, new RtoRisk.Tally(orders, rto));
    }
}
