package io.ordertrack.domain.input;

/**
 * Indian mobile numbers as customers and channels write them: "+91 98765-43210", "09876543210" and
 * "9876543210" are one number. Orders store, and searches compare, the last ten digits.
 */
public final class PhoneNumbers {
    private static final int NATIONAL_DIGITS = 10;

    private PhoneNumbers() {}

    /**
     * The national ten-digit form, or the digits as written when fewer than ten (never invented).
     */
    public static String normalise(String written) {
        if (written == null) {
            return null;
        }
        String digits = written.replaceAll("\\D", "");
        return digits.length() <= NATIONAL_DIGITS
                ? digits
                : digits.substring(digits.length() - NATIONAL_DIGITS);
    }
}
