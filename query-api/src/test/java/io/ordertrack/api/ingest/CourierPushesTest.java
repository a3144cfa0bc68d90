package io.ordertrack.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.api.ingest.PushFormat.SourceKind;
import io.ordertrack.avro.ScanLocation;
import io.ordertrack.avro.TrackingScan;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CourierPushesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = PushSignaturesTest.ACME_SECRET;
    private static final IngestSources SOURCES =
            IngestSources.parse(
                    "courier delhivery delhivery acme "
                            + SECRET
                            + "\ncourier shiprocket scan-list acme "
                            + SECRET);
    private static final IngestSource DELHIVERY =
            SOURCES.of(SourceKind.COURIER, "delhivery").get(0);
    private static final IngestSource SHIPROCKET =
            SOURCES.of(SourceKind.COURIER, "shiprocket").get(0);

    /** Modelled on Delhivery's shipment status push. */
    static final String DELHIVERY_PUSH =
            """
            {"Shipment": {"Status": {"Status": "In Transit",
                                     "StatusDateTime": "2026-12-06T13:40:12.767",
                                     "StatusType": "UD",
                                     "StatusLocation": "Chandigarh_Raiprkln_C (Chandigarh)",
                                     "Instructions": "Shipment Received at Facility"},
                          "PickUpDate": "2026-12-05T17:10:42.767",
                          "NSLCode": "X-DLO2F", "Sortcode": "IXC/MDP",
                          "ReferenceNo": "SO-1001", "AWB": "1490810000123"}}
            """;

    /** Modelled on an aggregator's (Shiprocket's) tracking push. */
    static final String SCAN_LIST_PUSH =
            """
            {"awb": 19041211125783, "courier_name": "Delhivery Surface",
             "current_status": "IN TRANSIT", "order_id": "1373900_150876814",
             "scans": [
               {"date": "2026-12-05 11:59:16", "status": "X-UCI",
                "activity": "Manifested - Manifest uploaded",
                "location": "Chomu_SamodRd_D (Rajasthan)", "sr-status": "5"},
               {"date": "2026-12-06 09:02:41", "status": "X-DLO2F",
                "activity": "In Transit - Shipment Received at Facility",
                "location": "Jaipur_Hub (Rajasthan)", "sr-status": "18"}]}
            """;

    @Test
    void aDelhiveryPushIsOneScanWithTheWebhooksIdAndTheCouriersOwnCode() throws Exception {
        List<TrackingScan> scans =
                CourierPushes.scansOf(DELHIVERY, "wh_delhivery_1", JSON.readTree(DELHIVERY_PUSH));

        assertThat(scans)
                .containsExactly(
                        TrackingScan.newBuilder()
                                .setEventId("wh_delhivery_1")
                                // Delhivery's times are Indian, without an offset.
                                .setEventTime(Instant.parse("2026-12-06T08:10:12.767Z"))
                                .setTenantId("acme")
                                .setCourier("DELHIVERY")
                                .setAwb("1490810000123")
                                .setStatus(null)
                                .setNdrReason(null)
                                .setRawCode("X-DLO2F")
                                .setRawText("Shipment Received at Facility")
                                .setLocation(
                                        new ScanLocation(
                                                "Chandigarh_Raiprkln_C (Chandigarh)",
                                                "Chandigarh",
                                                null))
                                .build());
    }

    @Test
    void aScanListIsEveryScanOfTheNamedCourierEachWithAnIdOfWhatItSays() throws Exception {
        List<TrackingScan> scans =
                CourierPushes.scansOf(SHIPROCKET, "wh_sr_1", JSON.readTree(SCAN_LIST_PUSH));

        assertThat(scans)
                .extracting(
                        TrackingScan::getCourier,
                        TrackingScan::getAwb,
                        TrackingScan::getRawCode,
                        TrackingScan::getEventTime)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "DELHIVERY",
                                "19041211125783",
                                "X-UCI",
                                Instant.parse("2026-12-05T06:29:16Z")),
                        org.assertj.core.groups.Tuple.tuple(
                                "DELHIVERY",
                                "19041211125783",
                                "X-DLO2F",
                                Instant.parse("2026-12-06T03:32:41Z")));
        assertThat(scans.get(1).getLocation().getCity()).isEqualTo("Rajasthan");

        // The next push repeats the first scans under another webhook id: the same events.
        JsonNode later = JSON.readTree(SCAN_LIST_PUSH);
        ((com.fasterxml.jackson.databind.node.ArrayNode) later.get("scans"))
                .addObject()
                .put("date", "2026-12-07 10:00:00")
                .put("status", "X-DDD3FD")
                .put("location", "Jaipur_Mansarovar_DC (Rajasthan)");
        List<TrackingScan> again = CourierPushes.scansOf(SHIPROCKET, "wh_sr_2", later);
        assertThat(again.subList(0, 2))
                .extracting(TrackingScan::getEventId)
                .containsExactlyElementsOf(scans.stream().map(TrackingScan::getEventId).toList());
        assertThat(again.get(2).getEventId())
                .startsWith("scan-")
                .isNotIn(scans.get(0).getEventId(), scans.get(1).getEventId());
    }

    @Test
    void aCourierNoTableKnowsOrAMissingFieldIsUnmappableWithTheReason() {
        assertThatThrownBy(
                        () ->
                                CourierPushes.scansOf(
                                        SHIPROCKET,
                                        "wh_sr_3",
                                        JSON.readTree(
                                                SCAN_LIST_PUSH.replace(
                                                        "Delhivery Surface", "Pigeon Post"))))
                .isInstanceOf(Unmappable.class)
                .hasMessageContaining("'Pigeon Post' is not one ordertrack has codes for");
        assertThatThrownBy(
                        () ->
                                CourierPushes.scansOf(
                                        DELHIVERY,
                                        "wh_d_2",
                                        JSON.readTree(
                                                DELHIVERY_PUSH.replace("\"AWB\"", "\"Awb\""))))
                .isInstanceOf(Unmappable.class)
                .hasMessage("AWB is missing");
        assertThatThrownBy(
                        () ->
                                CourierPushes.scansOf(
                                        DELHIVERY,
                                        "wh_d_3",
                                        JSON.readTree(
                                                DELHIVERY_PUSH.replace(
                                                        "2026-12-06T13:40:12.767", "yesterday"))))
                .isInstanceOf(Unmappable.class)
                .hasMessage("StatusDateTime is not a date and time: yesterday");
    }
}
