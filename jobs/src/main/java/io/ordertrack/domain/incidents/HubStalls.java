package io.ordertrack.domain.incidents;

import io.ordertrack.domain.incidents.Incident.IncidentType;
import io.ordertrack.domain.incidents.Incident.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Courier hubs that stopped moving parcels on. Each parcel waits at the hub of its latest scan (by
 * scan time) until a scan elsewhere, or one that ends its journey, moves it on. A hub (courier +
 * hub) is stalled when no parcel has moved on from it for as long as its usual rate would have
 * moved {@link IncidentSettings#stallMoves()} of the parcels waiting there, with at least {@link
 * IncidentSettings#minWaitingParcels()} waiting; its HUB_STALL resolves at the first onward scan.
 *
 * <p>Time is each courier's own feed clock, the latest scan time it has sent: a courier whose feed
 * is silent stalls none of its hubs. Reviews come every {@link IncidentSettings#reviewEvery()} of
 * that clock. Scans of one parcel older than its latest, and scans after its journey ended
 * (duplicates, regressions), move nothing.
 *
 * <p>Memory: per parcel in flight its hub and times, forgotten {@link
 * IncidentSettings#forgetAfter()} after its last scan; per hub its waiting parcels and a ring of
 * hourly counts; an incident names at most {@link IncidentSettings#parcelsListed()} parcels.
 */
public final class HubStalls {
    private static final int MOVES = 0;

    /**
     * A courier scan as this needs it.
     *
     * @param parcel the shipment key (tenant, courier, AWB)
     * @param hub where it was scanned; null when the scan names no hub
     * @param city the hub's city, when the scan names it
     * @param ends whether the scan ends the parcel's journey (delivered, returned, lost, damaged)
     */
    public record HubScan(
            String parcel, String courier, String hub, String city, Instant scanAt, boolean ends) {}

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
        if (clock >= nextReview.getOrDefault(scan.courier(), Long.MIN_VALUE)) {
            nextReview.put(scan.courier(), clock + settings.reviewEvery().toMillis());
            changes.addAll(review(scan.courier(), clock));
        }
        return changes;
    }

    /** The HUB_STALL incidents open now. */
    public List<Incident> open() {
        return hubsByCourier.values().stream()
                .flatMap(hubs -> hubs.values().stream())
                .filter(h -> h.open != null)
                .map(h -> h.open)
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
            movedOn(hub(position.courier(), position.hub()), scan.parcel(), at, changes);
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

    private static void movedOn(Hub hub, String parcel, long at, List<Incident> changes) {
        hub.waiting.remove(parcel);
        hub.moves.add(MOVES, at);
        hub.lastMoveAt = Math.max(hub.lastMoveAt, at);
        if (hub.open != null && at > hub.open.since().toEpochMilli()) {
            changes.add(hub.open.resolvedAt(Instant.ofEpochMilli(at)));
            hub.open = null;
        }
    }

    private List<Incident> review(String courier, long clock) {
        if (clock >= nextForget) {
            nextForget = clock + HourlyCounts.HOUR;
            forget(clock);
        }
        List<Incident> opened = new ArrayList<>();
        for (Hub hub : hubsByCourier.getOrDefault(courier, Map.of()).values()) {
            hub.moves.expose(clock, hub.waiting.size());
            if (hub.open == null && stalled(hub, clock)) {
                hub.open = incident(hub, clock);
                opened.add(hub.open);
            }
        }
        return opened;
    }

    private boolean stalled(Hub hub, long clock) {
        if (hub.waiting.size() < settings.minWaitingParcels()) {
            return false;
        }
        long silentSince = Math.max(hub.lastMoveAt, oldest(hub));
        return hub.moves.expected(MOVES, silentSince, clock, hub.waiting.size())
                >= settings.stallMoves();
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

    /** Parcels that have not moved for {@code forgetAfter}, and ended ones, are let go. */
    private void forget(long clock) {
        long before = clock - settings.forgetAfter().toMillis();
        ended.values().removeIf(at -> at < before);
        parcels.entrySet()
                .removeIf(
                        entry -> {
                            if (entry.getValue().lastScanAt() >= before) {
                                return false;
                            }
                            Position position = entry.getValue();
                            hub(position.courier(), position.hub()).waiting.remove(entry.getKey());
                            return true;
                        });
    }
}
