package io.ordertrack.domain.ndr;

import static io.ordertrack.domain.lifecycle.OrderFixtures.hoursLater;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ScanLocation;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.domain.lifecycle.CourierCodes;
import io.ordertrack.domain.lifecycle.OrderFixtures;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order goes to Bengaluru; placed 10:00 IST on 20 November, out for delivery at 10:00 on the
 * 22nd.
 */
class AttemptSuspicionTest {
    private static final Instant OUT = hoursLater(48);

    private final OrderLifecycle lifecycle = new OrderLifecycle(CourierCodes.bundled());

    @Test
    void anAttemptInTheAfternoonAtTheDestinationsHubIsNotSuspicious() {
        OrderState order = outForDelivery();
        fail(order, NdrReason.CUSTOMER_UNAVAILABLE, OUT.plus(Duration.ofHours(5)), "Bengaluru hub");

        assertThat(AttemptSuspicion.of(order))
                .singleElement()
                .satisfies(
                        attempt -> {
                            assertThat(attempt.number()).isEqualTo(1);
                            assertThat(attempt.score()).isZero();
                            assertThat(attempt.suspicious()).isFalse();
                            assertThat(attempt.hub()).isEqualTo("Bengaluru hub");
                            assertThat(attempt.deliveryHub()).isEqualTo("Bengaluru hub");
                            assertThat(attempt.reason()).isEqualTo("CUSTOMER_UNAVAILABLE");
                        });
    }

    @Test
    void eachSignOfAnAttemptThatNeverHappenedIsAReason() {
        OrderState order = outForDelivery();
        // 22:40 IST.
        fail(order, NdrReason.CUSTOMER_REFUSED, OUT.plus(Duration.ofMinutes(760)), "Bengaluru hub");
        scan(order, ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(72), "Bengaluru hub");
        fail(order, NdrReason.ADDRESS_INCOMPLETE, hoursLater(75), "Nagpur hub");
        scan(order, ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(96), "Bengaluru hub");
        fail(
                order,
                NdrReason.CUSTOMER_UNAVAILABLE,
                hoursLater(96).plus(Duration.ofMinutes(6)),
                "Bengaluru hub");

        List<AttemptSuspicion.Attempt> attempts = AttemptSuspicion.of(order);

        assertThat(attempts)
                .extracting(AttemptSuspicion.Attempt::score)
                .containsExactly(60, 60, 60);
        assertThat(attempts).allMatch(AttemptSuspicion.Attempt::suspicious);
        assertThat(attempts.get(0).reasons())
                .containsExactly("reported at 22:40, outside delivery hours (08:00–21:00)");
        assertThat(attempts.get(1).reasons())
                .containsExactly("scanned at Nagpur hub, not the destination's (Bengaluru)");
        assertThat(attempts.get(1).deliveryHub()).isEqualTo("Bengaluru hub");
        assertThat(attempts.get(2).reasons())
                .containsExactly("customer unavailable 6 min after going out for delivery");
    }

    @Test
    void signsAddUpToAtMostAHundred() {
        OrderState order = outForDelivery();
        // 06:00 IST the next morning, from a far hub.
        fail(order, NdrReason.CUSTOMER_UNAVAILABLE, hoursLater(68), "Nagpur hub");

        assertThat(AttemptSuspicion.of(order).get(0).score()).isEqualTo(100);
        assertThat(AttemptSuspicion.of(order).get(0).reasons()).hasSize(2);
    }

    private OrderState outForDelivery() {
        OrderState order = OrderFixtures.newOrder();
        lifecycle.apply(order, OrderFixtures.placed(hoursLater(0)));
        lifecycle.apply(order, OrderFixtures.manifested(hoursLater(1)));
        scan(order, ShipmentStatus.PICKED_UP, hoursLater(4), "Mumbai hub");
        scan(order, ShipmentStatus.OUT_FOR_DELIVERY, OUT, "Bengaluru hub");
        return order;
    }

    private void scan(OrderState order, ShipmentStatus status, Instant at, String hub) {
        TrackingScan scan = OrderFixtures.scan(status, at);
        scan.setLocation(new ScanLocation(hub, null, null));
        lifecycle.apply(order, scan);
    }

    private void fail(OrderState order, NdrReason reason, Instant at, String hub) {
        TrackingScan scan = OrderFixtures.failed(reason, at);
        scan.setLocation(new ScanLocation(hub, null, null));
        lifecycle.apply(order, scan);
    }
}
