package io.ordertrack.api.cod;

import co.elastic.clients.elasticsearch._types.FieldValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.ordertrack.api.elasticsearch.DocumentSearch;
import io.ordertrack.api.elasticsearch.PageCursor;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.api.security.TenantScope;
import io.ordertrack.documents.CodState;
import io.ordertrack.documents.SellersTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** HTTP I/O of the COD view; the queries live in {@link CodRepository}. */
public final class CodController {
    /** A page of parcels is ordered by delivery time, then parcel id. */
    static final List<PageCursor.SortValue> CURSOR =
            List.of(PageCursor.SortValue.NUMBER, PageCursor.SortValue.TEXT);

    private static final List<String> STATES =
            Arrays.stream(CodState.values()).map(Enum::name).toList();
    private static final int DEFAULT_PAGE_SIZE = 20;

    private final CodRepository parcels;
    private final Clock clock;

    public CodController(CodRepository parcels, Clock clock) {
        this.parcels = parcels;
        this.clock = clock;
    }

    /** A page of parcels. */
    public record ParcelPage(
            List<ObjectNode> parcels, long total, boolean totalExact, String next) {}

    /**
     * {@code GET /api/cod}: per seller and courier and over all, the cash collected, remitted and
     * owed of the selected parcels, the owed ones by age since delivery, those overdue, the
     * mismatched amounts and the cash remitted for parcels not delivered.
     */
    public void totals(Context ctx) {
        TenantScope scope = ApiKeyAuthentication.scope(ctx);
        Instant now = clock.instant();
        CodRepository.Totals totals = parcels.totals(scope, filterOf(ctx), now);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("couriers", totals.rows());
        answer.put("total", totals.total());
        answer.put("asOf", now);
        ctx.json(answer);
    }

    /** {@code GET /api/cod/parcels}: a page of the selected parcels, oldest delivery first. */
    public void list(Context ctx) {
        TenantScope scope = ApiKeyAuthentication.scope(ctx);
        int size =
                Parameters.queryInt(ctx, "size", DEFAULT_PAGE_SIZE, 1, CodRepository.MAX_PAGE_SIZE);
        Optional<List<FieldValue>> after = Parameters.queryCursor(ctx, "after", CURSOR);
        DocumentSearch.Page page = parcels.page(scope, filterOf(ctx), size, after);
        ctx.json(new ParcelPage(page.documents(), page.total(), page.totalExact(), page.next()));
    }

    private static CodRepository.ParcelFilter filterOf(Context ctx) {
        return new CodRepository.ParcelFilter(
                Parameters.queryText(ctx, "courier"),
                Parameters.queryChoice(ctx, "state", STATES).map(CodState::valueOf),
                Parameters.queryChoice(ctx, "overdue", List.of("true", "false"))
                        .map(Boolean::valueOf),
                Parameters.queryText(ctx, "awb"),
                Parameters.queryText(ctx, "remittanceId"),
                Parameters.queryTime(ctx, "from", SellersTime.ZONE, false),
                Parameters.queryTime(ctx, "to", SellersTime.ZONE, true));
    }
}
