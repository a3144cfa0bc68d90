package io.ordertrack.jobs.deadletters;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.PersonalData;
import io.ordertrack.schemas.UndecodableRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * What a dead letter's key or value holds, safe to print: personal data masked, never raw bytes,
 * never longer than asked.
 *
 * <ul>
 *   <li>An input record the job's schemas read ({@link OrderEvent}, {@link TrackingScan}, {@link
 *       InventoryEvent}, also when it was refused as invalid) and a JSON document (what
 *       Elasticsearch refused) are shown as JSON with the personal fields' values ({@link
 *       PersonalData#isPersonalField}) reduced to their shape.
 *   <li>Other text is reduced to its shape as a whole: its spacing and punctuation only.
 *   <li>Anything else is named with its length only.
 * </ul>
 *
 * Whatever is shown then has its long numbers (phones, pincodes) and e-mail addresses masked.
 */
public final class LetterPreview {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<AvroCodec<?>> INPUTS =
            List.of(
                    AvroCodec.of(OrderEvent.class),
                    AvroCodec.of(TrackingScan.class),
                    AvroCodec.of(InventoryEvent.class));

    /** Avro single-object encoding's marker; never valid UTF-8, so no text starts with it. */
    private static final byte[] AVRO_MARKER = {(byte) 0xC3, 0x01};

    private LetterPreview() {}

    /** A record value's preview, at most {@code maxChars} characters long. */
    public static String ofValue(byte[] value, int maxChars) {
        return capped(masked(describe(value)), maxChars);
    }

    /**
     * A record key's preview, at most {@code maxChars} characters long: keys are ids (order ids,
     * AWBs, SKUs), shown as text with their long numbers masked.
     */
    public static String ofKey(byte[] key, int maxChars) {
        if (key == null) {
            return "none";
        }
        String text = text(key);
        return text == null
                ? "binary, " + key.length + " bytes"
                : capped(masked(text).replaceAll("[\\t\\n\\r]", " "), maxChars);
    }

    private static String describe(byte[] value) {
        if (value == null) {
            return "null";
        }
        if (value.length == 0) {
            return "empty";
        }
        if (value.length > 1 && value[0] == AVRO_MARKER[0] && value[1] == AVRO_MARKER[1]) {
            for (AvroCodec<?> codec : INPUTS) {
                try {
                    Object record = codec.decode(value);
                    return codec.schema().getName() + " " + render(personalMasked(tree(record)));
                } catch (UndecodableRecordException e) {
                    // Not this schema's, or not readable as it: try the next input schema.
                }
            }
            return "Avro, " + value.length + " bytes, readable by no input schema";
        }
        String text = text(value);
        if (text == null) {
            return "binary, " + value.length + " bytes";
        }
        JsonNode json = jsonOf(text);
        return json == null
                ? "text " + PersonalData.maskAll(text)
                : "JSON " + render(personalMasked(json));
    }

    private static JsonNode jsonOf(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isContainerNode() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** An Avro record as a JSON tree: records as objects, logical types as their text. */
    private static JsonNode tree(Object datum) {
        if (datum == null) {
            return NODES.nullNode();
        }
        if (datum instanceof IndexedRecord record) {
            ObjectNode object = NODES.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                object.set(field.name(), tree(record.get(field.pos())));
            }
            return object;
        }
        if (datum instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(tree(item)));
            return array;
        }
        if (datum instanceof Map<?, ?> entries) {
            ObjectNode object = NODES.objectNode();
            entries.forEach((k, v) -> object.set(String.valueOf(k), tree(v)));
            return object;
        }
        if (datum instanceof Number || datum instanceof Boolean) {
            return JSON.valueToTree(datum);
        }
        if (datum instanceof ByteBuffer bytes) {
            return NODES.textNode(bytes.remaining() + " bytes");
        }
        return NODES.textNode(datum.toString());
    }

    /** The tree with every personal field's value, nested ones included, reduced to its shape. */
    private static JsonNode personalMasked(JsonNode node) {
        if (node.isObject()) {
            ObjectNode masked = NODES.objectNode();
            node.fields()
                    .forEachRemaining(
                            field ->
                                    masked.set(
                                            field.getKey(),
                                            PersonalData.isPersonalField(field.getKey())
                                                    ? shapeOnly(field.getValue())
                                                    : personalMasked(field.getValue())));
            return masked;
        }
        if (node.isArray()) {
            ArrayNode masked = NODES.arrayNode();
            node.forEach(item -> masked.add(personalMasked(item)));
            return masked;
        }
        return node;
    }

    private static JsonNode shapeOnly(JsonNode node) {
        if (node.isObject()) {
            ObjectNode masked = NODES.objectNode();
            node.fields()
                    .forEachRemaining(
                            field -> masked.set(field.getKey(), shapeOnly(field.getValue())));
            return masked;
        }
        if (node.isArray()) {
            ArrayNode masked = NODES.arrayNode();
            node.forEach(item -> masked.add(shapeOnly(item)));
            return masked;
        }
        return node.isNull() ? node : NODES.textNode(PersonalData.maskAll(node.asText()));
    }

    private static String render(JsonNode node) {
        return node.toString();
    }

    private static String masked(String text) {
        return PersonalData.maskEmails(PersonalData.maskNumbers(text));
    }

    /** The bytes as text when they are UTF-8 without control characters but tabs and newlines. */
    private static String text(byte[] bytes) {
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        boolean printable =
                text.chars()
                        .allMatch(
                                c ->
                                        !Character.isISOControl(c)
                                                || c == '\t'
                                                || c == '\n'
                                                || c == '\r');
        return printable ? text : null;
    }

    private static String capped(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        return text.substring(0, maxChars) + "… (" + (text.length() - maxChars) + " more)";
    }
}
