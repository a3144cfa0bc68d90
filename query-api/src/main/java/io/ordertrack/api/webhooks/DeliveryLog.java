package io.ordertrack.api.webhooks;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.ordertrack.api.elasticsearch.DocumentSearch;
import io.ordertrack.api.elasticsearch.ElasticsearchUnavailableException;
import io.ordertrack.api.elasticsearch.FilteredSearch;
import io.ordertrack.api.elasticsearch.Filters;
import io.ordertrack.api.elasticsearch.PageCursor.SortValue;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.security.TenantScope;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The webhook deliveries in their Elasticsearch index: one document per subscription and alert
 * change, its state and last attempt. The dispatcher writes them; sellers read them (always within
 * their tenant) and re-send them.
 */
public final class DeliveryLog {
    /** The most deliveries one page of the log holds. */
    public static final int MAX_PAGE_SIZE = 100;

    /** The sort values of a page of the log: when it was created, then its id. */
    public static final List<SortValue> CURSOR = List.of(SortValue.NUMBER, SortValue.TEXT);

    private static final List<SortOptions> NEWEST_FIRST =
            List.of(sort("createdAt", SortOrder.Desc), sort("deliveryId", SortOrder.Asc));
    private static final List<SortOptions> OLDEST_FIRST =
            List.of(sort("createdAt", SortOrder.Asc), sort("deliveryId", SortOrder.Asc));

    private final ElasticsearchClient client;
    private final String index;
    private final SearchLimits limits;
    private final DocumentSearch documents;

    public DeliveryLog(ElasticsearchClient client, String index, SearchLimits limits) {
        this.client = client;
        this.index = index;
        this.limits = limits;
        this.documents = new DocumentSearch(client, index, limits);
    }

    /**
     * Keeps new deliveries; those already kept (an alert change read again, or kept by a bulk
     * request that failed in part) stay as they are.
     *
     * @return the deliveries still pending: the new ones, and those kept before still pending
     * @throws IOException when Elasticsearch did not keep every one
     */
    List<WebhookDelivery> createAll(List<WebhookDelivery> deliveries) throws IOException {
        if (deliveries.isEmpty()) {
            return List.of();
        }
        List<BulkOperation> operations =
                deliveries.stream()
                        .map(
                                delivery ->
                                        BulkOperation.of(
                                                b ->
                                                        b.create(
                                                                c ->
                                                                        c.index(index)
                                                                                .id(
                                                                                        delivery
                                                                                                .deliveryId())
                                                                                .document(
                                                                                        delivery))))
                        .toList();
        BulkResponse response = client.bulk(b -> b.operations(operations));
        List<WebhookDelivery> pending = new ArrayList<>();
        List<String> keptBefore = new ArrayList<>();
        for (int i = 0; i < deliveries.size(); i++) {
            BulkResponseItem item = response.items().get(i);
            if (item.error() == null) {
                pending.add(deliveries.get(i));
            } else if (item.status() == 409) {
                keptBefore.add(deliveries.get(i).deliveryId());
            } else {
                throw new IOException(
                        "Elasticsearch did not keep delivery "
                                + deliveries.get(i).deliveryId()
                                + ": "
                                + item.error().reason());
            }
        }
        if (!keptBefore.isEmpty()) {
            client.mget(m -> m.index(index).ids(keptBefore), WebhookDelivery.class).docs().stream()
                    .filter(doc -> doc.isResult() && doc.result().found())
                    .map(doc -> doc.result().source())
                    .filter(d -> d != null && d.state() == DeliveryState.PENDING)
                    .forEach(pending::add);
        }
        return pending;
    }

    /** Makes every delivery kept so far visible to searches. */
    void refresh() throws IOException {
        client.indices().refresh(r -> r.index(index));
    }

    /** Keeps a delivery as it now stands. */
    void record(WebhookDelivery delivery) throws IOException {
        client.index(i -> i.index(index).id(delivery.deliveryId()).document(delivery));
    }

    /** Keeps a delivery as it now stands, visible to searches once this returns. */
    void recordVisibly(WebhookDelivery delivery) {
        try {
            client.index(
                    i ->
                            i.index(index)
                                    .id(delivery.deliveryId())
                                    .document(delivery)
                                    .refresh(Refresh.WaitFor));
        } catch (IOException | ElasticsearchException e) {
            throw new ElasticsearchUnavailableException("Keeping a delivery failed", e);
        }
    }

    /** Every pending delivery read from these partitions, oldest first. */
    List<WebhookDelivery> pending(Collection<Integer> partitions) throws IOException {
        return pending(partitions, Optional.empty());
    }

    /** The pending deliveries of these partitions re-sent since {@code since}, oldest first. */
    List<WebhookDelivery> resentSince(Collection<Integer> partitions, Instant since)
            throws IOException {
        return pending(partitions, Optional.of(since));
    }

    private List<WebhookDelivery> pending(Collection<Integer> partitions, Optional<Instant> since)
            throws IOException {
        if (partitions.isEmpty()) {
            return List.of();
        }
        List<Query> filters = new ArrayList<>();
        filters.add(Filters.term("state", DeliveryState.PENDING.name()));
        filters.add(
                Query.of(
                        q ->
                                q.terms(
                                        t ->
                                                t.field("partition")
                                                        .terms(
                                                                v ->
                                                                        v.value(
                                                                                partitions.stream()
                                                                                        .map(
                                                                                                FieldValue
                                                                                                        ::of)
                                                                                        .toList())))));
        Filters.addRange(filters, "resentAt", since, Optional.empty());
        return all(filters);
    }

    /** Every delivery the filters select, oldest first. */
    private List<WebhookDelivery> all(List<Query> filters) throws IOException {
        return documents.all(
                filters, OLDEST_FIRST, List.of(), Integer.MAX_VALUE - 1, WebhookDelivery.class);
    }

    /** A page of a subscription's deliveries, newest first, optionally of one state. */
    DocumentSearch.Page page(
            TenantScope scope,
            String subscriptionId,
            Optional<String> state,
            int size,
            Optional<List<FieldValue>> after) {
        List<Query> filters = Filters.ofScope(scope);
        filters.add(Filters.term("subscriptionId", subscriptionId));
        Filters.addTerm(filters, "state", state);
        return documents.page(filters, NEWEST_FIRST, size, after);
    }

    /** The delivery of this id of a subscription, in scope. */
    Optional<WebhookDelivery> find(TenantScope scope, String subscriptionId, String deliveryId) {
        List<Query> filters = Filters.ofScope(scope);
        filters.add(Filters.term("subscriptionId", subscriptionId));
        filters.add(Filters.term("deliveryId", deliveryId));
        try {
            return FilteredSearch.search(
                            client, index, limits, filters, s -> s.size(1), WebhookDelivery.class)
                    .hits()
                    .hits()
                    .stream()
                    .map(Hit::source)
                    .filter(Objects::nonNull)
                    .findFirst();
        } catch (IOException | ElasticsearchException e) {
            throw new ElasticsearchUnavailableException("Reading a delivery failed", e);
        }
    }

    /** Cancels the pending deliveries of a deleted subscription. */
    void cancelPending(String subscriptionId) {
        List<Query> filters = new ArrayList<>();
        filters.add(Filters.term("subscriptionId", subscriptionId));
        filters.add(Filters.term("state", DeliveryState.PENDING.name()));
        try {
            List<BulkOperation> operations =
                    all(filters).stream()
                            .map(WebhookDelivery::cancelled)
                            .map(
                                    cancelled ->
                                            BulkOperation.of(
                                                    b ->
                                                            b.index(
                                                                    i ->
                                                                            i.index(index)
                                                                                    .id(
                                                                                            cancelled
                                                                                                    .deliveryId())
                                                                                    .document(
                                                                                            cancelled))))
                            .toList();
            if (!operations.isEmpty()) {
                client.bulk(b -> b.operations(operations).refresh(Refresh.WaitFor));
            }
        } catch (IOException | ElasticsearchException e) {
            throw new ElasticsearchUnavailableException("Cancelling deliveries failed", e);
        }
    }

    private static SortOptions sort(String field, SortOrder order) {
        return SortOptions.of(s -> s.field(f -> f.field(field).order(order)));
    }
}
