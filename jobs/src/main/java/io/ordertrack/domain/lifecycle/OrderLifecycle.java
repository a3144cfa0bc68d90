package io.ordertrack.domain.lifecycle;

import io.ordertrack.avro.Cancellation;
import io.ordertrack.avro.CustomerUpdate;
import io.ordertrack.avro.FirstAttempt;
import io.ordertrack.avro.Manifest;
import io.ordertrack.avro.NdrAction;
import io.ordertrack.avro.NdrActionTaken;
import io.ordertrack.avro.NdrActionType;
import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderStage;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.Refund;
import io.ordertrack.avro.RefundRefusal;
import io.ordertrack.avro.ReturnInspection;
import io.ordertrack.avro.ReturnRequest;
import io.ordertrack.avro.ScanLocation;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.StatusReport;
import io.ordertrack.avro.TimelineEntry;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.documents.Rupees;
import io.ordertrack.domain.returns.CustomerReturns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How events move an order. Decisions are made by event time and lifecycle rank, never by arrival
 * order: a duplicate changes nothing; a late event fills the timeline without moving the order
 * backwards; a courier regression (a later report of an earlier state) never regresses it; the
 * loops of real deliveries (a failed attempt, then out for delivery again; delivered, then
 * returned) are followed. The seller-side stage only moves forward, or to cancelled when the
 * cancel's event time is before the parcel left.
 */
public final class OrderLifecycle {
    /** Event ids remembered per order to drop duplicates; far above any real order's count. */
    static final int MAX_REMEMBERED_EVENTS = 500;

    /** Status reports kept per order, the latest by event time. */
    static final int MAX_STATUS_HISTORY = 200;

    /** Timeline entries kept per order, the latest by event time. */
    static final int MAX_TIMELINE = 100;

    private static final String FROM_ORDER = "ORDER";
    private static final String FROM_SCAN = "SCAN";
    private static final String UNMAPPED = "UNMAPPED";

    /**
     * Status reports in replay order: by event time, and reports of one instant in lifecycle order,
     * so that their order of arrival never shows.
     */
    private static final Comparator<StatusReport> REPLAY_ORDER =
            Comparator.comparing(StatusReport::getAt)
                    .thenComparingInt(report -> ShipmentProgress.rank(report.getStatus()))
                    .thenComparing(StatusReport::getStatus);

    /**
     * Timeline entries by event time, and entries of one instant by what they say, so that the
     * timeline, and which entries it keeps, never depend on the order of arrival.
     */
    private static final Comparator<TimelineEntry> TIMELINE_ORDER =
            Comparator.comparing(TimelineEntry::getAt)
                    .thenComparing(TimelineEntry::getSource)
                    .thenComparing(TimelineEntry::getCode)
                    .thenComparing(
                            TimelineEntry::getDetail,
                            Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(
                            TimelineEntry::getLocation,
                            Comparator.nullsFirst(Comparator.naturalOrder()));

    private final CourierCodes courierCodes;

    public OrderLifecycle(CourierCodes courierCodes) {
        this.courierCodes = courierCodes;
    }

    /** The state of an order ordertrack has not seen an event of yet. */
    public static OrderState newOrder(
            String orderId, String tenantId, String channel, String clientOrderId) {
        return OrderState.newBuilder()
                .setOrderId(orderId)
                .setTenantId(tenantId)
                .setChannel(channel)
                .setClientOrderId(clientOrderId)
                .setSeenEventIds(new ArrayList<>())
                .setTimeline(new ArrayList<>())
                .setNdrReasons(new ArrayList<>())
                .setMilestones(new HashMap<>())
                .setMilestonesArrivedAt(new HashMap<>())
                .setStatusHistory(new ArrayList<>())
                .setStockChanges(new ArrayList<>())
                .setNotifiedMoments(new ArrayList<>())
                .setCodDeliveryReported(false)
                .build();
    }

    /**
     * Applies an order event.
     *
     * @return whether the order changed; false for an event already applied
     */
    public boolean apply(OrderState order, OrderEvent event) {
        return apply(order, event, event.getEventTime());
    }

    /**
     * Applies an order event that reached the job at {@code arrivedAt}, on its feed's clock: a
     * manifest's status report keeps it, so that the alerts can ask what was known by a time.
     */
    public boolean apply(OrderState order, OrderEvent event, Instant arrivedAt) {
        Instant at = event.getEventTime();
        if (!record(order, event.getEventId(), at)) {
            return false;
        }
        addToTimeline(
                order,
                new TimelineEntry(at, FROM_ORDER, event.getType().name(), detailOf(event), null));
        reached(order, event.getType().name(), at);
        arrived(order, event.getType().name(), arrivedAt.isBefore(at) ? at : arrivedAt);
        switch (event.getType()) {
            case PLACED, UPDATED -> takeDetails(order, event);
            case MANIFESTED -> takeManifest(order, (Manifest) event.getDetails(), at, arrivedAt);
            case RETURN_REQUESTED -> report(order, ShipmentStatus.RETURN_REQUESTED, at, arrivedAt);
            case NDR_ACTION -> takeNdrAction(order, event, at, arrivedAt);
            default -> {
                // Stage events count through their milestone; FEEDBACK is kept in the timeline
                // and milestones only.
            }
        }
        CustomerReturns.take(order, event);
        settleStage(order);
        return true;
    }

    /**
     * Applies a courier scan of the order's shipment. Its status is the normalised one the feed
     * carries, or else the courier's raw code looked up in the courier tables; an unknown code
     * keeps the order's status and is recorded as UNMAPPED with its raw text.
     *
     * @return whether the order changed; false for a scan already applied
     */
    public boolean apply(OrderState order, TrackingScan scan) {
        return apply(order, scan, scan.getEventTime());
    }

    /**
     * Applies a courier scan that reached the job at {@code arrivedAt}, on its feed's clock; its
     * status report keeps that time, so that the alerts can ask what was known by a time.
     */
    public boolean apply(OrderState order, TrackingScan scan, Instant arrivedAt) {
        Instant at = scan.getEventTime();
        if (!record(order, scan.getEventId(), at)) {
            return false;
        }
        CourierCodes.Meaning meaning = courierCodes.meaningOf(scan).orElse(null);
        String location = describe(scan.getLocation());
        noteScan(order, at, location);
        if (meaning == null) {
            order.setUnmappedScans(order.getUnmappedScans() + 1);
            addToTimeline(
                    order, new TimelineEntry(at, FROM_SCAN, UNMAPPED, rawTextOf(scan), location));
            return true;
        }
        ShipmentStatus status = meaning.status();
        addToTimeline(
                order,
                new TimelineEntry(at, FROM_SCAN, status.name(), detailOf(scan, meaning), location));
        reached(order, status.name(), at);
        if (status == ShipmentStatus.DELIVERY_FAILED) {
            addNdrReason(
                    order,
                    meaning.ndrReason() == null ? NdrReason.UNMAPPED : meaning.ndrReason(),
                    at);
        }
        report(order, status, at, arrivedAt);
        noteFirstAttempt(order, status, at, arrivedAt);
        // A pickup reported late may show that a cancel came after the parcel had left.
        settleStage(order);
        return true;
    }

    /**
     * Whether courier scans were applied before the order's manifest: the shipment router passes a
     * scan on only once it has read the manifest, which is then on its way to the order too.
     */
    public static boolean awaitsManifest(OrderState order) {
        return order.getCourier() == null && !order.getStatusHistory().isEmpty();
    }

    /** Whether nothing more is expected of the order but, perhaps, a return. */
    public static boolean isFinished(OrderState order) {
        return order.getStage() == OrderStage.CANCELLED
                || ShipmentProgress.isFinished(order.getShipmentStatus());
    }

    private static boolean record(OrderState order, String eventId, Instant eventTime) {
        List<String> seen = order.getSeenEventIds();
        if (seen.contains(eventId)) {
            return false;
        }
        seen.add(eventId);
        if (seen.size() > MAX_REMEMBERED_EVENTS) {
            seen.remove(0);
        }
        order.setVersion(order.getVersion() + 1);
        if (order.getLastEventAt() == null || eventTime.isAfter(order.getLastEventAt())) {
            order.setLastEventAt(eventTime);
        }
        return true;
    }

    private static void noteScan(OrderState order, Instant at, String location) {
        if (order.getLastScanAt() == null || !at.isBefore(order.getLastScanAt())) {
            order.setLastScanAt(at);
            order.setLastScanLocation(location);
        }
    }

    /** The first time (by event time) the order reached a stage or status. */
    private static void reached(OrderState order, String milestone, Instant at) {
        order.getMilestones()
                .merge(milestone, at, (first, next) -> next.isBefore(first) ? next : first);
    }

    /** Adds an entry at its place in the timeline, dropping the earliest beyond the bound. */
    private static void addToTimeline(OrderState order, TimelineEntry entry) {
        List<TimelineEntry> timeline = order.getTimeline();
        int position = timeline.size();
        while (position > 0 && TIMELINE_ORDER.compare(timeline.get(position - 1), entry) > 0) {
            position--;
        }
        timeline.add(position, entry);
        if (timeline.size() > MAX_TIMELINE) {
            timeline.remove(0);
        }
    }

    private static void takeDetails(OrderState order, OrderEvent event) {
        Instant at = event.getEventTime();
        if (order.getDetailsAt() == null || !at.isBefore(order.getDetailsAt())) {
            order.setDetails((OrderDetails) event.getDetails());
            order.setDetailsAt(at);
        }
        if (event.getType() == OrderEventType.PLACED
                && (order.getPlacedAt() == null || at.isBefore(order.getPlacedAt()))) {
            order.setPlacedAt(at);
        }
    }

    /** Keeps when the first order event of a type reached the job. */
    private static void arrived(OrderState order, String type, Instant arrivedAt) {
        Instant known = order.getMilestonesArrivedAt().get(type);
        if (known == null || arrivedAt.isBefore(known)) {
            Map<String, Instant> arrivals = new HashMap<>(order.getMilestonesArrivedAt());
            arrivals.put(type, arrivedAt);
            order.setMilestonesArrivedAt(arrivals);
        }
    }

    /** The seller's answer to a failed attempt: kept without the new contact details. */
    private static void takeNdrAction(
            OrderState order, OrderEvent event, Instant at, Instant arrivedAt) {
        NdrAction action = event.getNdrAction();
        List<NdrActionTaken> actions = new ArrayList<>(order.getNdrActions());
        CustomerUpdate customer = action.getCustomer();
        actions.add(
                new NdrActionTaken(
                        action.getAttempt(),
                        action.getAction(),
                        at,
                        arrivedAt.isBefore(at) ? at : arrivedAt,
                        action.getReattemptOn(),
                        customer != null && customer.getPhone() != null,
                        customer != null && customer.getAddress() != null,
                        event.getEventId()));
        order.setNdrActions(actions);
    }

    private static void takeManifest(
            OrderState order, Manifest manifest, Instant at, Instant arrivedAt) {
        order.setCourier(manifest.getCourier());
        order.setAwb(manifest.getAwb());
        report(order, ShipmentStatus.MANIFESTED, at, arrivedAt);
    }

    /**
     * Adds a status report at its place in event time and replays the history through the lifecycle
     * rules: the status, its time, the courier-error flag and the count of ignored regressions all
     * follow from the set of reports, whatever order they arrived in.
     */
    private static void report(
            OrderState order, ShipmentStatus status, Instant at, Instant arrivedAt) {
        List<StatusReport> history = order.getStatusHistory();
        StatusReport report = new StatusReport(at, status, arrivedAt.isBefore(at) ? at : arrivedAt);
        int position = history.size();
        while (position > 0 && REPLAY_ORDER.compare(history.get(position - 1), report) > 0) {
            position--;
        }
        history.add(position, report);
        if (history.size() > MAX_STATUS_HISTORY) {
            history.remove(0);
        }
        replay(order);
    }

    /**
     * Keeps the first delivery attempt applied (delivered, or failed): what the RTO risk model
     * learns of the order days before its outcome. Only for an order with no attempt before this
     * one: one attempted before a build that kept it is not known from its first.
     */
    private static void noteFirstAttempt(
            OrderState order, ShipmentStatus status, Instant at, Instant arrivedAt) {
        if (order.getFirstAttempt() != null || !isAttempt(status)) {
            return;
        }
        long attempts =
                order.getStatusHistory().stream()
                        .filter(report -> isAttempt(report.getStatus()))
                        .count();
        if (attempts == 1) {
            order.setFirstAttempt(
                    new FirstAttempt(
                            status == ShipmentStatus.DELIVERY_FAILED,
                            at,
                            arrivedAt.isBefore(at) ? at : arrivedAt));
        }
    }

    private static boolean isAttempt(ShipmentStatus status) {
        return status == ShipmentStatus.DELIVERY_FAILED || status == ShipmentStatus.DELIVERED;
    }

    private static void replay(OrderState order) {
        ShipmentHistory history = ShipmentHistory.latest(order);
        order.setShipmentStatus(history.status());
        order.setShipmentStatusAt(history.since());
        order.setCourierError(history.courierError());
        order.setIgnoredScans(history.ignoredReports());
    }

    /**
     * Adds a failed attempt's reason at its place in event time: after the attempts reported
     * earlier, before those reported later (counted in the status history, which holds every
     * attempt with its time). Attempts of one instant are kept in reason order, so that the
     * reasons, and the last of them, never depend on the order of arrival.
     */
    private static void addNdrReason(OrderState order, NdrReason reason, Instant at) {
        int later = 0;
        int sameInstant = 0;
        for (StatusReport report : order.getStatusHistory()) {
            if (report.getStatus() == ShipmentStatus.DELIVERY_FAILED) {
                if (report.getAt().isAfter(at)) {
                    later++;
                } else if (report.getAt().equals(at)) {
                    sameInstant++;
                }
            }
        }
        List<NdrReason> reasons = order.getNdrReasons();
        int position = reasons.size() - later;
        while (sameInstant-- > 0 && reasons.get(position - 1).compareTo(reason) > 0) {
            position--;
        }
        reasons.add(position, reason);
    }

    /**
     * Sets the seller-side stage from the milestones, so that it follows from the events' times and
     * never from their order of arrival: the furthest stage reached, or cancelled if the cancel
     * came before the parcel left the warehouse (dispatched, or reported by the courier as picked
     * up or further on). As in a seller's own system, a cancel that comes once the parcel has left
     * (at the same instant included) cannot recall it: the shipment goes on and ends delivered, or
     * back as an RTO if the customer refuses it, and the cancel stays in the timeline and
     * milestones. A cancelled order stays cancelled whatever the courier reports after the cancel;
     * its scans are still kept.
     */
    private static void settleStage(OrderState order) {
        Map<String, Instant> milestones = order.getMilestones();
        Instant cancelledAt = milestones.get(OrderEventType.CANCELLED.name());
        Instant leftAt = ShipmentProgress.leftWarehouseAt(milestones);
        if (cancelledAt != null && (leftAt == null || cancelledAt.isBefore(leftAt))) {
            order.setStage(OrderStage.CANCELLED);
            return;
        }
        OrderStage furthest = OrderStage.RECEIVED;
        for (OrderEventType type : OrderEventType.values()) {
            OrderStage stage = stageReachedBy(type);
            if (stage != null
                    && milestones.containsKey(type.name())
                    && stage.compareTo(furthest) > 0) {
                furthest = stage;
            }
        }
        order.setStage(furthest);
    }

    private static OrderStage stageReachedBy(OrderEventType type) {
        return switch (type) {
            case CONFIRMED -> OrderStage.CONFIRMED;
            case PICKED -> OrderStage.PICKING;
            case PACKED -> OrderStage.PACKED;
            case LABEL_SCANNED -> OrderStage.READY_TO_SHIP;
            case DISPATCHED -> OrderStage.DISPATCHED;
            default -> null;
        };
    }

    private static String detailOf(OrderEvent event) {
        Object details = event.getDetails();
        if (details instanceof Manifest manifest) {
            return manifest.getCourier() + " " + manifest.getAwb();
        }
        if (details instanceof Cancellation cancellation) {
            return cancellation.getReason();
        }
        if (details instanceof ReturnRequest request) {
            return request.getReason();
        }
        if (details instanceof Refund refund) {
            return "₹" + Rupees.of(refund.getAmountPaise());
        }
        ReturnInspection inspection = event.getInspection();
        if (event.getType() == OrderEventType.RETURN_INSPECTED && inspection != null) {
            String verdict = inspection.getPassed() ? "passed" : "failed";
            return inspection.getNote() == null ? verdict : verdict + ": " + inspection.getNote();
        }
        RefundRefusal refusal = event.getRefusal();
        if (event.getType() == OrderEventType.REFUND_REFUSED && refusal != null) {
            return refusal.getReason();
        }
        NdrAction action = event.getNdrAction();
        if (event.getType() == OrderEventType.NDR_ACTION && action != null) {
            return describe(action);
        }
        return null;
    }

    /**
     * What the seller asked for, without the new details themselves: "re-attempt after attempt 1,
     * on 2026-12-07, with a new phone and address", "return after attempt 2".
     */
    static String describe(NdrAction action) {
        StringBuilder text =
                new StringBuilder(
                        action.getAction() == NdrActionType.RETURN ? "return" : "re-attempt");
        text.append(" after attempt ").append(action.getAttempt());
        if (action.getReattemptOn() != null) {
            text.append(", on ").append(action.getReattemptOn());
        }
        CustomerUpdate customer = action.getCustomer();
        boolean phone = customer != null && customer.getPhone() != null;
        boolean address = customer != null && customer.getAddress() != null;
        if (phone || address) {
            text.append(", with a new ")
                    .append(phone && address ? "phone and address" : phone ? "phone" : "address");
        }
        return text.toString();
    }

    private static String detailOf(TrackingScan scan, CourierCodes.Meaning meaning) {
        return meaning.ndrReason() != null ? meaning.ndrReason().name() : scan.getRawText();
    }

    private static String rawTextOf(TrackingScan scan) {
        return scan.getRawCode() + (scan.getRawText() == null ? "" : " " + scan.getRawText());
    }

    private static String describe(ScanLocation location) {
        if (location == null) {
            return null;
        }
        return location.getHub() != null ? location.getHub() : location.getCity();
    }
}
