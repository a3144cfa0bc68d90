package io.ordertrack.jobs.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.Manifest;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.jobs.ingest.DeadLetter;
import io.ordertrack.jobs.ingest.DeadLetterSplitter;
import io.ordertrack.schemas.RecordKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShipmentRouterTest {
    private static final Instant MANIFESTED_AT = Instant.parse("2026-11-20T08:30:00Z");
    private static final Duration HOLD = Duration.ofDays(3);
    private static final Duration MIN_WAIT = Duration.ofMinutes(10);
    private static final String AWB = "DL1001";

    private KeyedTwoInputStreamOperatorTestHarness<String, OrderEvent, TrackingScan, RoutedScan>
            harness;
    private int nextEventId;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new ShipmentRouter(Duration.ofDays(120), HOLD, MIN_WAIT, 3, "tracking"),
                        RecordKeys::shipmentOf,
                        RecordKeys::of,
                        Types.STRING);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void aScanOfAManifestedAwbGoesToItsOrder() throws Exception {
        harness.processElement1(manifest("acme-fashion", "SHOPIFY", "1001"), 1);
        harness.processElement2(scan("acme-fashion", ShipmentStatus.PICKED_UP), 2);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        routed -> {
                            assertThat(routed.getOrderId()).isEqualTo("acme-fashion:SHOPIFY:1001");
                            assertThat(routed.getScan().getStatus())
                                    .isEqualTo(ShipmentStatus.PICKED_UP);
                        });
    }

    @Test
    void scansBeforeTheManifestAreHeldThenReleasedInArrivalOrder() throws Exception {
        harness.processElement2(scan("acme-fashion", ShipmentStatus.PICKED_UP), 1);
        harness.processElement2(scan("acme-fashion", ShipmentStatus.IN_TRANSIT), 2);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processElement1(manifest("acme-fashion", "AMAZON", "402-77"), 3);

        assertThat(harness.extractOutputValues())
                .extracting(routed -> routed.getScan().getStatus())
                .containsExactly(ShipmentStatus.PICKED_UP, ShipmentStatus.IN_TRANSIT);
        assertThat(harness.extractOutputValues())
                .allSatisfy(
                        routed ->
                                assertThat(routed.getOrderId())
                                        .isEqualTo("acme-fashion:AMAZON:402-77"));
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void theSameAwbOfAnotherTenantIsAnotherShipment() throws Exception {
        harness.processElement1(manifest("acme-fashion", "SHOPIFY", "1001"), 1);
        harness.processElement2(scan("zenith-electronics", ShipmentStatus.PICKED_UP), 2);

        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void scansWhoseManifestNeverComesGoToDeadLettersAndTheirStateIsCleared() throws Exception {
        harness.processBothWatermarks(new Watermark(MANIFESTED_AT.toEpochMilli()));
        harness.processElement2(scan("acme-fashion", ShipmentStatus.PICKED_UP), 1);
        harness.processElement2(scan("acme-fashion", ShipmentStatus.IN_TRANSIT), 2);

        // The scans are an hour or two after MANIFESTED_AT; the hold counts from the first.
        harness.processBothWatermarks(
                new Watermark(MANIFESTED_AT.plus(HOLD).plus(Duration.ofHours(2)).toEpochMilli()));
        assertThat(deadLetters()).as("before waiting the minimum wall-clock time").isEmpty();
        harness.setProcessingTime(MIN_WAIT.toMillis());

        assertThat(deadLetters())
                .hasSize(2)
                .allSatisfy(
                        letter -> {
                            assertThat(letter.getReason())
                                    .isEqualTo("no manifest named this AWB within PT72H");
                            assertThat(letter.getSourceTopic()).isEqualTo("tracking");
                            assertThat(letter.getTimestamp())
                                    .as("stamped when it gave up, not with the scan's time")
                                    .isEqualTo(MIN_WAIT.toMillis());
                        });
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aManifestReadLateInAReplayStillReleasesTheScansWithinTheMinimumWait() throws Exception {
        harness.processBothWatermarks(new Watermark(MANIFESTED_AT.toEpochMilli()));
        harness.processElement2(scan("acme-fashion", ShipmentStatus.PICKED_UP), 1);
        harness.processBothWatermarks(
                new Watermark(MANIFESTED_AT.plus(HOLD).plus(Duration.ofHours(2)).toEpochMilli()));
        assertThat(harness.numProcessingTimeTimers()).as("the hold is over").isOne();
        harness.setProcessingTime(MIN_WAIT.toMillis() - 1);
        harness.processElement1(manifest("acme-fashion", "SHOPIFY", "1001"), 2);
        harness.setProcessingTime(MIN_WAIT.toMillis());

        assertThat(deadLetters()).isEmpty();
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aScanReadDaysAheadOfTheOrdersWaitsForItsManifestFromItsOwnTime() throws Exception {
        // A replay: the scans' topic is read days ahead of the orders', which hold the watermark.
        Instant ordersReadUntil = MANIFESTED_AT.minus(Duration.ofDays(5));
        harness.processBothWatermarks(new Watermark(ordersReadUntil.toEpochMilli()));
        harness.processElement2(scan("acme-fashion", ShipmentStatus.PICKED_UP), 1);
        harness.setProcessingTime(MIN_WAIT.toMillis());

        harness.processBothWatermarks(
                new Watermark(ordersReadUntil.plus(HOLD).plus(Duration.ofDays(1)).toEpochMilli()));
        harness.setProcessingTime(MIN_WAIT.toMillis() * 2);
        assertThat(deadLetters()).as("the orders read are still before the scan").isEmpty();
        harness.processElement1(manifest("acme-fashion", "SHOPIFY", "1001"), 2);

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void beyondTheHoldLimitScansGoToDeadLettersAtOnce() throws Exception {
        for (int i = 0; i < 4; i++) {
            harness.processElement2(scan("acme-fashion", ShipmentStatus.IN_TRANSIT), i);
        }

        assertThat(deadLetters())
                .singleElement()
                .satisfies(
                        letter ->
                                assertThat(letter.getReason())
                                        .isEqualTo(
                                                "more than 3 scans held for an AWB no manifest"
                                                        + " names"));
    }

    private List<DeadLetter> deadLetters() {
        if (harness.getSideOutput(DeadLetterSplitter.DEAD_LETTERS) == null) {
            return List.of();
        }
        return harness.getSideOutput(DeadLetterSplitter.DEAD_LETTERS).stream()
                .map(StreamRecord::getValue)
                .toList();
    }

    private OrderEvent manifest(String tenant, String channel, String clientOrderId) {
        return OrderEvent.newBuilder()
                .setEventId("manifest-" + nextEventId++)
                .setEventTime(MANIFESTED_AT)
                .setTenantId(tenant)
                .setChannel(channel)
                .setClientOrderId(clientOrderId)
                .setType(OrderEventType.MANIFESTED)
                .setDetails(new Manifest("DELHIVERY", AWB))
                .build();
    }

    private TrackingScan scan(String tenant, ShipmentStatus status) {
        return TrackingScan.newBuilder()
                .setEventId("scan-" + nextEventId++)
                .setEventTime(MANIFESTED_AT.plus(Duration.ofHours(nextEventId)))
                .setTenantId(tenant)
                .setCourier("DELHIVERY")
                .setAwb(AWB)
                .setStatus(status)
                .setRawCode(status.name())
                .build();
    }
}
