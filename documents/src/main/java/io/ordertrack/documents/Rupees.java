package io.ordertrack.documents;

/**
 * Amounts in rupees as Indians write them: 1,23,456 or 1,198.50 (thousands, then lakhs, crores).
 */
public final class Rupees {
    private Rupees() {}

    /** An amount of paise in rupees, in Indian grouping, with paise only when there are any. */
    public static String of(long paise) {
        String whole = Long.toString(paise / 100);
        StringBuilder grouped = new StringBuilder();
        // The last three digits, and pairs before them (thousands, lakhs, crores).
        int head = Math.max(0, whole.length() - 3);
        for (int i = 0; i < head; i++) {
            if (i > 0 && (head - i) % 2 == 0) {
                grouped.append(',');
            }
            grouped.append(whole.charAt(i));
        }
        if (head > 0) {
            grouped.append(',');
        }
        grouped.append(whole, head, whole.length());
        long fraction = paise % 100;
        return grouped + (fraction == 0 ? "" : String.format(".%02d", fraction));
    }
}
