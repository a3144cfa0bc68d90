package io.ordertrack.jobs.incidents;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.domain.incidents.FeedEvent;
import io.ordertrack.domain.incidents.FeedHealth;
import io.ordertrack.domain.incidents.Incident;
import io.ordertrack.domain.incidents.IncidentAlerts;
import io.ordertrack.domain.incidents.IncidentSettings;
import io.ordertrack.jobs.tracking.FeedClocks;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The feeds of one seller (keyed by tenant), a thin shell over {@link FeedHealth}: each sales
 * channel's placed orders and each warehouse's stock events. A channel or warehouse that stops
 * while its usual rate would have brought events is silent: a FEED_SILENT alert to the seller
 * ({@code channel} or {@code warehouseId} set, no courier), resolved by its next event.
 *
 * <p>Silence is found on the watermark, which follows arrivals: one event-time timer per seller
 * reviews every {@link IncidentSettings#reviewEvery()} and sends the figures of each of its feeds
 * to {@link IncidentWatch#FEED_HEALTH}. A feed with no event for {@link
 * IncidentSettings#forgetAfter()} is forgotten (its silence resolved as of then); once every feed
 * of the seller is, its state and timer go.
 */
public final class FeedWatch
        extends KeyedCoProcessFunction<String, OrderEvent, InventoryEvent, Alert> {
    private static final long serialVersionUID = 1L;

    private final IncidentSettings settings;

    private transient ValueState<FeedHealth> feedHealth;

    /** The alert of each open silence, by alert id, to resolve it later. */
    private transient MapState<String, Alert> openAlerts;

    private transient ValueState<Long> reviewAt;

    public FeedWatch(IncidentSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        feedHealth =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "feed-watch-health", TypeInformation.of(FeedHealth.class)));
        openAlerts =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "feed-watch-open-alerts",
                                        Types.STRING,
                                        TypeInformation.of(Alert.class)));
        reviewAt =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("feed-watch-review-at", Types.LONG));
    }

    /** An order placed on one of the seller's channels. */
    @Override
    public void processElement1(OrderEvent placed, Context ctx, Collector<Alert> out)
            throws Exception {
        long arrived = FeedClocks.arrivalOf(ctx.timestamp(), placed.getEventTime().toEpochMilli());
        take(FeedEvent.placed(placed, Instant.ofEpochMilli(arrived)), ctx, out);
    }

    /** A stock event of one of the seller's warehouses. */
    @Override
    public void processElement2(InventoryEvent stock, Context ctx, Collector<Alert> out)
            throws Exception {
        long arrived = FeedClocks.arrivalOf(ctx.timestamp(), stock.getEventTime().toEpochMilli());
        take(FeedEvent.stock(stock, Instant.ofEpochMilli(arrived)), ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        FeedHealth health = health();
        FeedHealth.Review review = health.reviewAt(Instant.ofEpochMilli(timestamp));
        send(review.changes(), out);
        review.figures().forEach(figures -> ctx.output(IncidentWatch.FEED_HEALTH, figures));
        if (health.isEmpty()) {
            feedHealth.clear();
            openAlerts.clear();
            reviewAt.clear();
            return;
        }
        feedHealth.update(health);
        long due = timestamp + settings.reviewEvery().toMillis();
        ctx.timerService().registerEventTimeTimer(due);
        reviewAt.update(due);
    }

    private void take(FeedEvent event, Context ctx, Collector<Alert> out) throws Exception {
        FeedHealth health = health();
        List<Incident> resolved = health.record(event);
        feedHealth.update(health);
        send(resolved, out);
        if (reviewAt.value() == null) {
            long due = event.arrivedAt().toEpochMilli() + settings.reviewEvery().toMillis();
            ctx.timerService().registerEventTimeTimer(due);
            reviewAt.update(due);
        }
    }

    private void send(List<Incident> changes, Collector<Alert> out) throws Exception {
        for (Incident incident : changes) {
            String id = IncidentAlerts.alertId(incident, incident.tenant());
            if (incident.state() == Incident.State.OPEN) {
                Alert alert = IncidentAlerts.opened(incident);
                openAlerts.put(id, alert);
                out.collect(alert);
            } else {
                Alert open = openAlerts.get(id);
                if (open != null) {
                    out.collect(IncidentAlerts.resolved(open, incident));
                    openAlerts.remove(id);
                }
            }
        }
    }

    private FeedHealth health() throws Exception {
        FeedHealth health = feedHealth.value();
        return health == null ? new FeedHealth(settings) : health;
    }
}
