package io.ordertrack.api.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertState;
import io.ordertrack.documents.AlertDocument;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The webhook of an alert change, in the Standard Webhooks payload shape: {@code {"type":
 * "alert.opened" | "alert.updated" | "alert.resolved", "timestamp": <the change's time>, "data":
 * <the alert as GET /api/alerts shows it>}}. Built from the change alone, so a change read twice
 * makes the same webhook.
 */
public final class AlertWebhook {
    public static final String OPENED = "alert.opened";
    public static final String UPDATED = "alert.updated";
    public static final String RESOLVED = "alert.resolved";

    private static final ObjectMapper JSON = ElasticsearchClients.objectMapper();

    private AlertWebhook() {}

    /** The event type of a change: its first version opens the alert. */
    public static String eventTypeOf(Alert alert) {
        if (alert.getState() == AlertState.RESOLVED) {
            return RESOLVED;
        }
        return alert.getVersion() <= 1 ? OPENED : UPDATED;
    }

    /**
     * The {@code webhook-id} of a change: the alert's id and version, any character that is not
     * printable ASCII percent-encoded (in UTF-8), as HTTP headers carry it.
     */
    public static String webhookIdOf(Alert alert) {
        String id = alert.getAlertId() + ":" + alert.getVersion();
        StringBuilder ascii = new StringBuilder(id.length());
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            if (b > 0x20 && b < 0x7f && b != '%') {
                ascii.append((char) b);
            } else {
                ascii.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return ascii.toString();
    }

    /** Whether the subscription asked for changes of this alert: its tenant's, of its types. */
    public static boolean wanted(WebhookSubscription subscription, Alert alert) {
        return subscription.tenantId().equals(alert.getTenantId())
                && (subscription.alertTypes().isEmpty()
                        || subscription.alertTypes().contains(alert.getType().name()));
    }

    /** The delivery of the change to the subscription, due at {@code now}. */
    public static WebhookDelivery deliveryOf(
            WebhookSubscription subscription, Alert alert, int partition, Instant now) {
        String webhookId = webhookIdOf(alert);
        return new WebhookDelivery(
                WebhookDelivery.idOf(subscription.subscriptionId(), webhookId),
                subscription.subscriptionId(),
                alert.getTenantId(),
                webhookId,
                eventTypeOf(alert),
                alert.getAlertId(),
                alert.getType().name(),
                alert.getVersion(),
                partition,
                DeliveryState.PENDING,
                0,
                now,
                null,
                now,
                null,
                null,
                null,
                null,
                null,
                payloadOf(alert));
    }

    static String payloadOf(Alert alert) {
        try {
            return JSON.writeValueAsString(
                    new Payload(eventTypeOf(alert), alert.getUpdatedAt(), AlertDocument.of(alert)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert document is always JSON", e);
        }
    }

    private record Payload(String type, Instant timestamp, AlertDocument data) {}
}
