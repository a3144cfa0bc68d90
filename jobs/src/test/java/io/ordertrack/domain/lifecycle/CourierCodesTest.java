package io.ordertrack.domain.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.domain.lifecycle.CourierCodes.Meaning;
import java.time.Instant;
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
    void aScanMeansTheStatusItCarriesElseItsRawCodes() {
        TrackingScan.Builder scan =
                TrackingScan.newBuilder()
                        .setEventId("e-1")
                        .setEventTime(Instant.parse("2026-11-02T10:00:00Z"))
                        .setTenantId("acme")
                        .setCourier("BLUEDART")
                        .setAwb("1")
                        .setRawCode("000");
        assertThat(CODES.meaningOf(scan.build()))
                .contains(new Meaning(ShipmentStatus.DELIVERED, null));
        assertThat(CODES.meaningOf(scan.setStatus(ShipmentStatus.OUT_FOR_DELIVERY).build()))
                .contains(new Meaning(ShipmentStatus.OUT_FOR_DELIVERY, null));
        assertThat(CODES.meaningOf(scan.setStatus(null).setRawCode("NC-101").build())).isEmpty();
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
