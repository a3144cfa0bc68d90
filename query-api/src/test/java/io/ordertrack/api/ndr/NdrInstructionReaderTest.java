package io.ordertrack.api.ndr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ordertrack.avro.NdrActionType;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NdrInstructionReaderTest {
    /** The day the seller acts, in India: re-attempts may be asked for 6 to 12 December. */
    private static final LocalDate DECEMBER_5 = LocalDate.of(2026, 12, 5);

    private static final String ADDRESS =
            "{'line1': ' 14 Residency Road ', 'line2': 'Near the bus stand', 'city': 'Bengaluru',"
                    + " 'state': 'Karnataka', 'pincode': '560025'}";

    @Test
    void aReattemptWithNewContactDetailsIsReadInItsCanonicalForm() {
        NdrInstruction instruction =
                read(
                        "{'action': 'REATTEMPT', 'reattemptOn': '2026-12-07', 'customer':"
                                + " {'phone': '+91 98765-43210', 'address': "
                                + ADDRESS
                                + "}}");

        assertThat(instruction)
                .isEqualTo(
                        new NdrInstruction(
                                NdrActionType.REATTEMPT,
                                LocalDate.of(2026, 12, 7),
                                "+919876543210",
                                new DeliveryAddress(
                                        "14 Residency Road",
                                        "Near the bus stand",
                                        "Bengaluru",
                                        "Karnataka",
                                        "560025")));
    }

    @Test
    void aBareReattemptOrReturnNeedsNothingButTheAction() {
        assertThat(read("{'action': 'REATTEMPT'}"))
                .isEqualTo(new NdrInstruction(NdrActionType.REATTEMPT, null, null, null));
        assertThat(read("{'action': 'RETURN', 'reattemptOn': null, 'customer': null}"))
                .as("a field given as null is a field not given")
                .isEqualTo(new NdrInstruction(NdrActionType.RETURN, null, null, null));
    }

    @Test
    void aPhoneOrAnAddressAloneIsANewContactDetail() {
        assertThat(read("{'action': 'REATTEMPT', 'customer': {'phone': '6000000000'}}"))
                .isEqualTo(
                        new NdrInstruction(NdrActionType.REATTEMPT, null, "+916000000000", null));
        NdrInstruction moved =
                read(
                        "{'action': 'REATTEMPT', 'customer': {'address': {'line1': 'Flat 2',"
                            + " 'city': 'Pune', 'state': 'Maharashtra', 'pincode': '411001'}}}");
        assertThat(moved.phone()).isNull();
        assertThat(moved.address())
                .isEqualTo(new DeliveryAddress("Flat 2", null, "Pune", "Maharashtra", "411001"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "9876543210",
                "+919876543210",
                "+91 98765 43210",
                "+91-98765-43210",
                "919876543210",
                "09876543210",
                " 98765 43210 "
            })
    void everyUsualWayOfWritingAMobileIsTheSameNumber(String written) {
        assertThat(phoneOf(written)).isEqualTo("+919876543210");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "5876543210",
                "987654321",
                "98765432101",
                "+1 9876543210",
                "+9109876543210",
                "0091 9876543210",
                "(987) 654-3210",
                "98765x43210",
                "९८७६५४३२१०",
                ""
            })
    void aNumberThatIsNotAnIndianMobileIsRefusedWithoutBeingRepeated(String written) {
        InvalidField refusal =
                refusal(
                        "{'action': 'REATTEMPT', 'customer': {'phone': '"
                                + written.replace("'", "")
                                + "'}}");

        assertThat(refusal.field()).isEqualTo("customer.phone");
        assertThat(refusal.getMessage())
                .contains("Indian mobile number")
                .doesNotContain("987654", "876543");
    }

    @Test
    void aPhoneMustBeText() {
        assertThat(refusal("{'action': 'REATTEMPT', 'customer': {'phone': 9876543210}}").field())
                .isEqualTo("customer.phone");
    }

    @ParameterizedTest
    @CsvSource({"2026-12-06", "2026-12-12"})
    void aReattemptMayBeAskedForFromTomorrowToSevenDaysAhead(String day) {
        assertThat(read("{'action': 'REATTEMPT', 'reattemptOn': '" + day + "'}").reattemptOn())
                .isEqualTo(LocalDate.parse(day));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "'2026-12-05'",
                "'2026-12-04'",
                "'2026-12-13'",
                "'2027-12-07'",
                "'2026-12-7'",
                "'07-12-2026'",
                "'2026-02-30'",
                "'+2026-12-07'",
                "'2026-12-07T10:00:00Z'",
                "20261207",
                "{}"
            })
    void anyOtherDayOrDateFormatIsRefusedNamingTheDaysThatAreTaken(String day) {
        InvalidField refusal = refusal("{'action': 'REATTEMPT', 'reattemptOn': " + day + "}");

        assertThat(refusal.field()).isEqualTo("reattemptOn");
        assertThat(refusal.getMessage()).contains("from 2026-12-06 to 2026-12-12");
    }

    @Test
    void aReturnTakesNothingButItsAction() {
        assertThat(refusal("{'action': 'RETURN', 'reattemptOn': '2026-12-07'}").field())
                .isEqualTo("reattemptOn");
        InvalidField withCustomer =
                refusal("{'action': 'RETURN', 'customer': {'phone': '9876543210'}}");
        assertThat(withCustomer.field()).isEqualTo("customer");
        assertThat(withCustomer.getMessage()).isEqualTo("customer is only taken with REATTEMPT");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{'action': 'REATTEMPT', 'note': 'call first'}|note",
                "{'action': 'REATTEMPT', 'customer': {'email': 'a@b.in'}}|customer.email",
                "{'action': 'REATTEMPT', 'customer': {'address': {'zip': '560025'}}}"
                        + "|customer.address.zip"
            })
    void anUnknownFieldIsRefusedByItsPath(String body, String field) {
        InvalidField refusal = refusal(body);

        assertThat(refusal.field()).isEqualTo(field);
        assertThat(refusal.getMessage()).startsWith("unknown field " + field + ";");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{'action': null}",
                "{'action': 'reattempt'}",
                "{'action': 'RTO'}",
                "{'action': 1}",
                "{'action': ['RETURN']}"
            })
    void theActionIsRequiredAndOneOfTwo(String body) {
        InvalidField refusal = refusal(body);

        assertThat(refusal.field()).isEqualTo("action");
        assertThat(refusal.getMessage()).contains("REATTEMPT or RETURN");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "action=RETURN",
                "[{'action': 'RETURN'}]",
                "'RETURN'",
                "{'action': 'RETURN'} {'action': 'RETURN'}",
                "{'action': 'RETURN', 'action': 'REATTEMPT'}",
                "{'action': 'RETURN'"
            })
    void aBodyThatIsNotOneJsonObjectIsRefusedAsAWhole(String body) {
        assertThat(refusal(body).field()).isEqualTo("body");
    }

    @Test
    void aCustomerMustBeAnObjectWithAPhoneOrAnAddress() {
        assertThat(refusal("{'action': 'REATTEMPT', 'customer': {}}").field())
                .isEqualTo("customer");
        assertThat(refusal("{'action': 'REATTEMPT', 'customer': {'phone': null}}").field())
                .isEqualTo("customer");
        assertThat(refusal("{'action': 'REATTEMPT', 'customer': '9876543210'}").field())
                .isEqualTo("customer");
        assertThat(refusal("{'action': 'REATTEMPT', 'customer': {'address': 'MG Road'}}").field())
                .isEqualTo("customer.address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"060001", "56002", "5600251", "56002A", " ", "560 025"})
    void aPincodeIsSixDigitsNotStartingWithZero(String pincode) {
        InvalidField refusal = refusal(withAddressField("pincode", "'" + pincode + "'"));

        assertThat(refusal.field()).isEqualTo("customer.address.pincode");
        assertThat(refusal.getMessage()).contains("six digits, not starting with 0");
    }

    @Test
    void aPincodeMustBeText() {
        assertThat(refusal(withAddressField("pincode", "560025")).field())
                .isEqualTo("customer.address.pincode");
    }

    @Test
    void addressLinesTakeUpTo200CharactersAndPlacesUpTo100InAnyScript() {
        String hindi = "मकान १४, रेजीडेंसी रोड ".repeat(10).substring(0, 200);
        assertThat(read(withAddressField("line1", "'" + hindi + "'")).address().line1())
                .isEqualTo(hindi.strip());
        assertThat(read(withAddressField("city", "'" + "ब".repeat(100) + "'")).address().city())
                .hasSize(100);

        assertThat(refusal(withAddressField("line1", "'" + "x".repeat(201) + "'")).field())
                .isEqualTo("customer.address.line1");
        assertThat(refusal(withAddressField("line2", "'" + "x".repeat(201) + "'")).field())
                .isEqualTo("customer.address.line2");
        assertThat(refusal(withAddressField("city", "'" + "x".repeat(101) + "'")).field())
                .isEqualTo("customer.address.city");
        assertThat(refusal(withAddressField("state", "'" + "x".repeat(101) + "'")).field())
                .isEqualTo("customer.address.state");
    }

    @Test
    void requiredAddressFieldsMustHoldText() {
        InvalidField blank = refusal(withAddressField("line1", "'   '"));
        assertThat(blank.field()).isEqualTo("customer.address.line1");
        assertThat(blank.getMessage()).contains("1 to 200 characters");

        InvalidField missing =
                refusal(
                        "{'action': 'REATTEMPT', 'customer': {'address': {'line1': 'Flat 2',"
                                + " 'city': 'Pune', 'pincode': '411001'}}}");
        assertThat(missing.field()).isEqualTo("customer.address.state");
        assertThat(missing.getMessage()).isEqualTo("customer.address.state is required");

        InvalidField control = refusal(withAddressField("city", "'Pune\\u0000'"));
        assertThat(control.field()).isEqualTo("customer.address.city");
        assertThat(control.getMessage()).doesNotContain("Pune");

        assertThat(refusal(withAddressField("line2", "42")).field())
                .isEqualTo("customer.address.line2");
    }

    /** A re-attempt to {@link #ADDRESS} with one of its fields written as {@code json}. */
    private static String withAddressField(String field, String json) {
        String address =
                ADDRESS.replaceFirst(
                        "'" + field + "': '[^']*'",
                        Matcher.quoteReplacement("'" + field + "': " + json));
        return "{'action': 'REATTEMPT', 'customer': {'address': " + address + "}}";
    }

    private static String phoneOf(String written) {
        return read("{'action': 'REATTEMPT', 'customer': {'phone': '" + written + "'}}").phone();
    }

    private static NdrInstruction read(String singleQuotedJson) {
        return NdrInstructionReader.read(bytes(singleQuotedJson), DECEMBER_5);
    }

    private static InvalidField refusal(String singleQuotedJson) {
        return catchThrowableOfType(
                InvalidField.class,
                () -> NdrInstructionReader.read(bytes(singleQuotedJson), DECEMBER_5));
    }

    private static byte[] bytes(String singleQuotedJson) {
        return singleQuotedJson.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }
}
