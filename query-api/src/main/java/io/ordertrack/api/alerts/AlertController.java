package io.ordertrack.api.alerts;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.ordertrack.api.elasticsearch.DocumentSearch;
import io.ordertrack.api.elasticsearch.DocumentSearch.Grouping;
import io.ordertrack.api.elasticsearch.Filters;
import io.ordertrack.api.elasticsearch.PageCursor.SortValue;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.http.CountTable;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.documents.SellersTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/alerts} (a page of alerts, newest change first) and {@code GET
 * /api/alerts/counts} (per type × state), filtered by type, state, severity and the time they
 * opened, always within the caller's tenant.
 */
public final class AlertController {
    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final int MAX_PAGE_SIZE = 100;
    private static final List<String> TYPES = namesOf(AlertType.values());
    private static final List<String> STATES = namesOf(AlertState.values());
    private static final List<String> SEVERITIES = namesOf(AlertSeverity.values());
    private static final List<SortOptions> NEWEST_CHANGE_FIRST =
            List.of(
                    SortOptions.of(
                            s ->
                                    s.field(
                                            f ->
                                                    f.field("updatedAt")
                                                            .order(SortOrder.Desc)
                                                            .unmappedType(FieldType.Date))),
                    SortOptions.of(
                            s ->
                                    s.field(
                                            f ->
                                                    f.field("alertId")
                                                            .order(SortOrder.Asc)
                                                            .unmappedType(FieldType.Keyword))));

    /** A page of alert documents as stored; {@code next} is null on the last page. */
    public record AlertPage(List<ObjectNode> alerts, long total, boolean totalExact, String next) {}

    private final DocumentSearch alerts;

    public AlertController(ElasticsearchClient client, String index, SearchLimits limits) {
        this.alerts = new DocumentSearch(client, index, limits);
    }

    public void list(Context ctx) {
        List<Query> filters = filtersOf(ctx);
        int size = Parameters.queryInt(ctx, "size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        Optional<List<FieldValue>> after =
                Parameters.queryCursor(ctx, "after", List.of(SortValue.NUMBER, SortValue.TEXT));
        DocumentSearch.Page page = alerts.page(filters, NEWEST_CHANGE_FIRST, size, after);
        ctx.json(new AlertPage(page.documents(), page.total(), page.totalExact(), page.next()));
    }

    public void counts(Context ctx) {
        ctx.json(
                Map.of(
                        "rows",
                        CountTable.rows(
                                alerts.count(
                                        filtersOf(ctx),
                                        List.of(
                                                Grouping.of("type").filteredBy("type"),
                                                Grouping.of("state").filteredBy("state"))),
                                List.of("type"),
                                STATES,
                                "total")));
    }

    private static List<Query> filtersOf(Context ctx) {
        List<Query> filters = Filters.ofScope(ApiKeyAuthentication.scope(ctx));
        Filters.addTerm(filters, "type", Parameters.queryChoice(ctx, "type", TYPES));
        Filters.addTerm(filters, "state", Parameters.queryChoice(ctx, "state", STATES));
        Filters.addTerm(filters, "severity", Parameters.queryChoice(ctx, "severity", SEVERITIES));
        Filters.addRange(
                filters,
                "openedAt",
                Parameters.queryTime(ctx, "from", SellersTime.ZONE, false),
                Parameters.queryTime(ctx, "to", SellersTime.ZONE, true));
        return filters;
    }

    private static List<String> namesOf(Enum<?>[] values) {
        return Arrays.stream(values)
                .map(Enum::name)
                .filter(name -> !name.equals("UNKNOWN"))
                .toList();
    }
}
