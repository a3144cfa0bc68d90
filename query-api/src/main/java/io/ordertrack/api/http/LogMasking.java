package io.ordertrack.api.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks phone numbers (and any other long number) in text bound for logs: every run of six or more
 * digits, also when split by single spaces or dashes as in {@code +91 98765-43210}, keeps only its
 * first two and last two digits ({@code 9876543210} → {@code 98******10}).
 */
public final class LogMasking {
    private static final Pattern NUMBER = Pattern.compile("\\d(?:[ -]?\\d)+");
    private static final int MIN_DIGITS = 6;
    private static final int KEPT_AT_EACH_END = 2;
    private static final int MAX_CAUSES = 10;

    private LogMasking() {}

    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = NUMBER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(maskNumber(matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String maskNumber(String number) {
        long digits = number.chars().filter(Character::isDigit).count();
        if (digits < MIN_DIGITS) {
            return number;
        }
        StringBuilder masked = new StringBuilder(number.length());
        int seen = 0;
        for (char c : number.toCharArray()) {
            if (!Character.isDigit(c)) {
                masked.append(c);
                continue;
            }
            seen++;
            boolean kept = seen <= KEPT_AT_EACH_END || seen > digits - KEPT_AT_EACH_END;
            masked.append(kept ? c : '*');
        }
        return masked.toString();
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
