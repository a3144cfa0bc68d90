package io.ordertrack.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.documents.CohortCounters;
import java.util.ArrayList;
import java.util.List;

/** Cohort documents of the order-metrics index, as the order tracking job writes them. */
final class MetricDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode cohort = JSON.createObjectNode();
    private final List<Long> turnarounds = new ArrayList<>();

    private MetricDocuments(String tenant, String hour, String courier, String paymentMode) {
        cohort.put("tenantId", tenant);
        cohort.put("hour", hour);
        cohort.put("courier", courier);
        cohort.put("pincode", "560001");
        cohort.put("state", "Karnataka");
        cohort.put("city", "Bengaluru");
        cohort.put("channel", "SHOPIFY");
        cohort.put("paymentMode", paymentMode);
        cohort.put("warehouseId", "WH-BLR-1");
        for (String counter : CohortCounters.NAMES) {
            cohort.put(counter, 0);
        }
        for (String counts : CohortCounters.BY_NDR_REASON) {
            cohort.putObject(counts);
        }
    }

    /** The cohort of a tenant's shipments dispatched in an hour with a courier and payment mode. */
    static MetricDocuments cohort(String tenant, String hour, String courier, String paymentMode) {
        return new MetricDocuments(tenant, hour, courier, paymentMode);
    }

    /** Shipments delivered after the given minutes, at the first attempt. */
    MetricDocuments delivered(long... minutes) {
        for (long value : minutes) {
            add("shipments", 1);
            add("delivered", 1);
            add("firstAttemptDelivered", 1);
            turnarounds.add(value);
        }
        return this;
    }

    /** A shipment delivered after failed attempts with these reasons. */
    MetricDocuments deliveredAfterNdr(long minutes, String... reasons) {
        add("shipments", 1);
        add("delivered", 1);
        add("ndrShipments", 1);
        add("ndrDelivered", 1);
        attempts(reasons);
        countReason("ndrFirstReasonsDelivered", reasons[0]);
        turnarounds.add(minutes);
        return this;
    }

    /** A shipment returned to origin after failed attempts with these reasons. */
    MetricDocuments rto(String... reasons) {
        add("shipments", 1);
        add("rto", 1);
        if (reasons.length > 0) {
            add("ndrShipments", 1);
            add("ndrRto", 1);
            attempts(reasons);
        }
        return this;
    }

    /** Shipments still on their way, {@code stuck} of them alerted as stuck. */
    MetricDocuments open(int shipments, int stuck) {
        add("shipments", shipments);
        add("stuck", stuck);
        return this;
    }

    MetricDocuments with(String dimension, String value) {
        cohort.put(dimension, value);
        return this;
    }

    ObjectNode build() {
        ObjectNode document = cohort.deepCopy();
        if (!turnarounds.isEmpty()) {
            ArrayNode values = document.putArray("turnaroundMinutes");
            turnarounds.stream().sorted().forEach(values::add);
        }
        return document;
    }

    /** A deterministic id from the cohort's values. */
    static String idOf(ObjectNode cohort) {
        return String.join(
                "|",
                cohort.path("tenantId").asText(),
                cohort.path("hour").asText(),
                cohort.path("courier").asText(),
                cohort.path("pincode").asText(),
                cohort.path("paymentMode").asText(),
                cohort.path("channel").asText());
    }

    private void attempts(String... reasons) {
        add("ndrAttempts", reasons.length);
        for (String reason : reasons) {
            countReason("ndrReasons", reason);
        }
        countReason("ndrFirstReasons", reasons[0]);
    }

    private void countReason(String counts, String reason) {
        ObjectNode byReason = (ObjectNode) cohort.path(counts);
        byReason.put(reason, byReason.path(reason).asLong() + 1);
    }

    private void add(String counter, long amount) {
        cohort.put(counter, cohort.path(counter).asLong() + amount);
    }
}
