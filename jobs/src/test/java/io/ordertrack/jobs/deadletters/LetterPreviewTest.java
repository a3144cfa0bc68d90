package io.ordertrack.jobs.deadletters;

import static io.ordertrack.jobs.deadletters.Letters.EMAIL;
import static io.ordertrack.jobs.deadletters.Letters.NAME;
import static io.ordertrack.jobs.deadletters.Letters.STREET;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LetterPreviewTest {
    private static final int WIDE = 2_000;

    @Test
    void anInvalidOrderShowsItsIdsButOnlyTheShapeOfTheCustomer() {
        String preview =
                LetterPreview.ofValue(
                        Letters.encoded(Letters.placedWithoutWarehouse("1001")), WIDE);

        assertThat(preview)
                .startsWith("OrderEvent {")
                .contains("\"clientOrderId\":\"1001\"", "\"warehouseId\":\"\"", "KURTA-M")
                .contains("\"name\":\"***** ******\"", "\"phone\":\"+** *****-*****\"")
                .doesNotContain("Priya", "Sharma", "98765", "43210", "MG Road", "560001");
    }

    @Test
    void aFeedbackCommentIsMaskedWholeAndItsPhoneNeverShows() {
        String preview = LetterPreview.ofValue(Letters.encoded(Letters.feedback("1002")), WIDE);

        assertThat(preview)
                .contains("\"rating\":2", "\"comment\":\"**** ***** ** **********\"")
                .doesNotContain("Priya", "9876543210");
    }

    @Test
    void aRefusedDocumentShowsItsIdsAndNeitherTheCustomerNorAnEmailElsewhere() {
        String preview = LetterPreview.ofValue(Letters.orderDocument(), WIDE);

        assertThat(preview)
                .startsWith("JSON {\"orderId\":\"acme:SHOPIFY:1001\"")
                .doesNotContain(NAME, "Priya", STREET, "9876543210", "560001", EMAIL, "example");
    }

    @Test
    void freeTextKeepsOnlyItsShape() {
        String preview =
                LetterPreview.ofValue(
                        (NAME + ",9876543210," + STREET).getBytes(StandardCharsets.UTF_8), WIDE);

        assertThat(preview).isEqualTo("text ***** ******,**********,** ** ****");
    }

    @Test
    void bytesThatAreNeitherTextNorAvroAreNamedByTheirLengthOnly() {
        byte[] garbage = {0x00, (byte) 0xFF, 'P', 'r', 'i', 'y', 'a', 0x07};

        assertThat(LetterPreview.ofValue(garbage, WIDE)).isEqualTo("binary, 8 bytes");
    }

    @Test
    void avroOfAnUnknownSchemaIsNamedWithoutItsBody() {
        byte[] order = Letters.encoded(Letters.placedWithoutWarehouse("1001"));
        byte[] unknownWriter = order.clone();
        unknownWriter[5] ^= 0x5A;

        assertThat(LetterPreview.ofValue(unknownWriter, WIDE))
                .isEqualTo("Avro, " + order.length + " bytes, readable by no input schema");
    }

    @Test
    void aTruncatedAvroRecordShowsNothingOfItsBody() {
        byte[] order = Letters.encoded(Letters.placedWithoutWarehouse("1001"));
        byte[] cut = Arrays.copyOf(order, order.length / 2);

        assertThat(LetterPreview.ofValue(cut, WIDE))
                .isEqualTo("Avro, " + cut.length + " bytes, readable by no input schema");
    }

    @Test
    void aPreviewIsCutToTheLengthAskedAndSaysHowMuchIsLeft() {
        String preview =
                LetterPreview.ofValue(Letters.encoded(Letters.placedWithoutWarehouse("1001")), 40);

        assertThat(preview).startsWith("OrderEvent {").matches("(?s).{40}… \\(\\d+ more\\)");
    }

    @Test
    void aKeyIsShownWithItsLongNumbersMaskedAndOnOneLine() {
        assertThat(LetterPreview.ofKey("acme:9876543210\nx".getBytes(StandardCharsets.UTF_8), 80))
                .isEqualTo("acme:98******10 x");
        assertThat(LetterPreview.ofKey(null, 80)).isEqualTo("none");
        assertThat(LetterPreview.ofKey(new byte[] {0x01, (byte) 0xFE}, 80))
                .isEqualTo("binary, 2 bytes");
    }

    @Test
    void emptyAndMissingValuesAreSaidSo() {
        assertThat(LetterPreview.ofValue(new byte[0], WIDE)).isEqualTo("empty");
        assertThat(LetterPreview.ofValue(null, WIDE)).isEqualTo("null");
    }
}
