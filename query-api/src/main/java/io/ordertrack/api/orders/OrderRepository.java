package io.ordertrack.api.orders;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.DocumentSearch;
import io.ordertrack.api.elasticsearch.DocumentSearch.GroupCount;
import io.ordertrack.api.elasticsearch.DocumentSearch.Grouping;
import io.ordertrack.api.elasticsearch.DocumentSearch.NestedCount;
import io.ordertrack.api.elasticsearch.Filters;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.security.TenantScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads order documents from the {@code orders} alias. Every query carries the caller's tenant
 * filter ({@link OrderQueries}), and user input only ever becomes the value of a query, never query
 * syntax.
 */
public final class OrderRepository {
    /** The most orders one page holds. */
    public static final int MAX_PAGE_SIZE = 100;

    private final DocumentSearch search;
    private final DocumentSearch routing;

    /**
     * @param index the alias (or index) holding order documents, e.g. {@code orders}
     * @param routingIndex the alias (or index) holding their routing verdicts
     * @param limits what each search may cost
     */
    public OrderRepository(
            ElasticsearchClient client, String index, String routingIndex, SearchLimits limits) {
        this.search = new DocumentSearch(client, index, limits);
        this.routing = new DocumentSearch(client, routingIndex, limits);
    }

    /**
     * The order with this id, if it exists and the scope may see it, with its routing verdict
     * ({@code routing}) once the job has judged it.
     */
    public Optional<ObjectNode> findById(TenantScope scope, String orderId) {
        Optional<ObjectNode> order = byId(search, scope, orderId);
        order.ifPresent(
                found ->
                        byId(routing, scope, orderId)
                                .ifPresent(verdict -> found.set("routing", verdict)));
        return order;
    }

    private static Optional<ObjectNode> byId(
            DocumentSearch documents, TenantScope scope, String orderId) {
        List<Query> filters = OrderQueries.filters(scope, OrderFilter.none());
        filters.add(Query.of(q -> q.ids(i -> i.values(orderId))));
        return documents
                .page(filters, OrderSort.NEWEST_PLACED.options(), 1, Optional.empty())
                .documents()
                .stream()
                .findFirst();
    }

    /**
     * Every seller's orders whose AWB or client order id (any case) is {@code reference}, newest
     * first, at most {@code limit}: for the public tracking page, which checks each against what
     * the customer knows before showing anything.
     */
    public List<ObjectNode> byReference(String reference, int limit) {
        Query awbOrOrderId =
                Query.of(
                        q ->
                                q.bool(
                                        b ->
                                                b.should(
                                                                Filters.term("awb", reference),
                                                                Filters.term(
                                                                        "clientOrderId.folded",
                                                                        reference))
                                                        .minimumShouldMatch("1")));
        return search.page(
                        new ArrayList<>(List.of(awbOrOrderId)),
                        OrderSort.NEWEST_PLACED.options(),
                        limit,
                        Optional.empty())
                .documents();
    }

    /**
     * One page of the orders a filter selects, in the given order, starting after the cursor of the
     * previous page.
     */
    public OrderList list(
            TenantScope scope,
            OrderFilter filter,
            OrderSort sort,
            int size,
            Optional<List<FieldValue>> after) {
        DocumentSearch.Page page =
                search.page(OrderQueries.filters(scope, filter), sort.options(), size, after);
        return new OrderList(page.documents(), page.total(), page.totalExact(), page.next());
    }

    /** The selected orders counted by the values of the grouping fields. */
    public List<GroupCount> count(TenantScope scope, OrderFilter filter, List<Grouping> groupings) {
        return search.count(OrderQueries.filters(scope, filter), groupings);
    }

    /**
     * Per courier × the hub the rider went out from, the failed delivery attempts of the selected
     * orders and how many of them look like they never happened.
     */
    public List<NestedCount> attemptsByHub(TenantScope scope, OrderFilter filter) {
        return search.nestedCounts(
                OrderQueries.filters(scope, filter),
                "courier",
                "ndr.failedAttempts",
                "deliveryHub",
                Query.of(q -> q.term(t -> t.field("ndr.failedAttempts.suspicious").value(true))));
    }
}
