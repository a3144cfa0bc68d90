package io.ordertrack.api.returns;

import co.elastic.clients.elasticsearch._types.FieldValue;
import io.javalin.http.Context;
import io.ordertrack.api.elasticsearch.AgeBand;
import io.ordertrack.api.elasticsearch.DocumentSearch;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.api.orders.OrderController;
import io.ordertrack.api.orders.OrderSort;
import io.ordertrack.api.returns.ReturnRepository.ReturnFilter;
import io.ordertrack.api.returns.ReturnRepository.StageTotals;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.api.security.TenantScope;
import io.ordertrack.documents.ReturnStage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** HTTP I/O of the returns view; the queries live in {@link ReturnRepository}. */
public final class ReturnController {
    static final List<String> STAGES = Arrays.stream(ReturnStage.values()).map(Enum::name).toList();

    /** The longest stay at a stage a filter may ask about: ten years. */
    private static final int MOST_DAYS = 3_650;

    private static final int DEFAULT_PAGE_SIZE = 20;

    private final ReturnRepository returns;
    private final Clock clock;

    public ReturnController(ReturnRepository returns, Clock clock) {
        this.returns = returns;
        this.clock = clock;
    }

    /** A page of returns and the filters it was asked with. */
    public record ReturnPage(
            List<ReturnRow> returns, long total, boolean totalExact, String next) {}

    /**
     * {@code GET /api/returns}: a page of the customer returns the filters select (the order
     * filters of /api/orders, {@code returnStage}, {@code olderThanDays} at that stage), sorted by
     * {@code sort}, each with the age of its stage and of each step.
     */
    public void list(Context ctx) {
        TenantScope scope = ApiKeyAuthentication.scope(ctx);
        Instant now = clock.instant();
        ReturnFilter filter = filterOf(ctx, now);
        ReturnSort sort =
                Parameters.queryChoice(ctx, "sort", ReturnSort.names())
                        .flatMap(ReturnSort::named)
                        .orElse(ReturnSort.NEWEST_REQUESTED);
        int size =
                Parameters.queryInt(
                        ctx, "size", DEFAULT_PAGE_SIZE, 1, ReturnRepository.MAX_PAGE_SIZE);
        Optional<List<FieldValue>> after = Parameters.queryCursor(ctx, "after", OrderSort.CURSOR);
        DocumentSearch.Page page = returns.page(scope, filter, sort, size, after);
        ctx.json(
                new ReturnPage(
                        page.documents().stream().map(order -> ReturnRow.of(order, now)).toList(),
                        page.total(),
                        page.totalExact(),
                        page.next()));
    }

    /**
     * {@code GET /api/returns/stages}: per stage, in the order of the steps, the selected returns
     * standing there, their refunds, since when the oldest has, and (for stages still open) how
     * many have stood there under a day, one to three, three to seven days and longer.
     */
    public void stages(Context ctx) {
        TenantScope scope = ApiKeyAuthentication.scope(ctx);
        Instant now = clock.instant();
        List<Map<String, Object>> rows = new ArrayList<>();
        long open = 0;
        long closed = 0;
        long refunded = 0;
        for (StageTotals totals : returns.stages(scope, filterOf(ctx, now), now)) {
            boolean isOpen = !ReturnRow.CLOSED.contains(totals.stage());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stage", totals.stage());
            row.put("count", totals.count());
            row.put("refundPaise", totals.refundPaise());
            if (isOpen) {
                row.put("oldestSince", totals.oldestSince());
                Map<String, Long> ageing = new LinkedHashMap<>();
                for (AgeBand band : AgeBand.values()) {
                    ageing.put(band.name(), totals.ageBands()[band.ordinal()]);
                }
                row.put("ageing", ageing);
                open += totals.count();
            } else {
                closed += totals.count();
            }
            refunded += totals.refundPaise();
            rows.add(row);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("stages", rows);
        answer.put("open", open);
        answer.put("closed", closed);
        answer.put("refundPaise", refunded);
        answer.put("asOf", now);
        ctx.json(answer);
    }

    private static ReturnFilter filterOf(Context ctx, Instant now) {
        Optional<ReturnStage> stage =
                Parameters.queryChoice(ctx, "returnStage", STAGES).map(ReturnStage::valueOf);
        int olderThanDays = Parameters.queryInt(ctx, "olderThanDays", 0, 0, MOST_DAYS);
        return new ReturnFilter(
                OrderController.filterOf(ctx),
                stage,
                olderThanDays == 0
                        ? Optional.empty()
                        : Optional.of(now.minus(Duration.ofDays(olderThanDays))));
    }
}
