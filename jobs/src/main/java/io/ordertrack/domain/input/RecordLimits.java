package io.ordertrack.domain.input;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the job accepts from a producer before it looks at an event's content: records up to a size,
 * and event times that can be true.
 *
 * <p>An event time far ahead of the clock (a producer sending microseconds as milliseconds) would
 * drive the watermark years ahead: every SLA and retention timer of every order would fire at once,
 * opening alerts for all open orders and clearing their state. One before the floor (seconds sent
 * as milliseconds land in January 1970) is as wrong. Both are refused with the reason, and a
 * refused record never moves the watermark.
 *
 * @param maxRecordBytes records larger than this are refused unread
 * @param maxFuture how far ahead of the wall clock at reading an event time may be
 * @param earliestEventTime event times before this are refused
 */
public record RecordLimits(int maxRecordBytes, Duration maxFuture, Instant earliestEventTime)
        implements Serializable {
    /** 1 MiB records; 15 minutes of clock skew; nothing before 2000. */
    public static final RecordLimits DEFAULT =
            new RecordLimits(
                    1 << 20, Duration.ofMinutes(15), Instant.parse("2000-01-01T00:00:00Z"));

    /** Why a record of this many bytes is refused, or empty. */
    public Optional<String> sizeProblem(int recordBytes) {
        return recordBytes > maxRecordBytes
                ? Optional.of(
                        "record of "
                                + recordBytes
                                + " bytes is larger than record.max-bytes "
                                + maxRecordBytes)
                : Optional.empty();
    }

    /** Why an event time is refused when read at {@code now}, or empty. */
    public Optional<String> eventTimeProblem(Instant eventTime, Instant now) {
        if (eventTime.isAfter(now.plus(maxFuture))) {
            return Optional.of(
                    "event time "
                            + eventTime
                            + " is "
                            + Duration.between(now, eventTime).toMinutes()
                            + " min ahead of the clock (event.max-future "
                            + maxFuture
                            + ")");
        }
        if (eventTime.isBefore(earliestEventTime)) {
            return Optional.of(
                    "event time " + eventTime + " is before event.min-time " + earliestEventTime);
        }
        return Optional.empty();
    }
}
