package io.ordertrack.api.elasticsearch;

/** A count would hold more groups than any answer should: the API answers 400. */
public final class TooManyGroupsException extends RuntimeException {
    public TooManyGroupsException(int most) {
        super("The selection holds more than " + most + " groups; narrow it with filters");
    }
}
