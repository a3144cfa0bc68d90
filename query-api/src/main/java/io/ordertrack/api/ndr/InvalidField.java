package io.ordertrack.api.ndr;

/** A request body refused: the field at fault (e.g. {@code customer.phone}) and why. */
public final class InvalidField extends IllegalArgumentException {
    private final String field;

    InvalidField(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The path of the field at fault, or {@code body} when the body as a whole is. */
    public String field() {
        return field;
    }
}
