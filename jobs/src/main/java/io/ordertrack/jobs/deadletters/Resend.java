package io.ordertrack.jobs.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The record of one re-send, kept in the re-sent topic ({@code <dead-letters topic>-resent}) with
 * the letter's id as key: which letter went where and when. It holds no part of the record itself,
 * so it may be kept for as long as an audit needs.
 *
 * @param letter the dead letter re-sent
 * @param topic the topic it was sent to: its source
 * @param partition where it landed
 * @param offset where it landed
 * @param at when it was sent
 */
public record Resend(LetterId letter, String topic, int partition, long offset, Instant at) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The header of a re-sent record naming the dead-letters topic it came back from. */
    public static final String FROM_TOPIC_HEADER = "dead-letter.topic";

    /** The header of a re-sent record naming its dead letter, {@code partition:offset}. */
    public static final String LETTER_HEADER = "dead-letter.id";

    /** The record key in the re-sent topic. */
    public byte[] key() {
        return letter.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The record value in the re-sent topic. */
    public byte[] value() {
        ObjectNode node = JSON.createObjectNode();
        node.put("letter", letter.toString());
        node.put("topic", topic);
        node.put("partition", partition);
        node.put("offset", offset);
        node.put("at", at.toString());
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a record value of the re-sent topic. */
    public static Resend fromValue(byte[] value) {
        try {
            JsonNode node = JSON.readTree(value);
            return new Resend(
                    LetterId.parse(node.path("letter").asText()),
                    node.path("topic").asText(),
                    node.path("partition").asInt(),
                    node.path("offset").asLong(),
                    Instant.parse(node.path("at").asText()));
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("not a re-send record: " + e.getMessage(), e);
        }
    }

    /** Where the record went: {@code orders/1@2040}, sent at. */
    public String describe() {
        return "at " + at + " to " + topic + "/" + partition + "@" + offset;
    }
}
