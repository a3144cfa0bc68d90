package io.ordertrack.api.webhooks;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The subscriptions the dispatcher delivers to: re-read from their index every few seconds, and
 * changed at once by the subscriptions made and deleted through this process. A re-read that raced
 * with such a change is dropped (the next one sees it), so a subscription just made is never
 * forgotten for a moment.
 */
final class SubscriptionCache {
    private record Snapshot(
            Map<String, WebhookSubscription> byId,
            Map<String, List<WebhookSubscription>> byTenant) {
        static Snapshot of(Collection<WebhookSubscription> subscriptions) {
            Map<String, WebhookSubscription> byId = new HashMap<>();
            subscriptions.forEach(s -> byId.put(s.subscriptionId(), s));
            return new Snapshot(
                    Map.copyOf(byId),
                    byId.values().stream()
                            .collect(Collectors.groupingBy(WebhookSubscription::tenantId)));
        }
    }

    private volatile Snapshot snapshot = Snapshot.of(List.of());
    private long changes;

    /** How many local changes so far: pass it to {@link #replace} with what was read after it. */
    synchronized long changes() {
        return changes;
    }

    /** Replaces every subscription with those read, unless a local change came since. */
    synchronized void replace(List<WebhookSubscription> read, long changesBeforeReading) {
        if (changes == changesBeforeReading) {
            snapshot = Snapshot.of(read);
        }
    }

    synchronized void add(WebhookSubscription subscription) {
        Map<String, WebhookSubscription> byId = new HashMap<>(snapshot.byId());
        byId.put(subscription.subscriptionId(), subscription);
        snapshot = Snapshot.of(byId.values());
        changes++;
    }

    synchronized void remove(WebhookSubscription subscription) {
        Map<String, WebhookSubscription> byId = new HashMap<>(snapshot.byId());
        byId.remove(subscription.subscriptionId());
        snapshot = Snapshot.of(byId.values());
        changes++;
    }

    WebhookSubscription byId(String subscriptionId) {
        return snapshot.byId().get(subscriptionId);
    }

    List<WebhookSubscription> ofTenant(String tenantId) {
        return snapshot.byTenant().getOrDefault(tenantId, List.of());
    }
}
