package io.ordertrack.api.routing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.databind.JsonNode;
import io.ordertrack.api.elasticsearch.DocumentSearch;
import io.ordertrack.api.elasticsearch.Filters;
import io.ordertrack.api.elasticsearch.PageCursor;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.security.TenantScope;
import io.ordertrack.geo.FulfilmentPlanner.WarehouseStock;
import io.ordertrack.geo.Pincodes;
import io.ordertrack.geo.Place;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The live stock of some SKUs at every warehouse of one tenant, from the {@code inventory} index
 * the order tracking job keeps, with where each warehouse is (its PIN code, from its inventory
 * events).
 */
final class WarehouseStocks {
    private static final int PAGE = 5_000;
    private static final List<SortOptions> BY_WAREHOUSE_AND_SKU =
            List.of(sortBy("warehouseId"), sortBy("sku"));
    private static final List<PageCursor.SortValue> BY_WAREHOUSE_AND_SKU_VALUES =
            List.of(PageCursor.SortValue.TEXT, PageCursor.SortValue.TEXT);

    private final DocumentSearch inventory;

    WarehouseStocks(ElasticsearchClient client, String index, SearchLimits limits) {
        this.inventory = new DocumentSearch(client, index, limits);
    }

    /** What the tenant's warehouses hold of these SKUs, and which of the SKUs it stocks at all. */
    record Found(List<WarehouseStock> located, Set<String> knownSkus, int unlocatedWarehouses) {}

    Found of(TenantScope scope, String tenantId, Set<String> skus) {
        List<Query> filters = Filters.ofScope(scope);
        filters.add(Filters.term("tenantId", tenantId));
        filters.add(
                Query.of(
                        q ->
                                q.terms(
                                        t ->
                                                t.field("sku")
                                                        .terms(
                                                                v ->
                                                                        v.value(
                                                                                skus.stream()
                                                                                        .map(
                                                                                                FieldValue
                                                                                                        ::of)
                                                                                        .toList())))));
        Map<String, Map<String, Integer>> available = new LinkedHashMap<>();
        Map<String, String> pincodes = new HashMap<>();
        Set<String> known = new HashSet<>();
        Optional<List<FieldValue>> after = Optional.empty();
        do {
            DocumentSearch.Page page = inventory.page(filters, BY_WAREHOUSE_AND_SKU, PAGE, after);
            for (JsonNode stock : page.documents()) {
                String warehouse = stock.path("warehouseId").asText();
                known.add(stock.path("sku").asText());
                available
                        .computeIfAbsent(warehouse, w -> new HashMap<>())
                        .put(stock.path("sku").asText(), stock.path("available").asInt());
                if (stock.hasNonNull("warehousePincode")) {
                    pincodes.put(warehouse, stock.path("warehousePincode").asText());
                }
            }
            after =
                    Optional.ofNullable(page.next())
                            .flatMap(next -> PageCursor.decode(next, BY_WAREHOUSE_AND_SKU_VALUES));
        } while (after.isPresent());
        List<WarehouseStock> located = new ArrayList<>();
        int unlocated = 0;
        for (Map.Entry<String, Map<String, Integer>> warehouse : available.entrySet()) {
            Optional<Place> place =
                    Optional.ofNullable(pincodes.get(warehouse.getKey()))
                            .flatMap(Pincodes.all()::find);
            if (place.isPresent()) {
                located.add(
                        new WarehouseStock(warehouse.getKey(), place.get(), warehouse.getValue()));
            } else {
                unlocated++;
            }
        }
        return new Found(located, known, unlocated);
    }

    private static SortOptions sortBy(String field) {
        return SortOptions.of(
                s ->
                        s.field(
                                f ->
                                        f.field(field)
                                                .order(SortOrder.Asc)
                                                .unmappedType(FieldType.Keyword)));
    }
}
