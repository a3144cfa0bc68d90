package io.ordertrack.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

    @Test
    void aPhoneKeepsOnlyItsFirstAndLastTwoDigitsHoweverItIsWritten() {
        assertThat(PersonalData.maskNumbers("phone=9876543210")).isEqualTo("phone=98******10");
        assertThat(PersonalData.maskNumbers("+91 98765-43210")).isEqualTo("+91 *****-***10");
    }

    @Test
    void shortNumbersAreKept() {
        assertThat(PersonalData.maskNumbers("3 items, 12345 ms")).isEqualTo("3 items, 12345 ms");
    }

    @Test
    void anEmailKeepsOnlyItsPunctuation() {
        assertThat(PersonalData.maskEmails("mail priya.s+1@example.co.in now"))
                .isEqualTo("mail *****.*+*@*******.**.** now");
    }

    @Test
    void maskingAllKeepsTheShapeButNoLetterOrDigit() {
        assertThat(PersonalData.maskAll("12/B, MG Road")).isEqualTo("**/*, ** ****");
        assertThat(PersonalData.maskAll("प्रिया")).isEqualTo("******");
    }

    @Test
    void theCustomerAndFreeTextFieldsArePersonalAndIdsAreNot() {
        assertThat(PersonalData.isPersonalField("customer")).isTrue();
        assertThat(PersonalData.isPersonalField("comment")).isTrue();
        assertThat(PersonalData.isPersonalField("rawText")).isTrue();
        assertThat(PersonalData.isPersonalField("awb")).isFalse();
        assertThat(PersonalData.isPersonalField("sku")).isFalse();
    }

    @Test
    void nullStaysNull() {
        assertThat(PersonalData.maskNumbers(null)).isNull();
        assertThat(PersonalData.maskEmails(null)).isNull();
        assertThat(PersonalData.maskAll(null)).isNull();
    }
}
