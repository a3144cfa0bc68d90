package io.ordertrack.domain.documents;

import io.ordertrack.avro.CohortMetrics;
import io.ordertrack.avro.ShipmentCohort;
import io.ordertrack.domain.analytics.ShipmentMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics of one cohort of shipments, as indexed into the {@code order-metrics} index (id =
 * {@link ShipmentMetrics#cohortId}). Field names are those of {@link
 * io.ordertrack.documents.Index#ORDER_METRICS}; the turnaround is an Elasticsearch histogram field,
 * which the percentiles aggregation merges across cohorts.
 */
public record MetricDocument(
        String tenantId,
        Instant hour,
        String courier,
        String pincode,
        String state,
        String city,
        String channel,
        String paymentMode,
        String warehouseId,
        long shipments,
        long delivered,
        long rto,
        long lost,
        long ndrShipments,
        long ndrDelivered,
        long ndrRto,
        long ndrAttempts,
        Map<String, Long> ndrReasons,
        Map<String, Long> ndrFirstReasons,
        Map<String, Long> ndrFirstReasonsDelivered,
        long firstAttemptDelivered,
        long stuck,
        long courierErrors,
        List<Long> turnaroundMinutes) {

    public static MetricDocument of(CohortMetrics metrics) {
        ShipmentCohort cohort = metrics.getCohort();
        return new MetricDocument(
                cohort.getTenantId(),
                cohort.getHour(),
                cohort.getCourier(),
                cohort.getPincode(),
                cohort.getState(),
                cohort.getCity(),
                cohort.getChannel(),
                cohort.getPaymentMode().name(),
                cohort.getWarehouseId(),
                metrics.getShipments(),
                metrics.getDelivered(),
                metrics.getRto(),
                metrics.getLost(),
                metrics.getNdrShipments(),
                metrics.getNdrDelivered(),
                metrics.getNdrRto(),
                metrics.getNdrAttempts(),
                new TreeMap<>(metrics.getNdrReasons()),
                new TreeMap<>(metrics.getNdrFirstReasons()),
                new TreeMap<>(metrics.getNdrFirstReasonsDelivered()),
                metrics.getFirstAttemptDelivered(),
                metrics.getStuck(),
                metrics.getCourierErrors(),
                metrics.getTurnaroundMinutes().isEmpty()
                        ? null
                        : List.copyOf(metrics.getTurnaroundMinutes()));
    }
}
