package io.ordertrack.domain.incidents;

import io.ordertrack.domain.incidents.Incident.IncidentType;
import io.ordertrack.domain.incidents.Incident.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The health of each courier's feed, on the arrival clock (when scans reached ordertrack): scans
 * per hour against the usual, the share of unmapped codes with the most frequent unknown ones,
 * regressions, duplicates, how late scans arrive; and silence. A courier is silent (FEED_SILENT)
 * when no scan of it has arrived for at least {@link IncidentSettings#minSilence()} and for as long
 * as its usual rate per live parcel would have brought {@link IncidentSettings#silentScans()} scans
 * for the parcels live now, with at least {@link IncidentSettings#minLiveParcels()} live. A courier
 * with no parcels on the way (the orders stopped, everything delivered) is never silent. The
 * incident resolves when its next scan arrives.
 *
 * <p>A parcel is live from its first scan until one ends its journey, or {@link
 * IncidentSettings#liveFor()} after its last scan. Whether a scan is mapped, a duplicate, a
 * regression or ends a journey is decided by the order's own history; this counts it.
 *
 * <p>Memory: per courier a ring of hourly counts, its live and recently ended parcels (forgotten
 * after {@link IncidentSettings#liveFor()}), at most {@link IncidentSettings#unknownCodesKept()}
 * unknown codes and the latest {@link IncidentSettings#lagsKept()} arrival lags.
 */
public final class FeedHealth {
    private static final int SCANS = 0;
    private static final int UNMAPPED = 1;
    private static final int DUPLICATES = 2;
    private static final int REGRESSIONS = 3;

    /**
     * A courier scan as it arrived.
     *
     * @param parcel the shipment key (tenant, courier, AWB)
     * @param mapped whether its raw code is in the courier's mapping table
     * @param duplicate whether the same event had arrived before
     * @param regression whether it reports a state the parcel had already passed
     * @param ends whether it ends the parcel's journey
     */
    public record FeedScan(
            String courier,
            String parcel,
            String rawCode,
            String rawText,
            boolean mapped,
            boolean duplicate,
            boolean regression,
            boolean ends,
            Instant scanAt,
            Instant arrivedAt) {}

    /** An unknown raw code, its text, and how often it came. */
    public record UnknownCode(String code, String text, long scans) {}

    /**
     * A courier's feed as of a time; counts over the last {@link IncidentSettings#historyDays()}.
     *
     * @param scansLastHour scans that arrived in the last whole hour
     * @param usualScansPerHour the mean for that hour of the day over the earlier days
     * @param unknownCodes the most frequent unknown codes since the start, most frequent first
     * @param lagP50 arrival minus scan time, median of the latest scans (and P90, P99)
     * @param liveParcels parcels on their way
     * @param lastArrivalAt when its latest scan arrived
     */
    public record Figures(
            String courier,
            long scansLastHour,
            double usualScansPerHour,
            long scans,
            double unmappedShare,
            List<UnknownCode> unknownCodes,
            long duplicates,
            long regressions,
            Duration lagP50,
            Duration lagP90,
            Duration lagP99,
            int liveParcels,
            Instant lastArrivalAt) {}

    private static final class Feed {
        final String courier;
        final HourlyCounts counts;
        final Map<String, Long> live = new HashMap<>();
        final Map<String, Long> ended = new HashMap<>();
        final Map<String, UnknownCode> unknown = new LinkedHashMap<>();
        final long[] lags;
        int lagsSeen;
        long lastArrivalAt = Long.MIN_VALUE;
        Incident open;

        Feed(String courier, IncidentSettings settings) {
            this.courier = courier;
            this.counts = new HourlyCounts(settings.historyDays(), 4);
            this.lags = new long[settings.lagsKept()];
        }
    }

    private final IncidentSettings settings;
    private final Map<String, Feed> feeds = new TreeMap<>();
    private long nextReview = Long.MIN_VALUE;

    public FeedHealth(IncidentSettings settings) {
        this.settings = settings;
    }

    /** Takes a scan in arrival order; returns the FEED_SILENT it resolved, if any. */
    public List<Incident> record(FeedScan scan) {
        Feed feed = feeds.computeIfAbsent(scan.courier(), c -> new Feed(c, settings));
        long arrived = scan.arrivedAt().toEpochMilli();
        count(feed, scan, arrived);
        if (!scan.duplicate() && !feed.ended.containsKey(scan.parcel())) {
            if (scan.ends()) {
                feed.live.remove(scan.parcel());
                feed.ended.put(scan.parcel(), arrived);
            } else {
                feed.live.merge(scan.parcel(), arrived, Math::max);
            }
        }
        feed.lastArrivalAt = Math.max(feed.lastArrivalAt, arrived);
        if (feed.open == null) {
            return List.of();
        }
        Incident resolved = feed.open.resolvedAt(scan.arrivedAt());
        feed.open = null;
        return List.of(resolved);
    }

    /**
     * Reviews every courier's silence at {@code clock}, the arrival clock of the whole tracking
     * feed (reviews closer than {@link IncidentSettings#reviewEvery()} are skipped); returns the
     * FEED_SILENT incidents it opened.
     */
    public List<Incident> reviewAt(Instant clock) {
        long now = clock.toEpochMilli();
        if (now < nextReview) {
            return List.of();
        }
        nextReview = now + settings.reviewEvery().toMillis();
        List<Incident> opened = new ArrayList<>();
        for (Feed feed : feeds.values()) {
            forget(feed, now);
            feed.counts.expose(now, feed.live.size());
            if (feed.open == null && silent(feed, now)) {
                feed.open = incident(feed, now);
                opened.add(feed.open);
            }
        }
        return opened;
    }

    /** The FEED_SILENT incidents open now. */
    public List<Incident> open() {
        return feeds.values().stream().filter(f -> f.open != null).map(f -> f.open).toList();
    }

    /** Every live parcel of a courier, in key order. */
    public List<String> live(String courier) {
        Feed feed = feeds.get(courier);
        return feed == null ? List.of() : feed.live.keySet().stream().sorted().toList();
    }

    /** The figures of a courier's feed at {@code clock}; empty figures for one never seen. */
    public Figures figures(String courier, Instant clock) {
        Feed feed = feeds.getOrDefault(courier, new Feed(courier, settings));
        long now = clock.toEpochMilli();
        long scans = feed.counts.total(SCANS, now);
        return new Figures(
                courier,
                feed.counts.lastHour(SCANS, now),
                feed.counts.usualPerHour(SCANS, now),
                scans,
                scans == 0 ? 0 : (double) feed.counts.total(UNMAPPED, now) / scans,
                feed.unknown.values().stream()
                        .sorted((a, b) -> Long.compare(b.scans(), a.scans()))
                        .limit(10)
                        .toList(),
                feed.counts.total(DUPLICATES, now),
                feed.counts.total(REGRESSIONS, now),
                lag(feed, 0.50),
                lag(feed, 0.90),
                lag(feed, 0.99),
                feed.live.size(),
                feed.lastArrivalAt == Long.MIN_VALUE
                        ? null
                        : Instant.ofEpochMilli(feed.lastArrivalAt));
    }

    private void count(Feed feed, FeedScan scan, long arrived) {
        feed.counts.add(SCANS, arrived);
        if (scan.duplicate()) {
            feed.counts.add(DUPLICATES, arrived);
            return;
        }
        if (scan.regression()) {
            feed.counts.add(REGRESSIONS, arrived);
        }
        if (!scan.mapped()) {
            feed.counts.add(UNMAPPED, arrived);
            String key = scan.rawCode() + "\t" + scan.rawText();
            UnknownCode known = feed.unknown.get(key);
            if (known != null || feed.unknown.size() < settings.unknownCodesKept()) {
                long before = known == null ? 0 : known.scans();
                feed.unknown.put(key, new UnknownCode(scan.rawCode(), scan.rawText(), before + 1));
            }
        }
        feed.lags[feed.lagsSeen++ % feed.lags.length] = arrived - scan.scanAt().toEpochMilli();
    }

    private boolean silent(Feed feed, long now) {
        long silence = now - feed.lastArrivalAt;
        return feed.live.size() >= settings.minLiveParcels()
                && silence >= settings.minSilence().toMillis()
                && feed.counts.expected(SCANS, feed.lastArrivalAt, now, feed.live.size())
                        >= settings.silentScans();
    }

    private Incident incident(Feed feed, long now) {
        List<String> listed =
                feed.live.keySet().stream().sorted().limit(settings.parcelsListed()).toList();
        return new Incident(
                IncidentType.FEED_SILENT,
                State.OPEN,
                feed.courier,
                null,
                null,
                listed,
                feed.live.size(),
                null,
                Instant.ofEpochMilli(feed.lastArrivalAt),
                Instant.ofEpochMilli(now),
                null);
    }

    /** Parcels with no scan for {@code liveFor} are no longer live; ended ones are let go. */
    private void forget(Feed feed, long now) {
        long before = now - settings.liveFor().toMillis();
        feed.live.values().removeIf(at -> at < before);
        feed.ended.values().removeIf(at -> at < before);
    }

    private static Duration lag(Feed feed, double quantile) {
        int n = Math.min(feed.lagsSeen, feed.lags.length);
        if (n == 0) {
            return Duration.ZERO;
        }
        long[] sorted = java.util.Arrays.copyOf(feed.lags, n);
        java.util.Arrays.sort(sorted);
        return Duration.ofMillis(sorted[(int) Math.min(n - 1, Math.floor(quantile * n))]);
    }
}
