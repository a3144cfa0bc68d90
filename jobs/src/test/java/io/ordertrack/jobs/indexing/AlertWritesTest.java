package io.ordertrack.jobs.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.jobs.tracking.OrderTracker;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertWritesTest {
    private static final OrderTracker.Writes WRITES = OrderTracker.Writes.DEFAULT;
    private static final long DELAY = WRITES.catchUpDelay().toMillis();
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final Instant OPENED = Instant.parse("2026-11-02T09:30:00Z");
    private static final long NOW = OPENED.plus(Duration.ofDays(30)).toEpochMilli();
    private static final String ALERT_ID = "NDR:acme-fashion:SHOPIFY:1001";

    private KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> writes;

    @BeforeEach
    void open() throws Exception {
        writes =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new AlertWrites(WRITES), Alert::getAlertId, Types.STRING);
        writes.setProcessingTime(NOW);
    }

    @AfterEach
    void close() throws Exception {
        writes.close();
    }

    @Test
    void aLiveChangeGoesAtOnce() throws Exception {
        writes.processElement(alert(1, AlertState.OPEN), NOW - 5_000);
        assertThat(writes.extractOutputValues()).extracting(Alert::getVersion).containsExactly(1L);
        assertThat(writes.numKeyedStateEntries()).isZero();
    }

    @Test
    void anAlertOpenedUpdatedAndResolvedInAReplayIsWrittenOnceAtItsEnd() throws Exception {
        long replayed = OPENED.toEpochMilli();
        for (int second = 0; second < 30; second++) {
            // The replay races on: an hour of the feeds' clock per second of wall clock.
            long eventTime = replayed + second * HOUR;
            writes.processWatermark(eventTime);
            writes.setProcessingTime(NOW + second * 1_000L);
            Alert alert =
                    second < 3
                            ? alert(second + 1, second < 2 ? AlertState.OPEN : AlertState.RESOLVED)
                            : alert(1, AlertState.OPEN);
            if (second >= 3) {
                alert.setAlertId("NDR:acme-fashion:SHOPIFY:" + (1001 + second));
            }
            writes.processElement(alert, eventTime);
        }
        assertThat(writes.extractOutputValues()).as("held while the replay goes on").isEmpty();

        writes.setProcessingTime(NOW + 30_000 + DELAY);
        assertThat(writes.extractOutputValues()).as("each alert once").hasSize(28);
        assertThat(writes.extractOutputValues())
                .filteredOn(alert -> alert.getAlertId().equals(ALERT_ID))
                .singleElement()
                .satisfies(
                        alert -> {
                            assertThat(alert.getVersion()).isEqualTo(3);
                            assertThat(alert.getState()).isEqualTo(AlertState.RESOLVED);
                        });
        assertThat(writes.numKeyedStateEntries()).isZero();
        assertThat(writes.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aLateChangeOutsideACatchUpWaitsOnlyTheDelayAndKeepsTheNewestVersion() throws Exception {
        long late = NOW - Duration.ofHours(6).toMillis();
        writes.processElement(alert(2, AlertState.OPEN), late);
        writes.processElement(alert(1, AlertState.OPEN), late);
        writes.setProcessingTime(NOW + DELAY - 1);
        assertThat(writes.extractOutputValues()).isEmpty();

        writes.setProcessingTime(NOW + DELAY);
        assertThat(writes.extractOutputValues()).extracting(Alert::getVersion).containsExactly(2L);
    }

    @Test
    void aLiveChangeTakesTheHeldOneAlongAndCallsOffItsWrite() throws Exception {
        writes.processElement(alert(1, AlertState.OPEN), NOW - Duration.ofHours(6).toMillis());
        writes.processElement(alert(2, AlertState.RESOLVED), NOW);
        writes.setProcessingTime(NOW + 2 * DELAY);

        assertThat(writes.extractOutputValues()).extracting(Alert::getVersion).containsExactly(2L);
        assertThat(writes.numProcessingTimeTimers()).isZero();
        assertThat(writes.numKeyedStateEntries()).isZero();
    }

    private static Alert alert(long version, AlertState state) {
        return Alert.newBuilder()
                .setEventId("alert-1001-" + version)
                .setEventTime(OPENED)
                .setTenantId("acme-fashion")
                .setAlertId(ALERT_ID)
                .setType(AlertType.NDR)
                .setSeverity(AlertSeverity.WARNING)
                .setState(state)
                .setOrderId("acme-fashion:SHOPIFY:1001")
                .setOpenedAt(OPENED)
                .setUpdatedAt(OPENED)
                .setVersion(version)
                .build();
    }
}
