package io.ordertrack.simulator;

import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.simulator.BadRecords.BadRecord;
import io.ordertrack.simulator.FeedPlanner.Emission;
import io.ordertrack.simulator.Oracle.OrderTruth;
import io.ordertrack.simulator.Oracle.StockTruth;
import io.ordertrack.simulator.SimulatedRecord.Topic;
import io.ordertrack.simulator.StockLedger.StockKey;
import io.ordertrack.simulator.World.Sku;
import io.ordertrack.simulator.World.Tenant;
import io.ordertrack.simulator.World.Warehouse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A run of the simulator: a bounded stream of Kafka records in the order the feeds send them, and,
 * once the stream is exhausted, the oracle of what the end state must be.
 *
 * <p>Orders are placed as a Poisson process from the start time; each order's whole story is
 * decided when it is placed, and its events are merged into the stream by the time they reach the
 * feeds. Memory grows with the number of orders alive at once, not with the run's length.
 */
public final class Simulation implements Iterator<SimulatedRecord> {
    private static final long DAY_MS = 86_400_000L;
    private static final long OPENING_STOCK_LEAD_MS = 3_600_000L;
    private static final double WRITE_OFF = 0.02;
    private static final double UNITS_PER_ORDER = 1.5;

    /**
     * A record decided and not yet sent. Records sent at the same time go in the order they were
     * decided, but for the scans of a courier batch, which go oldest first: their {@code
     * batchOrder} is their event time, everything else's the lowest value.
     */
    private record Pending(long emitAt, long batchOrder, long sequence, Object payload) {}

    private record StoryEmission(OrderStory story, Emission emission) {}

    /** A courier's remittance to send; {@code again} when it is the courier's report resent. */
    private record RemittanceSend(CodRemittances.Run run, boolean again) {}

    private final SimulationOptions options;
    private final SplittableRandom storyRandom;
    private final SplittableRandom feedRandom;
    private final World world;
    private final StockLedger stock;
    private final StoryTeller teller;
    private final FeedPlanner planner;
    private final IncidentSchedule incidents;
    private final RecordEncoder encoder;
    private final BadRecords badRecords;
    private final CodRemittances remittances;
    private final AlertEvidence evidence = new AlertEvidence();
    private final PriorityQueue<Pending> pending =
            new PriorityQueue<>(
                    Comparator.comparingLong(Pending::emitAt)
                            .thenComparingLong(Pending::batchOrder)
                            .thenComparingLong(Pending::sequence));
    private final List<OrderTruth> orders = new ArrayList<>();
    private final List<ExpectedAlert> alerts = new ArrayList<>();
    private final Map<String, Long> recordsByTopic = new TreeMap<>();
    private final Map<String, Long> badByKind = new TreeMap<>();
    private final Map<String, Long> outcomes = new LinkedHashMap<>();
    private long sequence;
    private int told;
    private long nextPlacementAt;
    private long events;
    private long duplicates;
    private long lastSentAt = Long.MIN_VALUE;
    private List<StockTruth> finalStock;

    private Simulation(SimulationOptions options) {
        this.options = options;
        SplittableRandom root = new SplittableRandom(options.seed());
        this.world = World.generate(options.tenants(), root.split());
        this.storyRandom = root.split();
        this.feedRandom = root.split();
        this.incidents = IncidentSchedule.draw(options, world);
        this.encoder = new RecordEncoder(incidents.newCodeTexts());
        this.stock = new StockLedger(storyRandom, this::sendInventory);
        this.teller = new StoryTeller(world, storyRandom, stock, options, incidents);
        this.planner =
                new FeedPlanner(
                        options.mess(),
                        feedRandom,
                        new CourierBatches(options.mess().courierBatches(), options.seed()));
        this.badRecords = new BadRecords(feedRandom, encoder);
        this.remittances = options.earlierStories() ? null : new CodRemittances(options);
        this.nextPlacementAt = options.start().toEpochMilli();
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome.name(), 0L);
        }
        openStock();
    }

    /** A new run; its records are produced lazily as the iterator is consumed. */
    public static Simulation of(SimulationOptions options) {
        return new Simulation(options);
    }

    public World world() {
        return world;
    }

    public SimulationOptions options() {
        return options;
    }

    /** Orders placed so far (their stories decided); some of their events are still to come. */
    public int ordersPlaced() {
        return told;
    }

    /**
     * Records decided and not yet taken: the rest of the placed orders' stories. Once every order
     * is placed it is what is left of the run, but for the odd bad record.
     */
    int recordsWaiting() {
        return pending.size();
    }

    @Override
    public boolean hasNext() {
        fill();
        return !pending.isEmpty();
    }

    @Override
    public SimulatedRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Pending next = pending.poll();
        SimulatedRecord record;
        if (next.payload() instanceof StoryEmission emission) {
            record = storyRecord(emission);
        } else if (next.payload() instanceof InventoryEvent event) {
            record = encoder.encode(event);
        } else if (next.payload() instanceof RemittanceSend send) {
            record = remittanceRecord(send, next.emitAt());
        } else {
            record = ((BadRecord) next.payload()).record();
        }
        recordsByTopic.merge(topicName(record.topic()), 1L, Long::sum);
        if (record.topic() != Topic.REMITTANCES) {
            // Remittances reach only the COD ledger: the orders' alerts are judged as of the
            // orders' and scans' last record, not of remittances that come after it.
            lastSentAt = Math.max(lastSentAt, record.timestamp());
        }
        return record;
    }

    /** The oracle of the run; available once every record has been taken. */
    public Oracle oracle() {
        if (hasNext()) {
            throw new IllegalStateException("the run is not over: take every record first");
        }
        List<ExpectedAlert> allAlerts = new ArrayList<>(alerts);
        allAlerts.addAll(stock.lowStockAlerts());
        allAlerts.sort(
                Comparator.comparingLong(ExpectedAlert::dueAt)
                        .thenComparing(ExpectedAlert::type)
                        .thenComparing(ExpectedAlert::subject));
        return new Oracle(
                new Oracle.Summary(
                        options,
                        Map.copyOf(recordsByTopic),
                        events,
                        duplicates,
                        Map.copyOf(badByKind),
                        Map.copyOf(outcomes)),
                List.copyOf(orders),
                finalStock,
                List.copyOf(allAlerts),
                evidence.timeline(lastSentAt),
                incidents.all(),
                remittances == null ? List.of() : remittances.truths());
    }

    /** The story's scans sent during its courier's feed outages arrive when they end. */
    private List<Emission> heldByFeedOutages(OrderStory story, List<Emission> planned) {
        if (incidents.all().isEmpty()) {
            return planned;
        }
        List<Emission> emissions = new ArrayList<>(planned.size());
        for (Emission emission : planned) {
            long arrival =
                    emission.event().isScan()
                            ? incidents.arrivalOf(story.courier(), emission.emitAt())
                            : emission.emitAt();
            if (arrival != emission.emitAt()) {
                story.mess().add(FeedMess.FEED_OUTAGE);
            }
            emissions.add(
                    new Emission(
                            arrival, emission.event(), emission.duplicate(), emission.batched()));
        }
        return emissions;
    }

    private void fill() {
        while (told < options.orders()
                && (pending.isEmpty() || nextPlacementAt <= pending.peek().emitAt())) {
            tellNextStory();
        }
        if (told == options.orders() && finalStock == null) {
            finalStock = new ArrayList<>();
            stock.finalLevels()
                    .forEach(
                            (key, available) ->
                                    finalStock.add(
                                            new StockTruth(
                                                    key.tenantId(),
                                                    key.sku(),
                                                    key.warehouseId(),
                                                    available)));
            finalStock = List.copyOf(finalStock);
        }
    }

    private void tellNextStory() {
        OrderStory story = teller.tell(told++, nextPlacementAt);
        List<Emission> emissions = heldByFeedOutages(story, planner.plan(story));
        evidence.expect(story, emissions);
        for (Emission emission : emissions) {
            push(
                    emission.emitAt(),
                    emission.batched() ? emission.event().at() : Long.MIN_VALUE,
                    new StoryEmission(story, emission));
            if (emission.duplicate()) {
                duplicates++;
            }
        }
        events += story.events().size();
        orders.add(truthOf(story));
        alerts.addAll(story.alerts());
        outcomes.merge(story.outcome().name(), 1L, Long::sum);
        maybeWriteOff(story);
        if (remittances != null) {
            for (CodRemittances.Run run : remittances.settle(story)) {
                push(run.at, new RemittanceSend(run, false));
            }
        }
        double meanGap = DAY_MS / options.ordersPerDay();
        nextPlacementAt += Math.max(1, (long) (-Math.log(1 - storyRandom.nextDouble()) * meanGap));
    }

    private SimulatedRecord storyRecord(StoryEmission emission) {
        StoryEvent event = emission.emission().event();
        SimulatedRecord record =
                encoder.encode(emission.story(), event, emission.emission().emitAt());
        if (event.isScan()) {
            evidence.sent(CourierAccount.of(emission.story()), event.at(), record.timestamp());
        }
        if (!emission.emission().duplicate()
                && feedRandom.nextDouble() < options.mess().badRecords()) {
            BadRecord bad = badRecords.next(emission.story(), emission.emission().event(), record);
            badByKind.merge(topicName(record.topic()) + "/" + bad.kind(), 1L, Long::sum);
            push(record.timestamp(), bad);
        }
        return record;
    }

    private SimulatedRecord remittanceRecord(RemittanceSend send, long sentAt) {
        CodRemittances.Run run = send.run();
        if (!send.again() && remittances.resent(run)) {
            push(run.at + DAY_MS, new RemittanceSend(run, true));
        }
        String eventId =
                "remittance-"
                        + run.tenantId
                        + "-"
                        + run.remittanceId
                        + (send.again() ? "-again" : "");
        return encoder.encode(run.remittance(eventId), sentAt);
    }

    /**
     * Opening stock and reorder policy of every SKU at every warehouse, sized by the expected daily
     * demand: a threshold of about a day and a half of sales, replenishments of four to seven days,
     * opening stock of five to ten days (one or two for SKUs with long lead times, which therefore
     * run out).
     */
    private void openStock() {
        long at = options.start().toEpochMilli() - OPENING_STOCK_LEAD_MS;
        for (Tenant tenant : world.tenants()) {
            double dailyDemand =
                    options.ordersPerDay()
                            / world.tenants().size()
                            * UNITS_PER_ORDER
                            / tenant.skus().size()
                            / tenant.warehouses().size();
            int threshold = Math.max(3, (int) Math.ceil(1.5 * dailyDemand));
            for (Sku sku : tenant.skus()) {
                for (Warehouse warehouse : tenant.warehouses()) {
                    int restock = Math.max(10, (int) ((4 + storyRandom.nextInt(4)) * dailyDemand));
                    int openingDays =
                            sku.slowRestock()
                                    ? 1 + storyRandom.nextInt(2)
                                    : 5 + storyRandom.nextInt(6);
                    int opening = threshold + Math.max(10, (int) (openingDays * dailyDemand));
                    StockLedger.Policy policy =
                            new StockLedger.Policy(threshold, restock, sku.slowRestock() ? 7 : 1);
                    stock.open(StoryTeller.key(tenant, sku, warehouse), opening, policy, at);
                }
            }
        }
    }

    private void maybeWriteOff(OrderStory story) {
        if (storyRandom.nextDouble() < WRITE_OFF) {
            Tenant tenant = story.tenant();
            Sku sku = tenant.skus().get(storyRandom.nextInt(tenant.skus().size()));
            Warehouse warehouse =
                    tenant.warehouses().get(storyRandom.nextInt(tenant.warehouses().size()));
            StockKey key = StoryTeller.key(tenant, sku, warehouse);
            stock.writeOff(key, 1 + storyRandom.nextInt(2), story.events().get(0).at());
        }
    }

    private void sendInventory(InventoryEvent event) {
        event.setWarehousePincode(
                world.warehouse(event.getTenantId(), event.getWarehouseId()).place().pincode());
        events++;
        push(event.getEventTime().toEpochMilli(), event);
    }

    private void push(long emitAt, Object payload) {
        push(emitAt, Long.MIN_VALUE, payload);
    }

    private void push(long emitAt, long batchOrder, Object payload) {
        pending.add(new Pending(emitAt, batchOrder, sequence++, payload));
    }

    private static OrderTruth truthOf(OrderStory story) {
        return new OrderTruth(
                story.orderId(),
                story.tenant().id(),
                story.channel(),
                story.clientOrderId(),
                story.courier(),
                story.awb(),
                story.paymentMode().name(),
                story.customer().place().pincode(),
                story.warehouse().id(),
                story.nearestStocked() == null ? null : story.nearestStocked().id(),
                story.outcome().name(),
                story.mess().stream().map(Enum::name).toList(),
                story.truth());
    }

    private static String topicName(Topic topic) {
        return topic.name().toLowerCase(Locale.ROOT);
    }
}
