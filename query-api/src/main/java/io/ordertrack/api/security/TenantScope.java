package io.ordertrack.api.security;

import java.util.Objects;
import java.util.Optional;

/**
 * Whose data a caller may see: one tenant, or every tenant for an analyst or all-tenants key.
 * Repositories take a scope on every call and turn it into a {@code tenantId} filter.
 */
public final class TenantScope {
    private static final TenantScope ALL_TENANTS = new TenantScope(null);

    private final String tenantId;

    private TenantScope(String tenantId) {
        this.tenantId = tenantId;
    }

    /** The data of one tenant only. */
    public static TenantScope of(String tenantId) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (tenantId.isBlank()) {
            throw new IllegalArgumentException("tenantId must not be blank");
        }
        return new TenantScope(tenantId);
    }

    /** Every tenant's data: for analyst and all-tenants keys. */
    public static TenantScope allTenants() {
        return ALL_TENANTS;
    }

    /** The tenant to filter on, or empty for an analyst scope. */
    public Optional<String> tenantId() {
        return Optional.ofNullable(tenantId);
    }

    public boolean coversAllTenants() {
        return tenantId == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantScope other && Objects.equals(tenantId, other.tenantId);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(tenantId);
    }

    @Override
    public String toString() {
        return tenantId == null ? "*" : tenantId;
    }
}
