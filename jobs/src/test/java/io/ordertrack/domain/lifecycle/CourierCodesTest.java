package io.ordertrack.domain.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.domain.lifecycle.CourierCodes.Meaning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CourierCodesTest {
    private static final CourierCodes CODES = CourierCodes.bundled();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "DELHIVERY, EOD-38, DELIVERED,",
        "DELHIVERY, EOD-6, DELIVERY_FAILED, CUSTOMER_REFUSED",
        "BLUEDART, 000, DELIVERED,",
        "BLUEDART, 074, DELIVERY_FAILED, CUSTOMER_UNREACHABLE",
        "ECOM_EXPRESS, 777, RTO_INITIATED,",
        "XPRESSBEES, OFD, OUT_FOR_DELIVERY,",
        "SHADOWFAX, rts_d, RTO_DELIVERED,",
        "DTDC, NONDLV-IA, DELIVERY_FAILED, ADDRESS_INCOMPLETE",
    })
    void eachCouriersOwnCodeHasItsMeaning(
            String courier, String code, ShipmentStatus status, NdrReason reason) {
        assertThat(CODES.meaningOf(courier, code)).contains(new Meaning(status, reason));
    }

    @Test
    void theSameCodeMeansDifferentThingsForDifferentCouriers() {
        assertThat(CODES.meaningOf("ECOM_EXPRESS", "777"))
                .map(Meaning::status)
                .contains(ShipmentStatus.RTO_INITIATED);
        assertThat(CODES.meaningOf("BLUEDART", "777"))
                .map(Meaning::status)
                .contains(ShipmentStatus.COURIER_ERROR);
    }

    @Test
    void unknownCodesAndCouriersHaveNoMeaning() {
        assertThat(CODES.meaningOf("DELHIVERY", "ZX-42")).isEmpty();
        assertThat(CODES.meaningOf("NEW_COURIER", "DLV")).isEmpty();
    }

    @Test
    void courierNamesAreMatchedWhateverTheirCase() {
        assertThat(CODES.meaningOf("delhivery", "EOD-38")).isPresent();
    }
}
