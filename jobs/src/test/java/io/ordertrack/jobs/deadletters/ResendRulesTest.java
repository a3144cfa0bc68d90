package io.ordertrack.jobs.deadletters;

import static io.ordertrack.jobs.deadletters.Letters.NOON;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.jobs.ingest.DecodingDeserializer;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResendRulesTest {
    private static final Set<String> TOPICS = Set.of("orders", "tracking", "dead-letters");
    private static final byte[] ORDER = Letters.encoded(Letters.placedWithoutWarehouse("1001"));
    private static final StoredLetter INVALID_ORDER =
            Letters.letter(0, 17, NOON, "orders", "invalid: warehouseId is blank", ORDER);

    @Test
    void aLetterFromAnInputTopicThatWasNeverReSentMayBe() {
        assertThat(ResendRules.refusal(INVALID_ORDER, Map.of(), TOPICS)).isEmpty();
    }

    @Test
    void aLetterAlreadyReSentIsRefusedSayingWhenAndWhere() {
        Resend earlier = new Resend(INVALID_ORDER.id(), "orders", 1, 2040, NOON);

        assertThat(ResendRules.refusal(INVALID_ORDER, Map.of(INVALID_ORDER.id(), earlier), TOPICS))
                .contains("already re-sent at 2026-12-03T12:00:00Z to orders/1@2040");
    }

    @Test
    void aDocumentElasticsearchRefusedCannotGoBackToKafka() {
        StoredLetter document =
                Letters.letter(
                        0,
                        18,
                        NOON,
                        "elasticsearch/orders",
                        "400 mapper_parsing_exception",
                        Letters.orderDocument());

        assertThat(ResendRules.refusal(document, Map.of(), TOPICS).orElseThrow())
                .contains("Elasticsearch refused (elasticsearch/orders)")
                .contains("cannot be re-sent to Kafka");
    }

    @Test
    void aLetterWhoseSourceTopicIsGoneOrUnnamedIsRefused() {
        StoredLetter gone = Letters.letter(0, 19, NOON, "orders-v0", "invalid: x", ORDER);
        StoredLetter unnamed = Letters.letter(0, 20, NOON, null, "invalid: x", ORDER);

        assertThat(ResendRules.refusal(gone, Map.of(), TOPICS))
                .contains("its source topic orders-v0 does not exist on this cluster");
        assertThat(ResendRules.refusal(unnamed, Map.of(), TOPICS).orElseThrow())
                .contains("names no source topic");
    }

    @Test
    void aLetterThatMayHoldOnlyTheStartOfItsRecordIsRefusedNamingWhereTheWholeOneIs() {
        StoredLetter cut =
                Letters.letter(
                        1,
                        21,
                        NOON,
                        "orders",
                        "record of 3145728 bytes is larger than record.max-bytes 1048576 (the"
                                + " letter keeps the first 262144 of its 3145728 bytes)",
                        new byte[DecodingDeserializer.DEAD_LETTER_BYTES]);

        assertThat(ResendRules.refusal(cut, Map.of(), TOPICS).orElseThrow())
                .contains("may hold only the first 262144 bytes")
                .contains("from orders/0@21");
    }
}
