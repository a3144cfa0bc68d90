package io.ordertrack.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryQueueTest {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void anAlertsLaterChangeWaitsWhileAnEarlierOneIsTriedAgain() {
        DeliveryQueue queue = new DeliveryQueue(4);
        queue.add(delivery("wh_a", "A1", 1, 0));
        queue.add(delivery("wh_a", "A1", 2, 0));

        List<WebhookDelivery> first = queue.takeDue(NOW);
        assertThat(first).extracting(WebhookDelivery::version).containsExactly(1L);
        assertThat(queue.takeDue(NOW)).as("version 2 waits for version 1").isEmpty();

        queue.settle(failed(first.get(0)), NOW);
        assertThat(queue.takeDue(NOW.plusSeconds(1))).as("nor while 1 waits to retry").isEmpty();
        List<WebhookDelivery> retried = queue.takeDue(NOW.plusSeconds(5));
        assertThat(retried).extracting(WebhookDelivery::version).containsExactly(1L);

        queue.settle(delivered(retried.get(0)), NOW.plusSeconds(5));
        assertThat(queue.takeDue(NOW.plusSeconds(5)))
                .extracting(WebhookDelivery::version)
                .containsExactly(2L);
    }

    @Test
    void aSlowSubscriptionHoldsOnlyItsOwnSlotsAndOtherAlertsGoOn() {
        DeliveryQueue queue = new DeliveryQueue(2);
        for (int alert = 1; alert <= 5; alert++) {
            queue.add(delivery("wh_slow", "S" + alert, 1, 0));
        }
        queue.add(delivery("wh_fast", "F1", 1, 0));

        List<WebhookDelivery> due = queue.takeDue(NOW);
        assertThat(due)
                .extracting(WebhookDelivery::subscriptionId)
                .containsExactlyInAnyOrder("wh_slow", "wh_slow", "wh_fast");

        WebhookDelivery fast =
                due.stream()
                        .filter(d -> d.subscriptionId().equals("wh_fast"))
                        .findFirst()
                        .orElseThrow();
        queue.settle(delivered(fast), NOW);
        queue.add(delivery("wh_fast", "F2", 1, 1));
        assertThat(queue.takeDue(NOW.plusSeconds(1)))
                .extracting(WebhookDelivery::alertId)
                .containsExactly("F2");

        WebhookDelivery slow =
                due.get(0).subscriptionId().equals("wh_slow") ? due.get(0) : due.get(1);
        queue.settle(delivered(slow), NOW.plusSeconds(10));
        assertThat(queue.takeDue(NOW.plusSeconds(10)))
                .as("a freed slot takes the next waiting alert of the slow subscription")
                .extracting(WebhookDelivery::subscriptionId)
                .containsExactly("wh_slow");
    }

    @Test
    void aDeliveryIsHeldOnceAndForgottenWithItsPartitionOrSubscription() {
        DeliveryQueue queue = new DeliveryQueue(4);
        assertThat(queue.add(delivery("wh_a", "A1", 1, 0))).isTrue();
        assertThat(queue.add(delivery("wh_a", "A1", 1, 0))).isFalse();
        queue.add(delivery("wh_b", "B1", 1, 0));
        queue.add(delivery("wh_a", "A2", 1, 0, 3));

        queue.dropPartitions(Set.of(3));
        queue.dropSubscription("wh_b");

        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.takeDue(NOW)).extracting(WebhookDelivery::alertId).containsExactly("A1");
    }

    @Test
    void aLaterChangeLoadedWhileAnEarlierOneWasInFlightIsSentOnceThatOneSettles() {
        DeliveryQueue queue = new DeliveryQueue(4);
        queue.add(delivery("wh_a", "A1", 1, 0));
        WebhookDelivery first = queue.takeDue(NOW).get(0);

        // The partition is taken away and given back while version 1 is in flight: the log
        // already says it was delivered, so only version 2 is loaded again.
        queue.dropPartitions(Set.of(0));
        queue.add(delivery("wh_a", "A1", 2, 0));
        assertThat(queue.takeDue(NOW)).as("version 1 is still in flight").isEmpty();

        queue.settle(delivered(first), NOW);
        assertThat(queue.takeDue(NOW)).extracting(WebhookDelivery::version).containsExactly(2L);
    }

    @Test
    void aChangeThatWaitedBehindAnEarlierOneGetsItsWholeRetryWindow() {
        WebhookDelivery waited = delivery("wh_a", "A1", 2, 0);
        Instant muchLater = NOW.plus(Duration.ofHours(30));

        WebhookDelivery failedOnce =
                waited.afterAttempt(
                        muchLater,
                        Optional.of(500),
                        "the receiver answered 500",
                        DeliveryRetries.DEFAULT);

        assertThat(failedOnce.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(failedOnce.nextAttemptAt()).isEqualTo(muchLater.plusSeconds(5));
    }

    @Test
    void tellsWhenTheNextDeliveryIsDue() {
        DeliveryQueue queue = new DeliveryQueue(4);
        assertThat(queue.nextDue()).isEmpty();
        queue.add(delivery("wh_a", "A1", 1, 30));
        assertThat(queue.nextDue()).contains(NOW.plusSeconds(30));
        assertThat(queue.takeDue(NOW)).isEmpty();
    }

    private static WebhookDelivery failed(WebhookDelivery delivery) {
        return delivery.afterAttempt(
                NOW, Optional.of(500), "the receiver answered 500", DeliveryRetries.DEFAULT);
    }

    private static WebhookDelivery delivered(WebhookDelivery delivery) {
        return delivery.afterAttempt(NOW, Optional.of(204), null, DeliveryRetries.DEFAULT);
    }

    private static WebhookDelivery delivery(
            String subscription, String alertId, long version, int dueInSeconds) {
        return delivery(subscription, alertId, version, dueInSeconds, 0);
    }

    private static WebhookDelivery delivery(
            String subscription, String alertId, long version, int dueInSeconds, int partition) {
        String webhookId = alertId + ":" + version;
        Instant due = NOW.plus(Duration.ofSeconds(dueInSeconds));
        return new WebhookDelivery(
                WebhookDelivery.idOf(subscription, webhookId),
                subscription,
                "acme",
                webhookId,
                AlertWebhook.UPDATED,
                alertId,
                "NDR",
                version,
                partition,
                DeliveryState.PENDING,
                0,
                due,
                null,
                due,
                null,
                null,
                null,
                null,
                null,
                "{}");
    }
}
