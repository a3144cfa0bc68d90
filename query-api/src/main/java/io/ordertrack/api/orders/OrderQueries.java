package io.ordertrack.api.orders;

import static io.ordertrack.api.elasticsearch.Filters.addRange;
import static io.ordertrack.api.elasticsearch.Filters.addTerm;

import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.ordertrack.api.elasticsearch.Filters;
import io.ordertrack.api.security.TenantScope;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Elasticsearch filters of an {@link OrderFilter}, the caller's tenant filter always among
 * them. The customer's name is matched as analysed text ({@code match_bool_prefix}), every other
 * value as a {@code term} or {@code range}; none is ever parsed as query syntax. The search box
 * ({@code q}) is the same queries on the identifying fields, any one matching.
 */
public final class OrderQueries {
    private static final int NATIONAL_PHONE_DIGITS = 10;

    /** The fewest digits a phone search takes: fewer would match too many customers. */
    static final int MIN_PHONE_DIGITS = 6;

    private static final Pattern PHONE_LIKE = Pattern.compile("[+\\d\\s().-]+");

    private OrderQueries() {}

    public static List<Query> filters(TenantScope scope, OrderFilter filter) {
        List<Query> filters = Filters.ofScope(scope);
        filter.query().ifPresent(text -> filters.add(anyIdentity(text)));
        addTerm(filters, "awb", filter.awb());
        addTerm(filters, "courier", filter.courier());
        addTerm(filters, "clientOrderId.folded", filter.clientOrderId());
        filter.customerName().ifPresent(name -> filters.add(customerName(name)));
        addTerm(filters, "customer.phone", filter.phone().map(OrderQueries::nationalNumber));
        addTerm(filters, "bucket", filter.bucket());
        addTerm(filters, "storeStage", filter.storeStage());
        addTerm(filters, "shipmentStatus", filter.status());
        addTerm(filters, "channel", filter.channel());
        addTerm(filters, "warehouseId", filter.warehouseId());
        addTerm(filters, "paymentMode", filter.paymentMode());
        addTerm(filters, "skus", filter.sku());
        addTerm(filters, "customer.address.pincode", filter.pincode());
        addRange(filters, "placedAt", filter.placedFrom(), filter.placedBefore());
        return filters;
    }

    /**
     * The orders one search box's text identifies: its AWB, client order id (any case) or customer
     * name, or its customer's phone when the text is written like a phone number.
     */
    static Query anyIdentity(String text) {
        List<Query> identities = new ArrayList<>();
        identities.add(Filters.term("awb", text));
        identities.add(Filters.term("clientOrderId.folded", text));
        identities.add(customerName(text));
        if (PHONE_LIKE.matcher(text).matches()
                && nationalNumber(text).length() >= MIN_PHONE_DIGITS) {
            identities.add(Filters.term("customer.phone", nationalNumber(text)));
        }
        return Query.of(q -> q.bool(b -> b.should(identities).minimumShouldMatch("1")));
    }

    private static Query customerName(String name) {
        return Query.of(
                q ->
                        q.matchBoolPrefix(
                                m -> m.field("customer.name").query(name).operator(Operator.And)));
    }

    /** Orders keep the last ten digits of a phone; a search by a full number finds them too. */
    static String nationalNumber(String phone) {
        String digits = phone.replaceAll("\\D", "");
        return digits.length() <= NATIONAL_PHONE_DIGITS
                ? digits
                : digits.substring(digits.length() - NATIONAL_PHONE_DIGITS);
    }
}
