package io.ordertrack.local;

import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderItem;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.RecordKeys;
import io.ordertrack.schemas.UndecodableRecordException;
import io.ordertrack.simulator.ExpectedAlert;
import io.ordertrack.simulator.Oracle;
import io.ordertrack.simulator.SimulatedRecord;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The stock in Elasticsearch compared with a simulator run's oracle, keyed {@code
 * tenant:sku:warehouse}: the final available units of every SKU at every warehouse, and which of
 * them ever ran low.
 *
 * <p>A return to origin reported days late puts its units back on hand only when its scan arrives,
 * so until then the stock may rightly look lower than it truly was, and low when it truly was not:
 * an extra LOW_STOCK alert is right only for a SKU × warehouse such a late return moved. Every
 * other change reaches the ledger in time, so stock never looks higher than it truly was and every
 * true low must have been seen.
 */
final class StockComparison {
    private static final AvroCodec<OrderEvent> ORDER_EVENTS = AvroCodec.of(OrderEvent.class);
    private static final Set<String> LATE_FEEDS =
            Set.of("LATE_SCAN", "OUT_OF_ORDER", "SCAN_BEFORE_MANIFEST");
    private static final Set<String> RETURNING_OUTCOMES = Set.of("RTO", "RETURNED_BY_CUSTOMER");

    private StockComparison() {}

    /** The oracle's final available units by stock key. */
    static Map<String, Integer> expectedStock(Oracle oracle) {
        Map<String, Integer> stock = new TreeMap<>();
        oracle.stock()
                .forEach(
                        s -> stock.put(key(s.tenantId(), s.sku(), s.warehouseId()), s.available()));
        return stock;
    }

    /**
     * Waits (two minutes at most) for the index to show the expected stock; returns what it shows.
     */
    static Map<String, Integer> indexedStock(
            ElasticsearchClients elasticsearch, String index, Map<String, Integer> expected) {
        Map<String, Integer> indexed = new TreeMap<>();
        try {
            Awaitility.await()
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(
                            () -> {
                                indexed.clear();
                                for (Hit<ObjectNode> hit : IndexSearch.all(elasticsearch, index)) {
                                    ObjectNode stock = hit.source();
                                    indexed.put(
                                            key(
                                                    stock.path("tenantId").asText(),
                                                    stock.path("sku").asText(),
                                                    stock.path("warehouseId").asText()),
                                            stock.path("available").asInt());
                                }
                                return indexed.equals(expected);
                            });
        } catch (ConditionTimeoutException e) {
            // The comparison names the differences; the documents tell how far each got.
            try {
                for (Hit<ObjectNode> hit : IndexSearch.all(elasticsearch, index)) {
                    ObjectNode stock = hit.source();
                    String key =
                            key(
                                    stock.path("tenantId").asText(),
                                    stock.path("sku").asText(),
                                    stock.path("warehouseId").asText());
                    if (!java.util.Objects.equals(expected.get(key), indexed.get(key))) {
                        System.err.println("differs from the oracle: " + stock);
                    }
                }
            } catch (Exception unreadable) {
                System.err.println("cannot read " + index + ": " + unreadable);
            }
        }
        return indexed;
    }

    /** The stock keys a late courier scan returned units to. */
    static Set<String> lateReturnKeys(Oracle oracle, List<SimulatedRecord> records) {
        Set<String> lateReturns =
                oracle.orders().stream()
                        .filter(o -> RETURNING_OUTCOMES.contains(o.outcome()))
                        .filter(o -> o.mess().stream().anyMatch(LATE_FEEDS::contains))
                        .map(Oracle.OrderTruth::orderId)
                        .collect(Collectors.toSet());
        Set<String> touched = new HashSet<>();
        for (SimulatedRecord record : records) {
            if (record.topic() != SimulatedRecord.Topic.ORDERS) {
                continue;
            }
            try {
                OrderEvent event = ORDER_EVENTS.decode(record.value());
                if (event.getType() == OrderEventType.PLACED
                        && lateReturns.contains(RecordKeys.of(event))) {
                    OrderDetails details = (OrderDetails) event.getDetails();
                    for (OrderItem item : details.getItems()) {
                        touched.add(
                                key(event.getTenantId(), item.getSku(), details.getWarehouseId()));
                    }
                }
            } catch (UndecodableRecordException e) {
                // A bad record moves no stock.
            }
        }
        return touched;
    }

    /** The keys the oracle says ran low at some point. */
    static Set<String> expectedLowStock(Oracle oracle) {
        return oracle.alerts().stream()
                .filter(alert -> alert.type().equals("LOW_STOCK"))
                .map(StockComparison::keyOf)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The keys with a LOW_STOCK alert (open or resolved) in the alerts index. */
    static Set<String> lowStockAlerted(ElasticsearchClients elasticsearch, String index)
            throws Exception {
        return IndexSearch.all(elasticsearch, index).stream()
                .map(Hit::source)
                .filter(alert -> alert.path("type").asText().equals("LOW_STOCK"))
                .map(
                        alert ->
                                key(
                                        alert.path("tenantId").asText(),
                                        alert.path("sku").asText(),
                                        alert.path("warehouseId").asText()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String keyOf(ExpectedAlert alert) {
        String subject = alert.subject();
        int at = subject.lastIndexOf('@');
        return key(alert.tenantId(), subject.substring(0, at), subject.substring(at + 1));
    }

    private static String key(String tenantId, String sku, String warehouseId) {
        return tenantId + ":" + sku + ":" + warehouseId;
    }
}
