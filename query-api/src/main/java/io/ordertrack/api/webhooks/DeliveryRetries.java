package io.ordertrack.api.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a failed webhook delivery is tried again: after {@code firstBackoff}, doubling after each
 * failure up to {@code maxBackoff}, for {@code giveUpAfter} since it was first due (the last try at
 * that moment); then it is parked until the seller re-sends it.
 *
 * @param firstBackoff the wait after the first failure (default 5 s)
 * @param maxBackoff the longest wait between two tries (default 1 h)
 * @param giveUpAfter how long failures are tried again (default 24 h)
 */
public record DeliveryRetries(Duration firstBackoff, Duration maxBackoff, Duration giveUpAfter) {
    public static final DeliveryRetries DEFAULT =
            new DeliveryRetries(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(24));

    public DeliveryRetries {
        if (firstBackoff == null || firstBackoff.toMillis() < 1) {
            throw new IllegalArgumentException("the first backoff must be at least 1ms");
        }
        if (maxBackoff == null || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("the longest backoff must not be below the first");
        }
        if (giveUpAfter == null || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("the retry window must not be negative");
        }
    }

    /**
     * Reads {@code <first>,<max>,<giveUpAfter>}, each a whole number with {@code ms}, {@code s},
     * {@code m} or {@code h}, e.g. {@code 5s,1h,24h}.
     */
    public static DeliveryRetries parse(String text) {
        String[] parts = text.strip().split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException(
                    "retries are <first backoff>,<longest backoff>,<give up after>, e.g. 5s,1h,24h;"
                            + " got '"
                            + text
                            + "'");
        }
        return new DeliveryRetries(duration(parts[0]), duration(parts[1]), duration(parts[2]));
    }

    /** When a delivery first due at {@code firstDue} is due again, or empty: parked. */
    public Optional<Instant> nextAttempt(int failedAttempts, Instant failedAt, Instant firstDue) {
        Instant retryUntil = firstDue.plus(giveUpAfter);
        if (!failedAt.isBefore(retryUntil)) {
            return Optional.empty();
        }
        Instant next = failedAt.plus(backoff(failedAttempts));
        return Optional.of(next.isAfter(retryUntil) ? retryUntil : next);
    }

    private Duration backoff(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 40);
        Duration backoff = firstBackoff;
        for (int i = 0; i < doublings && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }

    private static Duration duration(String text) {
        String t = text.strip();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long amount = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "a duration is a whole number with ms, s, m or h, got '" + text + "'");
        }
    }
}
