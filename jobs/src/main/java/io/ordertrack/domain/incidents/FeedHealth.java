package io.ordertrack.domain.incidents;

import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.domain.incidents.FeedId.Kind;
import io.ordertrack.domain.incidents.Incident.IncidentType;
import io.ordertrack.domain.incidents.Incident.State;
import io.ordertrack.domain.lifecycle.ShipmentProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The health of input feeds, on the arrival clock (when events reached ordertrack): events per hour
 * against the usual for that hour of the day, how late they arrive, duplicates; for a courier's
 * scans also the share of unmapped codes with the most frequent unknown ones, regressions and its
 * live parcels, platform-wide and per seller. And silence: a feed is silent (FEED_SILENT) when no
 * event of it has arrived for at least {@link IncidentSettings#minSilence()}, for twice the longest
 * gap it usually has at that hour of the day (a courier that sends its scans in hourly batches is
 * quiet for an hour between them) and for as long as its usual rate would have brought {@link
 * IncidentSettings#silentScans()} events. A courier's usual rate is per live parcel, times the
 * parcels live now, with at least {@link IncidentSettings#minLiveParcels()} live: a courier with no
 * parcels on the way (the orders stopped, everything delivered) is never silent. A sales channel's
 * (placed orders) or a warehouse's (stock events) is the feed's own, its first hour left out (a
 * warehouse's first stock arrives at once): one that never had a usual rate is never silent. The
 * incident resolves when the feed's next event arrives; silence is judged for the whole feed (a
 * courier's over every seller), the figures also per seller.
 *
 * <p>A parcel is live from its first scan until one ends its journey, or {@link
 * IncidentSettings#liveFor()} after its last scan. Whether a scan is mapped and ends a journey is
 * the courier mapping's to say ({@link CourierScan}); whether it is a duplicate (an event id the
 * parcel already had) or a regression (a later report of a state the parcel may not move to from
 * the one it reached, by {@link ShipmentProgress}; or the reached one, when an earlier report it
 * may not follow arrives late) is decided here, from what is kept per parcel.
 *
 * <p>Memory: per feed and per seller of a courier a ring of hourly counts, at most {@link
 * IncidentSettings#unknownCodesKept()} unknown codes and the latest {@link
 * IncidentSettings#lagsKept()} arrival lags; per courier its live and recently ended parcels with
 * the status each reached and its latest {@value #IDS_PER_PARCEL} event ids (forgotten {@link
 * IncidentSettings#liveFor()} after their last scan); per channel or warehouse its latest {@value
 * #IDS_PER_FEED} event ids. A seller with no scan of a courier for longer than the hourly ring and
 * {@code liveFor} drops out of its figures; a feed with no event for {@link
 * IncidentSettings#forgetAfter()} is forgotten, its silence resolved as of then.
 */
public final class FeedHealth {
    /** Event ids remembered per parcel to tell a duplicate: far above a parcel's scans. */
    static final int IDS_PER_PARCEL = 32;

    /** Event ids remembered per channel or warehouse to tell a duplicate, the latest. */
    static final int IDS_PER_FEED = 1_000;

    /** A silence lasts at least this many times the longest gap its feed usually has. */
    private static final int USUAL_GAPS = 2;

    private static final int EVENTS = 0;
    private static final int UNMAPPED = 1;
    private static final int DUPLICATES = 2;
    private static final int REGRESSIONS = 3;
    private static final long DAY = 24 * HourlyCounts.HOUR;

    /** An unknown raw code, its text, and how often it came. */
    public record UnknownCode(String code, String text, long scans) {}

    /**
     * A feed as of a time, for the whole feed or one seller's share of a courier's; counts over the
     * last {@link IncidentSettings#historyDays()}.
     *
     * @param tenant the seller whose share of a courier's feed this is, a channel's or warehouse's
     *     owner; null for the whole of a courier's feed (every seller)
     * @param asOf the clock the figures are taken at; counts go up to the feed's latest arrival if
     *     that is later
     * @param eventsLastHour events that arrived in the last whole hour
     * @param usualEventsPerHour the mean for that hour of the day over the earlier days
     * @param unmappedShare couriers: the share of scans whose raw code is not in the mapping table
     * @param unknownCodes couriers: the most frequent unknown codes, most frequent first (ten)
     * @param lagP50 arrival minus event time, median of the latest events (and P90, P99)
     * @param live couriers: parcels on their way; 0 for other feeds
     * @param lastArrivalAt when its latest event arrived; null if none did
     * @param silentSince while a FEED_SILENT of the feed is open: when its last event arrived
     * @param incidentId while a FEED_SILENT of the feed is open: the incident
     */
    public record Figures(
            FeedId feed,
            String tenant,
            Instant asOf,
            long eventsLastHour,
            double usualEventsPerHour,
            long events,
            double unmappedShare,
            List<UnknownCode> unknownCodes,
            long duplicates,
            long regressions,
            Duration lagP50,
            Duration lagP90,
            Duration lagP99,
            int live,
            Instant lastArrivalAt,
            Instant silentSince,
            String incidentId) {}

    /**
     * What a review found.
     *
     * @param changes FEED_SILENT incidents opened, and those resolved as their feed was forgotten
     * @param figures every feed's figures, the whole feed's and (couriers) each seller's
     */
    public record Review(List<Incident> changes, List<Figures> figures) {
        /** No review: too soon after the last. */
        static final Review NONE = new Review(List.of(), List.of());
    }

    /** The counts of a whole feed or of one seller's share of a courier's. */
    private static final class Tally {
        final HourlyCounts counts;
        final Map<String, UnknownCode> unknown = new LinkedHashMap<>();
        final long[] lags;
        int lagsSeen;
        long lastArrivalAt = Long.MIN_VALUE;

        Tally(IncidentSettings settings) {
            this(new HourlyCounts(settings.historyDays(), 4), settings);
        }

        private Tally(HourlyCounts counts, IncidentSettings settings) {
            this.counts = counts;
            this.lags = new long[settings.lagsKept()];
        }

        /**
         * A channel's or warehouse's: its rate is its own, and its first hour (a warehouse's first
         * stock all at once, a channel's backfill) no usual hour.
         */
        static Tally ownRate(IncidentSettings settings) {
            return new Tally(HourlyCounts.fromSecondHour(settings.historyDays(), 4), settings);
        }
    }

    /** What a courier's feed keeps of a parcel. */
    private static final class Parcel {
        final List<String> eventIds = new ArrayList<>();
        long lastArrivalAt = Long.MIN_VALUE;
        ShipmentStatus reached;
        long reachedAt = Long.MIN_VALUE;
        boolean ended;

        /** Whether the event was seen before; remembers it if not. */
        boolean seen(String eventId) {
            if (eventIds.contains(eventId)) {
                return true;
            }
            if (eventIds.size() == IDS_PER_PARCEL) {
                eventIds.remove(0);
            }
            eventIds.add(eventId);
            return false;
        }

        /**
         * A report later than the status the parcel reached, of a state it may not move to from
         * there; or a report earlier than it, arriving late, of a state the reached one may not
         * follow (the reached one was the regression, known now).
         */
        boolean regressedBy(ShipmentStatus status, long at) {
            if (status == null || reached == null || at == reachedAt) {
                return false;
            }
            return at > reachedAt
                    ? ShipmentProgress.isRegression(reached, status)
                    : ShipmentProgress.isRegression(status, reached);
        }

        void take(CourierScan scan, long at, long arrived) {
            lastArrivalAt = Math.max(lastArrivalAt, arrived);
            ended |= scan.ends();
            ShipmentStatus status = scan.status();
            if (status == null) {
                return;
            }
            boolean moves =
                    at >= reachedAt
                            ? ShipmentProgress.mayMove(reached, status)
                            : ShipmentProgress.isRegression(status, reached);
            if (moves) {
                reached = status;
                reachedAt = at;
            }
        }
    }

    private static final class Feed {
        final FeedId id;
        final Tally all;
        final Map<String, Tally> tenants = new TreeMap<>();
        final Map<String, Parcel> parcels = new HashMap<>();
        final ArrayDeque<String> recentIds = new ArrayDeque<>();
        final Set<String> recent = new HashSet<>();
        Incident open;

        Feed(FeedId id, IncidentSettings settings) {
            this.id = id;
            this.all = id.kind() == Kind.COURIER ? new Tally(settings) : Tally.ownRate(settings);
        }

        /** Channels and warehouses: whether the event was among the latest; remembers it if not. */
        boolean seen(String eventId) {
            if (!recent.add(eventId)) {
                return true;
            }
            recentIds.addLast(eventId);
            if (recentIds.size() > IDS_PER_FEED) {
                recent.remove(recentIds.removeFirst());
            }
            return false;
        }

        int live() {
            int live = 0;
            for (Parcel parcel : parcels.values()) {
                live += parcel.ended ? 0 : 1;
            }
            return live;
        }
    }

    private final IncidentSettings settings;
    private final Map<FeedId, Feed> feeds = new TreeMap<>();
    private long nextReview = Long.MIN_VALUE;

    public FeedHealth(IncidentSettings settings) {
        this.settings = settings;
    }

    /** Takes a courier scan in arrival order; returns the FEED_SILENT it resolved, if any. */
    public List<Incident> record(CourierScan scan) {
        Feed feed = feed(FeedId.courier(scan.courier()));
        long arrived = scan.arrivedAt().toEpochMilli();
        gapBefore(feed, arrived);
        long at = scan.scanAt().toEpochMilli();
        Parcel parcel = feed.parcels.computeIfAbsent(scan.parcel(), p -> new Parcel());
        boolean duplicate = parcel.seen(scan.eventId());
        boolean regression = !duplicate && parcel.regressedBy(scan.status(), at);
        if (!duplicate) {
            parcel.take(scan, at, arrived);
        }
        Tally tenant =
                feed.tenants.computeIfAbsent(
                        IncidentAlerts.tenantOf(scan.parcel()), t -> new Tally(settings));
        for (Tally tally : List.of(feed.all, tenant)) {
            count(tally, arrived, arrived - at, duplicate, regression);
            if (!duplicate && !scan.mapped()) {
                unmapped(tally, arrived, scan.rawCode(), scan.rawText());
            }
        }
        return resumed(feed, scan.arrivedAt());
    }

    /**
     * Takes an event of a channel or warehouse in arrival order; returns the FEED_SILENT it ended.
     */
    public List<Incident> record(FeedEvent event) {
        Feed feed = feed(event.feed());
        long arrived = event.arrivedAt().toEpochMilli();
        gapBefore(feed, arrived);
        boolean duplicate = feed.seen(event.eventId());
        count(feed.all, arrived, arrived - event.eventAt().toEpochMilli(), duplicate, false);
        return resumed(feed, event.arrivedAt());
    }

    /**
     * Reviews every feed at {@code clock}, the arrival clock of its inputs (reviews closer than
     * {@link IncidentSettings#reviewEvery()} are skipped, and find nothing): opens the FEED_SILENT
     * of each feed silent now, forgets the feeds with no event for {@link
     * IncidentSettings#forgetAfter()} (resolving their silence as of now), and takes the figures of
     * the others.
     */
    public Review reviewAt(Instant clock) {
        long now = clock.toEpochMilli();
        if (now < nextReview) {
            return Review.NONE;
        }
        nextReview = now + settings.reviewEvery().toMillis();
        List<Incident> changes = new ArrayList<>();
        List<Figures> figures = new ArrayList<>();
        for (Iterator<Feed> feeds = this.feeds.values().iterator(); feeds.hasNext(); ) {
            Feed feed = feeds.next();
            if (feed.all.lastArrivalAt < now - settings.forgetAfter().toMillis()) {
                if (feed.open != null) {
                    changes.add(feed.open.resolvedAt(clock));
                }
                feeds.remove();
                continue;
            }
            forget(feed, now);
            int exposed = exposed(feed);
            feed.all.counts.expose(now, exposed);
            if (feed.open == null && silent(feed, exposed, now)) {
                feed.open = incident(feed, now);
                changes.add(feed.open);
            }
            figures.addAll(figuresOf(feed, now));
        }
        return new Review(changes, figures);
    }

    /** The FEED_SILENT incidents open now. */
    public List<Incident> open() {
        return feeds.values().stream().filter(f -> f.open != null).map(f -> f.open).toList();
    }

    /** Whether no feed is kept: none had an event within {@link IncidentSettings#forgetAfter()}. */
    public boolean isEmpty() {
        return feeds.isEmpty();
    }

    /** Every live parcel of a courier, in key order. */
    public List<String> live(String courier) {
        Feed feed = feeds.get(FeedId.courier(courier));
        if (feed == null) {
            return List.of();
        }
        return feed.parcels.entrySet().stream()
                .filter(parcel -> !parcel.getValue().ended)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** The figures of a whole feed at {@code clock}; empty figures for one never seen. */
    public Figures figures(FeedId id, Instant clock) {
        Feed feed = feeds.getOrDefault(id, new Feed(id, settings));
        long now = clock.toEpochMilli();
        return figures(feed, id.tenant(), feed.all, feed.live(), now, now);
    }

    /** The figures of one seller's share of a courier's feed at {@code clock}. */
    public Figures figures(FeedId courier, String tenant, Instant clock) {
        Feed feed = feeds.getOrDefault(courier, new Feed(courier, settings));
        Tally tally = feed.tenants.getOrDefault(tenant, new Tally(settings));
        long now = clock.toEpochMilli();
        return figures(feed, tenant, tally, liveOf(feed).getOrDefault(tenant, 0), now, now);
    }

    private Feed feed(FeedId id) {
        return feeds.computeIfAbsent(id, f -> new Feed(f, settings));
    }

    /** The silence of a feed an event just arrived on is over. */
    private static List<Incident> resumed(Feed feed, Instant arrivedAt) {
        if (feed.open == null) {
            return List.of();
        }
        Incident resolved = feed.open.resolvedAt(arrivedAt);
        feed.open = null;
        return List.of(resolved);
    }

    /** The gap since the feed's previous arrival: a silence must last longer than its usual. */
    private static void gapBefore(Feed feed, long arrived) {
        long last = feed.all.lastArrivalAt;
        if (last != Long.MIN_VALUE && arrived > last) {
            feed.all.counts.gap(arrived, arrived - last);
        }
    }

    private static void count(
            Tally tally, long arrived, long lag, boolean duplicate, boolean regression) {
        tally.counts.add(EVENTS, arrived);
        tally.lastArrivalAt = Math.max(tally.lastArrivalAt, arrived);
        if (duplicate) {
            tally.counts.add(DUPLICATES, arrived);
            return;
        }
        if (regression) {
            tally.counts.add(REGRESSIONS, arrived);
        }
        tally.lags[tally.lagsSeen++ % tally.lags.length] = lag;
    }

    private void unmapped(Tally tally, long arrived, String code, String text) {
        tally.counts.add(UNMAPPED, arrived);
        String key = code + "\t" + text;
        UnknownCode known = tally.unknown.get(key);
        if (known != null || tally.unknown.size() < settings.unknownCodesKept()) {
            long before = known == null ? 0 : known.scans();
            tally.unknown.put(key, new UnknownCode(code, text, before + 1));
        }
    }

    /** What the usual rate is per: a courier's live parcels; a channel or warehouse itself. */
    private static int exposed(Feed feed) {
        return feed.id.kind() == Kind.COURIER ? feed.live() : 1;
    }

    private boolean silent(Feed feed, int exposed, long now) {
        long last = feed.all.lastArrivalAt;
        return (feed.id.kind() != Kind.COURIER || exposed >= settings.minLiveParcels())
                && now - last >= settings.minSilence().toMillis()
                && now - last >= USUAL_GAPS * feed.all.counts.usualLongestGap(now)
                && feed.all.counts.expected(EVENTS, last, now, exposed) >= settings.silentScans();
    }

    private Incident incident(Feed feed, long now) {
        Instant since = Instant.ofEpochMilli(feed.all.lastArrivalAt);
        Instant detected = Instant.ofEpochMilli(now);
        FeedId id = feed.id;
        if (id.kind() != Kind.COURIER) {
            return new Incident(
                    IncidentType.FEED_SILENT,
                    State.OPEN,
                    null,
                    null,
                    null,
                    List.of(),
                    0,
                    null,
                    since,
                    detected,
                    null,
                    id.tenant(),
                    id.kind() == Kind.CHANNEL ? id.name() : null,
                    id.kind() == Kind.WAREHOUSE ? id.name() : null);
        }
        List<String> live = live(id.name());
        return new Incident(
                IncidentType.FEED_SILENT,
                State.OPEN,
                id.name(),
                null,
                null,
                live.subList(0, Math.min(live.size(), settings.parcelsListed())),
                live.size(),
                null,
                since,
                detected,
                null);
    }

    /**
     * Parcels with no scan for {@code liveFor} are no longer live, ended ones are let go; a seller
     * with no scan for as long, and for the hourly ring's length, has nothing left to count.
     */
    private void forget(Feed feed, long now) {
        long before = now - settings.liveFor().toMillis();
        feed.parcels.values().removeIf(parcel -> parcel.lastArrivalAt < before);
        long counted = now - Math.max(settings.liveFor().toMillis(), settings.historyDays() * DAY);
        feed.tenants.values().removeIf(tally -> tally.lastArrivalAt < counted);
    }

    /**
     * Every figure of a feed at a review, the whole feed's and each seller's. The counts go up to
     * the feed's latest arrival when that is later than the clock (an event can arrive ahead of the
     * clock that reviews it): such an event took the slot of an hour still counted at the clock, in
     * the whole feed's ring and its own seller's but not in the other sellers', whose shares would
     * then not add up to the whole.
     */
    private List<Figures> figuresOf(Feed feed, long clock) {
        long now = Math.max(clock, feed.all.lastArrivalAt);
        List<Figures> figures = new ArrayList<>();
        Map<String, Integer> live = liveOf(feed);
        int all = live.values().stream().mapToInt(Integer::intValue).sum();
        figures.add(figures(feed, feed.id.tenant(), feed.all, all, clock, now));
        feed.tenants.forEach(
                (tenant, tally) ->
                        figures.add(
                                figures(
                                        feed,
                                        tenant,
                                        tally,
                                        live.getOrDefault(tenant, 0),
                                        clock,
                                        now)));
        return figures;
    }

    /** A courier's live parcels per seller. */
    private static Map<String, Integer> liveOf(Feed feed) {
        Map<String, Integer> live = new HashMap<>();
        feed.parcels.forEach(
                (key, parcel) -> {
                    if (!parcel.ended) {
                        live.merge(IncidentAlerts.tenantOf(key), 1, Integer::sum);
                    }
                });
        return live;
    }

    /** The figures of a tally at {@code clock}, counting up to {@code now}. */
    private static Figures figures(
            Feed feed, String tenant, Tally tally, int live, long clock, long now) {
        long events = tally.counts.total(EVENTS, now);
        return new Figures(
                feed.id,
                tenant,
                Instant.ofEpochMilli(clock),
                tally.counts.lastHour(EVENTS, now),
                tally.counts.usualPerHour(EVENTS, now),
                events,
                events == 0 ? 0 : (double) tally.counts.total(UNMAPPED, now) / events,
                tally.unknown.values().stream()
                        .sorted((a, b) -> Long.compare(b.scans(), a.scans()))
                        .limit(10)
                        .toList(),
                tally.counts.total(DUPLICATES, now),
                tally.counts.total(REGRESSIONS, now),
                lag(tally, 0.50),
                lag(tally, 0.90),
                lag(tally, 0.99),
                live,
                tally.lastArrivalAt == Long.MIN_VALUE
                        ? null
                        : Instant.ofEpochMilli(tally.lastArrivalAt),
                feed.open == null ? null : feed.open.since(),
                feed.open == null ? null : feed.open.id());
    }

    private static Duration lag(Tally tally, double quantile) {
        int n = Math.min(tally.lagsSeen, tally.lags.length);
        if (n == 0) {
            return Duration.ZERO;
        }
        long[] sorted = Arrays.copyOf(tally.lags, n);
        Arrays.sort(sorted);
        return Duration.ofMillis(sorted[(int) Math.min(n - 1, Math.floor(quantile * n))]);
    }
}
