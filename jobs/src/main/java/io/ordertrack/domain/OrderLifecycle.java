package io.ordertrack.domain;

import io.ordertrack.avro.Cancellation;
import io.ordertrack.avro.Manifest;
import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderStage;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ReturnRequest;
import io.ordertrack.avro.ScanLocation;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.StatusReport;
import io.ordertrack.avro.TimelineEntry;
import io.ordertrack.avro.TrackingScan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * How events move an order. Decisions are made by event time and lifecycle rank, never by arrival
 * order: a duplicate changes nothing; a late event fills the timeline without moving the order
 * backwards; a courier regression (a later report of an earlier state) never regresses it; the
 * loops of real deliveries (a failed attempt, then out for delivery again; delivered, then
 * returned) are followed. The seller-side stage only moves forward, or to cancelled before the
 * parcel leaves.
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
                .setStatusHistory(new ArrayList<>())
                .setStockChanges(new ArrayList<>())
                .build();
    }

    /**
     * Applies an order event.
     *
     * @return whether the order changed; false for an event already applied
     */
    public boolean apply(OrderState order, OrderEvent event) {
        Instant at = event.getEventTime();
        if (!record(order, event.getEventId(), at)) {
            return false;
        }
        addToTimeline(
                order,
                new TimelineEntry(at, FROM_ORDER, event.getType().name(), detailOf(event), null));
        reached(order, event.getType().name(), at);
        switch (event.getType()) {
            case PLACED, UPDATED -> takeDetails(order, event);
            case CONFIRMED -> advance(order, OrderStage.CONFIRMED);
            case PICKED -> advance(order, OrderStage.PICKING);
            case PACKED -> advance(order, OrderStage.PACKED);
            case MANIFESTED -> takeManifest(order, (Manifest) event.getDetails(), at);
            case LABEL_SCANNED -> advance(order, OrderStage.READY_TO_SHIP);
            case DISPATCHED -> advance(order, OrderStage.DISPATCHED);
            case CANCELLED -> cancel(order);
            case RETURN_REQUESTED -> report(order, ShipmentStatus.RETURN_REQUESTED, at);
            default -> {
                // REFUNDED and FEEDBACK are kept in the timeline and milestones only.
            }
        }
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
        Instant at = scan.getEventTime();
        if (!record(order, scan.getEventId(), at)) {
            return false;
        }
        CourierCodes.Meaning meaning = meaningOf(scan);
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
            order.getNdrReasons()
                    .add(meaning.ndrReason() == null ? NdrReason.UNMAPPED : meaning.ndrReason());
        }
        report(order, status, at);
        return true;
    }

    /** Whether nothing more is expected of the order but, perhaps, a return. */
    public static boolean isFinished(OrderState order) {
        return order.getStage() == OrderStage.CANCELLED
                || ShipmentProgress.isFinished(order.getShipmentStatus());
    }

    private CourierCodes.Meaning meaningOf(TrackingScan scan) {
        if (scan.getStatus() != null && scan.getStatus() != ShipmentStatus.UNKNOWN) {
            return new CourierCodes.Meaning(scan.getStatus(), scan.getNdrReason());
        }
        return courierCodes.meaningOf(scan.getCourier(), scan.getRawCode()).orElse(null);
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

    private static void addToTimeline(OrderState order, TimelineEntry entry) {
        List<TimelineEntry> timeline = order.getTimeline();
        timeline.add(entry);
        if (timeline.size() > MAX_TIMELINE) {
            TimelineEntry earliest = timeline.get(0);
            for (TimelineEntry candidate : timeline) {
                if (candidate.getAt().isBefore(earliest.getAt())) {
                    earliest = candidate;
                }
            }
            timeline.remove(earliest);
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

    private static void takeManifest(OrderState order, Manifest manifest, Instant at) {
        order.setCourier(manifest.getCourier());
        order.setAwb(manifest.getAwb());
        report(order, ShipmentStatus.MANIFESTED, at);
    }

    /**
     * Adds a status report at its place in event time and replays the history through the lifecycle
     * rules: the status, its time, the courier-error flag and the count of ignored regressions all
     * follow from the set of reports, whatever order they arrived in.
     */
    private static void report(OrderState order, ShipmentStatus status, Instant at) {
        List<StatusReport> history = order.getStatusHistory();
        int position = history.size();
        while (position > 0 && history.get(position - 1).getAt().isAfter(at)) {
            position--;
        }
        history.add(position, new StatusReport(at, status));
        if (history.size() > MAX_STATUS_HISTORY) {
            history.remove(0);
        }
        replay(order);
    }

    private static void replay(OrderState order) {
        ShipmentHistory history = ShipmentHistory.latest(order);
        order.setShipmentStatus(history.status());
        order.setShipmentStatusAt(history.since());
        order.setCourierError(history.courierError());
        order.setIgnoredScans(history.ignoredReports());
    }

    private static void advance(OrderState order, OrderStage stage) {
        OrderStage current = order.getStage();
        if (current != OrderStage.CANCELLED && stage.ordinal() > current.ordinal()) {
            order.setStage(stage);
        }
    }

    /** A seller can cancel only what has not left the warehouse. */
    private static void cancel(OrderState order) {
        ShipmentStatus status = order.getShipmentStatus();
        boolean pickedUp =
                status != null
                        && ShipmentProgress.rank(status)
                                >= ShipmentProgress.rank(ShipmentStatus.PICKED_UP);
        if (order.getStage() != OrderStage.DISPATCHED && !pickedUp) {
            order.setStage(OrderStage.CANCELLED);
        }
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
        return null;
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
