package io.ordertrack.connections;

import java.io.Serializable;

/**
 * A password or key that must never be printed: {@link #toString()} hides it, so a secret inside a
 * configuration record, a log line or an exception message shows as {@value #HIDDEN}. Only the
 * client that sends it calls {@link #reveal()}.
 */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What a secret prints as. */
    public static final String HIDDEN = "******";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps a secret value; it must not be empty. */
    public static Secret of(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        return new Secret(value);
    }

    /** The value itself, for the one place that sends it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return HIDDEN;
    }
}
