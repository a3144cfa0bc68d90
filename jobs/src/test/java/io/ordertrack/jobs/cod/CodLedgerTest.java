package io.ordertrack.jobs.cod;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.CodDelivery;
import io.ordertrack.avro.CodParcel;
import io.ordertrack.avro.CodPayment;
import io.ordertrack.avro.Remittance;
import io.ordertrack.avro.RemittanceLine;
import io.ordertrack.domain.documents.CodDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The COD ledger in a Flink test harness: a parcel's cash from its delivery and its remittances in
 * either order, a remittance counted once, the overdue alert opened at the end of the cycle and
 * resolved by the remittance that completes the cash, across a restore.
 */
class CodLedgerTest {
    private static final Duration CYCLE = Duration.ofDays(7);
    private static final Duration GRACE = Duration.ofDays(1);
    private static final Duration RETENTION = Duration.ofDays(120);
    private static final Instant DELIVERED = Instant.parse("2026-11-02T08:30:00Z");

    private KeyedTwoInputStreamOperatorTestHarness<String, CodDelivery, CodPayment, CodParcel>
            harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = newHarness();
        harness.open();
    }

    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, CodDelivery, CodPayment, CodParcel>
            newHarness() throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new CodLedger(CYCLE, GRACE, RETENTION)),
                CodLedger::keyOf,
                CodLedger::keyOf,
                Types.STRING);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void aParcelPaidInFullBeforeItsCycleEndsIsRemittedWithNoAlert() throws Exception {
        deliver("DL1", 79_900);
        pay("DL1", "UTR-1", DELIVERED.plus(Duration.ofDays(3)), 79_900);
        watermark(DELIVERED.plus(Duration.ofDays(8)).toEpochMilli());

        CodDocument parcel = latest("DL1");
        assertThat(parcel.state()).isEqualTo("REMITTED");
        assertThat(parcel.remittedPaise()).isEqualTo(79_900);
        assertThat(parcel.outstandingPaise()).isZero();
        assertThat(parcel.differencePaise()).isZero();
        assertThat(parcel.orderId()).isEqualTo("acme:SHOPIFY:DL1-order");
        assertThat(parcel.dueBy()).isEqualTo(DELIVERED.plus(CYCLE));
        assertThat(alerts()).isEmpty();
    }

    @Test
    void aRemittanceBeforeTheDeliveryIsKnownEndsTheSame() throws Exception {
        pay("DL1", "UTR-1", DELIVERED.plus(Duration.ofDays(3)), 79_900);
        assertThat(latest("DL1").state()).isEqualTo("NOT_DELIVERED");
        assertThat(latest("DL1").expectedPaise()).isNull();

        deliver("DL1", 79_900);

        assertThat(latest("DL1").state()).isEqualTo("REMITTED");
        assertThat(latest("DL1").deliveredAt()).isEqualTo(DELIVERED);
    }

    @Test
    void theSameRemittanceTwiceCountsOnceAndASecondDeliveryChangesNothing() throws Exception {
        deliver("DL1", 79_900);
        pay("DL1", "UTR-1", DELIVERED.plus(Duration.ofDays(3)), 40_000);
        int written = parcels().size();

        pay("DL1", "UTR-1", DELIVERED.plus(Duration.ofDays(3)), 40_000);
        pay("DL1", "UTR-1", DELIVERED.plus(Duration.ofDays(4)), 39_900);
        deliver("DL1", 99_900);

        assertThat(parcels()).hasSize(written);
        CodDocument parcel = latest("DL1");
        assertThat(parcel.state()).isEqualTo("SHORT");
        assertThat(parcel.remittedPaise()).isEqualTo(40_000);
        assertThat(parcel.outstandingPaise()).isEqualTo(39_900);
        assertThat(parcel.differencePaise()).isEqualTo(-39_900);
    }

    @Test
    void aShortParcelIsOverdueAtTheEndOfItsCycleUntilItsCashIsComplete() throws Exception {
        deliver("DL1", 79_900);
        pay("DL1", "UTR-1", DELIVERED.plus(Duration.ofDays(3)), 50_000);
        watermark(DELIVERED.plus(CYCLE).toEpochMilli());
        assertThat(alerts()).as("the courier's report may still come").isEmpty();
        watermark(DELIVERED.plus(CYCLE).plus(GRACE).toEpochMilli());

        Alert opened = alerts().get(0);
        assertThat(opened.getType()).isEqualTo(AlertType.COD_REMITTANCE_OVERDUE);
        assertThat(opened.getState()).isEqualTo(AlertState.OPEN);
        assertThat(opened.getOpenedAt()).isEqualTo(DELIVERED.plus(CYCLE));
        assertThat(opened.getOrderId()).isEqualTo("acme:SHOPIFY:DL1-order");
        assertThat(opened.getAwb()).isEqualTo("DL1");
        assertThat(opened.getReasons())
                .containsExactly(
                        "₹799 collected on delivery on 2 Nov 2026; DELHIVERY had remitted ₹500"
                                + " of it when its 7-day remittance cycle ended");
        assertThat(latest("DL1").overdue()).isTrue();

        OperatorSubtaskState snapshot = harness.snapshot(1, 2L);
        harness.close();
        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();

        pay("DL1", "UTR-2", DELIVERED.plus(Duration.ofDays(10)), 29_900);

        Alert resolved = alerts().get(alerts().size() - 1);
        assertThat(resolved.getAlertId()).isEqualTo(opened.getAlertId());
        assertThat(resolved.getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.getVersion()).isEqualTo(opened.getVersion() + 1);
        assertThat(resolved.getResolvedAt()).isEqualTo(DELIVERED.plus(Duration.ofDays(10)));
        CodDocument parcel = latest("DL1");
        assertThat(parcel.state()).isEqualTo("REMITTED");
        assertThat(parcel.overdue()).isFalse();
        assertThat(parcel.remittances())
                .extracting(CodDocument.Remitted::remittanceId)
                .containsExactly("UTR-1", "UTR-2");
    }

    @Test
    void aRemittanceSentAfterTheCycleButReadBeforeItsEndStillMakesTheParcelOverdueUntilThen()
            throws Exception {
        deliver("DL1", 79_900);
        pay("DL1", "UTR-9", DELIVERED.plus(Duration.ofDays(12)), 79_900);
        assertThat(latest("DL1").state()).isEqualTo("REMITTED");

        watermark(DELIVERED.plus(Duration.ofDays(13)).toEpochMilli());

        assertThat(alerts())
                .extracting(Alert::getState, Alert::getOpenedAt, Alert::getResolvedAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                AlertState.OPEN, DELIVERED.plus(CYCLE), null),
                        org.assertj.core.groups.Tuple.tuple(
                                AlertState.RESOLVED,
                                DELIVERED.plus(CYCLE),
                                DELIVERED.plus(Duration.ofDays(12))));
        assertThat(alerts().get(0).getReasons().get(0)).contains("had remitted ₹0 of it");
        assertThat(latest("DL1").overdue()).isFalse();
    }

    @Test
    void anExcessIsNotOwedAndAParcelNeverDeliveredIsNeverOverdue() throws Exception {
        deliver("DL1", 79_900);
        pay("DL1", "UTR-1", DELIVERED.plus(Duration.ofDays(3)), 89_900);
        pay("RT9", "UTR-1", DELIVERED.plus(Duration.ofDays(3)), 45_000);
        watermark(DELIVERED.plus(Duration.ofDays(30)).toEpochMilli());

        assertThat(latest("DL1").state()).isEqualTo("EXCESS");
        assertThat(latest("DL1").differencePaise()).isEqualTo(10_000);
        assertThat(latest("RT9").state()).isEqualTo("NOT_DELIVERED");
        assertThat(latest("RT9").remittedPaise()).isEqualTo(45_000);
        assertThat(alerts()).isEmpty();
    }

    @Test
    void aParcelIsForgottenItsRetentionAfterItsLastChange() throws Exception {
        deliver("DL1", 79_900);
        pay("DL1", "UTR-1", DELIVERED.plus(Duration.ofDays(3)), 79_900);
        Instant reviewed = DELIVERED.plus(CYCLE).plus(GRACE);
        watermark(reviewed.plus(RETENTION).minusMillis(1).toEpochMilli());
        assertThat(harness.numKeyedStateEntries()).isPositive();

        watermark(reviewed.plus(RETENTION).toEpochMilli());

        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aParcelStillOwedIsKeptPastItsRetentionAndSettledByAPaymentMonthsLate() throws Exception {
        deliver("DL1", 79_900);
        watermark(DELIVERED.plus(Duration.ofDays(400)).toEpochMilli());
        assertThat(alerts()).extracting(Alert::getState).containsExactly(AlertState.OPEN);

        pay("DL1", "UTR-LATE", DELIVERED.plus(Duration.ofDays(401)), 79_900);

        assertThat(latest("DL1").state()).isEqualTo("REMITTED");
        assertThat(latest("DL1").deliveredAt()).isEqualTo(DELIVERED);
        assertThat(alerts())
                .extracting(Alert::getState)
                .containsExactly(AlertState.OPEN, AlertState.RESOLVED);
    }

    @Test
    void aRemittanceSentInTimeButReadAfterTheCycleWithinTheGraceRaisesNoAlert() throws Exception {
        deliver("DL1", 79_900);
        watermark(DELIVERED.plus(CYCLE).plusSeconds(3_600).toEpochMilli());
        pay("DL1", "UTR-1", DELIVERED.plus(CYCLE).minusSeconds(3_600), 79_900);
        watermark(DELIVERED.plus(CYCLE).plus(GRACE).toEpochMilli());

        assertThat(alerts()).isEmpty();
        assertThat(latest("DL1").state()).isEqualTo("REMITTED");
    }

    @Test
    void aParcelEndsAtTheSameVersionWhetherItsRemittanceIsReadBeforeOrAfterItsReview()
            throws Exception {
        deliver("DL1", 79_900);
        pay("DL1", "UTR-1", DELIVERED.plus(Duration.ofDays(10)), 79_900);
        watermark(DELIVERED.plus(Duration.ofDays(11)).toEpochMilli());
        deliver("DL2", 79_900);
        watermark(DELIVERED.plus(Duration.ofDays(12)).toEpochMilli());
        pay("DL2", "UTR-1", DELIVERED.plus(Duration.ofDays(10)), 79_900);

        List<CodParcel> dl1 = parcels().stream().filter(p -> p.getAwb().equals("DL1")).toList();
        List<CodParcel> dl2 = parcels().stream().filter(p -> p.getAwb().equals("DL2")).toList();
        assertThat(dl2.get(dl2.size() - 1).getVersion())
                .isEqualTo(dl1.get(dl1.size() - 1).getVersion());
        assertThat(latest("DL2").state()).isEqualTo(latest("DL1").state()).isEqualTo("REMITTED");
        assertThat(alerts())
                .extracting(Alert::getAwb, Alert::getState, Alert::getResolvedAt)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("DL1", AlertState.OPEN, null),
                        org.assertj.core.groups.Tuple.tuple(
                                "DL1", AlertState.RESOLVED, DELIVERED.plus(Duration.ofDays(10))),
                        org.assertj.core.groups.Tuple.tuple("DL2", AlertState.OPEN, null),
                        org.assertj.core.groups.Tuple.tuple(
                                "DL2", AlertState.RESOLVED, DELIVERED.plus(Duration.ofDays(10))));
    }

    @Test
    void aCouriersNameIsOneWhateverTheSpellingOfTheFeedThatNamedTheParcelFirst() throws Exception {
        harness.processElement2(
                new StreamRecord<>(
                        new CodPayment(
                                "acme",
                                "Delhivery",
                                "DL1",
                                "UTR-1",
                                DELIVERED.plus(Duration.ofDays(3)),
                                79_900L),
                        DELIVERED.plus(Duration.ofDays(3)).toEpochMilli()));
        deliver("DL1", 79_900);

        assertThat(latest("DL1").courier()).isEqualTo("DELHIVERY");
        assertThat(latest("DL1").parcelId()).isEqualTo("acme:DELHIVERY:DL1");
        assertThat(latest("DL1").state()).isEqualTo("REMITTED");
    }

    @Test
    void aRemittanceIsSplitIntoOneCashPerParcel() {
        List<CodPayment> payments = new ArrayList<>();
        new RemittancePayments()
                .flatMap(
                        new Remittance(
                                "r1",
                                DELIVERED,
                                "acme",
                                "DELHIVERY",
                                "UTR-1",
                                List.of(
                                        new RemittanceLine("DL1", 50_000L),
                                        new RemittanceLine("DL2", 10_000L),
                                        new RemittanceLine("DL1", 29_900L))),
                        collector(payments));

        assertThat(payments)
                .extracting(CodPayment::getAwb, CodPayment::getAmountPaise)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("DL1", 79_900L),
                        org.assertj.core.groups.Tuple.tuple("DL2", 10_000L));
    }

    private void watermark(long at) throws Exception {
        harness.processBothWatermarks(new Watermark(at));
    }

    private void deliver(String awb, long paise) throws Exception {
        harness.processElement1(
                new StreamRecord<>(
                        new CodDelivery(
                                "acme",
                                "DELHIVERY",
                                awb,
                                "acme:SHOPIFY:" + awb + "-order",
                                "SHOPIFY",
                                awb + "-order",
                                paise,
                                DELIVERED),
                        DELIVERED.toEpochMilli()));
    }

    private void pay(String awb, String remittanceId, Instant at, long paise) throws Exception {
        harness.processElement2(
                new StreamRecord<>(
                        new CodPayment("acme", "DELHIVERY", awb, remittanceId, at, paise),
                        at.toEpochMilli()));
    }

    private List<CodParcel> parcels() {
        return harness.extractOutputValues();
    }

    private CodDocument latest(String awb) {
        List<CodParcel> of = parcels().stream().filter(p -> p.getAwb().equals(awb)).toList();
        return CodDocument.of(of.get(of.size() - 1), CYCLE);
    }

    private List<Alert> alerts() {
        return harness.getSideOutput(CodLedger.ALERTS) == null
                ? List.of()
                : harness.getSideOutput(CodLedger.ALERTS).stream()
                        .map(StreamRecord::getValue)
                        .toList();
    }

    private static <T> Collector<T> collector(List<T> into) {
        return new Collector<>() {
            @Override
            public void collect(T record) {
                into.add(record);
            }

            @Override
            public void close() {}
        };
    }
}
