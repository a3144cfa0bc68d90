package io.ordertrack.api.http;

import io.ordertrack.schemas.PersonalData;

/**
 * Masks phone numbers (and any other long number) in text bound for logs: every run of six or more
 * digits, also when split by single spaces or dashes as in {@code +91 98765-43210}, keeps only its
 * first two and last two digits ({@code 9876543210} → {@code 98******10}), by the rule of {@link
 * PersonalData#maskNumbers}.
 */
public final class LogMasking {
    private static final int MAX_CAUSES = 10;

    private LogMasking() {}

    public static String mask(String text) {
        return PersonalData.maskNumbers(text);
    }

    /**
     * A copy of a failure for logging: the same types' names, stack traces and causes, with every
     * message masked, so values echoed in exception messages (a phone number searched for, say)
     * never reach the log.
     */
    public static Throwable mask(Throwable failure) {
        return mask(failure, MAX_CAUSES);
    }

    private static Throwable mask(Throwable failure, int causesLeft) {
        MaskedFailure masked =
                new MaskedFailure(failure.getClass().getName() + ": " + mask(failure.getMessage()));
        masked.setStackTrace(failure.getStackTrace());
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure && causesLeft > 0) {
            masked.initCause(mask(cause, causesLeft - 1));
        }
        return masked;
    }

    private static final class MaskedFailure extends RuntimeException {
        MaskedFailure(String message) {
            super(message);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
