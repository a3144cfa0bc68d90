package io.ordertrack.api.webhooks;

import java.time.Instant;
import java.util.Optional;

/**
 * One alert change to deliver to one subscription, as the delivery log keeps it: its id is the
 * subscription's and the change's ({@code <subscriptionId>:<alertId>:<version>}), so reading an
 * alert change again writes nothing new.
 *
 * @param webhookId the {@code webhook-id} sent: the alert's id and version, the receiver's
 *     idempotency key
 * @param eventType {@code alert.opened}, {@code alert.updated} or {@code alert.resolved}
 * @param partition the partition of the {@code alerts} topic the change was read from: the API
 *     process reading that partition delivers it
 * @param createdAt when it was kept, due at once
 * @param firstAttemptAt when it was first sent; the retry window counts from it (or from the last
 *     re-send), so a change that waited behind an earlier one of its alert still gets its window
 * @param nextAttemptAt when it is due, while pending
 * @param lastStatus the receiver's HTTP status at the last attempt, if it answered
 * @param lastError why the last attempt failed, if it did
 * @param payload the exact body sent, JSON
 */
public record WebhookDelivery(
        String deliveryId,
        String subscriptionId,
        String tenantId,
        String webhookId,
        String eventType,
        String alertId,
        String alertType,
        long version,
        int partition,
        DeliveryState state,
        int attempts,
        Instant createdAt,
        Instant firstAttemptAt,
        Instant nextAttemptAt,
        Instant lastAttemptAt,
        Integer lastStatus,
        String lastError,
        Instant deliveredAt,
        Instant resentAt,
        String payload) {

    /** The longest reason of a failed attempt kept. */
    static final int MAX_ERROR_LENGTH = 300;

    /** The id of the delivery of an alert change to a subscription. */
    public static String idOf(String subscriptionId, String webhookId) {
        return subscriptionId + ":" + webhookId;
    }

    /** The alert whose changes are delivered in order, within one subscription. */
    String stream() {
        return subscriptionId + "\n" + alertId;
    }

    /**
     * This delivery after an attempt at {@code at}: delivered when the receiver answered 2xx, else
     * due again by the retries, or parked.
     *
     * @param status the receiver's HTTP status, empty when it did not answer
     * @param error why it failed (null when delivered)
     */
    WebhookDelivery afterAttempt(
            Instant at, Optional<Integer> status, String error, DeliveryRetries retries) {
        boolean delivered = status.isPresent() && status.get() >= 200 && status.get() < 300;
        int tries = attempts + 1;
        Instant firstAttempt = firstAttemptAt != null ? firstAttemptAt : at;
        Instant windowStart = resentAt != null ? resentAt : firstAttempt;
        Optional<Instant> next =
                delivered ? Optional.empty() : retries.nextAttempt(tries, at, windowStart);
        DeliveryState after =
                delivered
                        ? DeliveryState.DELIVERED
                        : next.isPresent() ? DeliveryState.PENDING : DeliveryState.PARKED;
        return with(
                new Progress(
                        after,
                        tries,
                        firstAttempt,
                        next.orElse(null),
                        at,
                        status.orElse(null),
                        delivered ? null : shortened(error),
                        delivered ? at : null,
                        resentAt));
    }

    /** This delivery sent again at {@code at}, with a fresh retry window. */
    WebhookDelivery resent(Instant at) {
        return with(
                new Progress(
                        DeliveryState.PENDING,
                        attempts,
                        firstAttemptAt,
                        at,
                        lastAttemptAt,
                        lastStatus,
                        lastError,
                        deliveredAt,
                        at));
    }

    /** This delivery, no longer due: its subscription is gone. */
    WebhookDelivery cancelled() {
        return with(
                new Progress(
                        DeliveryState.CANCELLED,
                        attempts,
                        firstAttemptAt,
                        null,
                        lastAttemptAt,
                        lastStatus,
                        lastError,
                        deliveredAt,
                        resentAt));
    }

    /** What changes of a delivery as it is tried: all but the change and whom it goes to. */
    private record Progress(
            DeliveryState state,
            int attempts,
            Instant firstAttemptAt,
            Instant nextAttemptAt,
            Instant lastAttemptAt,
            Integer lastStatus,
            String lastError,
            Instant deliveredAt,
            Instant resentAt) {}

    private WebhookDelivery with(Progress progress) {
        return new WebhookDelivery(
                deliveryId,
                subscriptionId,
                tenantId,
                webhookId,
                eventType,
                alertId,
                alertType,
                version,
                partition,
                progress.state(),
                progress.attempts(),
                createdAt,
                progress.firstAttemptAt(),
                progress.nextAttemptAt(),
                progress.lastAttemptAt(),
                progress.lastStatus(),
                progress.lastError(),
                progress.deliveredAt(),
                progress.resentAt(),
                payload);
    }

    private static String shortened(String error) {
        if (error == null) {
            return "no reason given";
        }
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
