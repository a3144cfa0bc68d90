package io.ordertrack.api.orders;

import co.elastic.clients.elasticsearch._types.FieldValue;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.ordertrack.api.analytics.Rate;
import io.ordertrack.api.elasticsearch.DocumentSearch.GroupCount;
import io.ordertrack.api.elasticsearch.DocumentSearch.Grouping;
import io.ordertrack.api.http.CountTable;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.api.security.TenantScope;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.documents.Bucket;
import io.ordertrack.documents.ChannelState;
import io.ordertrack.documents.PaymentModes;
import io.ordertrack.documents.SellersTime;
import io.ordertrack.documents.StoreStage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** HTTP I/O of the order views; the queries live in {@link OrderRepository}. */
public final class OrderController {
    /** The seller's buckets, the tabs of the order dashboard. */
    static final List<String> BUCKETS = Arrays.stream(Bucket.values()).map(Enum::name).toList();

    /** Where an order stands in the store view; "total uploaded" is all of them. */
    static final List<String> STORE_STAGES =
            Arrays.stream(StoreStage.values())
                    .filter(stage -> stage != StoreStage.CANCELLED)
                    .map(Enum::name)
                    .toList();

    /** How an order stands on its sales channel. */
    static final List<String> CHANNEL_STATES =
            Arrays.stream(ChannelState.values()).map(Enum::name).toList();

    /** Store orders not yet manifested have no courier yet. */
    static final String NO_COURIER = "UNASSIGNED";

    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final List<String> STATUSES =
            Arrays.stream(ShipmentStatus.values())
                    .filter(s -> s != ShipmentStatus.UNKNOWN)
                    .map(Enum::name)
                    .toList();

    private final OrderRepository orders;

    public OrderController(OrderRepository orders) {
        this.orders = orders;
    }

    /**
     * {@code GET /api/orders/{orderId}}: the stored order document. Another tenant's order answers
     * 404 exactly like a missing one.
     */
    public void getOne(Context ctx) {
        TenantScope scope = ApiKeyAuthentication.scope(ctx);
        String orderId = Parameters.pathId(ctx, "orderId");
        ctx.json(
                orders.findById(scope, orderId)
                        .orElseThrow(() -> new NotFoundResponse("Order not found")));
    }

    /**
     * {@code GET /api/orders}: a page of the orders the filters select (search by {@code q}, the
     * one search box, or by {@code awb}, {@code clientOrderId}, {@code name}, {@code phone}; filter
     * by bucket, store stage, dates, channel, ...), sorted by {@code sort}, at most {@code size};
     * {@code after} = the previous page's {@code next}.
     */
    public void list(Context ctx) {
        TenantScope scope = ApiKeyAuthentication.scope(ctx);
        OrderFilter filter = filterOf(ctx);
        OrderSort sort =
                Parameters.queryChoice(ctx, "sort", OrderSort.names())
                        .flatMap(OrderSort::named)
                        .orElse(OrderSort.NEWEST_PLACED);
        int size =
                Parameters.queryInt(
                        ctx, "size", DEFAULT_PAGE_SIZE, 1, OrderRepository.MAX_PAGE_SIZE);
        Optional<List<FieldValue>> after = Parameters.queryCursor(ctx, "after", OrderSort.CURSOR);
        ctx.json(orders.list(scope, filter, sort, size, after));
    }

    /** {@code GET /api/orders/buckets}: how many of the selected orders each bucket holds. */
    public void bucketCounts(Context ctx) {
        TenantScope scope = ApiKeyAuthentication.scope(ctx);
        Map<String, Long> counts = new LinkedHashMap<>();
        BUCKETS.forEach(bucket -> counts.put(bucket, 0L));
        orders.count(scope, filterOf(ctx), List.of(Grouping.of("bucket").filteredBy("bucket")))
                .forEach(group -> counts.put(group.values().get(0), group.count()));
        ctx.json(Map.of("buckets", counts, "total", sum(counts)));
    }

    /**
     * {@code GET /api/store-orders}: per warehouse × courier, the selected orders placed,
     * manifested, ready to ship and dispatched, and all of them ("total uploaded"; cancelled orders
     * are in none).
     */
    public void storeOrders(Context ctx) {
        TenantScope scope = ApiKeyAuthentication.scope(ctx);
        List<GroupCount> counts =
                orders.count(
                        scope,
                        filterOf(ctx),
                        List.of(
                                Grouping.of("warehouseId").filteredBy("warehouse"),
                                Grouping.of("courier").orMissing(NO_COURIER).filteredBy("courier"),
                                Grouping.of("storeStage")));
        ctx.json(
                Map.of(
                        "rows",
                        CountTable.rows(
                                counts,
                                List.of("warehouseId", "courier"),
                                STORE_STAGES,
                                "totalUploaded")));
    }

    /**
     * {@code GET /api/analytics/attempts}: per courier × the hub the rider went out from, the
     * failed delivery attempts of the selected orders, the suspicious ones (they look like they
     * never happened) and their share, with its interval (hidden under {@code minSample}, 30); the
     * highest share first.
     */
    public void attemptsByHub(Context ctx) {
        TenantScope scope = ApiKeyAuthentication.scope(ctx);
        int minSample = Parameters.queryInt(ctx, "minSample", 30, 1, 1_000_000);
        List<Map<String, Object>> rows = new ArrayList<>();
        orders.attemptsByHub(scope, filterOf(ctx)).stream()
                .map(
                        count -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("courier", count.value());
                            row.put("hub", count.nestedValue());
                            row.put("failedAttempts", count.count());
                            row.put("suspicious", count.matching());
                            row.put(
                                    "suspiciousRate",
                                    Rate.of(count.matching(), count.count(), minSample));
                            return row;
                        })
                .sorted(
                        Comparator.comparing(
                                        (Map<String, Object> row) ->
                                                ((Rate) row.get("suspiciousRate")).value(),
                                        Comparator.nullsLast(Comparator.reverseOrder()))
                                .thenComparing(
                                        row -> (Long) row.get("failedAttempts"),
                                        Comparator.reverseOrder()))
                .forEach(rows::add);
        ctx.json(Map.of("rows", rows));
    }

    /**
     * {@code GET /api/channel-orders}: per tenant × sales channel, the selected orders unfulfilled,
     * fulfilled, and with an issue.
     */
    public void channelOrders(Context ctx) {
        TenantScope scope = ApiKeyAuthentication.scope(ctx);
        List<GroupCount> counts =
                orders.count(
                        scope,
                        filterOf(ctx),
                        List.of(
                                Grouping.of("tenantId"),
                                Grouping.of("channel").filteredBy("channel"),
                                Grouping.of("channelState")));
        ctx.json(
                Map.of(
                        "rows",
                        CountTable.rows(
                                counts, List.of("tenantId", "channel"), CHANNEL_STATES, null)));
    }

    /** The order filters of a request, the same for every order view; 400 for a bad one. */
    public static OrderFilter filterOf(Context ctx) {
        Optional<String> phone = Parameters.queryText(ctx, "phone");
        if (phone.isPresent()
                && OrderQueries.nationalNumber(phone.get()).length()
                        < OrderQueries.MIN_PHONE_DIGITS) {
            throw Parameters.invalid("phone", "phone must have at least 6 digits");
        }
        return new OrderFilter(
                Parameters.queryText(ctx, "q"),
                Parameters.queryText(ctx, "awb"),
                Parameters.queryText(ctx, "courier"),
                Parameters.queryText(ctx, "clientOrderId"),
                Parameters.queryText(ctx, "name"),
                phone,
                Parameters.queryChoice(ctx, "bucket", BUCKETS),
                Parameters.queryChoice(ctx, "storeStage", STORE_STAGES),
                Parameters.queryChoice(ctx, "status", STATUSES),
                Parameters.queryText(ctx, "channel"),
                Parameters.queryText(ctx, "warehouse"),
                Parameters.queryChoice(ctx, "paymentMode", PaymentModes.NAMES),
                Parameters.queryText(ctx, "sku"),
                Parameters.queryText(ctx, "pincode"),
                Parameters.queryTime(ctx, "from", SellersTime.ZONE, false),
                Parameters.queryTime(ctx, "to", SellersTime.ZONE, true));
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
