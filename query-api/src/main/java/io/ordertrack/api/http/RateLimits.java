package io.ordertrack.api.http;

import io.ordertrack.api.security.Role;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How many requests a second each key of a role may make, and how many at once after a pause (its
 * burst); a role may be unlimited.
 *
 * <p>Written {@code role=perSecond:burst} or {@code role=off}, comma-separated, roles as in the key
 * configuration ({@code tenant}, {@code analyst}, {@code metrics}, {@code all-tenants}); roles not
 * named keep their default.
 */
public final class RateLimits {
    /** One role's limit. */
    public record Limit(double perSecond, int burst) {
        public Limit {
            if (!(perSecond > 0) || burst < 1) {
                throw new IllegalArgumentException("a rate must be > 0 a second and a burst ≥ 1");
            }
        }

        /**
         * {@code perSecond:burst} ({@code 50:100}), or {@code perSecond} alone with a burst of a
         * second's worth.
         */
        public static Limit parse(String text) {
            String[] parts = text.split(":", 2);
            try {
                return new Limit(
                        Double.parseDouble(parts[0]),
                        parts.length == 2
                                ? Integer.parseInt(parts[1])
                                : (int) Math.ceil(Double.parseDouble(parts[0])));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "expected perSecond:burst (e.g. 50:100) or off, got '" + text + "'");
            }
        }

        @Override
        public String toString() {
            String rate =
                    perSecond == Math.rint(perSecond)
                            ? String.valueOf((long) perSecond)
                            : String.valueOf(perSecond);
            return rate + " requests a second, " + burst + " at once";
        }
    }

    private final Map<Role, Limit> limits;

    private RateLimits(Map<Role, Limit> limits) {
        this.limits = Map.copyOf(limits);
    }

    /** A seller 50 a second (100 at once), an analyst 10 (20), a metrics scraper 2 (10). */
    public static RateLimits defaults() {
        Map<Role, Limit> limits = new EnumMap<>(Role.class);
        limits.put(Role.TENANT, new Limit(50, 100));
        limits.put(Role.ANALYST, new Limit(10, 20));
        limits.put(Role.METRICS, new Limit(2, 10));
        limits.put(Role.ALL_TENANTS, new Limit(50, 100));
        return new RateLimits(limits);
    }

    /** No limit for any role. */
    public static RateLimits none() {
        return new RateLimits(Map.of());
    }

    /** The defaults changed by {@code text} (see the class comment); 'off' lifts a limit. */
    public static RateLimits parse(String text) {
        Map<Role, Limit> limits = new EnumMap<>(Role.class);
        limits.putAll(defaults().limits);
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] roleAndLimit = entry.strip().split("=", 2);
            Role role = roleNamed(roleAndLimit[0].strip());
            if (roleAndLimit.length != 2) {
                throw new IllegalArgumentException(
                        "rate limit of "
                                + roleAndLimit[0].strip()
                                + ": expected role=perSecond:burst");
            }
            String limit = roleAndLimit[1].strip();
            if (limit.equalsIgnoreCase("off")) {
                limits.remove(role);
            } else {
                limits.put(role, limitOf(roleAndLimit[0].strip(), limit));
            }
        }
        return new RateLimits(limits);
    }

    /** The limit of a role's keys, or empty when they are not limited. */
    public Optional<Limit> of(Role role) {
        return Optional.ofNullable(limits.get(role));
    }

    private static Role roleNamed(String name) {
        for (Role role : Role.values()) {
            if (role.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException(
                "rate limit for an unknown role '"
                        + name
                        + "': one of tenant, analyst, metrics, all-tenants");
    }

    private static Limit limitOf(String role, String text) {
        try {
            return Limit.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "rate limit of " + role + ": expected perSecond:burst (e.g. 50:100) or off");
        }
    }

    @Override
    public String toString() {
        return "RateLimits" + limits;
    }
}
