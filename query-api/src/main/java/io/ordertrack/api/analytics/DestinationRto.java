package io.ordertrack.api.analytics;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.ordertrack.api.elasticsearch.Filters;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.security.TenantScope;
import java.util.List;
import java.util.Optional;

/**
 * The RTO rate a seller's shipments to one PIN code with one payment mode had, per courier, from
 * the delivery analytics: what fulfilment routing tells alongside its warehouses, so that the
 * seller can pick the courier too.
 */
public final class DestinationRto {
    private static final int MIN_SAMPLE = 30;
    private static final int MAX_COURIERS = 100;

    private final CohortSearch cohorts;

    public DestinationRto(ElasticsearchClient client, String metricsIndex, SearchLimits limits) {
        this.cohorts = new CohortSearch(client, metricsIndex, limits);
    }

    /** Per courier: shipments that ended (delivered or RTO) and the RTO rate among them. */
    public List<CourierRto> byCourier(
            TenantScope scope, String tenantId, String pincode, String paymentMode) {
        List<Query> filters = Filters.ofScope(scope);
        filters.add(Filters.term(Dimension.TENANT.field, tenantId));
        filters.add(Filters.term(Dimension.PINCODE.field, pincode));
        filters.add(Filters.term(Dimension.PAYMENT_MODE.field, paymentMode));
        CohortSearch.Result result =
                cohorts.totals(
                        new CohortSearch.Request(
                                filters,
                                Optional.empty(),
                                List.of(Dimension.COURIER),
                                MAX_COURIERS,
                                Optional.empty()));
        return result.groups().stream()
                .map(
                        totals ->
                                new CourierRto(
                                        totals.group().get(Dimension.COURIER.parameter),
                                        totals.ended(),
                                        totals.rtoRate(MIN_SAMPLE)))
                .toList();
    }
}
