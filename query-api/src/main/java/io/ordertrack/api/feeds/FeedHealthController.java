package io.ordertrack.api.feeds;

import co.elastic.clients.elasticsearch._types.FieldValue;
import io.javalin.http.Context;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.api.security.ApiKeyAuthentication;
import java.util.List;
import java.util.Optional;

/**
 * HTTP I/O of {@code GET /api/feed-health}: the health of each input feed (a courier's scans, a
 * channel's orders, a warehouse's stock events), silent ones first, filtered by kind, name and
 * state; a tenant sees its own share of each feed, an analyst the whole platform's. The queries
 * live in {@link FeedHealthRepository}.
 */
public final class FeedHealthController {
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final List<String> KINDS = List.of("COURIER", "CHANNEL", "WAREHOUSE");
    private static final List<String> STATES = List.of("OK", "SILENT");

    private final FeedHealthRepository feeds;

    public FeedHealthController(FeedHealthRepository feeds) {
        this.feeds = feeds;
    }

    public void list(Context ctx) {
        FeedFilter filter =
                new FeedFilter(
                        Parameters.queryChoice(ctx, "kind", KINDS),
                        Parameters.queryText(ctx, "name"),
                        Parameters.queryChoice(ctx, "state", STATES));
        int size =
                Parameters.queryInt(
                        ctx, "size", DEFAULT_PAGE_SIZE, 1, FeedHealthRepository.MAX_PAGE_SIZE);
        Optional<List<FieldValue>> after =
                Parameters.queryCursor(ctx, "after", FeedHealthRepository.CURSOR);
        ctx.json(feeds.page(ApiKeyAuthentication.scope(ctx), filter, size, after));
    }
}
