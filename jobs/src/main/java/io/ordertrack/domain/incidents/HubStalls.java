package io.ordertrack.domain.incidents;

import io.ordertrack.domain.incidents.Incident.IncidentType;
import io.ordertrack.domain.incidents.Incident.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Courier hubs that stopped moving parcels on. Each parcel waits at the hub of its latest scan (by
 * scan time) until a scan elsewhere, or one that ends its journey, moves it on; one waiting for
 * more than twice the hub's usual longest stay (90th percentile of its last 200) is stuck, its own
 * alert, and no longer counted. It is due to move on once it has waited as long as the shortest
 * tenth of the hub's recent stays. A hub (courier + hub) is stalled when no parcel has moved on
 * from it for as long as its usual rate per waiting parcel (hour of the day by hour of the day)
 * would have moved {@link IncidentSettings#stallMoves()} of those due now, with at least {@link
 * IncidentSettings#minWaitingParcels()} due.
 *
 * <p>Time is each courier's own feed clock, the latest scan time it has sent: a courier whose feed
 * is silent stalls none of its hubs. Reviews come every {@link IncidentSettings#reviewEvery()} of
 * that clock, but for {@link IncidentSettings#catchUp()} after its scans resume from a silence
 * (held scans arrive in a burst next to new ones, and the clock runs ahead of the moves still to
 * come). A stall resolves once {@link IncidentSettings#resumeMoves()} parcels moved on within an
 * hour, at the first of them. Scans of one parcel older than its latest, and scans after its
 * journey ended (duplicates, regressions), move nothing.
 *
 * <p>Memory: per parcel in flight its hub and times, forgotten {@link
 * IncidentSettings#forgetAfter()} after its last scan; per hub its waiting parcels and a ring of
 * hourly counts; an incident names at most {@link IncidentSettings#parcelsListed()} parcels.
 */
public final class HubStalls {
    private static final int MOVES = 0;
    private static final int DWELLS_KEPT = 200;

    /**
     * A courier scan as this needs it.
     *
     * @param parcel the shipment key (tenant, courier, AWB)
     * @param hub where it was scanned; null when the scan names no hub
     * @param city the hub's city, when the scan names it
     * @param ends whether the scan ends the parcel's journey (delivered, returned, lost, damaged)
     * @param arrivedAt when it reached ordertrack
     */
    public record HubScan(
            String parcel,
            String courier,
            String hub,
            String city,
            Instant scanAt,
            boolean ends,
            Instant arrivedAt) {}

    /**
     * Where a parcel waits: at {@code hub} of {@code courier}, last scanned at {@code lastScanAt}.
     */
    private record Position(String courier, String hub, long lastScanAt) {}

    private static final class Hub {
        final String courier;
        final String name;
        String city;
        final Map<String, Long> waiting = new LinkedHashMap<>();
        final HourlyCounts moves;
        long lastMoveAt = Long.MIN_VALUE;
        Incident open;
        final java.util.ArrayDeque<Long> resumed = new java.util.ArrayDeque<>();
        final long[] dwells = new long[DWELLS_KEPT];
        int dwellsSeen;

        Hub(String courier, String name, int historyDays) {
            this.courier = courier;
            this.name = name;
            this.moves = new HourlyCounts(historyDays, 1);
        }
    }

    private final IncidentSettings settings;
    private final Map<String, Position> parcels = new HashMap<>();
    private final Map<String, Long> ended = new HashMap<>();
    private final Map<String, Map<String, Hub>> hubsByCourier = new TreeMap<>();
    private final Map<String, Long> clocks = new HashMap<>();
    private final Map<String, Long> nextReview = new HashMap<>();
    private final Map<String, Long> lastArrivals = new HashMap<>();
    private final Map<String, Long> catchingUpUntil = new HashMap<>();
    private long nextForget = Long.MIN_VALUE;

    public HubStalls(IncidentSettings settings) {
        this.settings = settings;
    }

    /**
     * Takes a scan in arrival order; returns the incidents it opened (a review of its courier's
     * hubs came due) or resolved (its parcel moved on from a stalled hub).
     */
    public List<Incident> record(HubScan scan) {
        long at = scan.scanAt().toEpochMilli();
        List<Incident> changes = new ArrayList<>();
        if (!ended.containsKey(scan.parcel())) {
            Position position = parcels.get(scan.parcel());
            if (position == null || at > position.lastScanAt()) {
                move(scan, position, at, changes);
            }
        }
        long clock = Math.max(at, clocks.getOrDefault(scan.courier(), Long.MIN_VALUE));
        clocks.put(scan.courier(), clock);
        if (clock >= nextReview.getOrDefault(scan.courier(), Long.MIN_VALUE)
                && !catchingUp(scan.courier(), scan.arrivedAt().toEpochMilli())) {
            nextReview.put(scan.courier(), clock + settings.reviewEvery().toMillis());
            changes.addAll(review(scan.courier(), clock));
        }
        return changes;
    }

    /** Whether a courier's held scans may still be arriving after a silence of its feed. */
    private boolean catchingUp(String courier, long arrived) {
        Long last = lastArrivals.put(courier, arrived);
        if (last != null && arrived - last >= settings.minSilence().toMillis()) {
            catchingUpUntil.put(courier, arrived + settings.catchUp().toMillis());
        }
        return arrived < catchingUpUntil.getOrDefault(courier, Long.MIN_VALUE);
    }

    /** The HUB_STALL incidents open now. */
    public List<Incident> open() {
        return hubsByCourier.values().stream()
                .flatMap(hubs -> hubs.values().stream())
                .filter(h -> h.open != null)
                .map(h -> h.open)
                .toList();
    }

    /**
     * Every parcel waiting at a hub of a courier, longest waiting first: an incident lists only
     * {@link IncidentSettings#parcelsListed()}, a tenant's share of it needs them all.
     */
    public List<String> waitingAt(String courier, String hub) {
        Hub known = hubsByCourier.getOrDefault(courier, Map.of()).get(hub);
        if (known == null) {
            return List.of();
        }
        return known.waiting.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .toList();
    }

    private void move(HubScan scan, Position position, long at, List<Incident> changes) {
        boolean stays =
                position != null
                        && !scan.ends()
                        && scan.hub() != null
                        && scan.hub().equals(position.hub());
        if (stays) {
            parcels.put(scan.parcel(), new Position(scan.courier(), scan.hub(), at));
            return;
        }
        if (position != null) {
            movedOn(hub(position.courier(), position.hub()), scan.parcel(), at)
                    .ifPresent(changes::add);
        }
        if (scan.ends() || scan.hub() == null) {
            parcels.remove(scan.parcel());
            if (scan.ends()) {
                ended.put(scan.parcel(), at);
            }
            return;
        }
        Hub hub = hub(scan.courier(), scan.hub());
        if (scan.city() != null) {
            hub.city = scan.city();
        }
        hub.waiting.put(scan.parcel(), at);
        parcels.put(scan.parcel(), new Position(scan.courier(), scan.hub(), at));
    }

    private Hub hub(String courier, String name) {
        return hubsByCourier
                .computeIfAbsent(courier, c -> new TreeMap<>())
                .computeIfAbsent(name, n -> new Hub(courier, name, settings.historyDays()));
    }

    /** A parcel moved on from a hub; the hub's stall, if this resolved it. */
    private Optional<Incident> movedOn(Hub hub, String parcel, long at) {
        Long arrived = hub.waiting.remove(parcel);
        if (arrived != null) {
            hub.dwells[hub.dwellsSeen++ % DWELLS_KEPT] = at - arrived;
        }
        hub.moves.add(MOVES, at);
        hub.lastMoveAt = Math.max(hub.lastMoveAt, at);
        if (hub.open == null || at <= hub.open.since().toEpochMilli()) {
            return Optional.empty();
        }
        hub.resumed.add(at);
        hub.resumed.removeIf(moved -> moved < at - HourlyCounts.HOUR);
        if (hub.resumed.size() < settings.resumeMoves()) {
            return Optional.empty();
        }
        long first = hub.resumed.stream().mapToLong(Long::longValue).min().orElse(at);
        Incident resolved = hub.open.resolvedAt(Instant.ofEpochMilli(first));
        hub.open = null;
        hub.resumed.clear();
        return Optional.of(resolved);
    }

    private List<Incident> review(String courier, long clock) {
        if (clock >= nextForget) {
            nextForget = clock + HourlyCounts.HOUR;
            forget(courier, clock);
        }
        List<Incident> opened = new ArrayList<>();
        for (Hub hub : hubsByCourier.getOrDefault(courier, Map.of()).values()) {
            hub.moves.expose(clock, waiting(hub, clock, false));
            if (hub.open == null && stalled(hub, clock)) {
                hub.open = incident(hub, clock);
                opened.add(hub.open);
            }
        }
        return opened;
    }

    private boolean stalled(Hub hub, long clock) {
        int due = waiting(hub, clock, true);
        if (due < settings.minWaitingParcels()) {
            return false;
        }
        long silentSince = Math.max(hub.lastMoveAt, oldest(hub));
        return hub.moves.expected(MOVES, silentSince, clock, due) >= settings.stallMoves();
    }

    /**
     * The parcels waiting at a hub, but for those stuck for more than twice its usual longest stay
     * (the 90th percentile of its recent stays): a parcel stuck for days is its own alert, not a
     * sign of the hub. With {@code dueOnly}, only those due to move on: waiting at least as long as
     * the shortest tenth of its stays, so that a backlog just arrived from elsewhere, which cannot
     * leave yet, is no stall.
     */
    private static int waiting(Hub hub, long clock, boolean dueOnly) {
        int known = Math.min(hub.dwellsSeen, DWELLS_KEPT);
        if (known == 0) {
            return hub.waiting.size();
        }
        long[] sorted = java.util.Arrays.copyOf(hub.dwells, known);
        java.util.Arrays.sort(sorted);
        long shortest = dueOnly ? sorted[known / 10] : 0;
        long longest = 2 * sorted[Math.min(known - 1, known * 9 / 10)];
        int due = 0;
        for (long arrived : hub.waiting.values()) {
            long waited = clock - arrived;
            if (waited >= shortest && waited <= longest) {
                due++;
            }
        }
        return due;
    }

    private Incident incident(Hub hub, long clock) {
        List<String> listed =
                hub.waiting.entrySet().stream()
                        .sorted(Map.Entry.comparingByValue())
                        .limit(settings.parcelsListed())
                        .map(Map.Entry::getKey)
                        .toList();
        long since = Math.max(hub.lastMoveAt, oldest(hub));
        return new Incident(
                IncidentType.HUB_STALL,
                State.OPEN,
                hub.courier,
                hub.name,
                hub.city,
                listed,
                hub.waiting.size(),
                Instant.ofEpochMilli(oldest(hub)),
                Instant.ofEpochMilli(since),
                Instant.ofEpochMilli(clock),
                null);
    }

    private static long oldest(Hub hub) {
        return hub.waiting.values().stream()
                .mapToLong(Long::longValue)
                .min()
                .orElse(Long.MAX_VALUE);
    }

    /**
     * A courier's parcels that have not moved for {@code forgetAfter} of its clock are let go, and
     * ended parcels of any courier.
     */
    private void forget(String courier, long clock) {
        long before = clock - settings.forgetAfter().toMillis();
        ended.values().removeIf(at -> at < before);
        parcels.entrySet()
                .removeIf(
                        entry -> {
                            if (!entry.getValue().courier().equals(courier)
                                    || entry.getValue().lastScanAt() >= before) {
                                return false;
                            }
                            Position position = entry.getValue();
                            hub(position.courier(), position.hub()).waiting.remove(entry.getKey());
                            return true;
                        });
    }
}
