package io.ordertrack.jobs.indexing;

import io.ordertrack.domain.documents.FeedHealthDocument;
import io.ordertrack.domain.incidents.FeedHealth.Figures;

/**
 * The figures of a feed as the document the feed-health index keeps: id = {@code KIND:name|tenant}
 * ({@code *} for a courier's whole feed), rewritten at every review; version = the review's clock,
 * so a late write never overwrites the figures of a later review.
 */
public final class FeedHealthDocuments extends IndexDocuments<Figures> {
    private static final long serialVersionUID = 1L;

    @Override
    public String idOf(Figures figures) {
        return figures.feed().kind() + ":" + figures.feed().name() + "|" + tenantOf(figures);
    }

    @Override
    public long versionOf(Figures figures) {
        return figures.asOf().toEpochMilli();
    }

    @Override
    public FeedHealthDocument documentOf(Figures figures) {
        boolean silent = figures.incidentId() != null;
        return new FeedHealthDocument(
                idOf(figures),
                tenantOf(figures),
                figures.feed().kind().name(),
                figures.feed().name(),
                silent ? "SILENT" : "OK",
                figures.asOf(),
                figures.silentSince(),
                figures.incidentId(),
                figures.eventsLastHour(),
                figures.usualEventsPerHour(),
                figures.events(),
                figures.unmappedShare(),
                figures.unknownCodes().stream()
                        .map(
                                code ->
                                        new FeedHealthDocument.UnknownCode(
                                                code.code(), code.text(), code.scans()))
                        .toList(),
                figures.duplicates(),
                figures.regressions(),
                figures.lagP50().toMillis(),
                figures.lagP90().toMillis(),
                figures.lagP99().toMillis(),
                figures.live(),
                figures.lastArrivalAt());
    }

    private static String tenantOf(Figures figures) {
        return figures.tenant() == null ? FeedHealthDocument.ALL_TENANTS : figures.tenant();
    }
}
