package io.ordertrack.local;

import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.local.SampleOrders.Destination;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small, steady stream of sample orders for the local run: every few seconds a new order is
 * placed and earlier ones move on through the warehouse and the courier, some failing a delivery
 * attempt on the way, to a handful of real Indian destinations.
 */
public final class SampleFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SampleFeed.class);

    static final List<String> TENANTS = List.of("acme-fashion", "zenith-electronics");
    private static final List<String> CHANNELS =
            List.of("SHOPIFY", "AMAZON", "WOOCOMMERCE", "MAGENTO");
    private static final List<String> COURIERS = List.of("DELHIVERY", "BLUEDART", "ECOM_EXPRESS");
    private static final List<Destination> DESTINATIONS =
            List.of(
                    new Destination(
                            "Priya Sharma",
                            "+91 98765-43210",
                            "12 MG Road",
                            "Bengaluru",
                            "Karnataka",
                            "560001"),
                    new Destination(
                            "Rahul Verma",
                            "09812345678",
                            "4 Park Street",
                            "Kolkata",
                            "West Bengal",
                            "700016"),
                    new Destination(
                            "Ananya Iyer",
                            "9876501234",
                            "22 Marine Drive",
                            "Mumbai",
                            "Maharashtra",
                            "400020"),
                    new Destination(
                            "Vikram Singh",
                            "+919811122233",
                            "9 Connaught Place",
                            "New Delhi",
                            "Delhi",
                            "110001"),
                    new Destination(
                            "Fatima Khan",
                            "8899001122",
                            "3 Charminar Road",
                            "Hyderabad",
                            "Telangana",
                            "500002"));

    private final EventPublisher publisher;
    private final Duration interval;
    private final Random random = new Random(42);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final long firstOrderNumber;
    private long ordersPlaced;

    /**
     * A feed placing one order per interval. Order numbers count intervals since the epoch, so a
     * restarted feed goes on with new orders instead of replaying the old ones.
     */
    public SampleFeed(EventPublisher publisher, Duration interval) {
        this.publisher = publisher;
        this.interval = interval;
        this.firstOrderNumber =
                Instant.now().getEpochSecond() / interval.toSeconds() % 1_000_000_000L;
    }

    /** The client order id of the first order this feed places: {@code SO-<number>}. */
    public String firstClientOrderId() {
        return "SO-" + firstOrderNumber;
    }

    /** Starts publishing in the background. */
    public void start() {
        scheduler.scheduleAtFixedRate(
                this::publishNextOrder, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void publishNextOrder() {
        try {
            long number = firstOrderNumber + ordersPlaced++;
            String tenant = TENANTS.get((int) (number % TENANTS.size()));
            String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
            String courier = COURIERS.get(random.nextInt(COURIERS.size()));
            String awb = courier.substring(0, 2) + number;
            publishLifecycle(
                    SampleOrders.order(tenant, channel, "SO-" + (1000 + number)),
                    courier,
                    awb,
                    number);
            publisher.flush();
            LOG.info(
                    "Sample order {} of {} on {} published (AWB {} {})",
                    1000 + number,
                    tenant,
                    channel,
                    courier,
                    awb);
        } catch (RuntimeException e) {
            LOG.warn("Sample feed could not publish: {}", e.toString());
        }
    }

    /**
     * One order from placement to an outcome that depends on its number, hours apart in event time.
     */
    private void publishLifecycle(SampleOrders order, String courier, String awb, long number) {
        Instant placed = Instant.now().minus(Duration.ofDays(3));
        Destination destination = DESTINATIONS.get((int) (number % DESTINATIONS.size()));
        PaymentMode payment = number % 5 < 3 ? PaymentMode.COD : PaymentMode.PREPAID;
        publisher.publish(
                order.placed(
                        placed,
                        destination,
                        "SKU-" + (100 + number % 7),
                        1 + (int) (number % 3),
                        49_900,
                        payment,
                        "WH-BLR-1"));
        publisher.publish(
                order.stage(placed.plus(Duration.ofMinutes(10)), OrderEventType.CONFIRMED));
        if (number % 9 == 0) {
            publisher.publish(
                    order.stage(placed.plus(Duration.ofHours(1)), OrderEventType.CANCELLED));
            return;
        }
        publisher.publish(order.stage(placed.plus(Duration.ofHours(2)), OrderEventType.PICKED));
        publisher.publish(order.stage(placed.plus(Duration.ofHours(3)), OrderEventType.PACKED));
        publisher.publish(order.manifested(placed.plus(Duration.ofHours(4)), courier, awb));
        publisher.publish(
                order.stage(placed.plus(Duration.ofHours(5)), OrderEventType.LABEL_SCANNED));
        if (number % 7 == 0) {
            return; // never picked up
        }
        publisher.publish(order.stage(placed.plus(Duration.ofHours(8)), OrderEventType.DISPATCHED));
        publisher.publish(
                order.scan(
                        placed.plus(Duration.ofHours(9)),
                        courier,
                        awb,
                        ShipmentStatus.PICKED_UP,
                        "PKD",
                        "Bengaluru hub"));
        publisher.publish(
                order.scan(
                        placed.plus(Duration.ofHours(20)),
                        courier,
                        awb,
                        ShipmentStatus.IN_TRANSIT,
                        "ITR",
                        "Nagpur hub"));
        if (number % 4 == 0) {
            return; // still on its way
        }
        publisher.publish(
                order.scan(
                        placed.plus(Duration.ofHours(40)),
                        courier,
                        awb,
                        ShipmentStatus.OUT_FOR_DELIVERY,
                        "OFD",
                        null));
        if (number % 6 == 0) {
            publisher.publish(
                    order.failedDelivery(
                            placed.plus(Duration.ofHours(46)),
                            courier,
                            awb,
                            NdrReason.CUSTOMER_UNAVAILABLE,
                            "NDR-CNA"));
            return;
        }
        publisher.publish(
                order.scan(
                        placed.plus(Duration.ofHours(45)),
                        courier,
                        awb,
                        ShipmentStatus.DELIVERED,
                        "DLV",
                        null));
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdown();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
    }
}
