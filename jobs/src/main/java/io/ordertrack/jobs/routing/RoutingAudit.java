package io.ordertrack.jobs.routing;

import io.ordertrack.avro.RoutingQuestion;
import io.ordertrack.avro.RoutingQueue;
import io.ordertrack.avro.RoutingVerdict;
import io.ordertrack.avro.StockLevel;
import io.ordertrack.domain.RoutingJudge;
import io.ordertrack.jobs.QuietFeeds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
 * just before it was placed: the stock levels the inventory ledger publishes and the placements are
 * both held until the watermark passes their time, then taken in event-time order — at each instant
 * the orders placed then are judged before the changes of that instant (their own reservations
 * among them) are applied. So a replay judges every order as the live run did.
 *
 * <p>Records behind the watermark are taken at once. When the watermark stops (the feeds are
 * quiet), what is held is taken after {@code quietAfter} of processing time, as the inventory
 * ledger does.
 */
public final class RoutingAudit
        extends KeyedCoProcessFunction<String, StockLevel, RoutingQuestion, RoutingVerdict> {
    private static final long serialVersionUID = 1L;

    private final QuietFeeds quietFeeds;
    private transient MapState<String, Integer> available;
    private transient MapState<String, String> pincodes;
    private transient MapState<Long, RoutingQueue> queue;

    public RoutingAudit(Duration quietAfter) {
        this.quietFeeds = new QuietFeeds(quietAfter);
    }

    @Override
    public void open(OpenContext openContext) {
        available =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("available", Types.STRING, Types.INT));
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
    public void processElement1(StockLevel level, Context ctx, Collector<RoutingVerdict> out)
            throws Exception {
        long at = level.getAt().toEpochMilli();
        if (at <= ctx.timerService().currentWatermark()) {
            apply(level);
            return;
        }
        RoutingQueue instant = held(at, ctx);
        instant.getLevels().add(level);
        queue.put(at, instant);
    }

    @Override
    public void processElement2(RoutingQuestion order, Context ctx, Collector<RoutingVerdict> out)
            throws Exception {
        long at = order.getAt().toEpochMilli();
        if (at <= ctx.timerService().currentWatermark()) {
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
            take(timestamp, ctx, out);
            return;
        }
        if (quietFeeds.stalled(ctx.timerService(), !queue.isEmpty())) {
            take(Long.MAX_VALUE, ctx, out);
        }
    }

    /** The records held for an instant, a new timer and quiet check for a new one. */
    private RoutingQueue held(long at, Context ctx) throws Exception {
        RoutingQueue instant = queue.get(at);
        if (instant != null) {
            return instant;
        }
        ctx.timerService().registerEventTimeTimer(at);
        quietFeeds.holding(ctx.timerService());
        return new RoutingQueue(new ArrayList<>(), new ArrayList<>());
    }

    /** Every instant held up to {@code upTo}, in time order: orders judged, then levels applied. */
    private void take(long upTo, Context ctx, Collector<RoutingVerdict> out) throws Exception {
        TreeMap<Long, RoutingQueue> due = new TreeMap<>();
        for (Map.Entry<Long, RoutingQueue> instant : queue.entries()) {
            if (instant.getKey() <= upTo) {
                due.put(instant.getKey(), instant.getValue());
            }
        }
        for (Map.Entry<Long, RoutingQueue> instant : due.entrySet()) {
            queue.remove(instant.getKey());
            // Taken early by a quiet flush, its timer has nothing left to do.
            ctx.timerService().deleteEventTimeTimer(instant.getKey());
            for (RoutingQuestion order : instant.getValue().getQuestions()) {
                out.collect(judge(order));
            }
            for (StockLevel level : instant.getValue().getLevels()) {
                apply(level);
            }
        }
    }

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
