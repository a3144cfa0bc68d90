package io.ordertrack.api.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a key may do. A key of a seller reads that seller's data; the other roles are named in the
 * key configuration by a marker in place of a tenant id.
 */
public enum Role {
    /** One seller's orders, alerts, stock and aggregates, and acting on its orders. */
    TENANT(null, EnumSet.of(Access.AGGREGATES, Access.SELLER_DATA, Access.SELLER_ACTIONS)),
    /**
     * Aggregates across sellers (analytics, counts, scorecards): no order documents, no customer
     * fields.
     */
    ANALYST("*analyst", EnumSet.of(Access.AGGREGATES)),
    /** {@code /metrics} (and the public {@code /health}) only: a Prometheus scraper's key. */
    METRICS("*metrics", EnumSet.of(Access.METRICS)),
    /**
     * Everything of every seller, acting on its orders and metrics included: only where configured
     * explicitly.
     */
    ALL_TENANTS(
            "*all-tenants",
            EnumSet.complementOf(EnumSet.of(Access.SIGNED_PUSH, Access.PARCEL_TRACKING)));

    /** The marker naming the role in the key configuration; null for a seller's key. */
    final String marker;

    private final Set<Access> allowed;

    Role(String marker, Set<Access> allowed) {
        this.marker = marker;
        this.allowed = allowed;
    }

    public boolean may(Access access) {
        return access == Access.PUBLIC || allowed.contains(access);
    }

    public String marker() {
        return marker;
    }

    static Optional<Role> ofMarker(String marker) {
        return Arrays.stream(values()).filter(r -> marker.equals(r.marker)).findFirst();
    }
}
