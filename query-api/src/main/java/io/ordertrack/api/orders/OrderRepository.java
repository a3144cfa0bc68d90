package io.ordertrack.api.orders;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchUnavailableException;
import io.ordertrack.api.security.TenantScope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads order documents from the {@code orders} alias. Every query carries the caller's tenant
 * filter, and user input only ever reaches {@code ids} and {@code term} queries on keyword fields,
 * so it is matched as plain text, never parsed as query syntax.
 */
public final class OrderRepository {
    /** The most orders one search answers. */
    public static final int MAX_RESULTS = 50;

    private static final List<SortOptions> NEWEST_FIRST =
            List.of(
                    SortOptions.of(
                            s ->
                                    s.field(
                                            f ->
                                                    f.field("placedAt")
                                                            .order(SortOrder.Desc)
                                                            .unmappedType(FieldType.Date))),
                    SortOptions.of(
                            s ->
                                    s.field(
                                            f ->
                                                    f.field("orderId")
                                                            .order(SortOrder.Asc)
                                                            .unmappedType(FieldType.Keyword))));

    private final ElasticsearchClient client;
    private final String index;

    /**
     * @param index the alias (or index) holding order documents, e.g. {@code orders}
     */
    public OrderRepository(ElasticsearchClient client, String index) {
        this.client = Objects.requireNonNull(client, "client");
        this.index = Objects.requireNonNull(index, "index");
    }

    /** The order with this id, if it exists and the scope may see it. */
    public Optional<ObjectNode> findById(TenantScope scope, String orderId) {
        Query byId = Query.of(q -> q.ids(i -> i.values(orderId)));
        return search(scope, List.of(byId), 1).orders().stream().findFirst();
    }

    /** Orders shipped under this AWB, optionally only those of one courier. */
    public OrderList findByAwb(TenantScope scope, String awb, Optional<String> courier) {
        List<Query> filters = new ArrayList<>();
        filters.add(term("awb", awb));
        courier.ifPresent(c -> filters.add(term("courier", c)));
        return search(scope, filters, MAX_RESULTS);
    }

    /** Orders with this client order id, ignoring case (one per channel at most). */
    public OrderList findByClientOrderId(TenantScope scope, String clientOrderId) {
        return search(scope, List.of(term("clientOrderId.folded", clientOrderId)), MAX_RESULTS);
    }

    private OrderList search(TenantScope scope, List<Query> filters, int size) {
        List<Query> scoped = new ArrayList<>(filters);
        scope.tenantId().ifPresent(tenant -> scoped.add(term("tenantId", tenant)));
        try {
            SearchResponse<ObjectNode> response =
                    client.search(
                            s ->
                                    s.index(index)
                                            .ignoreUnavailable(true)
                                            .allowNoIndices(true)
                                            .query(q -> q.bool(b -> b.filter(scoped)))
                                            .size(size)
                                            .sort(NEWEST_FIRST)
                                            .trackTotalHits(t -> t.enabled(true)),
                            ObjectNode.class);
            List<ObjectNode> orders =
                    response.hits().hits().stream()
                            .map(Hit::source)
                            .filter(Objects::nonNull)
                            .toList();
            long total =
                    response.hits().total() == null
                            ? orders.size()
                            : response.hits().total().value();
            return new OrderList(orders, total);
        } catch (IOException e) {
            throw new ElasticsearchUnavailableException("Order search failed", e);
        }
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
    }
}
