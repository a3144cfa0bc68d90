package io.ordertrack.schemas;

/** Bytes that are not a readable record of the expected type; the message says why. */
public final class UndecodableRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UndecodableRecordException(String reason) {
        super(reason);
    }
}
