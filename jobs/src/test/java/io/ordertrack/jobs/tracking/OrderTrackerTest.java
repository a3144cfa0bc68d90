package io.ordertrack.jobs.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.domain.AlertThresholds;
import io.ordertrack.jobs.elasticsearch.IndexedDocument;
import io.ordertrack.schemas.RecordKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderTrackerTest {
    private static final Instant PLACED_AT = Instant.parse("2026-11-20T04:30:00Z");
    private static final Duration FINISHED_RETENTION = Duration.ofDays(30);
    private static final String ORDER_ID = "acme-fashion:SHOPIFY:1001";
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyedTwoInputStreamOperatorTestHarness<String, OrderEvent, RoutedScan, IndexedDocument>
            harness;
    private int nextEventId;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new OrderTracker(
                                Duration.ofDays(120), FINISHED_RETENTION, AlertThresholds.DEFAULT),
                        RecordKeys::of,
                        RoutedScan::getOrderId,
                        Types.STRING);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void everyChangeEmitsTheOrderDocumentAtItsVersion() throws Exception {
        harness.processElement1(event(OrderEventType.CONFIRMED, 1), 1);
        harness.processElement2(routed(ShipmentStatus.PICKED_UP, 9), 2);

        List<IndexedDocument> written = harness.extractOutputValues();
        assertThat(written).extracting(IndexedDocument::getVersion).containsExactly(1L, 2L);
        JsonNode last = JSON.readTree(written.get(1).getJson());
        assertThat(last.path("orderId").asText()).isEqualTo(ORDER_ID);
        assertThat(last.path("shipmentStatus").asText()).isEqualTo("PICKED_UP");
        assertThat(last.path("bucket").asText()).isEqualTo("LIVE");
    }

    @Test
    void aDuplicateEmitsNothing() throws Exception {
        OrderEvent confirmed = event(OrderEventType.CONFIRMED, 1);
        harness.processElement1(confirmed, 1);
        harness.processElement1(confirmed, 2);

        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void aFinishedOrderIsForgottenAfterItsRetentionWithItsTimer() throws Exception {
        harness.processElement1(event(OrderEventType.CONFIRMED, 1), 1);
        harness.processBothWatermarks(new Watermark(hoursLater(1).toEpochMilli()));
        assertThat(harness.numEventTimeTimers()).isZero();
        harness.processElement2(routed(ShipmentStatus.DELIVERED, 45), 2);
        harness.processBothWatermarks(new Watermark(hoursLater(45).toEpochMilli()));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processBothWatermarks(
                new Watermark(hoursLater(45).plus(FINISHED_RETENTION).toEpochMilli() - 1));
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processBothWatermarks(
                new Watermark(hoursLater(45).plus(FINISHED_RETENTION).toEpochMilli()));

        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aReturnAfterDeliveryCancelsTheCleanupUntilTheReturnIsDone() throws Exception {
        harness.processElement2(routed(ShipmentStatus.DELIVERED, 45), 1);
        harness.processElement1(event(OrderEventType.RETURN_REQUESTED, 70), 2);
        harness.processBothWatermarks(new Watermark(hoursLater(70).toEpochMilli()));
        assertThat(harness.numEventTimeTimers()).isZero();

        harness.processElement2(routed(ShipmentStatus.RETURN_DELIVERED, 120), 3);
        harness.processBothWatermarks(new Watermark(hoursLater(120).toEpochMilli()));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }

    private static Instant hoursLater(int hours) {
        return PLACED_AT.plus(Duration.ofHours(hours));
    }

    private OrderEvent event(OrderEventType type, int hours) {
        return OrderEvent.newBuilder()
                .setEventId("event-" + nextEventId++)
                .setEventTime(hoursLater(hours))
                .setTenantId("acme-fashion")
                .setChannel("SHOPIFY")
                .setClientOrderId("1001")
                .setType(type)
                .setDetails(
                        type == OrderEventType.RETURN_REQUESTED
                                ? new io.ordertrack.avro.ReturnRequest("too small")
                                : null)
                .build();
    }

    private RoutedScan routed(ShipmentStatus status, int hours) {
        TrackingScan scan =
                TrackingScan.newBuilder()
                        .setEventId("scan-" + nextEventId++)
                        .setEventTime(hoursLater(hours))
                        .setTenantId("acme-fashion")
                        .setCourier("DELHIVERY")
                        .setAwb("DL1001")
                        .setStatus(status)
                        .setRawCode(status.name())
                        .build();
        return new RoutedScan(ORDER_ID, "acme-fashion", "SHOPIFY", "1001", scan);
    }
}
