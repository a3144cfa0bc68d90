package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.domain.alerts.AlertThresholds;
import io.ordertrack.domain.alerts.FeedWaits;
import io.ordertrack.jobs.risk.OrderChange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The events of order acme-fashion:SHOPIFY:1001, hours after it was placed, and a tracker for them.
 */
final class OrderEvents {
    /** 10:00 India time on 20 November. */
    static final Instant PLACED_AT = Instant.parse("2026-11-20T04:30:00Z");

    static final String ORDER_ID = "acme-fashion:SHOPIFY:1001";
    static final Duration RETENTION = Duration.ofDays(120);
    static final Duration FINISHED_RETENTION = Duration.ofDays(30);

    /** How long the feeds stay quiet before the tracker applies what waits for the watermark. */
    static final Duration QUIET_AFTER = Duration.ofSeconds(5);

    private int nextEventId;

    /** An {@link OrderTracker} with the default thresholds and feed waits. */
    static OrderTracker newTracker(FeedWaits waits) {
        return new OrderTracker(
                RETENTION,
                FINISHED_RETENTION,
                AlertThresholds.DEFAULT,
                waits,
                OrderTracker.Writes.DEFAULT,
                "order-events",
                "tracking-scans",
                QUIET_AFTER);
    }

    /** A tracker with the default settings in a test harness whose courier feed is live, open. */
    static TrackerHarness tracker() throws Exception {
        return TrackerHarness.withLiveFeed(newTracker(FeedWaits.DEFAULT));
    }

    /** The order of each change the tracker sent, in order. */
    static List<OrderState> ordersSent(TrackerHarness harness) {
        return harness.extractOutputValues().stream().map(OrderChange::getOrder).toList();
    }

    static Instant hoursLater(int hours) {
        return PLACED_AT.plus(Duration.ofHours(hours));
    }

    OrderEvent event(OrderEventType type, int hours, Object details) {
        return OrderEvent.newBuilder()
                .setEventId("event-" + nextEventId++)
                .setEventTime(hoursLater(hours))
                .setTenantId("acme-fashion")
                .setChannel("SHOPIFY")
                .setClientOrderId("1001")
                .setType(type)
                .setDetails(details)
                .build();
    }

    RoutedScan scan(ShipmentStatus status, int hours) {
        TrackingScan scan =
                TrackingScan.newBuilder()
                        .setEventId("scan-" + nextEventId++)
                        .setEventTime(hoursLater(hours))
                        .setTenantId("acme-fashion")
                        .setCourier("DELHIVERY")
                        .setAwb("DL1001")
                        .setStatus(status)
                        .setRawCode(status.name())
                        .build();
        return new RoutedScan(ORDER_ID, "acme-fashion", "SHOPIFY", "1001", scan);
    }

    RoutedScan failed(NdrReason reason, int hours) {
        RoutedScan routed = scan(ShipmentStatus.DELIVERY_FAILED, hours);
        routed.getScan().setNdrReason(reason);
        return routed;
    }
}
