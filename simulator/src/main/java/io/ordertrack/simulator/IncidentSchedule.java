package io.ordertrack.simulator;

import static io.ordertrack.simulator.Timeline.DAY;
import static io.ordertrack.simulator.Timeline.HOUR;
import static io.ordertrack.simulator.Timeline.MINUTE;

import io.ordertrack.simulator.World.Tenant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The incidents of a run, drawn when it starts from a random of their own (a run without incidents
 * draws nothing from it and stays what it was), and what they do to its stories and feeds:
 *
 * <ul>
 *   <li>a hub outage holds every parcel of its courier whose last scan was at its hub: a next scan
 *       that would have come during the outage comes after it ends, spread over its first 4 hours
 *       as the backlog clears;
 *   <li>a feed outage holds every scan of its courier that would have reached the feed during it;
 *       they arrive in the first 20 minutes after it ends, in the order they were held;
 *   <li>a new code makes its courier send an undocumented code between two scans of each of its
 *       parcels while it lasts.
 * </ul>
 *
 * Incidents of one kind hit distinct couriers (hub outages: distinct courier and hub), so one
 * kind's incidents never overlap on one courier.
 */
final class IncidentSchedule {
    private static final long SEED_MIX = 0x9E3779B97F4A7C15L;
    private static final long BACKLOG_MINUTES = 240;
    private static final long BURST = 20 * MINUTE;
    private static final List<String> NEW_CODE_TEXTS =
            List.of(
                    "Shipment connected to sorting line",
                    "Bagging completed at facility",
                    "Shipment under security check",
                    "Consignment rerouted via partner network",
                    "Shipment received at micro hub",
                    "Pending dispatch verification");

    private final List<InjectedIncident> incidents;

    private IncidentSchedule(List<InjectedIncident> incidents) {
        this.incidents = incidents;
    }

    static IncidentSchedule none() {
        return new IncidentSchedule(List.of());
    }

    /** The incidents of a run over the days its orders are placed in. */
    static IncidentSchedule draw(SimulationOptions options, World world) {
        Incidents counts = options.incidents();
        if (counts.none()) {
            return none();
        }
        SplittableRandom random = new SplittableRandom(options.seed() * SEED_MIX + 25);
        long span = (long) (options.orders() / options.ordersPerDay() * DAY);
        long margin = Math.min(DAY, span / 3);
        long from = options.start().toEpochMilli() + margin;
        long to = Math.max(from + 1, options.start().toEpochMilli() + span - margin);
        Window window = new Window(random, from, to);
        List<String> couriers = couriers(world);
        List<InjectedIncident> drawn = new ArrayList<>();
        List<String> hubs = new ArrayList<>();
        for (String courier : couriers) {
            StoryTeller.TRANSIT_HUBS.forEach(hub -> hubs.add(courier + "\t" + hub + " hub"));
        }
        for (String pair : distinct(hubs, counts.hubOutages(), random, "hub outages")) {
            String[] courierAndHub = pair.split("\t");
            drawn.add(
                    window.incident(
                            InjectedIncident.HUB_OUTAGE,
                            courierAndHub[0],
                            courierAndHub[1],
                            12 * HOUR,
                            48 * HOUR,
                            null,
                            null));
        }
        for (String courier : distinct(couriers, counts.feedOutages(), random, "feed outages")) {
            drawn.add(
                    window.incident(
                            InjectedIncident.FEED_OUTAGE,
                            courier,
                            null,
                            HOUR,
                            8 * HOUR,
                            null,
                            null));
        }
        int n = 0;
        for (String courier : distinct(couriers, counts.newCodes(), random, "new codes")) {
            drawn.add(
                    window.incident(
                            InjectedIncident.NEW_CODE,
                            courier,
                            null,
                            DAY,
                            2 * DAY,
                            "NC-" + (101 + n),
                            NEW_CODE_TEXTS.get(n % NEW_CODE_TEXTS.size())));
            n++;
        }
        drawn.sort(
                (a, b) ->
                        a.start().equals(b.start())
                                ? a.type().compareTo(b.type())
                                : a.start().compareTo(b.start()));
        return new IncidentSchedule(List.copyOf(drawn));
    }

    List<InjectedIncident> all() {
        return incidents;
    }

    /**
     * When a parcel of {@code courier} last scanned at {@code hub} at {@code scannedAt} is next
     * scanned, had it been due at {@code dueAt}: later, when a hub outage held it.
     */
    long releaseAt(String courier, String hub, long scannedAt, long dueAt, int parcel) {
        for (InjectedIncident outage : incidents) {
            if (outage.type().equals(InjectedIncident.HUB_OUTAGE)
                    && outage.courier().equals(courier)
                    && outage.hub().equals(hub)
                    && outage.covers(dueAt)
                    && scannedAt < outage.end().toEpochMilli()) {
                return outage.end().toEpochMilli() + (parcel * 7919L % BACKLOG_MINUTES) * MINUTE;
            }
        }
        return dueAt;
    }

    /** When a scan of {@code courier} that would have reached the feed at {@code sentAt} does. */
    long arrivalOf(String courier, long sentAt) {
        for (InjectedIncident outage : incidents) {
            if (outage.type().equals(InjectedIncident.FEED_OUTAGE)
                    && outage.courier().equals(courier)
                    && outage.covers(sentAt)) {
                long start = outage.start().toEpochMilli();
                long end = outage.end().toEpochMilli();
                return end + (sentAt - start) * BURST / (end - start);
            }
        }
        return sentAt;
    }

    /** The new code {@code courier} sends at {@code at}, if any. */
    Optional<InjectedIncident> newCodeAt(String courier, long at) {
        return incidents.stream()
                .filter(i -> i.type().equals(InjectedIncident.NEW_CODE))
                .filter(i -> i.courier().equals(courier) && i.covers(at))
                .findFirst();
    }

    /** The text of each new code, by code. */
    Map<String, String> newCodeTexts() {
        Map<String, String> texts = new TreeMap<>();
        incidents.stream()
                .filter(i -> i.type().equals(InjectedIncident.NEW_CODE))
                .forEach(i -> texts.put(i.rawCode(), i.rawText()));
        return texts;
    }

    private static List<String> couriers(World world) {
        LinkedHashSet<String> couriers = new LinkedHashSet<>();
        for (Tenant tenant : world.tenants()) {
            couriers.addAll(tenant.couriers());
        }
        return List.copyOf(couriers);
    }

    private static List<String> distinct(
            List<String> from, int count, SplittableRandom random, String what) {
        if (count > from.size()) {
            throw new IllegalArgumentException(
                    "at most " + from.size() + " " + what + " in this world, asked for " + count);
        }
        return World.pick(from, count, random);
    }

    /** Draws when incidents start, within the days orders are placed, and how long they last. */
    private record Window(SplittableRandom random, long from, long to) {
        InjectedIncident incident(
                String type,
                String courier,
                String hub,
                long shortest,
                long longest,
                String rawCode,
                String rawText) {
            long start = from + random.nextLong(to - from);
            start -= start % MINUTE;
            long end = start + shortest + random.nextLong(longest - shortest);
            end -= end % MINUTE;
            return new InjectedIncident(
                    type,
                    courier,
                    hub,
                    Instant.ofEpochMilli(start),
                    Instant.ofEpochMilli(end),
                    rawCode,
                    rawText);
        }
    }
}
