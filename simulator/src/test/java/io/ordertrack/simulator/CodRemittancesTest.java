package io.ordertrack.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.Remittance;
import io.ordertrack.avro.RemittanceLine;
import io.ordertrack.schemas.EventValidation;
import io.ordertrack.schemas.RecordKeys;
import io.ordertrack.simulator.Oracle.CodTruth;
import io.ordertrack.simulator.Oracle.OrderTruth;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The couriers' remittances of a messy run, read back from the feed, pay each COD parcel what the
 * oracle says, and every way a parcel's cash can end occurs.
 */
class CodRemittancesTest {
    private static Feed feed;
    private static Map<String, CodTruth> truths;

    @BeforeAll
    static void run() {
        feed = Feed.of(SimulationOptions.defaults(7, 6_000));
        truths =
                feed.oracle.cod().stream()
                        .collect(
                                Collectors.toMap(
                                        CodRemittancesTest::parcelOf, Function.identity()));
    }

    @Test
    void eachParcelIsPaidWhatTheOracleSaysCountingAResentRemittanceOnce() {
        Map<String, Long> remitted = new HashMap<>();
        Set<String> seen = new HashSet<>();
        int resent = 0;
        for (Remittance remittance : feed.remittances) {
            assertThat(EventValidation.problemOf(remittance)).isEmpty();
            if (!seen.add(RecordKeys.of(remittance))) {
                resent++;
                continue;
            }
            for (RemittanceLine line : remittance.getLines()) {
                remitted.merge(
                        RecordKeys.shipment(
                                remittance.getTenantId(), remittance.getCourier(), line.getAwb()),
                        line.getAmountPaise(),
                        Long::sum);
            }
        }

        assertThat(resent).isPositive();
        truths.forEach(
                (parcel, truth) ->
                        assertThat(remitted.getOrDefault(parcel, 0L))
                                .as(parcel)
                                .isEqualTo(truth.remittedPaise()));
        assertThat(truths.keySet()).containsAll(remitted.keySet());
    }

    @Test
    void everyDeliveredCodOrderOwesItsAmountAndEveryWayItsCashEndsOccurs() {
        Set<String> deliveredCod = new HashSet<>();
        for (OrderTruth order : feed.oracle.orders()) {
            if (order.paymentMode().equals("COD") && order.truth().deliveredAt() != null) {
                String parcel = RecordKeys.shipment(order.tenantId(), order.courier(), order.awb());
                deliveredCod.add(parcel);
                CodTruth truth = truths.get(parcel);
                assertThat(truth).as(parcel).isNotNull();
                assertThat(truth.deliveredAt()).isEqualTo(order.truth().deliveredAt());
                assertThat(truth.dueBy()).isEqualTo(truth.deliveredAt().plus(Duration.ofDays(7)));
                assertThat(truth.orderId()).isEqualTo(order.orderId());
            }
        }
        assertThat(truths.entrySet())
                .filteredOn(e -> !deliveredCod.contains(e.getKey()))
                .allSatisfy(e -> assertThat(e.getValue().state()).isEqualTo("NOT_DELIVERED"));
        assertThat(truths.values().stream().map(CodTruth::state).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(
                        "PENDING", "SHORT", "REMITTED", "EXCESS", "NOT_DELIVERED");
        assertThat(truths.values())
                .anyMatch(t -> t.overdue() && t.paidInFullAt() != null)
                .anyMatch(t -> t.overdue() && t.paidInFullAt() == null)
                .anyMatch(t -> !t.overdue() && t.deliveredAt() != null);
    }

    @Test
    void remittancesPayOnlyWhatWasDeliveredAtLeastTwoDaysBefore() {
        Map<String, Instant> delivered = new HashMap<>();
        truths.forEach((parcel, truth) -> delivered.put(parcel, truth.deliveredAt()));
        for (Remittance remittance : feed.remittances) {
            for (RemittanceLine line : remittance.getLines()) {
                Instant at =
                        delivered.get(
                                RecordKeys.shipment(
                                        remittance.getTenantId(),
                                        remittance.getCourier(),
                                        line.getAwb()));
                if (at != null) {
                    assertThat(remittance.getEventTime())
                            .isAfterOrEqualTo(at.plus(Duration.ofDays(2)));
                }
            }
        }
    }

    @Test
    void overdueIsJudgedWithTwoDaysToSpareEitherSideOfTheCycle() {
        for (CodTruth truth : truths.values()) {
            if (truth.paidInFullAt() != null && truth.dueBy() != null) {
                Duration gap = Duration.between(truth.dueBy(), truth.paidInFullAt()).abs();
                assertThat(gap).as(truth.awb()).isGreaterThanOrEqualTo(Duration.ofDays(2));
            }
        }
    }

    private static String parcelOf(CodTruth truth) {
        return RecordKeys.shipment(truth.tenantId(), truth.courier(), truth.awb());
    }
}
