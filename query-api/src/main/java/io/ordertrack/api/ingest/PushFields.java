package io.ordertrack.api.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertrack.documents.SellersTime;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** Reading a webhook's fields, each problem an {@link Unmappable} naming the field. */
final class PushFields {
    /**
     * An Indian local time, as couriers send them: {@code 2026-12-06T10:15:00[.123]} or with a
     * space.
     */
    private static final DateTimeFormatter LOCAL_TIME =
            new DateTimeFormatterBuilder()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .optionalStart()
                    .appendLiteral('T')
                    .optionalEnd()
                    .optionalStart()
                    .appendLiteral(' ')
                    .optionalEnd()
                    .appendPattern("HH:mm:ss")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
                    .optionalEnd()
                    .toFormatter();

    private PushFields() {}

    /** The object at {@code field}. */
    static JsonNode object(JsonNode node, String field) throws Unmappable {
        JsonNode value = node.path(field);
        if (!value.isObject()) {
            throw new Unmappable(field + " is missing or not an object");
        }
        return value;
    }

    /** The non-empty array at {@code field}. */
    static JsonNode array(JsonNode node, String field) throws Unmappable {
        JsonNode value = node.path(field);
        if (!value.isArray() || value.isEmpty()) {
            throw new Unmappable(field + " is missing or not a non-empty array");
        }
        return value;
    }

    /** The text (or number, as text) at {@code field}; never blank. */
    static String required(JsonNode node, String field) throws Unmappable {
        String value = optional(node, field);
        if (value == null) {
            throw new Unmappable(field + " is missing");
        }
        return value;
    }

    /** The text (or number, as text) at {@code field}, or null when absent, null or blank. */
    static String optional(JsonNode node, String field) throws Unmappable {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw new Unmappable(field + " is not text");
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    /** A whole number at {@code field}, as a number or as text. */
    static int wholeNumber(JsonNode node, String field) throws Unmappable {
        String text = required(node, field);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new Unmappable(field + " is not a whole number: " + text);
        }
    }

    /** An amount in rupees ({@code "599.00"}) as paise. */
    static long paise(JsonNode node, String field) throws Unmappable {
        String text = required(node, field);
        try {
            return new BigDecimal(text).movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Unmappable(field + " is not an amount in rupees and paise: " + text);
        }
    }

    /** A time with its offset ({@code 2026-12-06T10:15:00+05:30}) or, without one, in India. */
    static Instant time(JsonNode node, String field) throws Unmappable {
        String text = required(node, field);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text, LOCAL_TIME).atZone(SellersTime.ZONE).toInstant();
            } catch (DateTimeParseException e) {
                throw new Unmappable(field + " is not a date and time: " + text);
            }
        }
    }
}
