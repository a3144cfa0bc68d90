package io.ordertrack.api.orders;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.ordertrack.api.security.TenantScope;
import java.util.ArrayList;
import java.util.List;

/**
 * The Elasticsearch filters of an {@link OrderFilter}, the caller's tenant filter always among
 * them. User input only ever becomes the value of a {@code term}, {@code range} or {@code
 * match_bool_prefix} query (analysed as text), so it is never parsed as query syntax.
 */
final class OrderQueries {
    private static final int NATIONAL_PHONE_DIGITS = 10;

    private OrderQueries() {}

    static List<Query> filters(TenantScope scope, OrderFilter filter) {
        List<Query> filters = new ArrayList<>();
        scope.tenantId().ifPresent(tenant -> filters.add(term("tenantId", tenant)));
        filter.awb().ifPresent(v -> filters.add(term("awb", v)));
        filter.courier().ifPresent(v -> filters.add(term("courier", v)));
        filter.clientOrderId().ifPresent(v -> filters.add(term("clientOrderId.folded", v)));
        filter.customerName()
                .ifPresent(
                        v ->
                                filters.add(
                                        Query.of(
                                                q ->
                                                        q.matchBoolPrefix(
                                                                m ->
                                                                        m.field("customer.name")
                                                                                .query(v)
                                                                                .operator(
                                                                                        Operator
                                                                                                .And)))));
        filter.phone().ifPresent(v -> filters.add(term("customer.phone", nationalNumber(v))));
        filter.bucket().ifPresent(v -> filters.add(term("bucket", v)));
        filter.status().ifPresent(v -> filters.add(term("shipmentStatus", v)));
        filter.channel().ifPresent(v -> filters.add(term("channel", v)));
        filter.warehouseId().ifPresent(v -> filters.add(term("warehouseId", v)));
        filter.paymentMode().ifPresent(v -> filters.add(term("paymentMode", v)));
        filter.sku().ifPresent(v -> filters.add(term("skus", v)));
        filter.pincode().ifPresent(v -> filters.add(term("customer.address.pincode", v)));
        if (filter.placedFrom().isPresent() || filter.placedBefore().isPresent()) {
            filters.add(
                    Query.of(
                            q ->
                                    q.range(
                                            r ->
                                                    r.date(
                                                            d -> {
                                                                d.field("placedAt");
                                                                filter.placedFrom()
                                                                        .ifPresent(
                                                                                from ->
                                                                                        d.gte(
                                                                                                from
                                                                                                        .toString()));
                                                                filter.placedBefore()
                                                                        .ifPresent(
                                                                                to ->
                                                                                        d.lt(
                                                                                                to
                                                                                                        .toString()));
                                                                return d;
                                                            }))));
        }
        return filters;
    }

    static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
    }

    /** Orders keep the last ten digits of a phone; a search by a full number finds them too. */
    static String nationalNumber(String phone) {
        String digits = phone.replaceAll("\\D", "");
        return digits.length() <= NATIONAL_PHONE_DIGITS
                ? digits
                : digits.substring(digits.length() - NATIONAL_PHONE_DIGITS);
    }
}
