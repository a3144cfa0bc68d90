package io.ordertrack.simulator;

import static io.ordertrack.simulator.Timeline.DAY;
import static io.ordertrack.simulator.Timeline.HOUR;
import static io.ordertrack.simulator.Timeline.MINUTE;

import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.geo.Place;
import io.ordertrack.simulator.OrderStory.Line;
import io.ordertrack.simulator.StockLedger.StockKey;
import io.ordertrack.simulator.World.Sku;
import io.ordertrack.simulator.World.Tenant;
import io.ordertrack.simulator.World.Warehouse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Decides what happens to each order and writes its true events. The rates follow the field figures
 * of the design: about 60% COD; NDR in roughly 8-14% of shipments, far more for COD, higher for
 * some destinations and couriers; about a quarter of NDRs rescued, the rest returned to origin; a
 * few orders cancelled, never picked up, stuck, lost, damaged or in error.
 */
final class StoryTeller {
    static final double COD_SHARE = 0.60;
    static final double CANCELLED = 0.04;
    static final double NEVER_PICKED_UP = 0.015;
    static final double COURIER_ERROR = 0.01;
    static final double STUCK = 0.012;
    static final double LOST = 0.003;
    static final double DAMAGED = 0.002;
    static final double NDR_COD = 0.16;
    static final double NDR_PREPAID = 0.04;
    static final double NDR_RESCUED = 0.25;
    static final double OFD_NEXT_DAY = 0.01;
    static final double CUSTOMER_RETURN = 0.03;

    /** Of returns received: the warehouse never checks it (in the run). */
    static final double RETURN_NEVER_CHECKED = 0.05;

    /** Of returns checked: the goods came back fit to refund. */
    static final double RETURN_CHECK_PASSED = 0.8;

    /** Of returns that passed: the refund never comes (in the run). */
    static final double REFUND_NEVER_MADE = 0.06;

    /** Of returns that failed: the refund refused, else half refunded or left undecided. */
    static final double FAILED_RETURN_REFUSED = 0.7;

    static final double FAILED_RETURN_HALF_REFUNDED = 0.2;

    /** What a seller keeps of a return the customer merely changed their mind about. */
    static final long RESTOCKING_FEE_PAISE = 10_000;

    /** Why customers send goods back, and what a failed check finds. */
    static final List<String> RETURN_REASONS =
            List.of(
                    "size does not fit",
                    "not as described",
                    "damaged on arrival",
                    "changed mind",
                    "wrong item sent");

    static final List<String> FAILED_CHECKS =
            List.of("tags removed", "worn and washed", "item missing from the box", "damaged");
    static final double FEEDBACK = 0.15;

    /** The troubles an order may run into before delivery, in the order they are drawn. */
    private static final Map<Outcome, Double> TROUBLES = troubles();

    /** The transit hubs of every courier ("Nagpur" scans at "Nagpur hub"). */
    static final List<String> TRANSIT_HUBS =
            List.of(
                    "Bhiwandi",
                    "Nagpur",
                    "Delhi",
                    "Kolkata",
                    "Hyderabad",
                    "Bengaluru",
                    "Ahmedabad");

    private final World world;
    private final SplittableRandom random;
    private final StockLedger stock;
    private final Customers customers;
    private final double preNormalisedShare;
    private final Messiness mess;
    private final double misroutedShare;
    private final double fakeAttemptShare;
    private final long routingSeed;
    private final boolean earlierStories;
    private final Map<String, Integer> ordersPerChannel = new HashMap<>();
    private final NdrReasons ndrReasons;
    private final IncidentSchedule incidents;

    StoryTeller(
            World world,
            SplittableRandom random,
            StockLedger stock,
            SimulationOptions options,
            IncidentSchedule incidents) {
        this.world = world;
        this.random = random;
        this.stock = stock;
        this.customers = new Customers(world);
        this.preNormalisedShare = options.preNormalisedShare();
        this.mess = options.mess();
        this.misroutedShare = options.misroutedShare();
        this.fakeAttemptShare = options.fakeAttemptShare();
        this.routingSeed = options.seed() * 1_000_003L;
        this.earlierStories = options.earlierStories();
        this.ndrReasons = new NdrReasons(random);
        this.incidents = incidents;
    }

    private static Map<Outcome, Double> troubles() {
        Map<Outcome, Double> troubles = new java.util.LinkedHashMap<>();
        troubles.put(Outcome.CANCELLED, CANCELLED);
        troubles.put(Outcome.NEVER_PICKED_UP, NEVER_PICKED_UP);
        troubles.put(Outcome.COURIER_ERROR, COURIER_ERROR);
        troubles.put(Outcome.STUCK_IN_TRANSIT, STUCK);
        troubles.put(Outcome.LOST, LOST);
        troubles.put(Outcome.DAMAGED, DAMAGED);
        return java.util.Collections.unmodifiableMap(troubles);
    }

    /** The story of order number {@code number}, placed at {@code placedAt}. */
    OrderStory tell(int number, long placedAt) {
        Tenant tenant = world.tenants().get(random.nextInt(world.tenants().size()));
        String channel = tenant.channels().get(random.nextInt(tenant.channels().size()));
        Customers.Customer customer = customers.next(tenant.id(), random);
        List<Line> lines = lines(tenant);
        PaymentMode payment =
                random.nextDouble() < COD_SHARE ? PaymentMode.COD : PaymentMode.PREPAID;
        Warehouse nearestStocked = fulfilling(tenant, customer.place(), lines, placedAt);
        boolean inStock = nearestStocked != null;
        Warehouse warehouse =
                inStock
                        ? routed(number, tenant, customer.place(), lines, nearestStocked)
                        : nearest(tenant, customer.place());
        String courier = tenant.couriers().get(random.nextInt(tenant.couriers().size()));
        double distance = warehouse.place().distanceKm(customer.place());
        LocalDate promised =
                Timeline.dayOf(placedAt).plusDays(distance < 300 ? 3 : distance < 1000 ? 5 : 7);

        Plot plot = new Plot(tenant, warehouse, customer.place(), courier, promised, lines);
        plot.timeline =
                new Timeline(
                        tenant.id() + "-" + number,
                        placedAt,
                        random,
                        preNormalisedShare,
                        (hub, scannedAt, dueAt) ->
                                incidents.releaseAt(courier, hub, scannedAt, dueAt, number));
        plot.aftermath = new SplittableRandom(routingSeed ^ (0x9E3779B97F4A7C15L * number));
        plot.rtoChance = inStock ? rtoChance(payment, customer.place(), courier) : 0;
        plot.outcome =
                inStock
                        ? outcome(payment, customer.place(), courier)
                        : Outcome.CANCELLED_OUT_OF_STOCK;
        plot.write();
        Set<FeedMess> noise = plot.addCourierNoise();
        reserve(tenant, warehouse, lines, placedAt);
        plot.settleStock();

        String clientOrderId = clientOrderId(tenant, channel);
        String orderId = tenant.id() + ":" + channel + ":" + clientOrderId;
        return new OrderStory(
                number,
                tenant,
                channel,
                clientOrderId,
                customer,
                Customers.asWritten(customer.phone(), random),
                lines,
                payment,
                warehouse,
                nearestStocked,
                courier,
                awb(courier, number),
                promised,
                plot.outcome,
                plot.timeline.events(),
                noise,
                plot.truth(),
                plot.alerts(orderId, tenant.id()));
    }

    private List<Line> lines(Tenant tenant) {
        List<Line> lines = new ArrayList<>();
        for (Sku sku :
                World.pick(
                        tenant.skus(),
                        1 + (random.nextDouble() < 0.25 ? 1 + random.nextInt(2) : 0),
                        random)) {
            lines.add(new Line(sku, random.nextDouble() < 0.85 ? 1 : 2));
        }
        return List.copyOf(lines);
    }

    /** The nearest warehouse that has every line in stock, or null. */
    private Warehouse fulfilling(Tenant tenant, Place destination, List<Line> lines, long at) {
        stock.advanceTo(at);
        return tenant.warehouses().stream()
                .filter(w -> holdsAll(tenant, w, lines))
                .min(Comparator.comparingDouble(w -> w.place().distanceKm(destination)))
                .orElse(null);
    }

    private boolean holdsAll(Tenant tenant, Warehouse warehouse, List<Line> lines) {
        return lines.stream()
                .allMatch(l -> stock.available(key(tenant, l.sku(), warehouse)) >= l.quantity());
    }

    /**
     * Where the seller ships from: the nearest warehouse with the stock, except for the share of
     * misrouted orders, which go from a farther one that holds it too, when there is one. Drawn
     * from a random of its own, so that runs without misrouting stay what they were.
     */
    private Warehouse routed(
            int number, Tenant tenant, Place destination, List<Line> lines, Warehouse nearest) {
        SplittableRandom routing = new SplittableRandom(routingSeed + number);
        if (routing.nextDouble() >= misroutedShare) {
            return nearest;
        }
        double nearestKm = nearest.place().distanceKm(destination);
        List<Warehouse> farther =
                tenant.warehouses().stream()
                        .filter(w -> w.place().distanceKm(destination) > nearestKm)
                        .filter(w -> holdsAll(tenant, w, lines))
                        .toList();
        return farther.isEmpty() ? nearest : farther.get(routing.nextInt(farther.size()));
    }

    private static Warehouse nearest(Tenant tenant, Place destination) {
        return tenant.warehouses().stream()
                .min(Comparator.comparingDouble(w -> w.place().distanceKm(destination)))
                .orElseThrow();
    }

    private void reserve(Tenant tenant, Warehouse warehouse, List<Line> lines, long at) {
        for (Line line : lines) {
            stock.reserve(key(tenant, line.sku(), warehouse), line.quantity(), at);
        }
    }

    static StockKey key(Tenant tenant, Sku sku, Warehouse warehouse) {
        return new StockKey(tenant.id(), sku.code(), warehouse.id());
    }

    private Outcome outcome(PaymentMode payment, Place destination, String courier) {
        double r = random.nextDouble();
        for (Map.Entry<Outcome, Double> trouble : TROUBLES.entrySet()) {
            if ((r -= trouble.getValue()) < 0) {
                return trouble.getKey();
            }
        }
        if (random.nextDouble() < ndrChance(payment, destination, courier)) {
            return random.nextDouble() < NDR_RESCUED ? Outcome.DELIVERED_AFTER_NDR : Outcome.RTO;
        }
        if (random.nextDouble() < OFD_NEXT_DAY) {
            return Outcome.DELIVERED_NEXT_DAY;
        }
        return random.nextDouble() < CUSTOMER_RETURN
                ? Outcome.RETURNED_BY_CUSTOMER
                : Outcome.DELIVERED;
    }

    /** The chance that a parcel which meets no trouble fails its first delivery attempt. */
    private static double ndrChance(PaymentMode payment, Place destination, String courier) {
        double ndr =
                (payment == PaymentMode.COD ? NDR_COD : NDR_PREPAID)
                        * ReturnPropensity.ofDestination(destination)
                        * ReturnPropensity.ofCourier(courier);
        return Math.min(ndr, 0.9);
    }

    /**
     * The chance, as the story draws it, that an order in stock returns to origin: no trouble
     * first, a failed attempt, and no rescue. It depends on nothing but the payment mode, the
     * destination and the courier, all known before dispatch, so no model can rank orders by RTO
     * better than it does.
     */
    static double rtoChance(PaymentMode payment, Place destination, String courier) {
        double untroubled = 1 - TROUBLES.values().stream().mapToDouble(Double::doubleValue).sum();
        return untroubled * ndrChance(payment, destination, courier) * (1 - NDR_RESCUED);
    }

    private String clientOrderId(Tenant tenant, String channel) {
        return ChannelOrderIds.of(
                channel, ordersPerChannel.merge(tenant.id() + ":" + channel, 1, Integer::sum));
    }

    private static String awb(String courier, int number) {
        return switch (courier) {
            case "DELHIVERY" -> Long.toString(1_490_000_000_000L + number);
            case "BLUEDART" -> Long.toString(50_000_000_000L + number);
            case "ECOM_EXPRESS" -> Long.toString(7_000_000_000L + number);
            case "XPRESSBEES" -> "XB" + (14_000_000_000L + number);
            case "SHADOWFAX" -> "SF" + (1_000_000_000L + number) + "FPL";
            default -> "D" + (70_000_000 + number);
        };
    }

    /** The story being written: its outcome, its events, and what follows from them. */
    private final class Plot {
        final Tenant tenant;
        final Warehouse warehouse;
        final Place destination;
        final String courier;
        final LocalDate promised;
        final List<Line> lines;
        Timeline timeline;

        /**
         * Draws what happens after a return reaches the warehouse (its reason too), apart from the
         * run's main random stream, which thus tells every other story as before these steps
         * existed.
         */
        SplittableRandom aftermath;

        Outcome outcome;
        double rtoChance;
        String stage = "RECEIVED";
        ShipmentStatus status;
        long readyToShipAt;
        long lastTransitScanAt;
        long outForDeliveryNoOutcomeAt;
        long courierErrorAt;
        long dispatchedAt = -1;
        long deliveredAt = -1;

        /** When each delivery attempt failed. */
        final List<Long> failedAt = new ArrayList<>();

        final List<String> ndrs = new ArrayList<>();

        /** The failed attempts (from 1) that never happened. */
        final List<Integer> fakeAttempts = new ArrayList<>();

        long stockBackAt = -1;
        long endedUndeliveredAt = -1;

        /** The customer return as it ends, for a delivered order the customer sent back. */
        ReturnTruth customerReturn;

        long destinationHubAt = -1;

        Plot(
                Tenant tenant,
                Warehouse warehouse,
                Place destination,
                String courier,
                LocalDate promised,
                List<Line> lines) {
            this.tenant = tenant;
            this.warehouse = warehouse;
            this.destination = destination;
            this.courier = courier;
            this.promised = promised;
            this.lines = lines;
        }

        void write() {
            timeline.order(OrderEventType.PLACED, null);
            if (outcome == Outcome.CANCELLED_OUT_OF_STOCK) {
                cancel(timeline.after(30 * MINUTE, 2 * HOUR), "out of stock");
                return;
            }
            timeline.after(2 * MINUTE, 30 * MINUTE).order(OrderEventType.CONFIRMED, null);
            stage = "CONFIRMED";
            int cancelAt = outcome == Outcome.CANCELLED ? random.nextInt(3) : -1;
            if (cancelAt == 0) {
                cancel(timeline.after(10 * MINUTE, 3 * HOUR), "customer changed mind");
                return;
            }
            timeline.after(HOUR, 6 * HOUR).order(OrderEventType.PICKED, null);
            stage = "PICKING";
            timeline.after(20 * MINUTE, 2 * HOUR).order(OrderEventType.PACKED, null);
            stage = "PACKED";
            if (cancelAt == 1) {
                cancel(timeline.after(10 * MINUTE, 3 * HOUR), "customer changed mind");
                return;
            }
            timeline.after(10 * MINUTE, HOUR).order(OrderEventType.MANIFESTED, null);
            status = ShipmentStatus.MANIFESTED;
            readyToShipAt = timeline.now();
            if (cancelAt == 2) {
                cancel(timeline.after(10 * MINUTE, 3 * HOUR), "duplicate order");
                return;
            }
            timeline.after(10 * MINUTE, 2 * HOUR).order(OrderEventType.LABEL_SCANNED, null);
            stage = "READY_TO_SHIP";
            if (outcome == Outcome.NEVER_PICKED_UP) {
                return;
            }
            ship();
        }

        /**
         * What couriers add that did not happen: a stale "out for delivery" after delivery, a code
         * nobody documented. The order's true state must not move because of them.
         */
        Set<FeedMess> addCourierNoise() {
            Set<FeedMess> noise = EnumSet.noneOf(FeedMess.class);
            boolean plainDelivery =
                    outcome == Outcome.DELIVERED || outcome == Outcome.DELIVERED_NEXT_DAY;
            if (plainDelivery && random.nextDouble() < mess.regressions()) {
                timeline.strayScan(
                        deliveredAt + HOUR + random.nextLong(5 * HOUR),
                        ShipmentStatus.OUT_FOR_DELIVERY,
                        hubOf(destination),
                        null);
                noise.add(FeedMess.REGRESSION);
            }
            List<StoryEvent> scans = timeline.events().stream().filter(StoryEvent::isScan).toList();
            if (scans.size() >= 2 && random.nextDouble() < mess.unknownCodes()) {
                int i = 1 + random.nextInt(scans.size() - 1);
                long between = (scans.get(i - 1).at() + scans.get(i).at()) / 2;
                timeline.strayScan(
                        between, null, scans.get(i - 1).hub(), "ZX-" + (10 + random.nextInt(90)));
                noise.add(FeedMess.UNKNOWN_CODE);
            }
            addNewCodes(noise);
            return noise;
        }

        /**
         * A courier sending a new code sends it between two scans of each of its parcels, at the
         * hub of the first, while the code lasts.
         */
        private void addNewCodes(Set<FeedMess> noise) {
            List<StoryEvent> scans = timeline.events().stream().filter(StoryEvent::isScan).toList();
            for (int i = 1; i < scans.size(); i++) {
                long between = (scans.get(i - 1).at() + scans.get(i).at()) / 2;
                String hub = scans.get(i - 1).hub();
                incidents
                        .newCodeAt(courier, between)
                        .ifPresent(
                                code -> {
                                    timeline.strayScan(between, null, hub, code.rawCode());
                                    noise.add(FeedMess.UNKNOWN_CODE);
                                });
            }
        }

        private void cancel(Timeline at, String reason) {
            at.order(OrderEventType.CANCELLED, reason);
            stage = "CANCELLED";
            stockBackAt = at.now();
        }

        private void ship() {
            timeline.after(4 * HOUR, 20 * HOUR).order(OrderEventType.DISPATCHED, null);
            stage = "DISPATCHED";
            dispatchedAt = timeline.now();
            scan(
                    timeline.after(MINUTE, 30 * MINUTE),
                    ShipmentStatus.PICKED_UP,
                    hubOf(warehouse.place()));
            if (outcome == Outcome.COURIER_ERROR) {
                timeline.after(HOUR, 6 * HOUR)
                        .scan(ShipmentStatus.COURIER_ERROR, hubOf(warehouse.place()));
                courierErrorAt = timeline.now();
                return;
            }
            int hubs = 1 + random.nextInt(warehouse.place().distanceKm(destination) > 800 ? 3 : 1);
            for (int i = 0; i < hubs; i++) {
                long gap = i == 0 ? 2 * HOUR : 12 * HOUR;
                scan(
                        timeline.after(gap, gap + 24 * HOUR),
                        ShipmentStatus.IN_TRANSIT,
                        TRANSIT_HUBS.get(random.nextInt(TRANSIT_HUBS.size())) + " hub");
                lastTransitScanAt = timeline.now();
                if (outcome == Outcome.STUCK_IN_TRANSIT && i == hubs - 1) {
                    return;
                }
            }
            if (outcome == Outcome.LOST || outcome == Outcome.DAMAGED) {
                scan(
                        timeline.after(24 * HOUR, 48 * HOUR),
                        outcome == Outcome.LOST ? ShipmentStatus.LOST : ShipmentStatus.DAMAGED,
                        null);
                endedUndeliveredAt = timeline.now();
                return;
            }
            scan(
                    timeline.after(12 * HOUR, 30 * HOUR),
                    ShipmentStatus.AT_DESTINATION_HUB,
                    hubOf(destination));
            destinationHubAt = timeline.now();
            deliver();
        }

        private void deliver() {
            timeline.nextDayBetween(8, 11);
            if (outcome == Outcome.RTO || outcome == Outcome.DELIVERED_AFTER_NDR) {
                attemptAndFail();
                return;
            }
            scan(timeline, ShipmentStatus.OUT_FOR_DELIVERY, hubOf(destination));
            if (outcome == Outcome.DELIVERED_NEXT_DAY) {
                outForDeliveryNoOutcomeAt = timeline.now();
                timeline.nextDayBetween(10, 14);
            } else {
                timeline.laterTodayBefore(20);
            }
            delivered();
            if (outcome == Outcome.RETURNED_BY_CUSTOMER) {
                customerReturn();
            }
        }

        private void attemptAndFail() {
            NdrReason reason = ndrReasons.draw(outcome == Outcome.RTO);
            int failures =
                    outcome == Outcome.RTO
                            ? (reason == NdrReason.CUSTOMER_REFUSED
                                    ? 1 + random.nextInt(2)
                                    : 2 + random.nextInt(2))
                            : 1 + random.nextInt(2);
            for (int attempt = 1; attempt <= failures; attempt++) {
                if (attempt > 1) {
                    timeline.nextDayBetween(8, 11);
                }
                scan(timeline, ShipmentStatus.OUT_FOR_DELIVERY, hubOf(destination));
                NdrReason reported = reason;
                if (isFake()) {
                    reported = reportFakeAttempt(reason);
                    fakeAttempts.add(attempt);
                } else {
                    attempt(reason);
                }
                status = ShipmentStatus.DELIVERY_FAILED;
                failedAt.add(timeline.now());
                ndrs.add(reported.name());
            }
            if (outcome == Outcome.DELIVERED_AFTER_NDR) {
                timeline.nextDayBetween(8, 11);
                scan(timeline, ShipmentStatus.OUT_FOR_DELIVERY, hubOf(destination));
                timeline.laterTodayBefore(20);
                delivered();
                return;
            }
            scan(
                    timeline.after(2 * HOUR, 24 * HOUR),
                    ShipmentStatus.RTO_INITIATED,
                    hubOf(destination));
            scan(
                    timeline.after(6 * HOUR, 24 * HOUR),
                    ShipmentStatus.RTO_IN_TRANSIT,
                    TRANSIT_HUBS.get(random.nextInt(TRANSIT_HUBS.size())) + " hub");
            scan(
                    timeline.after(24 * HOUR, 96 * HOUR),
                    ShipmentStatus.RTO_DELIVERED,
                    hubOf(warehouse.place()));
            stockBackAt = timeline.now();
            endedUndeliveredAt = timeline.now();
        }

        /**
         * Whether the attempt out for delivery now never happens: with the run's share of fake
         * attempts, four times as often at one destination hub in seven of a courier (a hub that
         * makes a habit of it), half as often elsewhere.
         */
        private boolean isFake() {
            if (fakeAttemptShare == 0) {
                return false;
            }
            boolean habit = Math.floorMod((courier + hubOf(destination)).hashCode(), 7) == 0;
            return random.nextDouble() < fakeAttemptShare * (habit ? 4 : 0.5);
        }

        /**
         * A real failed attempt later the same day. With fake attempts in the run, real ones look
         * odd sometimes too: one in twenty is made in the evening (20:00 to 22:00), one in thirty
         * scanned by a rider of another hub.
         */
        private void attempt(NdrReason reason) {
            double odd = fakeAttemptShare > 0 ? random.nextDouble() : 1;
            if (odd < 0.05) {
                timeline.todayBetween(20, 21).after(0, HOUR);
            } else {
                timeline.laterTodayBefore(20);
            }
            timeline.failedDelivery(
                    reason, odd >= 0.05 && odd < 0.083 ? anotherHub() : hubOf(destination));
        }

        /**
         * An attempt the rider reports without trying, mostly in one of the ways it shows: at night
         * (21:00 to 23:30), from a hub far from the destination, or "customer unavailable" minutes
         * after going out for delivery (whatever the reason would have been); one in five looks
         * like a real attempt. The reason reported.
         */
        private NdrReason reportFakeAttempt(NdrReason reason) {
            switch (random.nextInt(5)) {
                case 0 -> {
                    timeline.todayBetween(21, 23).after(0, 30 * MINUTE);
                    timeline.failedDelivery(reason, hubOf(destination));
                    return reason;
                }
                case 1 -> {
                    timeline.laterTodayBefore(20).failedDelivery(reason, anotherHub());
                    return reason;
                }
                case 2, 3 -> {
                    timeline.after(2 * MINUTE, 12 * MINUTE);
                    timeline.failedDelivery(NdrReason.CUSTOMER_UNAVAILABLE, hubOf(destination));
                    return NdrReason.CUSTOMER_UNAVAILABLE;
                }
                default -> {
                    timeline.laterTodayBefore(20).failedDelivery(reason, hubOf(destination));
                    return reason;
                }
            }
        }

        private String anotherHub() {
            return TRANSIT_HUBS.get(random.nextInt(TRANSIT_HUBS.size())) + " hub";
        }

        private void delivered() {
            scan(timeline, ShipmentStatus.DELIVERED, hubOf(destination));
            deliveredAt = timeline.now();
            if (random.nextDouble() < FEEDBACK) {
                timeline.after(DAY, 4 * DAY)
                        .order(OrderEventType.FEEDBACK, Integer.toString(1 + random.nextInt(5)));
                timeline = rewindTo(deliveredAt);
            }
        }

        private void customerReturn() {
            String reason =
                    earlierStories
                            ? RETURN_REASONS.get(0)
                            : RETURN_REASONS.get(aftermath.nextInt(RETURN_REASONS.size()));
            timeline.after(DAY, 5 * DAY).order(OrderEventType.RETURN_REQUESTED, reason);
            status = ShipmentStatus.RETURN_REQUESTED;
            scan(timeline.after(DAY, 3 * DAY), ShipmentStatus.RETURN_PICKED_UP, hubOf(destination));
            scan(
                    timeline.after(12 * HOUR, 36 * HOUR),
                    ShipmentStatus.RETURN_IN_TRANSIT,
                    TRANSIT_HUBS.get(random.nextInt(TRANSIT_HUBS.size())) + " hub");
            scan(
                    timeline.after(DAY, 3 * DAY),
                    ShipmentStatus.RETURN_DELIVERED,
                    hubOf(warehouse.place()));
            stockBackAt = timeline.now();
            timeline.after(2 * HOUR, 2 * DAY);
            customerReturn =
                    earlierStories
                            ? refundNow(reason, OrderStory.amountPaise(lines))
                            : checkAndRefund(reason);
        }

        /**
         * The warehouse's check of a return it received (now, on the timeline), and the refund that
         * follows: full when it passed (less a restocking fee when the customer changed their
         * mind), mostly refused when it failed, sometimes half refunded; some returns wait for a
         * check or a refund to the end.
         */
        private ReturnTruth checkAndRefund(String reason) {
            if (aftermath.nextDouble() < RETURN_NEVER_CHECKED) {
                return new ReturnTruth("RECEIVED", reason, null, null);
            }
            long amount = OrderStory.amountPaise(lines);
            if (aftermath.nextDouble() < RETURN_CHECK_PASSED) {
                timeline.order(OrderEventType.RETURN_INSPECTED, RecordEncoder.CHECK_PASSED);
                if (aftermath.nextDouble() < REFUND_NEVER_MADE) {
                    return new ReturnTruth("QC_PASSED", reason, null, null);
                }
                long fee =
                        reason.equals("changed mind") && amount > 2 * RESTOCKING_FEE_PAISE
                                ? RESTOCKING_FEE_PAISE
                                : 0;
                return refund(reason, amount - fee);
            }
            String found = FAILED_CHECKS.get(aftermath.nextInt(FAILED_CHECKS.size()));
            timeline.order(
                    OrderEventType.RETURN_INSPECTED, RecordEncoder.CHECK_FAILED_PREFIX + found);
            double decision = aftermath.nextDouble();
            if (decision < FAILED_RETURN_REFUSED) {
                timeline.after(30 * MINUTE, DAY, aftermath)
                        .order(OrderEventType.REFUND_REFUSED, "quality check failed: " + found);
                return new ReturnTruth(
                        "REFUND_REFUSED", reason, null, "quality check failed: " + found);
            }
            if (decision < FAILED_RETURN_REFUSED + FAILED_RETURN_HALF_REFUNDED) {
                return refund(reason, amount / 2);
            }
            return new ReturnTruth("QC_FAILED", reason, null, null);
        }

        private ReturnTruth refund(String reason, long paise) {
            timeline.after(30 * MINUTE, DAY, aftermath);
            return refundNow(reason, paise);
        }

        private ReturnTruth refundNow(String reason, long paise) {
            timeline.order(OrderEventType.REFUNDED, Long.toString(paise));
            return new ReturnTruth("REFUNDED", reason, paise, null);
        }

        /** Feedback is written days later; the rest of the story goes on from delivery. */
        private Timeline rewindTo(long at) {
            return timeline.rewind(at);
        }

        private void scan(Timeline at, ShipmentStatus scanned, String hub) {
            at.scan(scanned, hub);
            status = scanned;
        }

        /**
         * Units of an order that never left come back unsold if it was cancelled; those of one that
         * left are sold, until a return brings them back.
         */
        void settleStock() {
            for (Line line : lines) {
                StockKey key = key(tenant, line.sku(), warehouse);
                if (dispatchedAt < 0 && stockBackAt >= 0) {
                    stock.releaseLater(key, line.quantity(), stockBackAt);
                } else if (dispatchedAt >= 0) {
                    stock.shipLater(key, line.quantity(), dispatchedAt);
                    if (stockBackAt >= 0) {
                        stock.returnLater(key, line.quantity(), stockBackAt, dispatchedAt);
                    }
                }
            }
        }

        Truth truth() {
            List<String> flags = new ArrayList<>();
            switch (outcome) {
                case COURIER_ERROR -> flags.add("COURIER_ERROR");
                case STUCK_IN_TRANSIT -> flags.add("STUCK");
                case NEVER_PICKED_UP -> flags.add("NOT_PICKED_SLA");
                default -> {}
            }
            if (eddBreached()) {
                flags.add("EDD_BREACHED");
            }
            return new Truth(
                    stage,
                    status == null ? null : status.name(),
                    bucket(),
                    ndrs.size(),
                    List.copyOf(ndrs),
                    outcome == Outcome.RTO ? "RTO_DELIVERED" : "NONE",
                    rtoChance,
                    List.copyOf(flags),
                    timeline.events().size(),
                    dispatchedAt < 0 ? null : Instant.ofEpochMilli(dispatchedAt),
                    deliveredAt < 0 ? null : Instant.ofEpochMilli(deliveredAt),
                    List.copyOf(fakeAttempts),
                    customerReturn);
        }

        /**
         * The promised day ended with the parcel neither delivered nor over: an order returned to
         * origin, lost or damaged before then no longer has a delivery date to breach.
         */
        private boolean eddBreached() {
            boolean cancelled =
                    outcome == Outcome.CANCELLED || outcome == Outcome.CANCELLED_OUT_OF_STOCK;
            long due = Timeline.endOf(promised);
            boolean overBefore = endedUndeliveredAt >= 0 && endedUndeliveredAt < due;
            return !cancelled && !overBefore && (deliveredAt < 0 || deliveredAt >= due);
        }

        /**
         * When the promised date is known to be missed, or -1: when the promised day begins with
         * the parcel not yet at the destination hub (the last mile starts the day after it gets
         * there), or when the day ends with it neither delivered nor over.
         */
        private long eddAlertAt() {
            if (outcome == Outcome.CANCELLED || outcome == Outcome.CANCELLED_OUT_OF_STOCK) {
                return -1;
            }
            long begins = Timeline.startOf(promised);
            boolean overBefore = endedUndeliveredAt >= 0 && endedUndeliveredAt < begins;
            boolean atHubBefore = destinationHubAt >= 0 && destinationHubAt < begins;
            if (!overBefore && !atHubBefore) {
                return begins;
            }
            return eddBreached() ? Timeline.endOf(promised) : -1;
        }

        private String bucket() {
            return switch (outcome) {
                case DELIVERED, DELIVERED_AFTER_NDR, DELIVERED_NEXT_DAY -> "DELIVERED";
                case RTO, RETURNED_BY_CUSTOMER -> "RETURNED";
                case CANCELLED, CANCELLED_OUT_OF_STOCK -> "CANCELLED";
                case NEVER_PICKED_UP -> "NOT_PICKED";
                case STUCK_IN_TRANSIT -> "LIVE";
                case COURIER_ERROR, LOST, DAMAGED -> "ERROR";
            };
        }

        List<ExpectedAlert> alerts(String orderId, String tenantId) {
            List<ExpectedAlert> alerts = new ArrayList<>();
            switch (outcome) {
                case NEVER_PICKED_UP ->
                        alerts.add(
                                new ExpectedAlert(
                                        "NOT_PICKED",
                                        tenantId,
                                        orderId,
                                        readyToShipAt + DAY,
                                        null));
                case STUCK_IN_TRANSIT ->
                        alerts.add(
                                new ExpectedAlert(
                                        "STUCK_IN_TRANSIT",
                                        tenantId,
                                        orderId,
                                        lastTransitScanAt + 2 * DAY,
                                        null));
                case COURIER_ERROR ->
                        alerts.add(
                                new ExpectedAlert(
                                        "COURIER_ERROR", tenantId, orderId, courierErrorAt, null));
                case DELIVERED_NEXT_DAY ->
                        alerts.add(
                                new ExpectedAlert(
                                        "OFD_NOT_DELIVERED",
                                        tenantId,
                                        orderId,
                                        Timeline.endOf(Timeline.dayOf(outForDeliveryNoOutcomeAt)),
                                        null));
                default -> {}
            }
            if (!ndrs.isEmpty()) {
                alerts.add(
                        new ExpectedAlert(
                                "NDR",
                                tenantId,
                                orderId,
                                failedAt.get(0),
                                "attempts " + ndrs.size()));
            }
            for (int attempt = 1;
                    attempt <= Math.min(failedAt.size(), TrueConditions.RTO_AFTER_ATTEMPTS - 1);
                    attempt++) {
                alerts.add(
                        new ExpectedAlert(
                                "NDR_ACTION_DUE",
                                tenantId,
                                orderId,
                                failedAt.get(attempt - 1),
                                "attempt " + attempt));
            }
            long eddAlertAt = eddAlertAt();
            if (eddAlertAt >= 0) {
                alerts.add(new ExpectedAlert("EDD_BREACH", tenantId, orderId, eddAlertAt, null));
            }
            return List.copyOf(alerts);
        }
    }

    private static String hubOf(Place place) {
        return place.district() + " hub";
    }
}
