package io.ordertrack.domain.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.domain.incidents.AlertFolding.Held;
import io.ordertrack.domain.incidents.Incident.IncidentType;
import io.ordertrack.domain.incidents.Incident.State;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Late-parcel alerts a courier's open incident explains point at it instead of paging. */
class AlertFoldingTest {
    private static final Instant SINCE = Instant.parse("2026-11-04T06:00:00Z");
    private static final Incident NAGPUR_STALL =
            new Incident(
                    IncidentType.HUB_STALL,
                    State.OPEN,
                    "DELHIVERY",
                    "Nagpur hub",
                    "Nagpur",
                    List.of("acme:DELHIVERY:NG1"),
                    2,
                    SINCE,
                    SINCE,
                    SINCE.plusSeconds(4 * 3600),
                    null);
    private static final Incident SILENCE =
            new Incident(
                    IncidentType.FEED_SILENT,
                    State.OPEN,
                    "DELHIVERY",
                    null,
                    null,
                    List.of(),
                    40,
                    null,
                    SINCE,
                    SINCE.plusSeconds(3600),
                    null);

    private final AlertFolding folding = new AlertFolding();

    @Test
    void aStuckParcelAtAStalledHubPointsAtTheStallAndDoesNotPage() {
        folding.record(
                Held.opened(NAGPUR_STALL, List.of("acme:DELHIVERY:NG1", "zen:DELHIVERY:NG2")));

        Alert folded = folding.apply(alert("acme", "NG1", AlertType.STUCK_IN_TRANSIT, 1));

        assertThat(folded.getIncidentId()).isEqualTo(NAGPUR_STALL.id());
        assertThat(folded.getSeverity()).isEqualTo(AlertSeverity.INFO);
        assertThat(folded.getReasons().get(0))
                .contains("Nagpur hub", "DELHIVERY", NAGPUR_STALL.id(), "not this parcel alone");
        assertThat(folded.getReasons()).endsWith("no scan for 48 h");
        assertThat(folded.getAlertId()).isEqualTo("acme|NG1|STUCK_IN_TRANSIT");
        assertThat(folded.getVersion()).isEqualTo(1);
    }

    @Test
    void parcelsElsewhereAndAlertsThatDoNotBlameLatenessAreTheirOwn() {
        folding.record(Held.opened(NAGPUR_STALL, List.of("acme:DELHIVERY:NG1")));

        Alert elsewhere = alert("acme", "PU7", AlertType.STUCK_IN_TRANSIT, 1);
        Alert otherTenantSameAwb = alert("zen", "NG1", AlertType.STUCK_IN_TRANSIT, 1);
        Alert ndr = alert("acme", "NG1", AlertType.NDR, 1);

        assertThat(folding.apply(elsewhere)).isEqualTo(elsewhere);
        assertThat(folding.apply(otherTenantSameAwb)).isEqualTo(otherTenantSameAwb);
        assertThat(folding.apply(ndr)).isEqualTo(ndr);
    }

    @Test
    void whileAFeedIsSilentEveryLateParcelOfItsCourierSaysSo() {
        folding.record(Held.opened(SILENCE, List.of("acme:DELHIVERY:A1")));

        for (AlertType type : AlertFolding.BLAMES_THE_PARCEL) {
            Alert folded = folding.apply(alert("zen", "ANY" + type, type, 1));
            assertThat(folded.getIncidentId()).as("%s", type).isEqualTo(SILENCE.id());
            assertThat(folded.getReasons().get(0))
                    .contains("no scan of DELHIVERY has arrived since", "not late");
        }
    }

    @Test
    void aFoldedAlertStaysFoldedUntilItResolvesOrItsIncidentIsOver() {
        folding.record(Held.opened(NAGPUR_STALL, List.of("acme:DELHIVERY:NG1")));
        folding.apply(alert("acme", "NG1", AlertType.EDD_BREACH, 1));

        Alert update = folding.apply(alert("acme", "NG1", AlertType.EDD_BREACH, 2));
        assertThat(update.getIncidentId()).isEqualTo(NAGPUR_STALL.id());

        Alert resolved =
                Alert.newBuilder(alert("acme", "NG1", AlertType.EDD_BREACH, 3))
                        .setState(AlertState.RESOLVED)
                        .build();
        assertThat(folding.apply(resolved).getIncidentId()).isEqualTo(NAGPUR_STALL.id());

        folding.record(Held.over(NAGPUR_STALL.id(), "DELHIVERY"));
        Alert afterwards = alert("acme", "NG1", AlertType.EDD_BREACH, 4);
        assertThat(folding.apply(afterwards)).isEqualTo(afterwards);
        assertThat(folding.isEmpty()).isTrue();
    }

    @Test
    void anAlertOpenedBeforeItsIncidentWasKnownIsFoldedAtItsNextVersion() {
        Alert before = alert("acme", "NG1", AlertType.STUCK_IN_TRANSIT, 1);
        assertThat(folding.apply(before)).isEqualTo(before);

        folding.record(Held.opened(NAGPUR_STALL, List.of("acme:DELHIVERY:NG1")));

        Alert next = folding.apply(alert("acme", "NG1", AlertType.STUCK_IN_TRANSIT, 2));
        assertThat(next.getIncidentId()).isEqualTo(NAGPUR_STALL.id());
        assertThat(next.getVersion()).isEqualTo(2);
    }

    private static Alert alert(String tenant, String awb, AlertType type, long version) {
        String id = tenant + "|" + awb + "|" + type;
        return Alert.newBuilder()
                .setAlertId(id)
                .setEventId(id + ":" + version)
                .setVersion(version)
                .setEventTime(SINCE.plusSeconds(48 * 3600))
                .setTenantId(tenant)
                .setType(type)
                .setSeverity(AlertSeverity.WARNING)
                .setState(AlertState.OPEN)
                .setOrderId(tenant + ":o-" + awb)
                .setCourier("DELHIVERY")
                .setAwb(awb)
                .setReasons(List.of("no scan for 48 h"))
                .setOpenedAt(SINCE.plusSeconds(48 * 3600))
                .setUpdatedAt(SINCE.plusSeconds(48 * 3600))
                .build();
    }
}
