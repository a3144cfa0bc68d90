package io.ordertrack.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ordertrack.simulator.Oracle.OrderTruth;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** On a large run the simulated world has the shape of the field figures in the design. */
class SimulationRatesTest {
    private static final int ORDERS = 30_000;
    private static Feed feed;
    private static List<OrderTruth> orders;
    private static List<OrderTruth> shipped;

    @BeforeAll
    static void run() {
        feed = Feed.of(SimulationOptions.defaults(7, ORDERS));
        orders = feed.oracle.orders();
        shipped = orders.stream().filter(o -> "DISPATCHED".equals(o.truth().stage())).toList();
    }

    @Test
    void aboutSixtyPercentOfOrdersAreCashOnDelivery() {
        assertThat(share(orders, o -> o.paymentMode().equals("COD"))).isCloseTo(0.60, within(0.02));
    }

    @Test
    void ndrsHitEightToFourteenPercentOfShipments() {
        assertThat(share(shipped, o -> o.truth().ndrAttempts() > 0)).isBetween(0.08, 0.14);
    }

    @Test
    void codShipmentsComeBackFarMoreOftenThanPrepaidOnes() {
        double cod =
                share(
                        shipped.stream().filter(o -> o.paymentMode().equals("COD")).toList(),
                        SimulationRatesTest::rto);
        double prepaid =
                share(
                        shipped.stream().filter(o -> o.paymentMode().equals("PREPAID")).toList(),
                        SimulationRatesTest::rto);

        assertThat(cod).isBetween(0.08, 0.25);
        assertThat(prepaid).isBetween(0.01, 0.06);
        assertThat(cod).isGreaterThan(3 * prepaid);
    }

    @Test
    void aboutAQuarterOfNdrsAreRescued() {
        List<OrderTruth> withNdr =
                shipped.stream().filter(o -> o.truth().ndrAttempts() > 0).toList();

        assertThat(share(withNdr, o -> o.truth().bucket().equals("DELIVERED")))
                .isCloseTo(0.25, within(0.04));
    }

    @Test
    void kolkataReturnsSeveralTimesMoreThanMumbai() {
        double kolkata =
                share(
                        shipped.stream()
                                .filter(o -> o.destinationPincode().startsWith("700"))
                                .toList(),
                        SimulationRatesTest::rto);
        double mumbai =
                share(
                        shipped.stream()
                                .filter(o -> o.destinationPincode().startsWith("400"))
                                .toList(),
                        SimulationRatesTest::rto);

        assertThat(kolkata).isGreaterThan(1.8 * mumbai);
    }

    @Test
    void everyTroubleOfTheFieldOccurs() {
        assertThat(feed.oracle.summary().outcomes())
                .allSatisfy((outcome, count) -> assertThat(count).as(outcome).isPositive());
    }

    @Test
    void eachKindOfMessOccursAtItsRate() {
        long events = feed.oracle.summary().events();
        assertThat((double) feed.oracle.summary().duplicates() / events)
                .isCloseTo(0.02, within(0.004));
        assertThat(share(shipped, o -> o.mess().contains("SCAN_BEFORE_MANIFEST")))
                .isCloseTo(0.03, within(0.006));
        assertThat(share(orders, o -> o.mess().contains("UNKNOWN_CODE"))).isPositive();
        assertThat(share(orders, o -> o.mess().contains("REGRESSION"))).isPositive();
        assertThat(share(orders, o -> o.mess().contains("LATE_SCAN"))).isPositive();
        assertThat(
                        feed.oracle.summary().badRecords().values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                .isCloseTo((long) (0.001 * events), within((long) (0.0005 * events)));
    }

    private static boolean rto(OrderTruth order) {
        return order.truth().rtoOutcome().equals("RTO_DELIVERED");
    }

    private static double share(List<OrderTruth> of, Predicate<OrderTruth> which) {
        return (double) of.stream().filter(which).count() / of.size();
    }
}
