package io.ordertrack.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A seller's subscription to its alerts' changes, as kept in the {@code webhook-subscriptions}
 * index. The secret signs every delivery; the API shows it once, when the subscription is made.
 *
 * @param alertTypes the alert types delivered; empty for all
 * @param secret the {@code whsec_} signing secret
 */
public record WebhookSubscription(
        String subscriptionId,
        String tenantId,
        String url,
        List<String> alertTypes,
        String description,
        String secret,
        Instant createdAt) {
    public WebhookSubscription {
        alertTypes = List.copyOf(alertTypes);
    }

    /** The subscription as answered to the seller: without its secret. */
    public Shown shown() {
        return new Shown(subscriptionId, url, alertTypes, description, createdAt, null);
    }

    /** The subscription as answered once, when it is made: with its secret. */
    public Shown shownWithSecret() {
        return new Shown(subscriptionId, url, alertTypes, description, createdAt, secret);
    }

    /** A subscription in an answer; {@code secret} only in the answer that made it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Shown(
            String id,
            String url,
            List<String> alertTypes,
            String description,
            Instant createdAt,
            String secret) {}
}
