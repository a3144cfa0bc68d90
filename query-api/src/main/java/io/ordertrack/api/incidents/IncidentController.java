package io.ordertrack.api.incidents;

import co.elastic.clients.elasticsearch._types.FieldValue;
import io.javalin.http.Context;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.documents.SellersTime;
import java.util.List;
import java.util.Optional;

/**
 * HTTP I/O of {@code GET /api/incidents}: hub stalls and silent feeds, newest first, filtered by
 * type, state, courier and the time they were detected; a tenant sees its own incident alerts (its
 * parcels only), an analyst each incident once across tenants. The queries live in {@link
 * IncidentRepository}.
 */
public final class IncidentController {
    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final List<String> STATES = List.of("OPEN", "RESOLVED");

    private final IncidentRepository incidents;

    public IncidentController(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    public void list(Context ctx) {
        IncidentFilter filter =
                new IncidentFilter(
                        Parameters.queryChoice(ctx, "type", IncidentRepository.TYPES),
                        Parameters.queryChoice(ctx, "state", STATES),
                        Parameters.queryText(ctx, "courier"),
                        Parameters.queryTime(ctx, "from", SellersTime.ZONE, false),
                        Parameters.queryTime(ctx, "to", SellersTime.ZONE, true));
        int size =
                Parameters.queryInt(
                        ctx, "size", DEFAULT_PAGE_SIZE, 1, IncidentRepository.MAX_PAGE_SIZE);
        Optional<List<FieldValue>> after =
                Parameters.queryCursor(ctx, "after", IncidentRepository.CURSOR)
                        .map(IncidentController::complete);
        ctx.json(incidents.page(ApiKeyAuthentication.scope(ctx), filter, size, after));
    }

    /** A cursor of this list always holds both values; one without them was not given out. */
    private static List<FieldValue> complete(List<FieldValue> cursor) {
        if (cursor.stream().anyMatch(FieldValue::isNull)) {
            throw Parameters.invalid("after", "after must be the next of a previous page");
        }
        return cursor;
    }
}
