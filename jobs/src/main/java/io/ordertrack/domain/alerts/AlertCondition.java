package io.ordertrack.domain.alerts;

import io.ordertrack.avro.AlertSeverity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Why an alert's condition holds, and how bad it is.
 *
 * @param since when the condition began, by the events' times; null for "as of the change"
 * @param endedAt when it stopped holding, for a condition the job learns of only once it is over (a
 *     failed delivery reported after the parcel was delivered): the alert is then kept as resolved,
 *     with its true times; null while it holds
 */
public record AlertCondition(
        AlertSeverity severity, List<String> reasons, Instant since, Instant endedAt) {

    /** A condition holding as of the change that finds it. */
    public AlertCondition(AlertSeverity severity, List<String> reasons) {
        this(severity, reasons, null, null);
    }

    /** A condition holding since {@code since}. */
    public static AlertCondition since(AlertSeverity severity, String reason, Instant since) {
        return new AlertCondition(severity, List.of(reason), since, null);
    }

    /** The same condition, over at {@code endedAt}. */
    public AlertCondition endedAt(Instant endedAt) {
        return new AlertCondition(severity, reasons, since, endedAt);
    }

    /** The same condition with one more reason. */
    public AlertCondition because(String reason) {
        List<String> more = new ArrayList<>(reasons);
        more.add(reason);
        return new AlertCondition(severity, List.copyOf(more), since, endedAt);
    }
}
