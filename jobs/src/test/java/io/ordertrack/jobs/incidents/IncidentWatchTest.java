package io.ordertrack.jobs.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.ScanLocation;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.domain.incidents.AlertFolding.Held;
import io.ordertrack.domain.incidents.FeedHealth;
import io.ordertrack.domain.incidents.FeedId;
import io.ordertrack.domain.incidents.IncidentSettings;
import io.ordertrack.domain.lifecycle.CourierCodes;
import io.ordertrack.jobs.tracking.RoutedScan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The incident watch in a Flink test harness: a stalled hub and a silent feed page each seller
 * once, with its own parcels only, resolve when they are over, and leave no state behind.
 */
class IncidentWatchTest {
    private static final Instant MONDAY = Instant.parse("2026-11-02T00:00:00Z");
    private static final Instant WEDNESDAY = MONDAY.plus(Duration.ofDays(2));
    private static final List<String> TENANTS = List.of("acme-fashion", "zenith-home");

    private KeyedOneInputStreamOperatorTestHarness<String, RoutedScan, Alert> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        watch(), IncidentWatch::courierOf, Types.STRING);
    }

    private static IncidentWatch watch() {
        return new IncidentWatch(
                IncidentSettings.DEFAULT, CourierCodes.bundled(), Duration.ofSeconds(5));
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void aStalledHubPagesEachSellerOnceWithItsOwnParcels() throws Exception {
        feed(nagpurStopsOnWednesday(Duration.ofDays(1)));

        List<Alert> opened = alerts(AlertState.OPEN);
        assertThat(opened).extracting(Alert::getType).containsOnly(AlertType.HUB_STALL);
        assertThat(opened)
                .extracting(Alert::getTenantId)
                .containsExactlyInAnyOrderElementsOf(TENANTS);
        assertThat(opened.stream().map(Alert::getIncidentId).distinct()).hasSize(1);
        for (Alert alert : opened) {
            assertThat(alert.getAlertId())
                    .isEqualTo(alert.getIncidentId() + "|" + alert.getTenantId());
            assertThat(alert.getHub()).isEqualTo("Nagpur hub");
            assertThat(alert.getCity()).isEqualTo("Nagpur");
            assertThat(alert.getParcels())
                    .isNotEmpty()
                    .allMatch(parcel -> parcel.startsWith(alert.getTenantId() + ":"));
            assertThat(alert.getParcelCount()).isEqualTo(alert.getParcels().size());
            assertThat(alert.getSince()).isBefore(WEDNESDAY.plusSeconds(1));
        }
    }

    @Test
    void aStallResolvesForEverySellerItPagedWhenTheHubMovesAgain() throws Exception {
        feed(nagpurStopsOnWednesday(Duration.ofHours(9)));

        List<Alert> resolved = alerts(AlertState.RESOLVED);
        assertThat(resolved)
                .extracting(Alert::getAlertId)
                .containsExactlyInAnyOrderElementsOf(
                        alerts(AlertState.OPEN).stream().map(Alert::getAlertId).toList());
        assertThat(resolved).extracting(Alert::getVersion).containsOnly(2L);
        assertThat(resolved).allMatch(alert -> alert.getResolvedAt() != null);
    }

    @Test
    void aStallHandsEveryParcelItHoldsToTheFoldAndSaysWhenItIsOver() throws Exception {
        feed(nagpurStopsOnWednesday(Duration.ofHours(9)));

        List<Alert> stall =
                alerts(AlertState.OPEN).stream()
                        .filter(alert -> alert.getType() == AlertType.HUB_STALL)
                        .toList();
        String incidentId = stall.get(0).getIncidentId();
        List<Held> held =
                harness.getSideOutput(IncidentWatch.HELD).stream()
                        .map(StreamRecord::getValue)
                        .filter(change -> change.incidentId().equals(incidentId))
                        .toList();
        assertThat(held).extracting(Held::open).containsExactly(true, false);
        assertThat(held.get(0).parcels())
                .hasSize(stall.stream().mapToInt(Alert::getParcelCount).sum())
                .allMatch(parcel -> parcel.contains(":DELHIVERY:NG"));
    }

    @Test
    void aStallIsFoundAcrossARestoreFromACheckpoint() throws Exception {
        List<RoutedScan> scans = nagpurStopsOnWednesday(Duration.ofDays(1));
        scans.sort(Comparator.comparing(routed -> routed.getScan().getEventTime()));
        int half = scans.size() / 2;
        feed(scans.subList(0, half));
        OperatorSubtaskState snapshot = harness.snapshot(1, hours(30).toEpochMilli());
        harness.close();

        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(watch()),
                        IncidentWatch::courierOf,
                        Types.STRING);
        harness.initializeState(snapshot);
        harness.open();
        feed(scans.subList(half, scans.size()));

        assertThat(alerts(AlertState.OPEN))
                .extracting(Alert::getType)
                .containsExactly(AlertType.HUB_STALL, AlertType.HUB_STALL);
    }

    @Test
    void aCourierWhoseScansStopWhileParcelsAreOnTheWayIsSilentUntilTheyArrive() throws Exception {
        List<RoutedScan> scans = bluedartForTwoDays();
        feed(scans);
        harness.processWatermark(new Watermark(hours(50).toEpochMilli()));

        List<Alert> silent = alerts(AlertState.OPEN);
        assertThat(silent).extracting(Alert::getType).containsOnly(AlertType.FEED_SILENT);
        assertThat(silent)
                .extracting(Alert::getTenantId)
                .containsExactlyInAnyOrderElementsOf(TENANTS);
        assertThat(silent).extracting(Alert::getParcelCount).containsOnly(15);

        feed(List.of(scan("BLUEDART", "DL1", "Delhi hub", "001", hours(51))));
        assertThat(alerts(AlertState.RESOLVED)).hasSize(2);
    }

    @Test
    void eachReviewSendsTheCouriersFiguresPlatformWideAndPerSeller() throws Exception {
        List<RoutedScan> scans = bluedartForTwoDays();
        RoutedScan again =
                scan("BLUEDART", "DL3", "Delhi hub", "001", hours(40).plusSeconds(120L * 3));
        again.setArrivedAt(hours(40).plusSeconds(120L * 3 + 60).toEpochMilli());
        scans.add(again);
        scans.add(scan("BLUEDART", "DL4", "Delhi hub", "015", hours(41).plusSeconds(35)));
        feed(scans);
        harness.processWatermark(new Watermark(hours(50).toEpochMilli()));
        Alert silent = alerts(AlertState.OPEN).get(0);

        List<FeedHealth.Figures> figures =
                harness.getSideOutput(IncidentWatch.FEED_HEALTH).stream()
                        .map(StreamRecord::getValue)
                        .toList();
        assertThat(figures)
                .extracting(FeedHealth.Figures::feed)
                .containsOnly(FeedId.courier("BLUEDART"));
        assertThat(figures.stream().map(FeedHealth.Figures::tenant).distinct())
                .containsExactlyInAnyOrder(null, "acme-fashion", "zenith-home");
        List<Instant> reviews =
                figures.stream()
                        .filter(f -> f.tenant() == null)
                        .map(FeedHealth.Figures::asOf)
                        .toList();
        for (int i = 1; i < reviews.size(); i++) {
            assertThat(Duration.between(reviews.get(i - 1), reviews.get(i)))
                    .isGreaterThanOrEqualTo(IncidentSettings.DEFAULT.reviewEvery());
        }
        FeedHealth.Figures last = figures.get(figures.size() - 3);
        assertThat(last.tenant()).isNull();
        assertThat(last.incidentId()).isEqualTo(silent.getIncidentId());
        assertThat(last.silentSince()).isEqualTo(silent.getSince());
        assertThat(last.live()).isEqualTo(30);
        assertThat(last.duplicates()).as("the scan that arrived twice").isEqualTo(1);
        assertThat(last.regressions()).as("picked up after in transit").isEqualTo(1);
        assertThat(figures.get(figures.size() - 1).live() + figures.get(figures.size() - 2).live())
                .isEqualTo(30);
    }

    @Test
    void aCourierThatStoppedLeavesNoStateOrTimerBehind() throws Exception {
        // The parcels held at Nagpur are never delivered: the courier stays silent with them.
        feed(nagpurStopsOnWednesday(Duration.ofHours(9)));
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processWatermark(new Watermark(hours(72).plus(Duration.ofDays(8)).toEpochMilli()));

        assertThat(alerts(AlertState.RESOLVED))
                .extracting(Alert::getAlertId)
                .as("a silence no scan ever ended is let go with the courier's state")
                .containsExactlyInAnyOrderElementsOf(
                        alerts(AlertState.OPEN).stream().map(Alert::getAlertId).toList());

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /**
     * Thirty Bluedart parcels at Delhi hub, each scanned every hour for 48 hours, two minutes
     * apart.
     */
    private static List<RoutedScan> bluedartForTwoDays() {
        List<RoutedScan> scans = new ArrayList<>();
        for (int h = 0; h < 48; h++) {
            for (int p = 0; p < 30; p++) {
                scans.add(
                        scan(
                                "BLUEDART",
                                "DL" + p,
                                "Delhi hub",
                                "001",
                                hours(h).plusSeconds(120L * p)));
            }
        }
        return scans;
    }

    /**
     * Nagpur hub of Delhivery takes 4 parcels an hour for 60 hours, of both sellers, each delivered
     * 6 to 14 hours later; from Wednesday none is delivered for {@code held}. Its other parcels
     * keep its feed going until 14 hours after that.
     */
    private static List<RoutedScan> nagpurStopsOnWednesday(Duration held) {
        List<RoutedScan> scans = new ArrayList<>();
        Instant resumes = WEDNESDAY.plus(held);
        for (int h = 0; h < 60; h++) {
            for (int k = 0; k < 4; k++) {
                String awb = "NG" + h + "-" + k;
                Instant in = hours(h).plus(Duration.ofMinutes(15L * k));
                scans.add(scan("DELHIVERY", awb, "Nagpur hub", "X-DLO2F", in));
                Instant out =
                        in.plus(
                                Duration.ofHours(10)
                                        .multipliedBy(6 + (h * 7 + k * 3) % 9)
                                        .dividedBy(10));
                if (out.isBefore(WEDNESDAY) || !out.isBefore(resumes)) {
                    scans.add(scan("DELHIVERY", awb, "Pune hub", "EOD-38", out));
                }
            }
        }
        // The rest of the courier goes on: a parcel through Delhi hub every 10 minutes.
        Instant end = resumes.plus(Duration.ofHours(14));
        for (Instant in = hours(0); in.isBefore(end); in = in.plus(Duration.ofMinutes(10))) {
            String awb = "DL" + in.getEpochSecond() / 600;
            scans.add(scan("DELHIVERY", awb, "Delhi hub", "X-DLO2F", in));
            scans.add(scan("DELHIVERY", awb, "Delhi hub", "EOD-38", in.plusSeconds(300)));
        }
        return scans;
    }

    /** A scan of one of the two sellers (by its AWB's last digit), routed as it was made. */
    private static RoutedScan scan(
            String courier, String awb, String hub, String rawCode, Instant at) {
        String tenant = TENANTS.get(awb.charAt(awb.length() - 1) % 2);
        TrackingScan scan =
                TrackingScan.newBuilder()
                        .setEventId(courier + awb + at)
                        .setEventTime(at)
                        .setTenantId(tenant)
                        .setCourier(courier)
                        .setAwb(awb)
                        .setRawCode(rawCode)
                        .setLocation(
                                ScanLocation.newBuilder()
                                        .setHub(hub)
                                        .setCity(hub.replace(" hub", ""))
                                        .build())
                        .build();
        RoutedScan routed = new RoutedScan(tenant + ":o-" + awb, tenant, "SHOPIFY", awb, scan);
        routed.setArrivedAt(at.toEpochMilli());
        return routed;
    }

    private void feed(List<RoutedScan> scans) throws Exception {
        List<RoutedScan> sorted = new ArrayList<>(scans);
        sorted.sort(Comparator.comparing(routed -> routed.getScan().getEventTime()));
        for (RoutedScan routed : sorted) {
            long at = routed.getArrivedAt();
            harness.processElement(new StreamRecord<>(routed, at));
            harness.processWatermark(new Watermark(at));
        }
    }

    private List<Alert> alerts(AlertState state) {
        return harness.extractOutputValues().stream()
                .filter(alert -> alert.getState() == state)
                .toList();
    }

    private static Instant hours(long hours) {
        return MONDAY.plus(Duration.ofHours(hours));
    }
}
