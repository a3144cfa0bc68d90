package io.ordertrack.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.TrackingScan;
import io.ordertrack.simulator.Feed.SentScan;
import java.io.StringWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What injected incidents do to a run's feed, and how its oracle names them. */
class IncidentFeedTest {
    private static final SimulationOptions WITH_INCIDENTS =
            SimulationOptions.defaults(5, 6_000)
                    .withOrdersPerDay(2_000)
                    .withIncidents(new Incidents(2, 2, 1));

    private static Feed feed;

    @BeforeAll
    static void simulate() {
        feed = Feed.of(WITH_INCIDENTS);
    }

    @Test
    void theOracleNamesEachIncidentWithItsCourierHubStartAndEnd() throws Exception {
        List<InjectedIncident> incidents = feed.oracle.incidents();

        assertThat(incidents)
                .extracting(InjectedIncident::type)
                .containsExactlyInAnyOrder(
                        "HUB_OUTAGE", "HUB_OUTAGE", "FEED_OUTAGE", "FEED_OUTAGE", "NEW_CODE");
        assertThat(incidents)
                .allSatisfy(
                        incident -> {
                            assertThat(incident.end()).isAfter(incident.start());
                            assertThat(incident.start()).isAfter(SimulationOptions.DEFAULT_START);
                            assertThat(incident.hub() != null)
                                    .isEqualTo(incident.type().equals("HUB_OUTAGE"));
                        });
        StringWriter file = new StringWriter();
        OracleFile.write(feed.oracle, file);
        List<String> lines = file.toString().lines().toList();
        assertThat(lines.subList(lines.size() - 5, lines.size()))
                .allSatisfy(line -> assertThat(line).startsWith("{\"incident\":{\"type\":"));
        assertThat(lines.get(0)).contains("\"incidents\":{\"hubOutages\":2");
        assertThat(Feed.of(WITH_INCIDENTS).oracle.incidents()).isEqualTo(incidents);
    }

    @Test
    void aHubOutageHoldsEveryParcelLastScannedThereUntilItEnds() {
        int held = 0;
        for (InjectedIncident outage : ofType("HUB_OUTAGE")) {
            long start = outage.start().toEpochMilli();
            long end = outage.end().toEpochMilli();
            for (List<TrackingScan> scans : feed.scansByShipment.values()) {
                List<TrackingScan> history = byScanTime(scans);
                for (int i = 1; i < history.size(); i++) {
                    TrackingScan before = history.get(i - 1);
                    long next = at(history.get(i));
                    boolean leftTheHub =
                            outage.courier().equals(before.getCourier())
                                    && before.getLocation() != null
                                    && outage.hub().equals(before.getLocation().getHub())
                                    && at(before) < end
                                    && history.get(i).getRawCode() != null;
                    if (leftTheHub && !isStray(history.get(i))) {
                        assertThat(next < start || next >= end)
                                .as("%s moved on during the outage", before.getAwb())
                                .isTrue();
                        if (at(before) < end && next >= end && next < end + 4 * Timeline.HOUR) {
                            held++;
                        }
                    }
                }
            }
        }
        assertThat(held).isGreaterThan(20);
    }

    @Test
    void aFeedOutageHoldsItsCouriersScansAndSendsThemInABurstWithTheirScanTimes() {
        for (InjectedIncident outage : ofType("FEED_OUTAGE")) {
            long start = outage.start().toEpochMilli();
            long end = outage.end().toEpochMilli();
            List<SentScan> ofCourier =
                    feed.sentScans.stream()
                            .filter(s -> s.scan().getCourier().equals(outage.courier()))
                            .toList();
            assertThat(ofCourier).noneMatch(s -> s.sentAt() >= start && s.sentAt() < end);
            List<SentScan> burst =
                    ofCourier.stream()
                            .filter(s -> s.sentAt() >= end && s.sentAt() < end + 20 * 60_000)
                            .toList();
            assertThat(burst).hasSizeGreaterThan(20);
            assertThat(burst).anyMatch(s -> s.eventAt() < start + Timeline.HOUR);
            assertThat(burst).allMatch(s -> s.eventAt() <= s.sentAt());
        }
    }

    @Test
    void aNewCodeComesFromItsCourierOnlyWhileItLasts() {
        InjectedIncident code = ofType("NEW_CODE").get(0);
        List<TrackingScan> withCode =
                feed.sentScans.stream()
                        .map(SentScan::scan)
                        .filter(s -> code.rawCode().equals(s.getRawCode()))
                        .toList();

        assertThat(withCode).hasSizeGreaterThan(50);
        assertThat(withCode)
                .allSatisfy(
                        scan -> {
                            assertThat(scan.getCourier()).isEqualTo(code.courier());
                            assertThat(scan.getRawText()).isEqualTo(code.rawText());
                            assertThat(at(scan))
                                    .isBetween(
                                            code.start().toEpochMilli(),
                                            code.end().toEpochMilli() - 1);
                        });
        Map<String, Long> unknownByCourier =
                feed.oracle.orders().stream()
                        .filter(o -> o.mess().contains("UNKNOWN_CODE"))
                        .collect(Collectors.groupingBy(o -> o.courier(), Collectors.counting()));
        assertThat(unknownByCourier.get(code.courier())).isGreaterThan(50);
    }

    private static List<InjectedIncident> ofType(String type) {
        return feed.oracle.incidents().stream().filter(i -> i.type().equals(type)).toList();
    }

    private static List<TrackingScan> byScanTime(List<TrackingScan> scans) {
        return scans.stream()
                .distinct()
                .sorted(Comparator.comparingLong(IncidentFeedTest::at))
                .toList();
    }

    /** A scan the courier adds outside the parcel's moves: an undocumented code or a regression. */
    private static boolean isStray(TrackingScan scan) {
        return scan.getRawText().equals("Status update")
                || feed.oracle.incidents().stream()
                        .anyMatch(i -> scan.getRawCode().equals(i.rawCode()));
    }

    private static long at(TrackingScan scan) {
        return scan.getEventTime().toEpochMilli();
    }
}
