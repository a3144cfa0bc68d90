package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.TrackingScan;
import io.ordertrack.domain.incidents.CourierScan;
import io.ordertrack.domain.incidents.FeedHealth;
import io.ordertrack.domain.incidents.FeedId;
import io.ordertrack.domain.incidents.HubStalls;
import io.ordertrack.domain.incidents.Incident;
import io.ordertrack.domain.incidents.Incident.IncidentType;
import io.ordertrack.domain.incidents.Incident.State;
import io.ordertrack.domain.incidents.IncidentSettings;
import io.ordertrack.domain.lifecycle.CourierCodes;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.EventValidation;
import io.ordertrack.schemas.UndecodableRecordException;
import io.ordertrack.simulator.Incidents;
import io.ordertrack.simulator.InjectedIncident;
import io.ordertrack.simulator.SimulatedRecord;
import io.ordertrack.simulator.Simulation;
import io.ordertrack.simulator.SimulationOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hub stalls and feed silence measured against the simulator's truth: a messy four-day feed with
 * injected hub outages, courier feed outages and a new code, fed in arrival order through {@link
 * HubStalls} and {@link FeedHealth} (the detection logic alone: no Kafka, Flink or Elasticsearch),
 * each scan read by {@link CourierScan} as the job reads it, compared with the incidents the oracle
 * names. The figures are printed to the test's output, with each courier's feed figures
 * (duplicates, regressions, unmapped share, lag) over days 2 to 4.
 */
class IncidentGroundTruthTest {
    /** A hub stall is known within this of the outage's start. */
    static final Duration HUB_STALL_DELAY = Duration.ofHours(12);

    /** A feed silence is known within this of the outage's start. */
    static final Duration FEED_SILENT_DELAY = Duration.ofHours(2);

    static final SimulationOptions RUN =
            SimulationOptions.defaults(7, 16_000)
                    .withOrdersPerDay(4_000)
                    .withIncidents(new Incidents(3, 3, 1));
    private static final AvroCodec<TrackingScan> SCANS = AvroCodec.of(TrackingScan.class);
    private static final CourierCodes CODES = CourierCodes.bundled();

    private static final List<Incident> detected = new ArrayList<>();
    private static final FeedHealth health = new FeedHealth(IncidentSettings.DEFAULT);
    private static List<InjectedIncident> injected;

    /**
     * The figures of every courier's feed four days into the run: over its last three (the hourly
     * ring's length), when the deliveries, and the stale scans after them, have come.
     */
    private static List<FeedHealth.Figures> lastDays = List.of();

    private static Instant firstArrival;

    @BeforeAll
    static void detectOnTheSimulatedFeed() {
        HubStalls stalls = new HubStalls(IncidentSettings.DEFAULT);
        Simulation simulation = Simulation.of(RUN);
        while (simulation.hasNext()) {
            SimulatedRecord record = simulation.next();
            Instant arrivedAt = Instant.ofEpochMilli(record.timestamp());
            Optional<TrackingScan> scan = validScan(record);
            if (scan.isPresent()) {
                CourierScan courierScan = CourierScan.of(scan.get(), arrivedAt, CODES);
                detected.addAll(stalls.record(courierScan.hubScan()));
                detected.addAll(health.record(courierScan));
            }
            FeedHealth.Review review = health.reviewAt(arrivedAt);
            detected.addAll(review.changes());
            if (firstArrival == null) {
                firstArrival = arrivedAt;
            }
            if (lastDays.isEmpty()
                    && !review.figures().isEmpty()
                    && !arrivedAt.isBefore(firstArrival.plus(Duration.ofDays(4)))) {
                lastDays = review.figures();
            }
        }
        injected = simulation.oracle().incidents();
        printFigures();
    }

    @Test
    void everyInjectedHubOutageAndFeedOutageIsDetectedInTime() {
        for (InjectedIncident outage : outages()) {
            Optional<Incident> found = detectionOf(outage);
            assertThat(found).as("detection of %s", outage).isPresent();
            Duration bound =
                    outage.type().equals(InjectedIncident.HUB_OUTAGE)
                            ? HUB_STALL_DELAY
                            : FEED_SILENT_DELAY;
            assertThat(delayOf(outage, found.get())).as("delay of %s", outage).isLessThan(bound);
        }
    }

    @Test
    void atLeast95PercentOfTheIncidentsRaisedWereInjected() {
        List<Incident> opened = opened();
        long caused = opened.stream().filter(i -> causeOf(i).isPresent()).count();

        assertThat(opened).isNotEmpty();
        assertThat((double) caused / opened.size()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void stallsAndSilencesResolveWhenTheOutageEnds() {
        for (InjectedIncident outage : outages()) {
            Incident found = detectionOf(outage).orElseThrow();
            Optional<Incident> resolved =
                    detected.stream()
                            .filter(i -> i.state() == State.RESOLVED && i.id().equals(found.id()))
                            .findFirst();
            assertThat(resolved).as("resolution of %s", outage).isPresent();
            assertThat(resolved.get().resolvedAt())
                    .isAfterOrEqualTo(outage.end())
                    .isBefore(outage.end().plus(Duration.ofHours(1)));
        }
    }

    @Test
    void aNewCodeIsTheCouriersMostFrequentUnknownCodeWhileItLasts() {
        for (InjectedIncident code : ofType(InjectedIncident.NEW_CODE)) {
            FeedHealth.UnknownCode top =
                    health.figures(FeedId.courier(code.courier()), code.end())
                            .unknownCodes()
                            .get(0);
            assertThat(top.code()).isEqualTo(code.rawCode());
            assertThat(top.text()).isEqualTo(code.rawText());
        }
    }

    private static Optional<TrackingScan> validScan(SimulatedRecord record) {
        if (record.topic() != SimulatedRecord.Topic.TRACKING) {
            return Optional.empty();
        }
        try {
            TrackingScan scan = SCANS.decode(record.value());
            return EventValidation.problemOf(scan).isPresent()
                    ? Optional.empty()
                    : Optional.of(scan);
        } catch (UndecodableRecordException e) {
            return Optional.empty();
        }
    }

    private static List<InjectedIncident> outages() {
        return injected.stream().filter(i -> !i.type().equals(InjectedIncident.NEW_CODE)).toList();
    }

    private static List<InjectedIncident> ofType(String type) {
        return injected.stream().filter(i -> i.type().equals(type)).toList();
    }

    private static List<Incident> opened() {
        return detected.stream().filter(i -> i.state() == State.OPEN).toList();
    }

    /** The first incident opened for an outage: same courier (and hub), known while it lasted. */
    private static Optional<Incident> detectionOf(InjectedIncident outage) {
        return opened().stream().filter(i -> explains(outage, i)).findFirst();
    }

    private static Optional<InjectedIncident> causeOf(Incident incident) {
        return outages().stream().filter(o -> explains(o, incident)).findFirst();
    }

    private static boolean explains(InjectedIncident outage, Incident incident) {
        IncidentType type =
                outage.type().equals(InjectedIncident.HUB_OUTAGE)
                        ? IncidentType.HUB_STALL
                        : IncidentType.FEED_SILENT;
        return incident.type() == type
                && incident.courier().equals(outage.courier())
                && (outage.hub() == null || outage.hub().equals(incident.hub()))
                && !incident.detectedAt().isBefore(outage.start())
                && incident.detectedAt().isBefore(outage.end());
    }

    private static Duration delayOf(InjectedIncident outage, Incident incident) {
        return Duration.between(outage.start(), incident.detectedAt());
    }

    private static void printFigures() {
        System.out.printf(
                Locale.ROOT,
                "incidents injected: %d (%d hub outages, %d feed outages, %d new codes)%n",
                injected.size(),
                ofType(InjectedIncident.HUB_OUTAGE).size(),
                ofType(InjectedIncident.FEED_OUTAGE).size(),
                ofType(InjectedIncident.NEW_CODE).size());
        for (InjectedIncident outage : outages()) {
            Optional<Incident> found = detectionOf(outage);
            System.out.printf(
                    Locale.ROOT,
                    "  %s %s %s %s..%s: %s%n",
                    outage.type(),
                    outage.courier(),
                    outage.hub() == null ? "" : outage.hub(),
                    outage.start(),
                    outage.end(),
                    found.map(
                                    i ->
                                            "detected after "
                                                    + delayOf(outage, i).toMinutes()
                                                    + " min, "
                                                    + i.parcelCount()
                                                    + " parcels")
                            .orElse("MISSED"));
        }
        List<Incident> opened = opened();
        List<Incident> uncaused = opened.stream().filter(i -> causeOf(i).isEmpty()).toList();
        System.out.printf(
                Locale.ROOT,
                "incidents detected: %d, of them false: %d%n",
                opened.size(),
                uncaused.size());
        uncaused.forEach(i -> System.out.println("  false: " + i.id() + " at " + i.detectedAt()));
        System.out.println("feeds over days 2 to 4:");
        lastDays.stream()
                .filter(figures -> figures.tenant() == null)
                .forEach(
                        figures ->
                                System.out.printf(
                                        Locale.ROOT,
                                        "  feed %s: %d scans, %d duplicates, %d regressions,"
                                                + " %.2f%% unmapped, lag P90 %d min%n",
                                        figures.feed().name(),
                                        figures.events(),
                                        figures.duplicates(),
                                        figures.regressions(),
                                        100 * figures.unmappedShare(),
                                        figures.lagP90().toMinutes()));
    }
}
