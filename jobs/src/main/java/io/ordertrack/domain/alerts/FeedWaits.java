package io.ordertrack.domain.alerts;

import io.ordertrack.avro.AlertType;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How long the SLA alerts wait for evidence before they page. A parcel is late only when the
 * courier's feed shows it: an SLA that falls due at T is decided once the courier's feed clock (the
 * latest scan time that courier has sent for the seller, {@link FeedClock}) has passed T, so a
 * courier whose scans come in delayed batches is not mistaken for a stuck parcel. A courier that
 * sends nothing is waited for at most {@code maxFeedWait}; the alert then opens, saying so. A
 * {@code grace} per alert type further waits for scans delayed on their own: the condition must
 * still hold as of T by what arrived up to T + grace.
 *
 * @param maxFeedWait longest wait for a courier feed that has not passed the due time
 * @param feedPoll how often a due time waiting for its courier's feed is looked at again
 * @param graces confirmation grace per alert type; absent types have none
 */
public record FeedWaits(Duration maxFeedWait, Duration feedPoll, Map<AlertType, Duration> graces)
        implements Serializable {
    public static final FeedWaits DEFAULT =
            new FeedWaits(Duration.ofHours(12), Duration.ofMinutes(15), Map.of());

    public FeedWaits {
        if (maxFeedWait.isNegative() || feedPoll.isNegative() || feedPoll.isZero()) {
            throw new IllegalArgumentException(
                    "the feed wait must be ≥ 0 and the feed poll interval > 0");
        }
        EnumMap<AlertType, Duration> copy = new EnumMap<>(AlertType.class);
        graces.forEach(
                (type, grace) -> {
                    if (grace.isNegative()) {
                        throw new IllegalArgumentException("the grace of " + type + " is < 0");
                    }
                    copy.put(type, grace);
                });
        graces = copy;
    }

    /** The confirmation grace of an alert type. */
    public Duration graceOf(AlertType type) {
        return graces.getOrDefault(type, Duration.ZERO);
    }

    /** The distinct graces of these alert types. */
    public List<Duration> gracesOf(Set<AlertType> types) {
        List<Duration> distinct = new ArrayList<>(types.size());
        for (AlertType type : types) {
            Duration grace = graceOf(type);
            if (!distinct.contains(grace)) {
                distinct.add(grace);
            }
        }
        return distinct;
    }

    /** The same waits with another grace for one alert type. */
    public FeedWaits withGrace(AlertType type, Duration grace) {
        EnumMap<AlertType, Duration> changed = new EnumMap<>(AlertType.class);
        changed.putAll(graces);
        changed.put(type, grace);
        return new FeedWaits(maxFeedWait, feedPoll, changed);
    }

    /**
     * Up to when an alert of this type may be decided at review time {@code review}: not beyond the
     * courier's feed clock {@code feedClock} (unless it has been waited for {@code maxFeedWait}),
     * nor within the type's grace of the review. An order with no courier yet has no feed to wait
     * for (pass the review time); a courier that has sent nothing for the seller yet has a clock of
     * {@link Instant#MIN}.
     */
    public Instant decidedUntil(AlertType type, Instant review, Instant feedClock) {
        Instant byFeed = feedClock.isAfter(review) ? review : feedClock;
        Instant waitedFor = review.minus(maxFeedWait);
        Instant byWait = byFeed.isBefore(waitedFor) ? waitedFor : byFeed;
        Instant byGrace = review.minus(graceOf(type));
        return byWait.isBefore(byGrace) ? byWait : byGrace;
    }
}
