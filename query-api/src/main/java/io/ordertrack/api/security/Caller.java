package io.ordertrack.api.security;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who is calling: the role of the key, whose data it covers ({@code null} for a metrics key, which
 * covers no seller's data) and the key's hash (lowercase hex SHA-256, as configured). The whole
 * hash tells keys apart (rate limits are kept per hash, so no two keys ever share one); logs show
 * only its {@link #keyId()}.
 */
public record Caller(Role role, TenantScope scope, String keyHash) {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /** Hex digits of the hash shown in logs: enough to find the key, useless for guessing it. */
    private static final int KEY_ID_DIGITS = 8;

    public Caller {
        Objects.requireNonNull(role, "role");
        if (keyHash == null || !HASH.matcher(keyHash).matches()) {
            throw new IllegalArgumentException("a key hash is 64 lowercase hex digits");
        }
    }

    static Caller of(Role role, String tenantId, String keyHash) {
        return switch (role) {
            case TENANT -> new Caller(role, TenantScope.of(tenantId), keyHash);
            case ANALYST, ALL_TENANTS -> new Caller(role, TenantScope.allTenants(), keyHash);
            case METRICS -> new Caller(role, null, keyHash);
        };
    }

    /**
     * The key's id in logs: the first 8 hex digits of its hash. Two keys may share it; it never
     * identifies a key for anything but a person reading a log.
     */
    public String keyId() {
        return keyHash.substring(0, KEY_ID_DIGITS);
    }

    @Override
    public String toString() {
        return (role == Role.TENANT ? scope.toString() : role.marker()) + " key=" + keyId();
    }
}
