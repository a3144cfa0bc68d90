package io.ordertrack.jobs.notifications;

import io.ordertrack.avro.CustomerNotification;
import io.ordertrack.domain.notifications.NotificationTexts;
import org.apache.flink.api.common.functions.MapFunction;

/** Gives each customer notification its tracking link and message ({@link NotificationTexts}). */
public final class NotificationContent
        implements MapFunction<CustomerNotification, CustomerNotification> {
    private static final long serialVersionUID = 1L;

    private final String trackingUrl;

    public NotificationContent(String trackingUrl) {
        this.trackingUrl = trackingUrl;
    }

    @Override
    public CustomerNotification map(CustomerNotification notification) {
        return NotificationTexts.complete(notification, trackingUrl);
    }
}
