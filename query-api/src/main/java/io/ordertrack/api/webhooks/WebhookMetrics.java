package io.ordertrack.api.webhooks;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * What {@code /metrics} tells of the webhooks out: {@code ordertrack_webhook_attempts_total} by
 * outcome ({@code delivered}, {@code retrying}, {@code parked}) and {@code
 * ordertrack_webhook_deliveries_pending}, the deliveries this process has still to send. A receiver
 * down shows as retrying attempts and pending deliveries growing; no seller is named.
 */
public final class WebhookMetrics {
    private final PrometheusRegistry registry;
    private final Counter attempts;

    public WebhookMetrics(PrometheusRegistry registry) {
        this.registry = registry;
        this.attempts =
                Counter.builder()
                        .name("ordertrack_webhook_attempts")
                        .help("Webhook delivery attempts, by what became of the delivery")
                        .labelNames("outcome")
                        .register(registry);
    }

    void attempted(WebhookDelivery after) {
        String outcome =
                after.state() == DeliveryState.PENDING
                        ? "retrying"
                        : after.state().name().toLowerCase(Locale.ROOT);
        attempts.labelValues(outcome).inc();
    }

    void watchPending(IntSupplier pending) {
        GaugeWithCallback.builder()
                .name("ordertrack_webhook_deliveries_pending")
                .help("Webhook deliveries this API process has still to send")
                .callback(callback -> callback.call(pending.getAsInt()))
                .register(registry);
    }
}
