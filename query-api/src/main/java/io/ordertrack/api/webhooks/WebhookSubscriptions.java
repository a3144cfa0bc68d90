package io.ordertrack.api.webhooks;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.ordertrack.api.elasticsearch.ElasticsearchUnavailableException;
import io.ordertrack.api.elasticsearch.FilteredSearch;
import io.ordertrack.api.elasticsearch.Filters;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.security.TenantScope;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sellers' webhook subscriptions in their Elasticsearch index. Reads and deletes carry the
 * caller's tenant filter; user input only ever becomes a query's value. Writes wait until searches
 * see them, so a subscription listed right after it is made or deleted is as it now stands.
 */
public final class WebhookSubscriptions {
    /** The most subscriptions one seller may have. */
    public static final int MAX_PER_TENANT = 20;

    /** The most subscriptions of all sellers the dispatcher reads. */
    private static final int MAX_ALL = 10_000;

    private final ElasticsearchClient client;
    private final String index;
    private final SearchLimits limits;

    public WebhookSubscriptions(ElasticsearchClient client, String index, SearchLimits limits) {
        this.client = client;
        this.index = index;
        this.limits = limits;
    }

    /** Keeps a new subscription. */
    void create(WebhookSubscription subscription) {
        try {
            client.create(
                    c ->
                            c.index(index)
                                    .id(subscription.subscriptionId())
                                    .document(subscription)
                                    .refresh(Refresh.WaitFor));
        } catch (IOException | ElasticsearchException e) {
            throw unavailable("Keeping a webhook subscription failed", e);
        }
    }

    /** The subscriptions in scope, oldest first. */
    List<WebhookSubscription> list(TenantScope scope) {
        return search(Filters.ofScope(scope), MAX_ALL);
    }

    /** The subscription of this id in scope. */
    Optional<WebhookSubscription> find(TenantScope scope, String subscriptionId) {
        List<Query> filters = Filters.ofScope(scope);
        filters.add(Filters.term("subscriptionId", subscriptionId));
        return search(filters, 1).stream().findFirst();
    }

    /** Every seller's subscriptions, for the dispatcher. */
    public List<WebhookSubscription> all() {
        return search(Filters.ofScope(TenantScope.allTenants()), MAX_ALL);
    }

    /** Deletes a subscription found in the caller's scope. */
    void delete(WebhookSubscription subscription) {
        try {
            client.delete(
                    d -> d.index(index).id(subscription.subscriptionId()).refresh(Refresh.WaitFor));
        } catch (IOException | ElasticsearchException e) {
            throw unavailable("Deleting a webhook subscription failed", e);
        }
    }

    private List<WebhookSubscription> search(List<Query> filters, int size) {
        try {
            return FilteredSearch.search(
                            client,
                            index,
                            limits,
                            filters,
                            s ->
                                    s.size(size)
                                            .sort(
                                                    o ->
                                                            o.field(
                                                                    f ->
                                                                            f.field("createdAt")
                                                                                    .order(
                                                                                            SortOrder
                                                                                                    .Asc))),
                            WebhookSubscription.class)
                    .hits()
                    .hits()
                    .stream()
                    .map(Hit::source)
                    .filter(Objects::nonNull)
                    .toList();
        } catch (IOException | ElasticsearchException e) {
            throw unavailable("Reading webhook subscriptions failed", e);
        }
    }

    private ElasticsearchUnavailableException unavailable(String what, Exception e) {
        return new ElasticsearchUnavailableException(what + " (" + index + ")", e);
    }
}
