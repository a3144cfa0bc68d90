package io.ordertrack.api.ndr;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ordertrack.avro.NdrActionType;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the body of {@code POST /api/orders/{orderId}/ndr-action} into an {@link NdrInstruction},
 * refusing anything it does not describe exactly, with the field at fault:
 *
 * <pre>
 * {"action": "REATTEMPT" | "RETURN",
 *  "reattemptOn": "2026-12-08",                        REATTEMPT only, tomorrow to 7 days ahead
 *  "customer": {"phone": "+91 98765-43210",            REATTEMPT only, phone and/or address
 *               "address": {"line1", "line2", "city", "state", "pincode"}}}
 * </pre>
 *
 * A field given as {@code null} is a field not given. Messages never repeat a value: they may be
 * logged by whoever reads the answer, and the values are the customer's phone and address.
 */
public final class NdrInstructionReader {
    /** The largest body read; a larger one is refused before it is read. */
    public static final int MAX_BODY_BYTES = 8 * 1024;

    /** How many days ahead a re-attempt may be asked for, counted from tomorrow in India. */
    static final int MAX_DAYS_AHEAD = 7;

    static final int MAX_ADDRESS_LINE = 200;
    static final int MAX_PLACE_NAME = 100;

    private static final int MAX_FIELD_NAME_SHOWN = 64;
    private static final List<String> FIELDS = List.of("action", "reattemptOn", "customer");
    private static final List<String> CUSTOMER_FIELDS = List.of("phone", "address");
    private static final List<String> ADDRESS_FIELDS =
            List.of("line1", "line2", "city", "state", "pincode");

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[ -]");
    private static final Pattern NATIONAL_MOBILE = Pattern.compile("[6-9]\\d{9}");
    private static final Pattern PINCODE = Pattern.compile("[1-9]\\d{5}");

    private static final ObjectMapper JSON =
            JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private NdrInstructionReader() {}

    /**
     * The instruction a body holds, as of {@code today} in India.
     *
     * @throws InvalidField naming the first field at fault
     */
    public static NdrInstruction read(byte[] body, LocalDate today) {
        JsonNode root = parse(body);
        knownFieldsOnly(root, "", FIELDS);
        NdrActionType action = action(root.get("action"));
        JsonNode reattemptOn = given(root, "reattemptOn");
        JsonNode customer = given(root, "customer");
        if (action == NdrActionType.RETURN) {
            for (String field : List.of("reattemptOn", "customer")) {
                if (given(root, field) != null) {
                    throw new InvalidField(field, field + " is only taken with REATTEMPT");
                }
            }
            return new NdrInstruction(action, null, null, null);
        }
        LocalDate on = reattemptOn == null ? null : reattemptOn(reattemptOn, today);
        if (customer == null) {
            return new NdrInstruction(action, on, null, null);
        }
        knownFieldsOnly(customer, "customer.", CUSTOMER_FIELDS);
        JsonNode phone = given(customer, "phone");
        JsonNode address = given(customer, "address");
        if (phone == null && address == null) {
            throw new InvalidField("customer", "customer must give a phone, an address or both");
        }
        return new NdrInstruction(
                action,
                on,
                phone == null ? null : mobile(phone),
                address == null ? null : address(address));
    }

    private static JsonNode parse(byte[] body) {
        // The parser's own message quotes the body: not repeated, see the class comment.
        String problem = "the body must be one JSON object, valid JSON with each field once";
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new InvalidField("body", problem);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidField("body", problem);
        }
        return root;
    }

    /**
     * Refuses a value that is not an object, or an object with a field not {@code known}; {@code
     * path} is the object's own path with a trailing dot, empty for the body.
     */
    private static void knownFieldsOnly(JsonNode object, String path, List<String> known) {
        if (!object.isObject()) {
            String field = path.isEmpty() ? "body" : path.substring(0, path.length() - 1);
            throw new InvalidField(field, field + " must be a JSON object");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                String shown =
                        path
                                + (name.length() > MAX_FIELD_NAME_SHOWN
                                        ? name.substring(0, MAX_FIELD_NAME_SHOWN) + "…"
                                        : name);
                throw new InvalidField(
                        shown,
                        "unknown field "
                                + shown
                                + "; "
                                + (path.isEmpty()
                                        ? "the body"
                                        : path.substring(0, path.length() - 1))
                                + " takes "
                                + String.join(", ", known));
            }
        }
    }

    /** The field's value, or null when it is absent or {@code null}. */
    private static JsonNode given(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static NdrActionType action(JsonNode action) {
        if (action == null || action.isNull()) {
            throw new InvalidField("action", "action is required: REATTEMPT or RETURN");
        }
        if (action.isTextual()) {
            for (NdrActionType type : NdrActionType.values()) {
                if (type.name().equals(action.textValue())) {
                    return type;
                }
            }
        }
        throw new InvalidField("action", "action must be REATTEMPT or RETURN");
    }

    private static LocalDate reattemptOn(JsonNode value, LocalDate today) {
        LocalDate first = today.plusDays(1);
        LocalDate last = today.plusDays(MAX_DAYS_AHEAD);
        String expected =
                "reattemptOn must be a date (YYYY-MM-DD) from "
                        + first
                        + " to "
                        + last
                        + ": tomorrow to "
                        + MAX_DAYS_AHEAD
                        + " days ahead in India";
        if (!value.isTextual() || !ISO_DATE.matcher(value.textValue()).matches()) {
            throw new InvalidField("reattemptOn", expected);
        }
        LocalDate on;
        try {
            on = LocalDate.parse(value.textValue());
        } catch (DateTimeParseException e) {
            throw new InvalidField("reattemptOn", expected);
        }
        if (on.isBefore(first) || on.isAfter(last)) {
            throw new InvalidField("reattemptOn", expected);
        }
        return on;
    }

    /**
     * An Indian mobile number as {@code +91XXXXXXXXXX}: ten digits starting with 6 to 9, written
     * alone or after +91, 91 or 0, with spaces and dashes anywhere.
     */
    private static String mobile(JsonNode value) {
        String field = "customer.phone";
        String expected =
                field
                        + " must be an Indian mobile number: 10 digits starting with 6-9,"
                        + " optionally after +91, 91 or 0";
        if (!value.isTextual()) {
            throw new InvalidField(field, expected);
        }
        String digits = PHONE_SEPARATORS.matcher(value.textValue()).replaceAll("");
        String national;
        if (digits.startsWith("+91")) {
            national = digits.substring(3);
        } else if (digits.length() == 12 && digits.startsWith("91")) {
            national = digits.substring(2);
        } else if (digits.length() == 11 && digits.startsWith("0")) {
            national = digits.substring(1);
        } else {
            national = digits;
        }
        if (!NATIONAL_MOBILE.matcher(national).matches()) {
            throw new InvalidField(field, expected);
        }
        return "+91" + national;
    }

    private static DeliveryAddress address(JsonNode address) {
        knownFieldsOnly(address, "customer.address.", ADDRESS_FIELDS);
        String path = "customer.address.";
        JsonNode line2 = given(address, "line2");
        return new DeliveryAddress(
                text(address, path + "line1", "line1", MAX_ADDRESS_LINE),
                line2 == null ? null : text(address, path + "line2", "line2", MAX_ADDRESS_LINE),
                text(address, path + "city", "city", MAX_PLACE_NAME),
                text(address, path + "state", "state", MAX_PLACE_NAME),
                pincode(given(address, "pincode")));
    }

    private static String pincode(JsonNode value) {
        String field = "customer.address.pincode";
        if (value == null) {
            throw new InvalidField(field, field + " is required");
        }
        if (!value.isTextual() || !PINCODE.matcher(value.textValue().strip()).matches()) {
            throw new InvalidField(field, field + " must be six digits, not starting with 0");
        }
        return value.textValue().strip();
    }

    /** A required text field, trimmed: 1 to {@code maxLength} characters, no control character. */
    private static String text(JsonNode object, String path, String field, int maxLength) {
        JsonNode value = given(object, field);
        if (value == null) {
            throw new InvalidField(path, path + " is required");
        }
        String problem = path + " must be text of 1 to " + maxLength + " characters";
        if (!value.isTextual()) {
            throw new InvalidField(path, problem);
        }
        String text = value.textValue().strip();
        int length = text.codePointCount(0, text.length());
        if (length == 0 || length > maxLength) {
            throw new InvalidField(path, problem);
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidField(path, path + " must not contain control characters");
        }
        return text;
    }
}
