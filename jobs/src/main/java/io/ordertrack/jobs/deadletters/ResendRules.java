package io.ordertrack.jobs.deadletters;

import io.ordertrack.jobs.ingest.DecodingDeserializer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a dead letter may be sent back to its source topic, and if not, why. A letter is sent
 * back at most once; a document Elasticsearch refused has no Kafka topic to go back to; a letter
 * that may hold only the first bytes of its record would send a cut record.
 */
public final class ResendRules {
    private ResendRules() {}

    /**
     * Why a letter must not be re-sent, or empty when it may.
     *
     * @param letter the letter
     * @param resent the letters already re-sent, by id
     * @param topics the topics of the cluster
     */
    public static Optional<String> refusal(
            StoredLetter letter, Map<LetterId, Resend> resent, Set<String> topics) {
        Resend earlier = resent.get(letter.id());
        if (earlier != null) {
            return Optional.of("already re-sent " + earlier.describe());
        }
        if (letter.sourceTopic() == null) {
            return Optional.of("it names no source topic (no source.topic header)");
        }
        if (letter.fromElasticsearch()) {
            return Optional.of(
                    "it is a document Elasticsearch refused ("
                            + letter.sourceTopic()
                            + "), not a Kafka record: it cannot be re-sent to Kafka. Fix the"
                            + " cause; the job writes the document again with the order's next"
                            + " event, or replay the order's events");
        }
        if (!topics.contains(letter.sourceTopic())) {
            return Optional.of(
                    "its source topic " + letter.sourceTopic() + " does not exist on this cluster");
        }
        if (mayBeCut(letter.key()) || mayBeCut(letter.value())) {
            return Optional.of(
                    "it may hold only the first "
                            + DecodingDeserializer.DEAD_LETTER_BYTES
                            + " bytes of its record: re-send the whole record from "
                            + letter.source());
        }
        return Optional.empty();
    }

    private static boolean mayBeCut(byte[] bytes) {
        return bytes != null && bytes.length >= DecodingDeserializer.DEAD_LETTER_BYTES;
    }
}
