package io.ordertrack.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * Each Elasticsearch index the job writes and the API reads (and the two the API keeps itself: the
 * sellers' webhook subscriptions and their deliveries), with its explicit mapping (settings and
 * mappings as Elasticsearch takes them at creation, in {@code
 * src/main/resources/elasticsearch/<kind>-index.json}).
 */
public enum Index {
    /** One document per order: its state, bucket and views ({@code orders-index.json}). */
    ORDERS("orders"),
    /** One document per alert, open or resolved. */
    ALERTS("alerts"),
    /** Stock per SKU and warehouse. */
    INVENTORY("inventory"),
    /** The delivery metrics of each cohort of shipments, which the analytics aggregate. */
    ORDER_METRICS("order-metrics"),
    /** Each order's routing verdict: the warehouse it shipped from against the nearest one. */
    ORDER_ROUTING("order-routing"),
    /** One document per deployment of the job: how far it has read (the API's health). */
    JOB_STATUS("job-status"),
    /**
     * The health of each input feed (a courier's scans, a channel's orders, a warehouse's stock),
     * platform-wide and per tenant, as of the job's latest review.
     */
    FEED_HEALTH("feed-health"),
    /**
     * One document per cash-on-delivery parcel: the cash its courier collected, what its
     * remittances paid, and whether it is overdue.
     */
    COD("cod"),
    /** Written by the API: the sellers' webhook subscriptions, with their signing secrets. */
    WEBHOOK_SUBSCRIPTIONS("webhook-subscriptions"),
    /**
     * Written by the API: one document per alert change to deliver to a subscription, its state and
     * attempts (the delivery log).
     */
    WEBHOOK_DELIVERIES("webhook-deliveries");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String kind;

    Index(String kind) {
        this.kind = kind;
    }

    /** The alias readers and writers use unless configured otherwise, e.g. {@code orders}. */
    public String defaultAlias() {
        return kind;
    }

    /**
     * The index's settings and mappings, as Elasticsearch takes them at creation; a fresh copy on
     * every call, free to change.
     */
    public JsonNode definition() throws IOException {
        String resource = "/elasticsearch/" + kind + "-index.json";
        try (InputStream in = Index.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no index mapping at " + resource);
            }
            return JSON.readTree(in);
        }
    }
}
