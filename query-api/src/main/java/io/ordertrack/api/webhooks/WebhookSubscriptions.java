package io.ordertrack.api.webhooks;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.ordertrack.api.elasticsearch.DocumentSearch;
import io.ordertrack.api.elasticsearch.ElasticsearchUnavailableException;
import io.ordertrack.api.elasticsearch.Filters;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.security.TenantScope;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The sellers' webhook subscriptions in their Elasticsearch index. Reads and deletes carry the
 * caller's tenant filter; user input only ever becomes a query's value. Writes wait until searches
 * see them, so a subscription listed right after it is made or deleted is as it now stands.
 */
public final class WebhookSubscriptions {
    /** The most subscriptions one seller may have. */
    public static final int MAX_PER_TENANT = 20;

    /** The most subscriptions one read lists. */
    private static final int MAX_LISTED = 10_000;

    private static final List<SortOptions> OLDEST_FIRST =
            List.of(
                    SortOptions.of(s -> s.field(f -> f.field("createdAt").order(SortOrder.Asc))),
                    SortOptions.of(
                            s -> s.field(f -> f.field("subscriptionId").order(SortOrder.Asc))));

    private final ElasticsearchClient client;
    private final String index;
    private final DocumentSearch subscriptions;

    public WebhookSubscriptions(ElasticsearchClient client, String index, SearchLimits limits) {
        this.client = client;
        this.index = index;
        this.subscriptions = new DocumentSearch(client, index, limits);
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
        return search(Filters.ofScope(scope), MAX_LISTED);
    }

    /** The subscription of this id in scope. */
    Optional<WebhookSubscription> find(TenantScope scope, String subscriptionId) {
        List<Query> filters = Filters.ofScope(scope);
        filters.add(Filters.term("subscriptionId", subscriptionId));
        return search(filters, 1).stream().findFirst();
    }

    /**
     * The subscription of this id, as last written (not waiting for a refresh), for the dispatcher.
     */
    public Optional<WebhookSubscription> byId(String subscriptionId) {
        try {
            var found =
                    client.get(g -> g.index(index).id(subscriptionId), WebhookSubscription.class);
            return found.found() ? Optional.ofNullable(found.source()) : Optional.empty();
        } catch (IOException | ElasticsearchException e) {
            throw unavailable("Reading a webhook subscription failed", e);
        }
    }

    /** Every seller's subscriptions, for the dispatcher. */
    public List<WebhookSubscription> all() {
        return search(Filters.ofScope(TenantScope.allTenants()), Integer.MAX_VALUE - 1);
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

    /** The subscriptions the filters select, oldest first, at most {@code most}. */
    private List<WebhookSubscription> search(List<Query> filters, int most) {
        try {
            List<WebhookSubscription> found =
                    subscriptions.all(
                            filters, OLDEST_FIRST, List.of(), most, WebhookSubscription.class);
            return found.size() > most ? found.subList(0, most) : found;
        } catch (IOException | ElasticsearchException e) {
            throw unavailable("Reading webhook subscriptions failed", e);
        }
    }

    private ElasticsearchUnavailableException unavailable(String what, Exception e) {
        return new ElasticsearchUnavailableException(what + " (" + index + ")", e);
    }
}
