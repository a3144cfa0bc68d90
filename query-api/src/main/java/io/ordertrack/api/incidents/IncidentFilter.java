package io.ordertrack.api.incidents;

import java.time.Instant;
import java.util.Optional;

/**
 * Which incidents a page is about. Every field is optional and they all combine.
 *
 * @param type HUB_STALL or FEED_SILENT; both when empty
 * @param state OPEN or RESOLVED
 * @param courier the courier whose hub stalled or whose feed went silent
 * @param openedFrom detected at or after
 * @param openedBefore detected before
 */
public record IncidentFilter(
        Optional<String> type,
        Optional<String> state,
        Optional<String> courier,
        Optional<Instant> openedFrom,
        Optional<Instant> openedBefore) {}
