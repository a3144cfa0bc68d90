package io.ordertrack.api.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pending deliveries one API process sends, and which of them are due: per subscription, each
 * alert's changes go one at a time in version order (a change waits while an earlier one of the
 * same alert is tried again), and at most {@code perSubscription} are in flight, so a slow or dead
 * receiver holds only its own deliveries. Not thread-safe: the dispatcher's thread alone uses it.
 */
final class DeliveryQueue {
    private record Wake(Instant at, String stream) {}

    private final int perSubscription;

    /** Per subscription and alert, its pending deliveries by version. */
    private final Map<String, TreeMap<Long, WebhookDelivery>> streams = new HashMap<>();

    private final Set<String> deliveryIds = new HashSet<>();
    private final PriorityQueue<Wake> wakes =
            new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));

    /** The streams with a delivery in flight, each with the partition it was read from. */
    private final Map<String, Integer> inFlight = new HashMap<>();

    private final Map<String, Integer> inFlightBySubscription = new HashMap<>();

    /** Due streams whose subscription had no free slot, by subscription. */
    private final Map<String, Set<String>> waiting = new HashMap<>();

    DeliveryQueue(int perSubscription) {
        if (perSubscription < 1) {
            throw new IllegalArgumentException("at least one delivery in flight per subscription");
        }
        this.perSubscription = perSubscription;
    }

    /** Adds a pending delivery; false when it is already here. */
    boolean add(WebhookDelivery delivery) {
        if (!deliveryIds.add(delivery.deliveryId())) {
            return false;
        }
        String stream = delivery.stream();
        TreeMap<Long, WebhookDelivery> versions =
                streams.computeIfAbsent(stream, s -> new TreeMap<>());
        versions.put(delivery.version(), delivery);
        if (!inFlight.containsKey(stream) && versions.firstEntry().getValue() == delivery) {
            wakes.add(new Wake(delivery.nextAttemptAt(), stream));
        }
        return true;
    }

    /** Whether the delivery is here (pending or in flight). */
    boolean holds(String deliveryId) {
        return deliveryIds.contains(deliveryId);
    }

    /** The number of deliveries here. */
    int size() {
        return deliveryIds.size();
    }

    /**
     * The deliveries to send now, each taken in flight until {@link #settle}d: the first pending
     * change of each alert, once due, while its subscription has a free slot.
     */
    List<WebhookDelivery> takeDue(Instant now) {
        List<WebhookDelivery> due = new ArrayList<>();
        while (!wakes.isEmpty() && !wakes.peek().at().isAfter(now)) {
            String stream = wakes.poll().stream();
            WebhookDelivery head = headOf(stream);
            if (head == null || inFlight.containsKey(stream) || head.nextAttemptAt().isAfter(now)) {
                continue; // a stale wake: the stream moved on since
            }
            String subscription = head.subscriptionId();
            if (inFlightBySubscription.getOrDefault(subscription, 0) >= perSubscription) {
                waiting.computeIfAbsent(subscription, s -> new LinkedHashSet<>()).add(stream);
                continue;
            }
            inFlight.put(stream, head.partition());
            inFlightBySubscription.merge(subscription, 1, Integer::sum);
            due.add(head);
        }
        return due;
    }

    /** When the next delivery is due, if any is waiting for a time. */
    Optional<Instant> nextDue() {
        return wakes.isEmpty() ? Optional.empty() : Optional.of(wakes.peek().at());
    }

    /**
     * Settles an attempt of a delivery taken by {@link #takeDue}: {@code after} is the delivery
     * after it; still pending, it waits for its next attempt ahead of its alert's later changes.
     */
    void settle(WebhookDelivery after, Instant now) {
        String stream = after.stream();
        if (inFlight.remove(stream) != null) {
            freeSlot(after.subscriptionId(), now);
        }
        TreeMap<Long, WebhookDelivery> versions = streams.get(stream);
        if (versions == null) {
            return; // dropped while in flight
        }
        if (versions.containsKey(after.version())) {
            if (after.state() == DeliveryState.PENDING) {
                versions.put(after.version(), after);
            } else {
                versions.remove(after.version());
                deliveryIds.remove(after.deliveryId());
            }
        }
        // The head may also be a later change loaded while this one was in flight.
        if (versions.isEmpty()) {
            streams.remove(stream);
        } else {
            wakes.add(new Wake(versions.firstEntry().getValue().nextAttemptAt(), stream));
        }
    }

    /** How many deliveries read from these partitions are in flight. */
    int inFlight(Set<Integer> partitions) {
        return (int) inFlight.values().stream().filter(partitions::contains).count();
    }

    /** Forgets the deliveries read from these partitions (another process reads them now). */
    void dropPartitions(Set<Integer> partitions) {
        dropIf(delivery -> partitions.contains(delivery.partition()));
    }

    /** Forgets the deliveries of a deleted subscription. */
    void dropSubscription(String subscriptionId) {
        dropIf(delivery -> delivery.subscriptionId().equals(subscriptionId));
        waiting.remove(subscriptionId);
    }

    private void dropIf(java.util.function.Predicate<WebhookDelivery> dropped) {
        var each = streams.values().iterator();
        while (each.hasNext()) {
            TreeMap<Long, WebhookDelivery> versions = each.next();
            versions.values()
                    .removeIf(
                            delivery -> {
                                boolean drop = dropped.test(delivery);
                                if (drop) {
                                    deliveryIds.remove(delivery.deliveryId());
                                }
                                return drop;
                            });
            if (versions.isEmpty()) {
                each.remove();
            }
        }
    }

    private WebhookDelivery headOf(String stream) {
        TreeMap<Long, WebhookDelivery> versions = streams.get(stream);
        return versions == null || versions.isEmpty() ? null : versions.firstEntry().getValue();
    }

    private void freeSlot(String subscription, Instant now) {
        inFlightBySubscription.computeIfPresent(subscription, (s, n) -> n > 1 ? n - 1 : null);
        Set<String> parked = waiting.remove(subscription);
        if (parked != null) {
            parked.forEach(stream -> wakes.add(new Wake(now, stream)));
        }
    }
}
