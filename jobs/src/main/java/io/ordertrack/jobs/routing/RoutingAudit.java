package io.ordertrack.jobs.routing;

import io.ordertrack.avro.RoutingQuestion;
import io.ordertrack.avro.RoutingQueue;
import io.ordertrack.avro.RoutingVerdict;
import io.ordertrack.avro.StockChange;
import io.ordertrack.avro.StockLevel;
import io.ordertrack.domain.routing.RoutingJudge;
import io.ordertrack.domain.stock.StockKeeping;
import io.ordertrack.domain.stock.StockUnits;
import io.ordertrack.jobs.state.QuietFeeds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Judges every placed order of a seller (keyed by tenant) against the stock its warehouses held
 * just before it was placed: the stock changes the inventory ledger accepted and the placements are
 * both held until the watermark passes their time, then taken in event-time order — at each instant
 * the orders placed then are judged before the changes of that instant (their own reservations
 * among them) are applied. So a replay judges every order as the live run did. (The ledger itself
 * applies changes in the order they arrived; this keeps its own units, by event time.) The
 * watermark follows arrivals, and a record may arrive after its own time: each instant waits for
 * {@code disorder} more, so that records up to that late are still taken in event-time order.
 *
 * <p>Records that late or later are taken at once. When the watermark stops (the feeds are quiet),
 * what is held is taken after {@code quietAfter} of processing time, as the inventory ledger does.
 */
public final class RoutingAudit
        extends KeyedCoProcessFunction<String, StockChange, RoutingQuestion, RoutingVerdict> {
    private static final long serialVersionUID = 1L;

    private final long disorder;
    private final QuietFeeds quietFeeds;
    private transient MapState<String, Integer> available;
    private transient MapState<String, Integer> reserved;
    private transient MapState<String, String> pincodes;
    private transient MapState<Long, RoutingQueue> queue;

    /**
     * @param disorder how late after their time records are still taken in event-time order
     * @param quietAfter how long of wall-clock time the watermark stands still before what is held
     *     is taken
     */
    public RoutingAudit(Duration disorder, Duration quietAfter) {
        this.disorder = disorder.toMillis();
        this.quietFeeds = new QuietFeeds(quietAfter);
    }

    @Override
    public void open(OpenContext openContext) {
        available =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("available", Types.STRING, Types.INT));
        reserved =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("reserved", Types.STRING, Types.INT));
        pincodes =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "warehouse-pincodes", Types.STRING, Types.STRING));
        queue =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "queue",
                                        Types.LONG,
                                        TypeInformation.of(RoutingQueue.class)));
        quietFeeds.open(getRuntimeContext());
    }

    @Override
    public void processElement1(StockChange change, Context ctx, Collector<RoutingVerdict> out)
            throws Exception {
        quietFeeds.recordRead(ctx.timerService().currentProcessingTime());
        long at = change.getAt().toEpochMilli();
        if (at + disorder <= ctx.timerService().currentWatermark()) {
            apply(change);
            return;
        }
        RoutingQueue instant = held(at, ctx);
        instant.getChanges().add(change);
        queue.put(at, instant);
    }

    @Override
    public void processElement2(RoutingQuestion order, Context ctx, Collector<RoutingVerdict> out)
            throws Exception {
        quietFeeds.recordRead(ctx.timerService().currentProcessingTime());
        long at = order.getAt().toEpochMilli();
        if (at + disorder <= ctx.timerService().currentWatermark()) {
            out.collect(judge(order));
            return;
        }
        RoutingQueue instant = held(at, ctx);
        instant.getQuestions().add(order);
        queue.put(at, instant);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RoutingVerdict> out)
            throws Exception {
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            // Timers fire in time order, one per instant held: every earlier instant was taken by
            // its own timer, so this one is the only one due.
            long at = timestamp - disorder;
            RoutingQueue instant = queue.get(at);
            if (instant != null) {
                take(at, instant, out);
            }
            if (queue.contains(timestamp)) {
                // A timer an earlier build set at the instant itself, without the disorder.
                ctx.timerService().registerEventTimeTimer(timestamp + disorder);
            }
            return;
        }
        if (quietFeeds.stalled(ctx.timerService(), !queue.isEmpty())) {
            takeAll(ctx, out);
        }
    }

    /** The records held for an instant, a new timer and quiet check for a new one. */
    private RoutingQueue held(long at, Context ctx) throws Exception {
        RoutingQueue instant = queue.get(at);
        if (instant != null) {
            return instant;
        }
        ctx.timerService().registerEventTimeTimer(at + disorder);
        quietFeeds.holding(ctx.timerService());
        return new RoutingQueue(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    /** Every instant held, in time order: the feeds went quiet. */
    private void takeAll(Context ctx, Collector<RoutingVerdict> out) throws Exception {
        TreeMap<Long, RoutingQueue> held = new TreeMap<>();
        for (Map.Entry<Long, RoutingQueue> instant : queue.entries()) {
            held.put(instant.getKey(), instant.getValue());
        }
        for (Map.Entry<Long, RoutingQueue> instant : held.entrySet()) {
            // Taken early, its timer has nothing left to do.
            ctx.timerService().deleteEventTimeTimer(instant.getKey() + disorder);
            take(instant.getKey(), instant.getValue(), out);
        }
    }

    /** The records held for an instant: orders judged, then changes applied. */
    private void take(long at, RoutingQueue instant, Collector<RoutingVerdict> out)
            throws Exception {
        queue.remove(at);
        for (RoutingQuestion order : instant.getQuestions()) {
            out.collect(judge(order));
        }
        for (StockLevel level : instant.getLevels()) {
            apply(level);
        }
        List<StockChange> changes = new ArrayList<>(instant.getChanges());
        changes.sort(StockKeeping.APPLY_ORDER);
        for (StockChange change : changes) {
            apply(change);
        }
    }

    private void apply(StockChange change) throws Exception {
        String key = stockKey(change.getWarehouseId(), change.getSku());
        StockUnits units = unitsOf(key).after(change);
        available.put(key, units.available());
        reserved.put(key, units.reserved());
        if (change.getWarehousePincode() != null) {
            pincodes.put(change.getWarehouseId(), change.getWarehousePincode());
        }
    }

    /**
     * The units of a SKU at a warehouse. Its units reserved are not known from a savepoint of an
     * earlier build, which kept only what was available: taken as none, which counts right but for
     * a stock count (COUNTED) that follows, which shows those reservations as available.
     */
    private StockUnits unitsOf(String key) throws Exception {
        Integer availableUnits = available.get(key);
        Integer reservedUnits = reserved.get(key);
        int held = reservedUnits == null ? 0 : reservedUnits;
        return new StockUnits((availableUnits == null ? 0 : availableUnits) + held, held);
    }

    /** A level an earlier build held: the available units after a change, as the ledger had it. */
    private void apply(StockLevel level) throws Exception {
        available.put(stockKey(level.getWarehouseId(), level.getSku()), level.getAvailable());
        if (level.getWarehousePincode() != null) {
            pincodes.put(level.getWarehouseId(), level.getWarehousePincode());
        }
    }

    private RoutingVerdict judge(RoutingQuestion order) throws Exception {
        Map<String, String> located = new HashMap<>();
        for (Map.Entry<String, String> warehouse : pincodes.entries()) {
            located.put(warehouse.getKey(), warehouse.getValue());
        }
        return RoutingJudge.judge(
                order,
                located,
                (warehouse, sku) -> {
                    Integer units = available.get(stockKey(warehouse, sku));
                    return units == null ? 0 : units;
                });
    }

    private static String stockKey(String warehouseId, String sku) {
        return warehouseId + '\u0000' + sku;
    }
}
