package io.ordertrack.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.simulator.Oracle.OrderTruth;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** On a large run the simulated world has the shape of the field figures in the design. */
class SimulationRatesTest {
    private static final int ORDERS = 30_000;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final Messiness KNOBS = Messiness.REALISTIC;

    /** The outcomes a stale "out for delivery" is added to. */
    private static final Set<String> PLAIN_DELIVERIES = Set.of("DELIVERED", "DELIVERED_NEXT_DAY");

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

    /**
     * Not the design's 20-25% for COD: its figures conflict (NDR on 8-14% of shipments, 20-30% of
     * NDRs rescued, RTO only after failed attempts), and the simulator keeps NDR in its range, so
     * COD comes back about 14% of the time and prepaid under 4% (see docs/simulator.md).
     */
    @Test
    void codShipmentsComeBackFarMoreOftenThanPrepaidOnes() {
        List<OrderTruth> cod = shipped.stream().filter(SimulationRatesTest::cod).toList();
        List<OrderTruth> prepaid =
                shipped.stream().filter(o -> o.paymentMode().equals("PREPAID")).toList();

        assertShareNear(cod, SimulationRatesTest::rto, 0.14);
        assertShareNear(prepaid, SimulationRatesTest::rto, 0.036);
        assertThat(share(cod, SimulationRatesTest::rto))
                .isGreaterThan(3 * share(prepaid, SimulationRatesTest::rto));
    }

    @Test
    void codReturnsToOriginFollowTheFieldSplitOfReasons() {
        List<OrderTruth> codRtos =
                shipped.stream()
                        .filter(SimulationRatesTest::cod)
                        .filter(SimulationRatesTest::rto)
                        .toList();
        assertShareNear(codRtos, failedFor(NdrReason.CUSTOMER_REFUSED), 0.52);
        assertShareNear(codRtos, failedFor(NdrReason.CUSTOMER_UNREACHABLE), 0.20);
        assertShareNear(
                codRtos,
                failedFor(NdrReason.ADDRESS_INCOMPLETE).or(failedFor(NdrReason.ADDRESS_INCORRECT)),
                0.10);
        assertShareNear(codRtos, failedFor(NdrReason.NOT_ATTEMPTED), 0.03);
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
                .isCloseTo(KNOBS.duplicates(), within(0.004));
        assertThat(share(shipped, o -> o.mess().contains("SCAN_BEFORE_MANIFEST")))
                .isCloseTo(KNOBS.scansBeforeManifest(), within(0.006));
        assertThat(
                        feed.oracle.summary().badRecords().values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                .isCloseTo((long) (KNOBS.badRecords() * events), within((long) (0.0005 * events)));
    }

    /**
     * Measured on the stream: how long after its event time each scan was sent, hours (so that
     * later scans of its shipment can overtake it) or days.
     */
    @Test
    void scansArriveHoursOutOfOrderOrDaysLateAtTheirRates() {
        long scans = 0;
        long hoursLate = 0;
        long daysLate = 0;
        for (OrderTruth order : orders) {
            for (TrackingScan scan : distinctScans(order)) {
                long late = feed.sentAt(scan.getEventId()) - scan.getEventTime().toEpochMilli();
                scans++;
                hoursLate += late >= HOUR && late < 12 * HOUR ? 1 : 0;
                daysLate += late >= DAY && late < 4 * DAY ? 1 : 0;
            }
        }

        assertThat((double) hoursLate / scans)
                .isCloseTo(KNOBS.outOfOrder(), fourStandardErrors(KNOBS.outOfOrder(), scans));
        assertThat((double) daysLate / scans)
                .isCloseTo(KNOBS.lateScans(), fourStandardErrors(KNOBS.lateScans(), scans));
    }

    /**
     * Measured on the stream: an "out for delivery" scan timed after the delivery of an order that
     * was simply delivered, and a code the courier's vocabulary does not have on a shipment with at
     * least two real scans (the orders the knobs apply to).
     */
    @Test
    void regressionsAndUndocumentedCodesOccurAtTheirRates() throws IOException {
        Set<String> documented = documentedCodes();
        List<OrderTruth> plainlyDelivered =
                orders.stream().filter(o -> PLAIN_DELIVERIES.contains(o.outcome())).toList();
        List<OrderTruth> scannedTwice =
                orders.stream().filter(o -> scansWithCodes(o, documented) >= 2).toList();

        assertShareNear(
                plainlyDelivered,
                SimulationRatesTest::outForDeliveryAfterDelivery,
                KNOBS.regressions());
        assertShareNear(
                scannedTwice,
                o -> scansWithCodes(o, documented) < distinctScans(o).size(),
                KNOBS.unknownCodes());
    }

    private static boolean outForDeliveryAfterDelivery(OrderTruth order) {
        long deliveredAt =
                distinctScans(order).stream()
                        .filter(s -> reports(order, s, ShipmentStatus.DELIVERED))
                        .mapToLong(s -> s.getEventTime().toEpochMilli())
                        .min()
                        .orElseThrow();
        return distinctScans(order).stream()
                .anyMatch(
                        s ->
                                reports(order, s, ShipmentStatus.OUT_FOR_DELIVERY)
                                        && s.getEventTime().toEpochMilli() > deliveredAt);
    }

    private static boolean reports(OrderTruth order, TrackingScan scan, ShipmentStatus status) {
        return scan.getRawCode().equals(CourierVocabulary.of(order.courier()).of(status).code());
    }

    private static long scansWithCodes(OrderTruth order, Set<String> codes) {
        return distinctScans(order).stream()
                .filter(s -> codes.contains(order.courier() + "," + s.getRawCode()))
                .count();
    }

    /** Every scan of an order's shipment once, duplicates left out. */
    private static Collection<TrackingScan> distinctScans(OrderTruth order) {
        Map<String, TrackingScan> byId = new LinkedHashMap<>();
        feed.scansOf(order).forEach(scan -> byId.putIfAbsent(scan.getEventId(), scan));
        return byId.values();
    }

    /** Each courier's published codes, as "COURIER,CODE". */
    private static Set<String> documentedCodes() throws IOException {
        Set<String> codes = new HashSet<>();
        try (InputStream in =
                        CourierVocabulary.class.getResourceAsStream("courier-vocabularies.csv");
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine(); // header
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.split(",", 4);
                codes.add(fields[0] + "," + fields[2]);
            }
        }
        return codes;
    }

    private static void assertShareNear(
            List<OrderTruth> sample, Predicate<OrderTruth> which, double rate) {
        assertThat(share(sample, which)).isCloseTo(rate, fourStandardErrors(rate, sample.size()));
    }

    /**
     * A tolerance honest for the sample: a share drawn at {@code rate} lands farther off than four
     * standard errors about once in 16,000 runs.
     */
    /**
     * The oracle's chance of RTO is the one the orders were drawn with: in each band of it, the
     * share that really went RTO is the band's mean chance, the high band several times the low.
     */
    @Test
    void theOraclesChanceOfRtoIsHowOftenOrdersReallyGoRto() {
        List<OrderTruth> inStock =
                orders.stream().filter(o -> !o.outcome().equals("CANCELLED_OUT_OF_STOCK")).toList();
        double[] bands = {0, 0.04, 0.10, 0.16, 1};
        double[] observed = new double[bands.length - 1];
        for (int band = 0; band < observed.length; band++) {
            double from = bands[band];
            double to = bands[band + 1];
            List<OrderTruth> in =
                    inStock.stream()
                            .filter(
                                    o ->
                                            o.truth().rtoChance() >= from
                                                    && o.truth().rtoChance() < to)
                            .toList();
            double chance =
                    in.stream().mapToDouble(o -> o.truth().rtoChance()).average().orElseThrow();
            observed[band] = share(in, SimulationRatesTest::rto);
            assertThat(observed[band])
                    .as("band %s to %s, %d orders", from, to, in.size())
                    .isCloseTo(chance, fourStandardErrors(chance, in.size()));
        }
        assertThat(observed[observed.length - 1]).isGreaterThan(4 * observed[0]);
    }

    private static Offset<Double> fourStandardErrors(double rate, long sample) {
        return within(4 * Math.sqrt(rate * (1 - rate) / sample));
    }

    /** The reason of the order's last failed attempt, after which it went back. */
    private static Predicate<OrderTruth> failedFor(NdrReason reason) {
        return order -> {
            List<String> reasons = order.truth().ndrReasons();
            return reasons.get(reasons.size() - 1).equals(reason.name());
        };
    }

    private static boolean cod(OrderTruth order) {
        return order.paymentMode().equals("COD");
    }

    private static boolean rto(OrderTruth order) {
        return order.truth().rtoOutcome().equals("RTO_DELIVERED");
    }

    private static double share(List<OrderTruth> of, Predicate<OrderTruth> which) {
        return (double) of.stream().filter(which).count() / of.size();
    }
}
