package io.ordertrack.simulator;

import static io.ordertrack.avro.ShipmentStatus.AT_DESTINATION_HUB;
import static io.ordertrack.avro.ShipmentStatus.COURIER_ERROR;
import static io.ordertrack.avro.ShipmentStatus.DAMAGED;
import static io.ordertrack.avro.ShipmentStatus.DELIVERED;
import static io.ordertrack.avro.ShipmentStatus.DELIVERY_FAILED;
import static io.ordertrack.avro.ShipmentStatus.DISPOSED;
import static io.ordertrack.avro.ShipmentStatus.HELD;
import static io.ordertrack.avro.ShipmentStatus.IN_TRANSIT;
import static io.ordertrack.avro.ShipmentStatus.LOST;
import static io.ordertrack.avro.ShipmentStatus.MANIFESTED;
import static io.ordertrack.avro.ShipmentStatus.MISROUTED;
import static io.ordertrack.avro.ShipmentStatus.OUT_FOR_DELIVERY;
import static io.ordertrack.avro.ShipmentStatus.PICKED_UP;
import static io.ordertrack.avro.ShipmentStatus.PICKUP_FAILED;
import static io.ordertrack.avro.ShipmentStatus.PICKUP_SCHEDULED;
import static io.ordertrack.avro.ShipmentStatus.RETURN_DELIVERED;
import static io.ordertrack.avro.ShipmentStatus.RETURN_IN_TRANSIT;
import static io.ordertrack.avro.ShipmentStatus.RETURN_PICKED_UP;
import static io.ordertrack.avro.ShipmentStatus.RETURN_REQUESTED;
import static io.ordertrack.avro.ShipmentStatus.RTO_DELIVERED;
import static io.ordertrack.avro.ShipmentStatus.RTO_INITIATED;
import static io.ordertrack.avro.ShipmentStatus.RTO_IN_TRANSIT;
import static io.ordertrack.avro.ShipmentStatus.RTO_OUT_FOR_DELIVERY;
import static io.ordertrack.simulator.Timeline.DAY;
import static io.ordertrack.simulator.Timeline.HOUR;

import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.documents.SellersTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The order alert conditions that truly held on one order, from the story's true events, by the
 * rules of the design under its default thresholds: when each began and when it stopped.
 *
 * <p>The rules are those of the job's alerts, written again from the story rather than taken from
 * the job, so that the oracle checks the job instead of repeating it. Of note:
 *
 * <ul>
 *   <li>NOT_PICKED: ready to ship is the manifest or the label scan, whichever came first, as the
 *       job has it (in the stories the manifest always comes first).
 *   <li>EDD_BREACH holds once from when it began until the shipment ended. A parcel short of the
 *       destination hub when the promised day begins cannot be delivered that day (the last mile
 *       starts the day after the hub): the job's prediction lapses if the parcel reaches the hub
 *       during that day and the breach opens again at its end; the truth is that it never stopped.
 * </ul>
 *
 * <p>Reports a courier adds that did not happen are not the truth: a code it never documented, and
 * a stale report after delivery (anything but a customer return). The job moves no status on
 * either: an unknown code is no status report at all, and a stale "out for delivery" cannot move a
 * delivered shipment, so it starts no OFD_NOT_DELIVERED in the job nor here.
 */
final class TrueConditions {
    static final long NOT_PICKED_AFTER = DAY;
    static final long STUCK_AFTER = 2 * DAY;
    static final int CRITICAL_NDR_ATTEMPTS = 3;

    /** After this many failed attempts the courier returns the parcel: nothing left to act on. */
    static final int RTO_AFTER_ATTEMPTS = 3;

    /** How the job's NDR_ACTION_DUE names its deadline: "9 Nov 08:00 IST". */
    private static final DateTimeFormatter DEADLINE =
            DateTimeFormatter.ofPattern("d MMM HH:mm z", Locale.ENGLISH);

    /** The seller can act on a failed attempt until this hour (India) of the next day. */
    static final long NDR_ACTION_CUTOFF = 8 * HOUR;

    private static final Set<ShipmentStatus> AWAITING_PICKUP =
            EnumSet.of(MANIFESTED, PICKUP_SCHEDULED, PICKUP_FAILED);
    private static final Set<ShipmentStatus> FORWARD_TRANSIT =
            EnumSet.of(PICKED_UP, IN_TRANSIT, AT_DESTINATION_HUB, HELD, MISROUTED);

    /** Delivered, going back or gone: failed attempts no longer need acting on. */
    private static final Set<ShipmentStatus> SETTLED =
            EnumSet.of(
                    DELIVERED,
                    RTO_INITIATED,
                    RTO_IN_TRANSIT,
                    RTO_OUT_FOR_DELIVERY,
                    RTO_DELIVERED,
                    RETURN_REQUESTED,
                    RETURN_PICKED_UP,
                    RETURN_IN_TRANSIT,
                    RETURN_DELIVERED,
                    LOST,
                    DAMAGED,
                    DISPOSED);

    /** At the destination hub or further along. */
    private static final Set<ShipmentStatus> REACHED_HUB = reachedHub();

    /** The shipment's journey is over: nothing left to deliver by a date. */
    private static final Set<ShipmentStatus> OVER =
            EnumSet.of(DELIVERED, RTO_DELIVERED, RETURN_DELIVERED, LOST, DAMAGED, DISPOSED);

    /**
     * One time a condition held.
     *
     * @param type the alert type
     * @param startAt the event time it began
     * @param endAt the event time it stopped; null when it still held at the end of the story
     * @param detail what it amounted to, or null
     * @param raisedBy the scan that raised it, for NDR and COURIER_ERROR; null for an SLA, which
     *     begins with time
     */
    record Condition(String type, long startAt, Long endAt, String detail, StoryEvent raisedBy) {}

    private final OrderStory story;
    private final List<StoryEvent> course;
    private final List<Condition> held = new ArrayList<>();

    private TrueConditions(OrderStory story) {
        this.story = story;
        this.course = course(story);
    }

    /** Every time a condition held on the order, in the order of the rules. */
    static List<Condition> of(OrderStory story) {
        TrueConditions conditions = new TrueConditions(story);
        conditions.notPicked();
        conditions.stuck();
        conditions.outForDeliveryWithoutOutcome();
        conditions.failedDeliveries();
        conditions.ndrActionsDue();
        conditions.courierErrors();
        conditions.promisedDateBreached();
        return List.copyOf(conditions.held);
    }

    private static Set<ShipmentStatus> reachedHub() {
        Set<ShipmentStatus> reached = EnumSet.of(AT_DESTINATION_HUB, OUT_FOR_DELIVERY);
        reached.add(DELIVERY_FAILED);
        reached.addAll(SETTLED);
        return reached;
    }

    /**
     * The courier's true reports, in time order: no undocumented code, nothing after delivery but a
     * customer return.
     */
    private static List<StoryEvent> course(OrderStory story) {
        List<StoryEvent> course = new ArrayList<>();
        boolean delivered = false;
        for (StoryEvent event : story.events()) {
            if (!event.isScan() || event.isUnknownCode()) {
                continue;
            }
            if (delivered && !event.status().name().startsWith("RETURN_")) {
                continue;
            }
            course.add(event);
            delivered |= event.status() == DELIVERED;
        }
        return course;
    }

    /** 24 hours after the manifest (or label scan), not picked up nor cancelled; until either. */
    private void notPicked() {
        Long ready =
                earliest(
                        orderEventAt(OrderEventType.MANIFESTED),
                        orderEventAt(OrderEventType.LABEL_SCANNED));
        if (ready == null) {
            return;
        }
        long due = ready + NOT_PICKED_AFTER;
        Long over =
                earliest(
                        reportAfter(Long.MIN_VALUE, s -> !AWAITING_PICKUP.contains(s)),
                        orderEventAt(OrderEventType.CANCELLED));
        if (over == null || over > due) {
            held.add(new Condition("NOT_PICKED", due, over, null, null));
        }
    }

    /**
     * 48 hours after a report that leaves the shipment in forward transit (not flagged in error)
     * with no report since; until the next report.
     */
    private void stuck() {
        ShipmentStatus status = null;
        for (int i = 0; i < course.size(); i++) {
            StoryEvent report = course.get(i);
            boolean error = report.status() == COURIER_ERROR;
            status = error ? status : report.status();
            long due = report.at() + STUCK_AFTER;
            Long next = i + 1 < course.size() ? course.get(i + 1).at() : null;
            if (!error && FORWARD_TRANSIT.contains(status) && (next == null || next > due)) {
                held.add(new Condition("STUCK_IN_TRANSIT", due, next, null, null));
            }
        }
    }

    /** Out for delivery and no outcome by the end of that day (India); until the outcome. */
    private void outForDeliveryWithoutOutcome() {
        for (StoryEvent report : course) {
            if (report.status() != OUT_FOR_DELIVERY) {
                continue;
            }
            long due = Timeline.endOf(Timeline.dayOf(report.at()));
            Long outcome = reportAfter(report.at(), s -> true);
            if (outcome == null || outcome > due) {
                held.add(new Condition("OFD_NOT_DELIVERED", due, outcome, null, null));
            }
        }
    }

    /**
     * From the first failed attempt until the shipment is settled; its detail is the final number
     * of attempts and the severity they come to.
     */
    private void failedDeliveries() {
        List<StoryEvent> failed =
                course.stream().filter(report -> report.status() == DELIVERY_FAILED).toList();
        if (failed.isEmpty()) {
            return;
        }
        StoryEvent first = failed.get(0);
        String severity = failed.size() >= CRITICAL_NDR_ATTEMPTS ? "CRITICAL" : "WARNING";
        held.add(
                new Condition(
                        "NDR",
                        first.at(),
                        reportAfter(first.at(), SETTLED::contains),
                        "attempts " + failed.size() + ", " + severity,
                        first));
    }

    /**
     * From each failed attempt short of the last before return, until the courier's next round
     * begins (the cutoff hour of the next day) or its next report, whichever comes first: the time
     * the seller has to answer it (the stories' sellers never do).
     */
    private void ndrActionsDue() {
        int attempts = 0;
        for (StoryEvent report : course) {
            if (report.status() != DELIVERY_FAILED || ++attempts >= RTO_AFTER_ATTEMPTS) {
                continue;
            }
            long deadline =
                    Timeline.startOf(Timeline.dayOf(report.at()).plusDays(1)) + NDR_ACTION_CUTOFF;
            Long next = reportAfter(report.at(), s -> true);
            long end = next == null ? deadline : Math.min(next, deadline);
            held.add(
                    new Condition(
                            "NDR_ACTION_DUE",
                            report.at(),
                            end,
                            "attempt "
                                    + attempts
                                    + ", act by "
                                    + DEADLINE.format(
                                            Instant.ofEpochMilli(deadline)
                                                    .atZone(SellersTime.ZONE)),
                            report));
        }
    }

    /** From a courier error until the courier reports a status again. */
    private void courierErrors() {
        boolean flagged = false;
        for (StoryEvent report : course) {
            boolean error = report.status() == COURIER_ERROR;
            if (error && !flagged) {
                held.add(
                        new Condition(
                                "COURIER_ERROR",
                                report.at(),
                                reportAfter(report.at(), s -> true),
                                null,
                                report));
            }
            flagged = error;
        }
    }

    /**
     * From the start of the promised day when the parcel is short of the destination hub then, or
     * else from its end when the journey is not over by then; until the journey is over.
     */
    private void promisedDateBreached() {
        LocalDate promised = story.promisedDeliveryDate();
        long begins = Timeline.startOf(promised);
        long ends = Timeline.endOf(promised);
        Long cancelled = orderEventAt(OrderEventType.CANCELLED);
        Long over = reportAfter(Long.MIN_VALUE, OVER::contains);
        Long atHub = reportAfter(Long.MIN_VALUE, REACHED_HUB::contains);
        String detail;
        long start;
        if (!by(cancelled, begins) && !by(over, begins) && !by(atHub, begins)) {
            start = begins;
            detail = "promised " + promised + ": short of the destination hub as the day began";
        } else if (!by(cancelled, ends) && !by(over, ends)) {
            start = ends;
            detail = "promised " + promised + ": not delivered by the end of the day";
        } else {
            return;
        }
        held.add(new Condition("EDD_BREACH", start, earliest(over, cancelled), detail, null));
    }

    /** The first report after {@code at} of a status (a courier error is none), or null. */
    private Long reportAfter(long at, Predicate<ShipmentStatus> which) {
        for (StoryEvent report : course) {
            if (report.at() > at
                    && report.status() != COURIER_ERROR
                    && which.test(report.status())) {
                return report.at();
            }
        }
        return null;
    }

    private Long orderEventAt(OrderEventType type) {
        for (StoryEvent event : story.events()) {
            if (event.orderType() == type) {
                return event.at();
            }
        }
        return null;
    }

    private static boolean by(Long at, long limit) {
        return at != null && at <= limit;
    }

    private static Long earliest(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Math.min(a, b);
    }
}
