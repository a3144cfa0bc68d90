package io.ordertrack.api.security;

/**
 * Who is calling: the role of the key, whose data it covers ({@code null} for a metrics key, which
 * covers no seller's data) and the key's id — the first 8 hex digits of its hash, enough to tell
 * keys apart in logs and rate limits, useless for guessing the key.
 */
public record Caller(Role role, TenantScope scope, String keyId) {
    static Caller of(Role role, String tenantId, String keyId) {
        return switch (role) {
            case TENANT -> new Caller(role, TenantScope.of(tenantId), keyId);
            case ANALYST, ALL_TENANTS -> new Caller(role, TenantScope.allTenants(), keyId);
            case METRICS -> new Caller(role, null, keyId);
        };
    }

    @Override
    public String toString() {
        return (role == Role.TENANT ? scope.toString() : role.marker()) + " key=" + keyId;
    }
}
