package io.ordertrack.jobs.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.domain.incidents.AlertFolding.Held;
import io.ordertrack.domain.incidents.Incident;
import io.ordertrack.domain.incidents.Incident.IncidentType;
import io.ordertrack.domain.incidents.Incident.State;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fold in a Flink test harness: the tracker's alerts of parcels a stall holds go out pointing
 * at it, across a restore from a checkpoint, and the courier's state goes when the stall is over.
 */
class IncidentFoldTest {
    private static final Instant SINCE = Instant.parse("2026-11-04T06:00:00Z");
    private static final Incident STALL =
            new Incident(
                    IncidentType.HUB_STALL,
                    State.OPEN,
                    "DELHIVERY",
                    "Nagpur hub",
                    "Nagpur",
                    List.of(),
                    1,
                    SINCE,
                    SINCE,
                    SINCE.plusSeconds(3600),
                    null);

    private KeyedTwoInputStreamOperatorTestHarness<String, Alert, Held, Alert> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = newHarness();
        harness.open();
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, Alert, Held, Alert> newHarness()
            throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new IncidentFold()),
                IncidentFold::courierOf,
                Held::courier,
                Types.STRING);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void theAlertsOfHeldParcelsPointAtTheStallAcrossARestore() throws Exception {
        harness.processElement2(
                new StreamRecord<>(Held.opened(STALL, List.of("acme:DELHIVERY:NG1")), 1L));
        OperatorSubtaskState snapshot = harness.snapshot(1, 2L);
        harness.close();
        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();

        harness.processElement1(new StreamRecord<>(alert("NG1", "DELHIVERY", 1), 3L));
        harness.processElement1(new StreamRecord<>(alert("PU2", "DELHIVERY", 1), 4L));
        harness.processElement1(new StreamRecord<>(alert("NG1", null, 1), 5L));

        List<Alert> out = out();
        assertThat(out).hasSize(3);
        assertThat(out.get(0).getIncidentId()).isEqualTo(STALL.id());
        assertThat(out.get(0).getSeverity()).isEqualTo(AlertSeverity.INFO);
        assertThat(out.get(1).getIncidentId()).isNull();
        assertThat(out.get(1).getSeverity()).isEqualTo(AlertSeverity.WARNING);
        assertThat(out.get(2).getIncidentId()).as("an order with no courier yet").isNull();
    }

    @Test
    void noStateIsLeftOnceTheStallIsOver() throws Exception {
        harness.processElement2(
                new StreamRecord<>(Held.opened(STALL, List.of("acme:DELHIVERY:NG1")), 1L));
        harness.processElement1(new StreamRecord<>(alert("NG1", "DELHIVERY", 1), 2L));
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processElement2(new StreamRecord<>(Held.over(STALL.id(), "DELHIVERY"), 3L));

        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @SuppressWarnings("unchecked")
    private List<Alert> out() {
        return harness.getOutput().stream()
                .filter(StreamRecord.class::isInstance)
                .map(record -> ((StreamRecord<Alert>) record).getValue())
                .toList();
    }

    private static Alert alert(String awb, String courier, long version) {
        String id = "acme|" + awb + "|STUCK_IN_TRANSIT";
        Instant at = SINCE.plusSeconds(48 * 3600);
        return Alert.newBuilder()
                .setAlertId(id)
                .setEventId(id + ":" + version)
                .setVersion(version)
                .setEventTime(at)
                .setTenantId("acme")
                .setType(AlertType.STUCK_IN_TRANSIT)
                .setSeverity(AlertSeverity.WARNING)
                .setState(AlertState.OPEN)
                .setOrderId("acme:o-" + awb)
                .setCourier(courier)
                .setAwb(courier == null ? null : awb)
                .setReasons(List.of("no scan for 48 h"))
                .setOpenedAt(at)
                .setUpdatedAt(at)
                .build();
    }
}
