package io.ordertrack.schemas;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which fields of ordertrack's records hold personal data, and how text bound for a log or a
 * terminal is masked. One home for the rule, used by the query API's logs and the dead-letters
 * command.
 *
 * <ul>
 *   <li>{@link #maskNumbers}: every run of six or more digits, also when split by single spaces or
 *       dashes as in {@code +91 98765-43210}, keeps only its first two and last two digits ({@code
 *       9876543210} → {@code 98******10}): phones, pincodes, any long number.
 *   <li>{@link #maskEmails}: an e-mail address keeps only its punctuation ({@code
 *       priya.s@example.com} → {@code *****.*@*******.***}).
 *   <li>{@link #isPersonalField}: the fields whose whole value is personal — the customer (name,
 *       phone, address), a customer's feedback comment and a courier's free text.
 * </ul>
 */
public final class PersonalData {
    private static final Pattern NUMBER = Pattern.compile("\\d(?:[ -]?\\d)+");
    private static final Pattern EMAIL =
            Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final int MIN_DIGITS = 6;
    private static final int KEPT_AT_EACH_END = 2;

    /**
     * Field names, in the Avro schemas and in the Elasticsearch documents, whose value is personal
     * as a whole: {@code customer} (OrderEvent details and order documents), {@code comment}
     * (feedback), {@code rawText} (a courier's scan text, which may name the recipient) and {@code
     * detail} (an order document's timeline, which carries that scan text).
     */
    private static final Set<String> PERSONAL_FIELDS =
            Set.of("customer", "comment", "rawText", "detail");

    private PersonalData() {}

    /** Whether a field of this name holds personal data as a whole, nested fields included. */
    public static boolean isPersonalField(String name) {
        return PERSONAL_FIELDS.contains(name);
    }

    /** The text with every long number masked (see the class comment); null stays null. */
    public static String maskNumbers(String text) {
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

    /** The text with every e-mail address reduced to its punctuation; null stays null. */
    public static String maskEmails(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = EMAIL.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(maskAll(matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * The text with every character but ASCII spaces and punctuation replaced by {@code *}: only
     * its length, spacing and punctuation stay, enough to see that a phone has nine digits or a
     * name is empty.
     */
    public static String maskAll(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(isKeptShape(c) ? c : '*'));
        return out.toString();
    }

    private static boolean isKeptShape(int c) {
        return c < 128 && !Character.isLetterOrDigit(c) && !Character.isISOControl(c);
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
}
