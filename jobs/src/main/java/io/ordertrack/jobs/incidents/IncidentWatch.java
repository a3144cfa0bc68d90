package io.ordertrack.jobs.incidents;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.domain.incidents.AlertFolding.Held;
import io.ordertrack.domain.incidents.CourierScan;
import io.ordertrack.domain.incidents.FeedHealth;
import io.ordertrack.domain.incidents.FeedId;
import io.ordertrack.domain.incidents.HubStalls;
import io.ordertrack.domain.incidents.Incident;
import io.ordertrack.domain.incidents.IncidentAlerts;
import io.ordertrack.domain.incidents.IncidentSettings;
import io.ordertrack.domain.lifecycle.CourierCodes;
import io.ordertrack.jobs.state.ArrivalOrder;
import io.ordertrack.jobs.state.ArrivalOrder.Arrived;
import io.ordertrack.jobs.state.SharedTimers;
import io.ordertrack.jobs.tracking.FeedClocks;
import io.ordertrack.jobs.tracking.RoutedScan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Hub stalls and feed silence of one courier (keyed by courier), a thin shell over {@link
 * HubStalls} and {@link FeedHealth}: takes the routed scans in the order the job applies them and
 * sends each incident out as the alerts of the tenants whose parcels it concerns ({@link
 * IncidentAlerts}), and each opening and end, with every parcel concerned, as {@link #HELD} for the
 * {@link IncidentFold} to fold the parcels' own alerts into.
 *
 * <p>Silence is found on the watermark, which follows arrivals: one event-time timer per courier
 * reviews it every {@link IncidentSettings#reviewEvery()} while the courier has live parcels or an
 * open incident. Once it has neither, the timer waits until {@link IncidentSettings#forgetAfter()}
 * after the courier's last scan and then clears everything: the classes bound their own memory
 * while the courier is active, this bounds a courier that stopped. Each review also sends the
 * figures of the courier's feed, platform-wide and per seller, to {@link #FEED_HEALTH}.
 */
public final class IncidentWatch extends KeyedProcessFunction<String, RoutedScan, Alert> {
    private static final long serialVersionUID = 1L;

    /** Each incident as it opens (with every parcel it concerns) and as it ends. */
    public static final OutputTag<Held> HELD =
            new OutputTag<>("held-parcels", TypeInformation.of(Held.class));

    /**
     * The figures of the courier's feed, platform-wide and per seller, at every review: for the
     * feed-health index.
     */
    public static final OutputTag<FeedHealth.Figures> FEED_HEALTH =
            new OutputTag<>("feed-health", TypeInformation.of(FeedHealth.Figures.class));

    /** The watch has no processing-time timer but the quiet check of its arrival order. */
    private static final SharedTimers.StillNeeded NO_OTHER_TIMER = time -> false;

    private final IncidentSettings settings;
    private final CourierCodes codes;
    private final ArrivalOrder<RoutedScan> arrivalOrder;

    private transient ValueState<HubStalls> hubStalls;
    private transient ValueState<FeedHealth> feedHealth;

    /** The alert of each tenant of each open incident, by alert id, to resolve it later. */
    private transient MapState<String, Alert> openAlerts;

    private transient ValueState<Long> reviewAt;

    /**
     * @param quietAfter how long the watermark stands still, the feeds quiet, before the scans
     *     waiting for it are applied
     */
    public IncidentWatch(IncidentSettings settings, CourierCodes codes, Duration quietAfter) {
        this.settings = settings;
        this.codes = codes;
        this.arrivalOrder =
                new ArrivalOrder<>(
                        quietAfter,
                        "incident-scans-waiting-for-watermark",
                        TypeInformation.of(RoutedScan.class),
                        (a, b) -> 0);
    }

    /** The key: the scan's courier. */
    public static String courierOf(RoutedScan routed) {
        return routed.getScan().getCourier();
    }

    @Override
    public void open(OpenContext openContext) {
        arrivalOrder.open(getRuntimeContext());
        hubStalls =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "incident-hub-stalls",
                                        TypeInformation.of(HubStalls.class)));
        feedHealth =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "incident-feed-health",
                                        TypeInformation.of(FeedHealth.class)));
        openAlerts =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "incident-open-alerts",
                                        Types.STRING,
                                        TypeInformation.of(Alert.class)));
        reviewAt =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("incident-review-at", Types.LONG));
    }

    @Override
    public void processElement(RoutedScan routed, Context ctx, Collector<Alert> out)
            throws Exception {
        long arrived = FeedClocks.arrivalOf(routed, ctx.timestamp());
        TimerService timers = arrivalOrder.sharing(ctx.timerService());
        for (Arrived<RoutedScan> scan : arrivalOrder.read(routed, arrived, timers)) {
            apply(scan, timers, ctx, out);
        }
    }

    /** A scan, in the order of arrivals: to the hubs and the feed, and what it changed out. */
    private void apply(
            Arrived<RoutedScan> arrivedScan, TimerService timers, Context ctx, Collector<Alert> out)
            throws Exception {
        TrackingScan scan = arrivedScan.input().getScan();
        Instant arrived = Instant.ofEpochMilli(arrivedScan.arrivedAt());
        CourierScan courierScan = CourierScan.of(scan, arrived, codes);
        HubStalls stalls = stalls();
        FeedHealth health = health();
        List<Incident> changes = new ArrayList<>();
        changes.addAll(stalls.record(courierScan.hubScan()));
        changes.addAll(health.record(courierScan));
        hubStalls.update(stalls);
        feedHealth.update(health);
        send(changes, stalls, health, ctx, out);
        reviewSoon(timers, arrived.toEpochMilli() + settings.reviewEvery().toMillis());
    }

    /**
     * In processing time: the feeds went quiet with scans held, which are applied. In event time:
     * the watermark passed the arrival of held scans, which are applied first; and a review of the
     * courier's feed fell due.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        TimerService timers = arrivalOrder.sharing(ctx.timerService());
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            for (Arrived<RoutedScan> scan : arrivalOrder.quiet(timestamp, timers, NO_OTHER_TIMER)) {
                apply(scan, timers, ctx, out);
            }
            return;
        }
        for (Arrived<RoutedScan> scan : arrivalOrder.arrivedBy(timestamp, timers, NO_OTHER_TIMER)) {
            apply(scan, timers, ctx, out);
        }
        Long review = reviewAt.value();
        if (review != null && review == timestamp) {
            review(timestamp, timers, ctx, out);
        }
    }

    /** The courier's feed reviewed for silence; the next review, or the courier let go. */
    private void review(long timestamp, TimerService timers, Context ctx, Collector<Alert> out)
            throws Exception {
        reviewAt.clear();
        FeedHealth health = health();
        HubStalls stalls = stalls();
        FeedHealth.Review review = health.reviewAt(Instant.ofEpochMilli(timestamp));
        send(review.changes(), stalls, health, ctx, out);
        review.figures().forEach(figures -> ctx.output(FEED_HEALTH, figures));
        feedHealth.update(health);
        FeedHealth.Figures figures =
                health.figures(
                        FeedId.courier(ctx.getCurrentKey()), Instant.ofEpochMilli(timestamp));
        long forgetAt =
                figures.lastArrivalAt() == null
                        ? timestamp
                        : figures.lastArrivalAt().toEpochMilli()
                                + settings.forgetAfter().toMillis();
        if (timestamp >= forgetAt) {
            letGo(timestamp, ctx, out);
        } else if (figures.live() > 0 || !openAlerts.isEmpty()) {
            register(timers, timestamp + settings.reviewEvery().toMillis());
        } else {
            register(timers, forgetAt);
        }
    }

    /**
     * A courier with no scan for {@link IncidentSettings#forgetAfter()}: its incidents still open
     * (a silence no scan ever ended, a stall of parcels that never moved again) are resolved as of
     * now, so that no page stays open forever, and its state goes.
     */
    private void letGo(long timestamp, Context ctx, Collector<Alert> out) throws Exception {
        Set<String> over = new TreeSet<>();
        for (Alert open : openAlerts.values()) {
            out.collect(IncidentAlerts.resolved(open, Instant.ofEpochMilli(timestamp)));
            over.add(open.getIncidentId());
        }
        for (String incidentId : over) {
            ctx.output(HELD, Held.over(incidentId, ctx.getCurrentKey()));
        }
        cleanUp();
    }

    private void send(
            List<Incident> changes,
            HubStalls stalls,
            FeedHealth health,
            Context ctx,
            Collector<Alert> out)
            throws Exception {
        for (Incident incident : changes) {
            if (incident.state() == Incident.State.OPEN) {
                List<String> concerned =
                        incident.type() == Incident.IncidentType.HUB_STALL
                                ? stalls.waitingAt(incident.courier(), incident.hub())
                                : health.live(incident.courier());
                for (Alert alert :
                        IncidentAlerts.opened(incident, concerned, settings.parcelsListed())) {
                    openAlerts.put(alert.getAlertId(), alert);
                    out.collect(alert);
                }
                ctx.output(HELD, Held.opened(incident, concerned));
            } else {
                resolve(incident, out);
                ctx.output(HELD, Held.over(incident.id(), incident.courier()));
            }
        }
    }

    private void resolve(Incident incident, Collector<Alert> out) throws Exception {
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, Alert> open : openAlerts.entries()) {
            if (incident.id().equals(open.getValue().getIncidentId())) {
                out.collect(IncidentAlerts.resolved(open.getValue(), incident));
                done.add(open.getKey());
            }
        }
        for (String id : done) {
            openAlerts.remove(id);
        }
    }

    /** A review no later than {@code due}: a scan after a long wait brings the next one back. */
    private void reviewSoon(TimerService timers, long due) throws Exception {
        Long registered = reviewAt.value();
        if (registered != null && registered <= due) {
            return;
        }
        if (registered != null) {
            timers.deleteEventTimeTimer(registered);
        }
        register(timers, due);
    }

    private void register(TimerService timers, long due) throws Exception {
        timers.registerEventTimeTimer(due);
        reviewAt.update(due);
    }

    private HubStalls stalls() throws Exception {
        HubStalls stalls = hubStalls.value();
        return stalls == null ? new HubStalls(settings) : stalls;
    }

    private FeedHealth health() throws Exception {
        FeedHealth health = feedHealth.value();
        return health == null ? new FeedHealth(settings) : health;
    }

    private void cleanUp() {
        hubStalls.clear();
        feedHealth.clear();
        openAlerts.clear();
        reviewAt.clear();
    }
}
