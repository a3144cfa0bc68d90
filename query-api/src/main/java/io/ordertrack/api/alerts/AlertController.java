package io.ordertrack.api.alerts;

import co.elastic.clients.elasticsearch._types.FieldValue;
import io.javalin.http.Context;
import io.ordertrack.api.http.CountTable;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.api.security.TenantScope;
import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.documents.SellersTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP I/O of {@code GET /api/alerts} (a page of alerts, newest change first) and {@code GET
 * /api/alerts/counts} (per type × state), filtered by type, state, severity, order and the time
 * they opened, always within the caller's tenant; the queries live in {@link AlertRepository}.
 */
public final class AlertController {
    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final List<String> TYPES = namesOf(AlertType.values());
    private static final List<String> STATES = namesOf(AlertState.values());
    private static final List<String> SEVERITIES = namesOf(AlertSeverity.values());

    private final AlertRepository alerts;

    public AlertController(AlertRepository alerts) {
        this.alerts = alerts;
    }

    public void list(Context ctx) {
        TenantScope scope = ApiKeyAuthentication.scope(ctx);
        AlertFilter filter = filterOf(ctx);
        int size =
                Parameters.queryInt(
                        ctx, "size", DEFAULT_PAGE_SIZE, 1, AlertRepository.MAX_PAGE_SIZE);
        Optional<List<FieldValue>> after =
                Parameters.queryCursor(ctx, "after", AlertRepository.CURSOR);
        ctx.json(alerts.page(scope, filter, size, after));
    }

    public void counts(Context ctx) {
        TenantScope scope = ApiKeyAuthentication.scope(ctx);
        ctx.json(
                Map.of(
                        "rows",
                        CountTable.rows(
                                alerts.countByTypeAndState(scope, filterOf(ctx)),
                                List.of("type"),
                                STATES,
                                "total")));
    }

    private static AlertFilter filterOf(Context ctx) {
        return new AlertFilter(
                Parameters.queryChoice(ctx, "type", TYPES),
                Parameters.queryChoice(ctx, "state", STATES),
                Parameters.queryChoice(ctx, "severity", SEVERITIES),
                Parameters.queryText(ctx, "order", Parameters.MAX_ID_LENGTH),
                Parameters.queryTime(ctx, "from", SellersTime.ZONE, false),
                Parameters.queryTime(ctx, "to", SellersTime.ZONE, true));
    }

    private static List<String> namesOf(Enum<?>[] values) {
        return Arrays.stream(values)
                .map(Enum::name)
                .filter(name -> !name.equals("UNKNOWN"))
                .toList();
    }
}
