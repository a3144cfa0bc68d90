package io.ordertrack.api.orders;

import static io.ordertrack.api.elasticsearch.Filters.addRange;
import static io.ordertrack.api.elasticsearch.Filters.addTerm;

import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.ordertrack.api.elasticsearch.Filters;
import io.ordertrack.api.security.TenantScope;
import java.util.List;

/**
 * The Elasticsearch filters of an {@link OrderFilter}, the caller's tenant filter always among
 * them. The customer's name is matched as analysed text ({@code match_bool_prefix}), every other
 * value as a {@code term} or {@code range}; none is ever parsed as query syntax.
 */
final class OrderQueries {
    private static final int NATIONAL_PHONE_DIGITS = 10;

    private OrderQueries() {}

    static List<Query> filters(TenantScope scope, OrderFilter filter) {
        List<Query> filters = Filters.ofScope(scope);
        addTerm(filters, "awb", filter.awb());
        addTerm(filters, "courier", filter.courier());
        addTerm(filters, "clientOrderId.folded", filter.clientOrderId());
        filter.customerName()
                .ifPresent(
                        name ->
                                filters.add(
                                        Query.of(
                                                q ->
                                                        q.matchBoolPrefix(
                                                                m ->
                                                                        m.field("customer.name")
                                                                                .query(name)
                                                                                .operator(
                                                                                        Operator
                                                                                                .And)))));
        addTerm(filters, "customer.phone", filter.phone().map(OrderQueries::nationalNumber));
        addTerm(filters, "bucket", filter.bucket());
        addTerm(filters, "shipmentStatus", filter.status());
        addTerm(filters, "channel", filter.channel());
        addTerm(filters, "warehouseId", filter.warehouseId());
        addTerm(filters, "paymentMode", filter.paymentMode());
        addTerm(filters, "skus", filter.sku());
        addTerm(filters, "customer.address.pincode", filter.pincode());
        addRange(filters, "placedAt", filter.placedFrom(), filter.placedBefore());
        return filters;
    }

    /** Orders keep the last ten digits of a phone; a search by a full number finds them too. */
    static String nationalNumber(String phone) {
        String digits = phone.replaceAll("\\D", "");
        return digits.length() <= NATIONAL_PHONE_DIGITS
                ? digits
                : digits.substring(digits.length() - NATIONAL_PHONE_DIGITS);
    }
}
