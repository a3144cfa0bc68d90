package io.ordertrack.api.elasticsearch;

/**
 * A count would hold more groups than any answer should: the API answers 400, naming the parameter
 * that filters the grouping field with the most values (when one does).
 */
public final class TooManyGroupsException extends RuntimeException {
    private final String parameter;

    /**
     * @param most the most groups a count may hold
     * @param parameter the query parameter that would narrow the selection most, or null
     * @param values how many values of that parameter's field the selection holds (at least)
     */
    public TooManyGroupsException(int most, String parameter, long values) {
        super(
                "The selection holds more than "
                        + most
                        + " groups; narrow it with filters"
                        + (parameter == null
                                ? ""
                                : ", e.g. " + parameter + " (at least " + values + " values)"));
        this.parameter = parameter;
    }

    /** The query parameter that would narrow the selection most, or null when none filters it. */
    public String parameter() {
        return parameter;
    }
}
