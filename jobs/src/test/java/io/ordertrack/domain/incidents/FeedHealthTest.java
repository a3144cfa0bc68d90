package io.ordertrack.domain.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.domain.incidents.FeedHealth.FeedScan;
import io.ordertrack.domain.incidents.FeedHealth.Figures;
import io.ordertrack.domain.incidents.FeedHealth.UnknownCode;
import io.ordertrack.domain.incidents.Incident.IncidentType;
import io.ordertrack.domain.incidents.Incident.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedHealthTest {
    private static final Instant MONDAY = Instant.parse("2026-11-02T00:00:00Z");
    private static final Instant WEDNESDAY = MONDAY.plus(Duration.ofDays(2));
    private static final Duration MINUTES_10 = Duration.ofMinutes(10);

    private final FeedHealth health = new FeedHealth(IncidentSettings.DEFAULT);
    private final List<Incident> changes = new ArrayList<>();

    @Test
    void aCourierWhoseScansStopArrivingWhileItHasLiveParcelsIsSilentUntilTheyArriveAgain() {
        List<FeedScan> scans = steadyFeed("SHADOWFAX", 72);
        scans.addAll(steadyFeed("DTDC", 72));
        Instant outageEnds = WEDNESDAY.plus(Duration.ofHours(4));
        List<FeedScan> held = new ArrayList<>();
        for (FeedScan scan : scans) {
            boolean inOutage =
                    scan.courier().equals("SHADOWFAX")
                            && !scan.arrivedAt().isBefore(WEDNESDAY)
                            && scan.arrivedAt().isBefore(outageEnds);
            held.add(inOutage ? arrivingAt(scan, outageEnds) : scan);
        }
        feed(held);

        assertThat(changes).extracting(Incident::state).containsExactly(State.OPEN, State.RESOLVED);
        Incident silent = changes.get(0);
        assertThat(silent.type()).isEqualTo(IncidentType.FEED_SILENT);
        assertThat(silent.courier()).isEqualTo("SHADOWFAX");
        assertThat(silent.hub()).isNull();
        assertThat(silent.since()).isBefore(WEDNESDAY);
        assertThat(Duration.between(WEDNESDAY, silent.detectedAt()))
                .isLessThanOrEqualTo(Duration.ofMinutes(40));
        assertThat(silent.parcelCount()).isGreaterThanOrEqualTo(20);
        assertThat(changes.get(1).resolvedAt()).isEqualTo(outageEnds);
    }

    @Test
    void aCourierWithNoLiveParcelsIsNotSilentHoweverLongItSaysNothing() {
        List<FeedScan> scans = steadyFeed("SHADOWFAX", 48);
        scans.addAll(steadyFeed("DTDC", 24 * 5));
        feed(scans);

        assertThat(changes).isEmpty();
        assertThat(health.figures("SHADOWFAX", MONDAY.plus(Duration.ofDays(5))).liveParcels())
                .isZero();
    }

    @Test
    void scansPerHourAreSetAgainstTheSameHourOfTheEarlierDays() {
        feed(steadyFeed("DELHIVERY", 80));

        Figures figures = health.figures("DELHIVERY", hoursIn(72));
        assertThat(figures.scansLastHour()).isEqualTo(42);
        assertThat(figures.usualScansPerHour()).isEqualTo(42.0);
        assertThat(health.figures("DTDC", hoursIn(72)).scans()).isZero();
    }

    @Test
    void unmappedCodesAreCountedWithTheMostFrequentFirst() {
        List<FeedScan> scans = steadyFeed("ECOM_EXPRESS", 24);
        for (int i = 0; i < 30; i++) {
            scans.add(unmapped("NC-101", "Shipment connected to sorting line", 600 + i));
        }
        for (int i = 0; i < 5; i++) {
            scans.add(unmapped("ZX-17", "Status update", 700 + i));
        }
        feed(scans);

        Figures figures = health.figures("ECOM_EXPRESS", MONDAY.plus(Duration.ofHours(24)));
        assertThat(figures.unknownCodes())
                .containsExactly(
                        new UnknownCode("NC-101", "Shipment connected to sorting line", 30),
                        new UnknownCode("ZX-17", "Status update", 5));
        assertThat(figures.unmappedShare()).isEqualTo(35.0 / figures.scans());
    }

    @Test
    void duplicatesRegressionsAndLateArrivalsAreCounted() {
        FeedScan first = scan("BLUEDART", "acme:BLUEDART:1", MONDAY, MONDAY, false);
        FeedScan late =
                scan(
                        "BLUEDART",
                        "acme:BLUEDART:2",
                        MONDAY,
                        MONDAY.plus(Duration.ofHours(30)),
                        false);
        FeedScan again = duplicateOf(first, MONDAY.plus(Duration.ofHours(31)));
        FeedScan delivered = scan("BLUEDART", "acme:BLUEDART:1", hoursIn(32), hoursIn(32), true);
        FeedScan stale =
                new FeedScan(
                        "BLUEDART",
                        "acme:BLUEDART:1",
                        "X",
                        "Out for delivery",
                        true,
                        false,
                        true,
                        false,
                        hoursIn(33),
                        hoursIn(33));
        feed(List.of(first, late, again, delivered, stale));

        Figures figures = health.figures("BLUEDART", hoursIn(34));
        assertThat(figures.scans()).isEqualTo(5);
        assertThat(figures.duplicates()).isEqualTo(1);
        assertThat(figures.regressions()).isEqualTo(1);
        assertThat(figures.liveParcels()).isEqualTo(1);
        assertThat(figures.lagP99()).isEqualTo(Duration.ofHours(30));
        assertThat(figures.lagP50()).isZero();
        assertThat(figures.lastArrivalAt()).isEqualTo(hoursIn(33));
    }

    /**
     * A courier's feed for {@code hours} hours from Monday: every 10 minutes a new parcel's first
     * scan arrives, and the parcels' later scans every 10 minutes after, each parcel delivered 12
     * hours after its first scan.
     */
    private static List<FeedScan> steadyFeed(String courier, int hours) {
        List<FeedScan> scans = new ArrayList<>();
        for (int i = 0; i < hours * 6; i++) {
            String parcel = "acme:" + courier + ":" + i;
            Instant first = MONDAY.plus(MINUTES_10.multipliedBy(i));
            for (int step = 0; step <= 72; step += 12) {
                Instant at = first.plus(MINUTES_10.multipliedBy(step));
                scans.add(scan(courier, parcel, at, at, step == 72));
            }
        }
        return scans;
    }

    private static FeedScan scan(
            String courier, String parcel, Instant scanAt, Instant arrivedAt, boolean ends) {
        return new FeedScan(
                courier, parcel, "C-1", "In transit", true, false, false, ends, scanAt, arrivedAt);
    }

    private static FeedScan unmapped(String code, String text, int parcel) {
        Instant at = MONDAY.plus(Duration.ofHours(20)).plus(Duration.ofMinutes(parcel - 600));
        return new FeedScan(
                "ECOM_EXPRESS",
                "acme:ECOM_EXPRESS:" + parcel,
                code,
                text,
                false,
                false,
                false,
                false,
                at,
                at);
    }

    private static FeedScan duplicateOf(FeedScan scan, Instant arrivedAt) {
        return new FeedScan(
                scan.courier(),
                scan.parcel(),
                scan.rawCode(),
                scan.rawText(),
                scan.mapped(),
                true,
                false,
                scan.ends(),
                scan.scanAt(),
                arrivedAt);
    }

    private static FeedScan arrivingAt(FeedScan scan, Instant arrivedAt) {
        return new FeedScan(
                scan.courier(),
                scan.parcel(),
                scan.rawCode(),
                scan.rawText(),
                scan.mapped(),
                scan.duplicate(),
                scan.regression(),
                scan.ends(),
                scan.scanAt(),
                arrivedAt);
    }

    private static Instant hoursIn(long hours) {
        return MONDAY.plus(Duration.ofHours(hours));
    }

    /** Feeds the scans in arrival order, reviewing at each arrival as a job would. */
    private void feed(List<FeedScan> scans) {
        scans.stream()
                .sorted(Comparator.comparing(FeedScan::arrivedAt))
                .forEach(
                        scan -> {
                            changes.addAll(health.record(scan));
                            changes.addAll(health.reviewAt(scan.arrivedAt()));
                        });
    }
}
