package io.ordertrack.api.ndr;

import io.ordertrack.avro.NdrActionType;

/**
 * The answer to an NDR action both topics acknowledged.
 *
 * @param actionId the action's id, the event id on both topics: the same request gets the same
 * @param attempt the failed attempt it answers
 */
public record NdrActionAccepted(
        String actionId, String orderId, int attempt, NdrActionType action) {}
