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
        // By hand, not with a regular expression: every order's key at the risk scorer asks.
        char[] digits = new char[written.length()];
        int count = 0;
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c >= '0' && c <= '9') {
                digits[count++] = c;
            }
        }
        int from = Math.max(0, count - NATIONAL_DIGITS);
        return new String(digits, from, count - from);
    }
}
