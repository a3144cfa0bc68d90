package io.ordertrack.jobs.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.InventoryEventType;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.domain.incidents.FeedHealth.Figures;
import io.ordertrack.domain.incidents.IncidentSettings;
import io.ordertrack.jobs.elasticsearch.IndexedDocument;
import io.ordertrack.jobs.indexing.FeedHealthDocuments;
import io.ordertrack.jobs.indexing.WrittenDocuments;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The feed watch in a Flink test harness: a seller's sales channel that stops sending orders, or a
 * warehouse whose stock events stop, pages that seller once and resolves at its next event; every
 * review sends the figures of each feed, as feed-health documents; a seller whose feeds all stopped
 * leaves no state behind.
 */
class FeedWatchTest {
    private static final Instant MONDAY = Instant.parse("2026-11-02T00:00:00Z");
    private static final Instant WEDNESDAY = MONDAY.plus(Duration.ofDays(2));
    private static final Duration EVERY_10_MINUTES = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyedTwoInputStreamOperatorTestHarness<String, OrderEvent, InventoryEvent, Alert>
            harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new FeedWatch(IncidentSettings.DEFAULT),
                        OrderEvent::getTenantId,
                        InventoryEvent::getTenantId,
                        Types.STRING);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void aChannelThatStopsSendingOrdersPagesItsSellerUntilItsNextOrder() throws Exception {
        Instant resumes = WEDNESDAY.plus(Duration.ofHours(6));
        feed(orders("acme", "SHOPIFY", MONDAY, WEDNESDAY), stock("acme", "WH-PUNE", resumes));
        feed(orders("acme", "SHOPIFY", resumes, resumes.plusSeconds(1)), List.of());

        Alert silent = alerts(AlertState.OPEN).get(0);
        assertThat(alerts(AlertState.OPEN)).hasSize(1);
        assertThat(silent.getType()).isEqualTo(AlertType.FEED_SILENT);
        assertThat(silent.getTenantId()).isEqualTo("acme");
        assertThat(silent.getChannel()).isEqualTo("SHOPIFY");
        assertThat(silent.getWarehouseId()).isNull();
        assertThat(silent.getCourier()).isNull();
        assertThat(silent.getAlertId()).isEqualTo(silent.getIncidentId() + "|acme");
        assertThat(silent.getSince()).isEqualTo(WEDNESDAY.minus(EVERY_10_MINUTES));
        assertThat(silent.getReasons()).singleElement().asString().contains("SHOPIFY");
        assertThat(silent.getOpenedAt()).isBefore(WEDNESDAY.plus(Duration.ofHours(4)));

        assertThat(alerts(AlertState.RESOLVED))
                .singleElement()
                .satisfies(
                        resolved -> {
                            assertThat(resolved.getAlertId()).isEqualTo(silent.getAlertId());
                            assertThat(resolved.getVersion()).isEqualTo(2L);
                            assertThat(resolved.getResolvedAt()).isEqualTo(resumes);
                        });
    }

    @Test
    void aWarehouseWhoseStockEventsStopPagesItsSeller() throws Exception {
        feed(
                orders("zenith", "AMAZON", MONDAY, WEDNESDAY.plus(Duration.ofHours(6))),
                stock("zenith", "WH-DEL", WEDNESDAY));

        assertThat(alerts(AlertState.OPEN))
                .singleElement()
                .satisfies(
                        alert -> {
                            assertThat(alert.getTenantId()).isEqualTo("zenith");
                            assertThat(alert.getWarehouseId()).isEqualTo("WH-DEL");
                            assertThat(alert.getChannel()).isNull();
                        });
    }

    @Test
    void eachReviewIndexesEveryFeedOfTheSellerSilentWhileItsIncidentIsOpen() throws Exception {
        feed(
                orders("acme", "SHOPIFY", MONDAY, WEDNESDAY),
                stock("acme", "WH-PUNE", WEDNESDAY.plus(Duration.ofHours(6))));
        Alert silent = alerts(AlertState.OPEN).get(0);

        List<IndexedDocument> documents = WrittenDocuments.of(new FeedHealthDocuments(), figures());
        assertThat(documents)
                .extracting(IndexedDocument::getId)
                .containsOnly("CHANNEL:SHOPIFY|acme", "WAREHOUSE:WH-PUNE|acme");
        for (String id : List.of("CHANNEL:SHOPIFY|acme", "WAREHOUSE:WH-PUNE|acme")) {
            assertThat(
                            documents.stream()
                                    .filter(document -> document.getId().equals(id))
                                    .map(IndexedDocument::getVersion)
                                    .toList())
                    .as("a feed's documents in the order of their versions")
                    .isSorted();
        }
        JsonNode last = JSON.readTree(lastOf(documents, "CHANNEL:SHOPIFY|acme").getJson());
        assertThat(last.get("tenantId").asText()).isEqualTo("acme");
        assertThat(last.get("kind").asText()).isEqualTo("CHANNEL");
        assertThat(last.get("state").asText()).isEqualTo("SILENT");
        assertThat(last.get("incidentId").asText()).isEqualTo(silent.getIncidentId());
        assertThat(last.get("usualEventsPerHour").asDouble()).isEqualTo(6.0);
        assertThat(last.get("eventsLastHour").asLong()).isZero();
        JsonNode stock = JSON.readTree(lastOf(documents, "WAREHOUSE:WH-PUNE|acme").getJson());
        assertThat(stock.get("state").asText()).isEqualTo("OK");
        assertThat(stock.has("incidentId")).isFalse();
        assertThat(stock.get("eventsLastHour").asLong()).isEqualTo(6);
    }

    @Test
    void aSellerWhoseFeedsAllStoppedLeavesNoStateOrTimerBehind() throws Exception {
        feed(orders("acme", "SHOPIFY", MONDAY, WEDNESDAY), stock("acme", "WH-PUNE", WEDNESDAY));
        harness.processBothWatermarks(
                new Watermark(WEDNESDAY.plus(Duration.ofHours(6)).toEpochMilli()));
        assertThat(alerts(AlertState.OPEN)).hasSize(2);

        harness.processBothWatermarks(
                new Watermark(WEDNESDAY.plus(Duration.ofDays(8)).toEpochMilli()));

        assertThat(alerts(AlertState.RESOLVED))
                .extracting(Alert::getAlertId)
                .as("a silence no event ever ended is let go with the feed")
                .containsExactlyInAnyOrderElementsOf(
                        alerts(AlertState.OPEN).stream().map(Alert::getAlertId).toList());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /**
     * A seller's orders placed on a channel every 10 minutes from {@code from} until before {@code
     * until}.
     */
    private static List<OrderEvent> orders(
            String tenant, String channel, Instant from, Instant until) {
        List<OrderEvent> orders = new ArrayList<>();
        for (Instant at = from; at.isBefore(until); at = at.plus(EVERY_10_MINUTES)) {
            orders.add(
                    OrderEvent.newBuilder()
                            .setEventId(channel + "-" + at)
                            .setEventTime(at)
                            .setTenantId(tenant)
                            .setChannel(channel)
                            .setClientOrderId("#" + at.getEpochSecond())
                            .setType(OrderEventType.PLACED)
                            .build());
        }
        return orders;
    }

    /**
     * A seller's stock events of a warehouse every 10 minutes from Monday until before {@code
     * until}.
     */
    private static List<InventoryEvent> stock(String tenant, String warehouse, Instant until) {
        List<InventoryEvent> events = new ArrayList<>();
        for (Instant at = MONDAY; at.isBefore(until); at = at.plus(EVERY_10_MINUTES)) {
            events.add(
                    InventoryEvent.newBuilder()
                            .setEventId(warehouse + "-" + at)
                            .setEventTime(at)
                            .setTenantId(tenant)
                            .setSku("KURTA")
                            .setWarehouseId(warehouse)
                            .setType(InventoryEventType.RECEIVED)
                            .setQuantity(1)
                            .build());
        }
        return events;
    }

    /** Feeds both inputs in arrival order (as they were made), the watermark following. */
    private void feed(List<OrderEvent> orders, List<InventoryEvent> stock) throws Exception {
        int o = 0;
        int s = 0;
        while (o < orders.size() || s < stock.size()) {
            boolean order =
                    s == stock.size()
                            || (o < orders.size()
                                    && !orders.get(o)
                                            .getEventTime()
                                            .isAfter(stock.get(s).getEventTime()));
            long at;
            if (order) {
                at = orders.get(o).getEventTime().toEpochMilli();
                harness.processElement1(new StreamRecord<>(orders.get(o++), at));
            } else {
                at = stock.get(s).getEventTime().toEpochMilli();
                harness.processElement2(new StreamRecord<>(stock.get(s++), at));
            }
            harness.processBothWatermarks(new Watermark(at));
        }
    }

    private List<Alert> alerts(AlertState state) {
        return harness.extractOutputValues().stream()
                .filter(alert -> alert.getState() == state)
                .toList();
    }

    private List<Figures> figures() {
        return harness.getSideOutput(IncidentWatch.FEED_HEALTH).stream()
                .map(StreamRecord::getValue)
                .toList();
    }

    private static IndexedDocument lastOf(List<IndexedDocument> documents, String id) {
        return documents.stream()
                .filter(document -> document.getId().equals(id))
                .reduce((first, second) -> second)
                .orElseThrow();
    }
}
