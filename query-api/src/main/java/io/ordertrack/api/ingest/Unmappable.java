package io.ordertrack.api.ingest;

/**
 * A well-signed webhook that says nothing ordertrack can turn into an event (a field missing, a
 * courier it does not know, an event that would be invalid): kept in dead letters with this reason.
 */
public final class Unmappable extends Exception {
    Unmappable(String reason) {
        super(reason, null, false, false);
    }
}
