package io.ordertrack.domain.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.domain.incidents.HubStalls.HubScan;
import io.ordertrack.domain.incidents.Incident.IncidentType;
import io.ordertrack.domain.incidents.Incident.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubStallsTest {
    private static final Instant MONDAY = Instant.parse("2026-11-02T00:00:00Z");
    private static final Instant WEDNESDAY = MONDAY.plus(Duration.ofDays(2));
    private static final String NAGPUR = "Nagpur hub";

    private final HubStalls stalls = new HubStalls(IncidentSettings.DEFAULT);
    private final List<Incident> changes = new ArrayList<>();

    @Test
    void aHubThatStopsMovingParcelsOnOpensOneStallNamingItsParcels() {
        List<HubScan> scans = steadyHub("DELHIVERY", NAGPUR, 4, Duration.ofHours(10), 60);
        scans.removeIf(scan -> scan.ends() && !scan.scanAt().isBefore(WEDNESDAY));
        feed(scans);

        assertThat(changes).hasSize(1);
        Incident stall = changes.get(0);
        assertThat(stall.type()).isEqualTo(IncidentType.HUB_STALL);
        assertThat(stall.state()).isEqualTo(State.OPEN);
        assertThat(stall.courier()).isEqualTo("DELHIVERY");
        assertThat(stall.hub()).isEqualTo(NAGPUR);
        assertThat(stall.city()).isEqualTo("Nagpur");
        assertThat(stall.since()).isBefore(WEDNESDAY).isAfter(WEDNESDAY.minusSeconds(3600));
        assertThat(Duration.between(stall.since(), stall.detectedAt()))
                .isLessThan(Duration.ofHours(6));
        assertThat(stall.parcelCount()).isGreaterThanOrEqualTo(40);
        assertThat(stall.parcels()).hasSize(stall.parcelCount());
        assertThat(stall.oldest()).isBefore(stall.since());
        assertThat(stalls.open()).containsExactly(stall);
    }

    @Test
    void aStallResolvesWhenItsParcelsMoveAgain() {
        List<HubScan> scans = steadyHub("DELHIVERY", NAGPUR, 4, Duration.ofHours(10), 60);
        Instant resumes = WEDNESDAY.plus(Duration.ofHours(9));
        scans.removeIf(
                scan ->
                        scan.ends()
                                && !scan.scanAt().isBefore(WEDNESDAY)
                                && scan.scanAt().isBefore(resumes));
        feed(scans);

        assertThat(changes).extracting(Incident::state).containsExactly(State.OPEN, State.RESOLVED);
        Incident resolved = changes.get(1);
        assertThat(resolved.id()).isEqualTo(changes.get(0).id());
        assertThat(resolved.resolvedAt())
                .isAfterOrEqualTo(resumes)
                .isBefore(resumes.plusSeconds(3600));
        assertThat(stalls.open()).isEmpty();
    }

    @Test
    void aHubWithAFewParcelsIsNeverStalledHoweverLongTheyWait() {
        List<HubScan> scans = steadyHub("DTDC", "Ranchi hub", 1, Duration.ofHours(4), 40);
        scans.removeIf(scan -> scan.ends() && !scan.scanAt().isBefore(WEDNESDAY));
        scans.removeIf(scan -> scan.scanAt().isAfter(WEDNESDAY.plus(Duration.ofHours(4))));
        scans.addAll(steadyHub("DTDC", "Pune hub", 4, Duration.ofHours(10), 24 * 6));
        feed(scans);

        assertThat(changes).isEmpty();
    }

    @Test
    void aQuieterHubTakesLongerToCallStalledThanABusyOne() {
        List<HubScan> busy = steadyHub("DELHIVERY", NAGPUR, 8, Duration.ofHours(10), 72);
        List<HubScan> quiet = steadyHub("DELHIVERY", "Ranchi hub", 2, Duration.ofHours(10), 72);
        busy.removeIf(scan -> scan.ends() && !scan.scanAt().isBefore(WEDNESDAY));
        quiet.removeIf(scan -> scan.ends() && !scan.scanAt().isBefore(WEDNESDAY));
        busy.addAll(quiet);
        feed(busy);

        assertThat(changes).extracting(Incident::hub).containsExactly(NAGPUR, "Ranchi hub");
        assertThat(delay(changes.get(1))).isGreaterThan(delay(changes.get(0)));
    }

    @Test
    void nightsWhenADestinationHubMovesNothingAreNotStalls() {
        List<HubScan> scans = new ArrayList<>();
        for (int day = 0; day < 5; day++) {
            for (int i = 0; i < 40; i++) {
                Instant in = MONDAY.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(30 * i));
                Instant out =
                        MONDAY.plus(Duration.ofDays(day + 1))
                                .plus(Duration.ofHours(3))
                                .plus(Duration.ofMinutes(12 * i));
                String parcel = "acme:XPRESSBEES:" + day + "-" + i;
                scans.add(scan(parcel, "XPRESSBEES", "Indore hub", "Indore", in, false));
                scans.add(scan(parcel, "XPRESSBEES", "Indore hub", "Indore", out, true));
            }
        }
        feed(scans);

        assertThat(changes).isEmpty();
    }

    @Test
    void duplicatesAndScansAfterDeliveryDoNotResolveAStall() {
        List<HubScan> scans = steadyHub("DELHIVERY", NAGPUR, 4, Duration.ofHours(10), 60);
        scans.removeIf(scan -> scan.ends() && !scan.scanAt().isBefore(WEDNESDAY));
        String waitingAtNagpur = "acme:DELHIVERY:45-0";
        String deliveredAt30h = "acme:DELHIVERY:20-0";
        scans.add(scan(waitingAtNagpur, "DELHIVERY", NAGPUR, null, hours(55), false));
        scans.add(scan(deliveredAt30h, "DELHIVERY", "Pune hub", null, hours(56), false));
        feed(scans);

        assertThat(changes).extracting(Incident::state).containsExactly(State.OPEN);
    }

    @Test
    void aCourierWhoseScansStopArrivingStallsNoneOfItsHubs() {
        List<HubScan> scans = steadyHub("DELHIVERY", NAGPUR, 4, Duration.ofHours(10), 60);
        scans.removeIf(scan -> !scan.scanAt().isBefore(WEDNESDAY));
        scans.addAll(steadyHub("BLUEDART", "Delhi hub", 4, Duration.ofHours(10), 72));
        feed(scans);

        assertThat(changes).isEmpty();
    }

    private Duration delay(Incident incident) {
        return Duration.between(incident.since(), incident.detectedAt());
    }

    /**
     * A hub of {@code courier} where {@code perHour} parcels arrive every hour for {@code hours}
     * hours from Monday, each delivered (its journey ended) 0.6 to 1.4 times {@code dwell} after it
     * arrived.
     */
    private static List<HubScan> steadyHub(
            String courier, String hub, int perHour, Duration dwell, int hours) {
        List<HubScan> scans = new ArrayList<>();
        String city = hub.replace(" hub", "");
        for (int h = 0; h < hours; h++) {
            for (int k = 0; k < perHour; k++) {
                String parcel =
                        "acme:" + courier + ":" + (hub.equals(NAGPUR) ? "" : hub) + h + "-" + k;
                Instant in = hours(h).plus(Duration.ofMinutes(60L * k / perHour));
                scans.add(scan(parcel, courier, hub, city, in, false));
                Duration stay = dwell.multipliedBy(6 + (h * 7 + k * 3) % 9).dividedBy(10);
                scans.add(scan(parcel, courier, "Pune hub", "Pune", in.plus(stay), true));
            }
        }
        return scans;
    }

    /** A scan that arrived as it was made. */
    private static HubScan scan(
            String parcel, String courier, String hub, String city, Instant at, boolean ends) {
        return new HubScan(parcel, courier, hub, city, at, ends, at);
    }

    private static Instant hours(long hours) {
        return MONDAY.plus(Duration.ofHours(hours));
    }

    private void feed(List<HubScan> scans) {
        scans.stream()
                .sorted(Comparator.comparing(HubScan::scanAt))
                .forEach(scan -> changes.addAll(stalls.record(scan)));
    }
}
