package io.ordertrack.api.alerts;

import java.time.Instant;
import java.util.Optional;

/**
 * Which alerts a page or a count is about. Every field is optional and they all combine.
 *
 * @param type the alert type, e.g. OFD_NOT_DELIVERED
 * @param state OPEN or RESOLVED
 * @param severity the alert severity
 * @param orderId the order the alerts are about
 * @param openedFrom opened at or after
 * @param openedBefore opened before
 */
public record AlertFilter(
        Optional<String> type,
        Optional<String> state,
        Optional<String> severity,
        Optional<String> orderId,
        Optional<Instant> openedFrom,
        Optional<Instant> openedBefore) {}
