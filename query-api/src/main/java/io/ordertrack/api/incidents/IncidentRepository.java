package io.ordertrack.api.incidents;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.FilterAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.FieldCollapse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.InnerHits;
import co.elastic.clients.elasticsearch.core.search.InnerHitsResult;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchUnavailableException;
import io.ordertrack.api.elasticsearch.FilteredSearch;
import io.ordertrack.api.elasticsearch.Filters;
import io.ordertrack.api.elasticsearch.PageCursor;
import io.ordertrack.api.elasticsearch.PageCursor.SortValue;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.security.TenantScope;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads incidents from the {@code alerts} alias, where the job writes each incident as one alert
 * per tenant it concerns (type HUB_STALL or FEED_SILENT, id {@code incidentId|tenant}, naming that
 * tenant's parcels only), all detected at the same moment. A page holds incidents, not alerts: the
 * alerts of one {@code incidentId} within the caller's scope are collapsed into one, so a tenant
 * sees its own alert and an analyst the incident across tenants. Every query carries the caller's
 * tenant filter, and user input only ever becomes the value of a query, never query syntax.
 */
public final class IncidentRepository {
    /** The alert types that are incidents rather than one order's alerts. */
    public static final List<String> TYPES = List.of("HUB_STALL", "FEED_SILENT");

    /** The most incidents one page holds. */
    public static final int MAX_PAGE_SIZE = 100;

    /** The sort values of a page: when the incident was detected, then its id. */
    public static final List<SortValue> CURSOR = List.of(SortValue.NUMBER, SortValue.TEXT);

    /** The most parcels an incident names, as each of its alerts does. */
    static final int PARCELS_LISTED = 100;

    /**
     * The most tenants' alerts read per incident (Elasticsearch's default inner-hits window); the
     * parcel and tenant counts are summed over all of them all the same.
     */
    static final int TENANTS_READ = 100;

    /** Up to how many incidents a page counts exactly, as for other lists. */
    private static final int EXACT_TOTAL_UP_TO = 10_000;

    private static final String TENANT_ALERTS = "tenantAlerts";
    private static final String TOTAL = "total";
    private static final String BY_INCIDENT = "byIncident";
    private static final String INCIDENT_ALERTS = "incidentAlerts";
    private static final String PARCELS = "parcels";
    private static final String ORDER_ALERTS = "orderAlerts";

    private static final List<SortOptions> NEWEST_FIRST =
            List.of(
                    sortBy("openedAt", SortOrder.Desc, FieldType.Date),
                    sortBy("incidentId", SortOrder.Asc, FieldType.Keyword));

    /** A tenant with the most of the incident's parcels first: its parcels are listed first. */
    private static final List<SortOptions> MOST_PARCELS_FIRST =
            List.of(
                    sortBy("parcelCount", SortOrder.Desc, FieldType.Integer),
                    sortBy("tenantId", SortOrder.Asc, FieldType.Keyword));

    /**
     * One hit per incident (its newest alert, which all are), holding the alerts of the incident
     * within the caller's scope.
     */
    private static final FieldCollapse ONE_PER_INCIDENT =
            FieldCollapse.of(
                    c ->
                            c.field("incidentId")
                                    .innerHits(
                                            InnerHits.of(
                                                    i ->
                                                            i.name(TENANT_ALERTS)
                                                                    .size(TENANTS_READ)
                                                                    .sort(MOST_PARCELS_FIRST))));

    /** How many incidents, not alerts, the filters select. */
    private static final Aggregation INCIDENTS_COUNTED =
            Aggregation.of(
                    a ->
                            a.cardinality(
                                    c ->
                                            c.field("incidentId")
                                                    .precisionThreshold(EXACT_TOTAL_UP_TO)));

    private final ElasticsearchClient client;
    private final String index;
    private final SearchLimits limits;

    /**
     * @param index the alias (or index) holding alert documents, e.g. {@code alerts}
     * @param limits what each search may cost
     */
    public IncidentRepository(ElasticsearchClient client, String index, SearchLimits limits) {
        this.client = Objects.requireNonNull(client, "client");
        this.index = Objects.requireNonNull(index, "index");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * One page of the incidents a filter selects, newest first, after the given cursor (its
     * detection time in epoch milliseconds and its id, both present).
     */
    public IncidentPage page(
            TenantScope scope, IncidentFilter filter, int size, Optional<List<FieldValue>> after) {
        try {
            SearchResponse<ObjectNode> response =
                    FilteredSearch.search(
                            client,
                            index,
                            limits,
                            filters(scope, filter),
                            s -> {
                                s.size(size)
                                        .sort(NEWEST_FIRST)
                                        .trackTotalHits(t -> t.enabled(false))
                                        .collapse(ONE_PER_INCIDENT)
                                        .aggregations(TOTAL, INCIDENTS_COUNTED);
                                after.ifPresent(cursor -> s.postFilter(after(cursor)));
                            },
                            ObjectNode.class);
            List<Hit<ObjectNode>> hits = response.hits().hits();
            List<String> ids = hits.stream().map(hit -> incidentIdOf(hit.source())).toList();
            Map<String, Counts> counts = counts(scope, ids);
            List<Incident> incidents = new ArrayList<>();
            for (Hit<ObjectNode> hit : hits) {
                incidents.add(
                        incidentOf(scope, alertsOf(hit), counts.get(incidentIdOf(hit.source()))));
            }
            long total = response.aggregations().get(TOTAL).cardinality().value();
            String next =
                    hits.size() == size && !hits.isEmpty()
                            ? PageCursor.encode(hits.get(hits.size() - 1).sort())
                            : null;
            return new IncidentPage(incidents, total, total < EXACT_TOTAL_UP_TO, next);
        } catch (IOException e) {
            throw new ElasticsearchUnavailableException("Search of " + index + " failed", e);
        }
    }

    /** The parcels, tenants and order alerts of each incident of a page, within the scope. */
    private record Counts(long parcels, long tenants, long orderAlerts) {}

    private Map<String, Counts> counts(TenantScope scope, List<String> ids) throws IOException {
        Map<String, Counts> counts = new HashMap<>();
        if (ids.isEmpty()) {
            return counts;
        }
        List<Query> filters = Filters.ofScope(scope);
        filters.add(terms("incidentId", ids));
        SearchResponse<Void> response =
                FilteredSearch.search(
                        client,
                        index,
                        limits,
                        filters,
                        s -> s.size(0).aggregations(BY_INCIDENT, countsPerIncident(ids.size())),
                        Void.class);
        for (StringTermsBucket bucket :
                response.aggregations().get(BY_INCIDENT).sterms().buckets().array()) {
            FilterAggregate alerts = bucket.aggregations().get(INCIDENT_ALERTS).filter();
            counts.put(
                    bucket.key().stringValue(),
                    new Counts(
                            Math.round(alerts.aggregations().get(PARCELS).sum().value()),
                            alerts.docCount(),
                            bucket.aggregations().get(ORDER_ALERTS).filter().docCount()));
        }
        return counts;
    }

    /**
     * Per incident: its incident alerts (one per tenant) with their parcels summed, and the order
     * alerts pointing at it.
     */
    private static Aggregation countsPerIncident(int incidents) {
        Query incident = terms("type", TYPES);
        Query orderAlert = Query.of(q -> q.bool(b -> b.mustNot(incident)));
        Aggregation parcels = Aggregation.of(a -> a.sum(m -> m.field("parcelCount")));
        return Aggregation.of(
                a ->
                        a.terms(t -> t.field("incidentId").size(incidents))
                                .aggregations(
                                        INCIDENT_ALERTS,
                                        Aggregation.of(
                                                f ->
                                                        f.filter(incident)
                                                                .aggregations(PARCELS, parcels)))
                                .aggregations(
                                        ORDER_ALERTS, Aggregation.of(f -> f.filter(orderAlert))));
    }

    private static Incident incidentOf(TenantScope scope, List<JsonNode> alerts, Counts counts) {
        JsonNode first = alerts.get(0);
        boolean open = alerts.stream().anyMatch(a -> a.path("state").asText().equals("OPEN"));
        List<String> parcels = new ArrayList<>();
        List<String> tenants = new ArrayList<>();
        String resolvedAt = null;
        for (JsonNode alert : alerts) {
            tenants.add(alert.path("tenantId").asText());
            for (JsonNode parcel : alert.path("parcels")) {
                if (parcels.size() < PARCELS_LISTED) {
                    parcels.add(parcel.asText());
                }
            }
            String resolved = text(alert, "resolvedAt");
            if (!open && resolved != null && (resolvedAt == null || later(resolved, resolvedAt))) {
                resolvedAt = resolved;
            }
        }
        List<String> reasons = new ArrayList<>();
        first.path("reasons").forEach(reason -> reasons.add(reason.asText()));
        return new Incident(
                text(first, "incidentId"),
                text(first, "type"),
                open ? "OPEN" : "RESOLVED",
                text(first, "severity"),
                text(first, "courier"),
                text(first, "hub"),
                text(first, "city"),
                text(first, "channel"),
                text(first, "warehouseId"),
                text(first, "since"),
                text(first, "openedAt"),
                resolvedAt,
                counts == null ? parcels.size() : counts.parcels(),
                parcels,
                tenants,
                counts == null ? tenants.size() : counts.tenants(),
                counts == null ? 0 : counts.orderAlerts(),
                scope.coversAllTenants() ? null : reasons);
    }

    /**
     * The alerts of the incident a collapsed hit stands for, the tenant with most parcels first.
     */
    private static List<JsonNode> alertsOf(Hit<ObjectNode> hit) {
        InnerHitsResult inner = hit.innerHits().get(TENANT_ALERTS);
        List<JsonNode> alerts = new ArrayList<>();
        if (inner != null) {
            for (Hit<JsonData> alert : inner.hits().hits()) {
                if (alert.source() != null) {
                    alerts.add(alert.source().to(JsonNode.class));
                }
            }
        }
        if (alerts.isEmpty()) {
            alerts.add(hit.source());
        }
        return alerts;
    }

    private static List<Query> filters(TenantScope scope, IncidentFilter filter) {
        List<Query> filters = Filters.ofScope(scope);
        filters.add(
                filter.type()
                        .map(type -> terms("type", List.of(type)))
                        .orElse(terms("type", TYPES)));
        Filters.addTerm(filters, "state", filter.state());
        Filters.addTerm(filters, "courier", filter.courier());
        Filters.addRange(filters, "openedAt", filter.openedFrom(), filter.openedBefore());
        return filters;
    }

    /**
     * The incidents after a cursor, newest first: detected earlier, or at the same moment with a
     * greater id. A post filter, so that the total still counts every selected incident.
     */
    private static Query after(List<FieldValue> cursor) {
        String openedAt = Instant.ofEpochMilli(cursor.get(0).longValue()).toString();
        String incidentId = cursor.get(1).stringValue();
        Query earlier = Query.of(q -> q.range(r -> r.date(d -> d.field("openedAt").lt(openedAt))));
        Query greaterId =
                Query.of(q -> q.range(r -> r.term(t -> t.field("incidentId").gt(incidentId))));
        Query sameMomentGreaterId =
                Query.of(q -> q.bool(b -> b.filter(Filters.term("openedAt", openedAt), greaterId)));
        return Query.of(
                q -> q.bool(b -> b.should(earlier, sameMomentGreaterId).minimumShouldMatch("1")));
    }

    private static Query terms(String field, List<String> values) {
        List<FieldValue> terms = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(terms))));
    }

    private static String incidentIdOf(ObjectNode alert) {
        return alert == null ? null : alert.path("incidentId").asText();
    }

    private static String text(JsonNode alert, String field) {
        JsonNode value = alert.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static boolean later(String instant, String than) {
        return Instant.parse(instant).isAfter(Instant.parse(than));
    }

    private static SortOptions sortBy(String field, SortOrder order, FieldType type) {
        return SortOptions.of(s -> s.field(f -> f.field(field).order(order).unmappedType(type)));
    }
}
