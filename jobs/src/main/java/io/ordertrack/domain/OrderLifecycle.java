package io.ordertrack.domain;

import io.ordertrack.avro.Cancellation;
import io.ordertrack.avro.Manifest;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderStage;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ReturnRequest;
import io.ordertrack.avro.ScanLocation;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TimelineEntry;
import io.ordertrack.avro.TrackingScan;
import java.time.Instant;
import java.util.ArrayList;

/**
 * How events move an order. Decisions are made by event time and lifecycle rank, never by arrival
 * order: a duplicate changes nothing, a late event fills the timeline without moving the order
 * backwards, and the seller-side stage only moves forward (or to cancelled before dispatch).
 */
public final class OrderLifecycle {
    private static final String FROM_ORDER = "ORDER";
    private static final String FROM_SCAN = "SCAN";

    private OrderLifecycle() {}

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
                .build();
    }

    /**
     * Applies an order event.
     *
     * @return whether the order changed; false for an event already applied
     */
    public static boolean apply(OrderState order, OrderEvent event) {
        if (!record(order, event.getEventId(), event.getEventTime())) {
            return false;
        }
        order.getTimeline()
                .add(
                        timeline(
                                event.getEventTime(),
                                FROM_ORDER,
                                event.getType().name(),
                                detailOf(event),
                                null));
        switch (event.getType()) {
            case PLACED, UPDATED -> takeDetails(order, event);
            case CONFIRMED -> advance(order, OrderStage.CONFIRMED);
            case PICKED -> advance(order, OrderStage.PICKING);
            case PACKED -> advance(order, OrderStage.PACKED);
            case MANIFESTED ->
                    takeManifest(order, (Manifest) event.getDetails(), event.getEventTime());
            case LABEL_SCANNED -> advance(order, OrderStage.READY_TO_SHIP);
            case DISPATCHED -> advance(order, OrderStage.DISPATCHED);
            case CANCELLED -> cancel(order);
            case RETURN_REQUESTED -> requestReturn(order, event.getEventTime());
            default -> {
                // REFUNDED and FEEDBACK are kept in the timeline only.
            }
        }
        return true;
    }

    /**
     * Applies a courier scan of the order's shipment.
     *
     * @return whether the order changed; false for a scan already applied
     */
    public static boolean apply(OrderState order, TrackingScan scan) {
        if (!record(order, scan.getEventId(), scan.getEventTime())) {
            return false;
        }
        ShipmentStatus status =
                scan.getStatus() == null ? ShipmentStatus.UNKNOWN : scan.getStatus();
        order.getTimeline()
                .add(
                        timeline(
                                scan.getEventTime(),
                                FROM_SCAN,
                                status == ShipmentStatus.UNKNOWN
                                        ? "UNMAPPED:" + scan.getRawCode()
                                        : status.name(),
                                scan.getRawText(),
                                describe(scan.getLocation())));
        if (status == ShipmentStatus.COURIER_ERROR) {
            order.setCourierError(true);
        } else if (status != ShipmentStatus.UNKNOWN && isLatestScan(order, scan.getEventTime())) {
            order.setShipmentStatus(status);
            order.setShipmentStatusAt(scan.getEventTime());
            order.setCourierError(false);
        }
        return true;
    }

    private static boolean record(OrderState order, String eventId, Instant eventTime) {
        if (order.getSeenEventIds().contains(eventId)) {
            return false;
        }
        order.getSeenEventIds().add(eventId);
        order.setVersion(order.getVersion() + 1);
        if (order.getLastEventAt() == null || eventTime.isAfter(order.getLastEventAt())) {
            order.setLastEventAt(eventTime);
        }
        return true;
    }

    private static void takeDetails(OrderState order, OrderEvent event) {
        Instant at = event.getEventTime();
        if (order.getDetailsAt() == null || !at.isBefore(order.getDetailsAt())) {
            order.setDetails((OrderDetails) event.getDetails());
            order.setDetailsAt(at);
        }
        if (order.getPlacedAt() == null || at.isBefore(order.getPlacedAt())) {
            order.setPlacedAt(at);
        }
    }

    private static void takeManifest(OrderState order, Manifest manifest, Instant at) {
        order.setCourier(manifest.getCourier());
        order.setAwb(manifest.getAwb());
        if (order.getShipmentStatus() == null) {
            order.setShipmentStatus(ShipmentStatus.MANIFESTED);
            order.setShipmentStatusAt(at);
        }
    }

    private static void advance(OrderState order, OrderStage stage) {
        OrderStage current = order.getStage();
        if (current != OrderStage.CANCELLED && stage.ordinal() > current.ordinal()) {
            order.setStage(stage);
        }
    }

    /** A seller can cancel only what has not left the warehouse. */
    private static void cancel(OrderState order) {
        if (order.getStage() != OrderStage.DISPATCHED && !isPickedUp(order)) {
            order.setStage(OrderStage.CANCELLED);
        }
    }

    private static void requestReturn(OrderState order, Instant at) {
        if (order.getShipmentStatus() == ShipmentStatus.DELIVERED) {
            order.setShipmentStatus(ShipmentStatus.RETURN_REQUESTED);
            order.setShipmentStatusAt(at);
        }
    }

    private static boolean isPickedUp(OrderState order) {
        ShipmentStatus status = order.getShipmentStatus();
        return status != null
                && status != ShipmentStatus.MANIFESTED
                && status != ShipmentStatus.PICKUP_SCHEDULED
                && status != ShipmentStatus.PICKUP_FAILED;
    }

    private static boolean isLatestScan(OrderState order, Instant at) {
        return order.getShipmentStatusAt() == null || !at.isBefore(order.getShipmentStatusAt());
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

    private static String describe(ScanLocation location) {
        if (location == null) {
            return null;
        }
        String hub = location.getHub();
        return hub != null ? hub : location.getCity();
    }

    private static TimelineEntry timeline(
            Instant at, String source, String code, String detail, String location) {
        return new TimelineEntry(at, source, code, detail, location);
    }
}
