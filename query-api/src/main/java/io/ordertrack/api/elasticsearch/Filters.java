package io.ordertrack.api.elasticsearch;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.ordertrack.api.security.TenantScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The building blocks of every filter the API sends: the caller's tenant first, then user values
 * only ever as the value of a {@code term} or {@code range} query, never as query syntax.
 */
public final class Filters {
    private Filters() {}

    /** A new list of filters holding the caller's tenant filter (none for an analyst). */
    public static List<Query> ofScope(TenantScope scope) {
        List<Query> filters = new ArrayList<>();
        scope.tenantId().ifPresent(tenant -> filters.add(term("tenantId", tenant)));
        return filters;
    }

    public static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
    }

    /** Adds a term filter when the value is present. */
    public static void addTerm(List<Query> filters, String field, Optional<String> value) {
        value.ifPresent(v -> filters.add(term(field, v)));
    }

    /** Adds a time range filter (from inclusive, before exclusive) when either end is present. */
    public static void addRange(
            List<Query> filters, String field, Optional<Instant> from, Optional<Instant> before) {
        if (from.isEmpty() && before.isEmpty()) {
            return;
        }
        filters.add(
                Query.of(
                        q ->
                                q.range(
                                        r ->
                                                r.date(
                                                        d -> {
                                                            d.field(field);
                                                            from.ifPresent(
                                                                    t -> d.gte(t.toString()));
                                                            before.ifPresent(
                                                                    t -> d.lt(t.toString()));
                                                            return d;
                                                        }))));
    }
}
