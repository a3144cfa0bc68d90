package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.avro.Remittance;
import io.ordertrack.avro.RemittanceLine;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.local.SampleOrders.Destination;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cash on delivery end to end: COD orders delivered through the order and tracking topics, a
 * courier's remittances through the remittances topic, the job on a Flink MiniCluster, and each
 * parcel's cash in the real Elasticsearch cod index — paid, short, paid for a parcel that owed
 * none, overdue past the courier's cycle and settled by a later remittance, a remittance sent twice
 * counted once, an invalid one in dead letters with its reason.
 */
class CodRemittanceIT {
    @RegisterExtension static final MiniClusterExtension FLINK = TestFlink.cluster();

    private static final String ACME = "acme-fashion";
    private static final String ACME_KEY = ApiKeys.newKey();
    private static final Instant PLACED_AT = Instant.parse("2026-11-10T04:30:00Z");
    private static final Instant DELIVERED_AT = at(45);
    private static final Destination PUNE =
            new Destination(
                    "Anita Desai", "+91 98220-12345", "7 FC Road", "Pune", "Maharashtra", "411004");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningSystem system;
    private static EventPublisher publisher;
    private static ElasticsearchClients elasticsearch;

    @BeforeAll
    static void startTheSystem() throws Exception {
        system =
                RunningSystem.start(
                        "cod-" + Long.toString(System.currentTimeMillis(), 36),
                        Map.of(ACME, ACME_KEY));
        publisher =
                new EventPublisher(
                        RunningSystem.kafkaBootstrapServers(), system.orders, system.tracking);
        elasticsearch = ElasticsearchClients.create(RunningSystem.elasticsearchUrl());
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        publisher.close();
        elasticsearch.close();
        system.close();
    }

    @Test
    void everyCodParcelsCashIsReconciledWithItsCouriersRemittances() throws Exception {
        deliver("5001", "DL5001", 159_800, PaymentMode.COD);
        deliver("5002", "DL5002", 249_900, PaymentMode.COD);
        deliver("5003", "DL5003", 99_900, PaymentMode.PREPAID);
        Remittance first =
                remittance(
                        "UTR-1",
                        DELIVERED_AT.plus(Duration.ofDays(3)),
                        new RemittanceLine("DL5001", 159_800L),
                        new RemittanceLine("DL5002", 100_000L),
                        new RemittanceLine("DL5003", 99_900L));
        publisher.publish(first, system.remittances);
        publisher.publish(first, system.remittances);
        publisher.publish(
                remittance(
                        "UTR-BAD",
                        DELIVERED_AT.plus(Duration.ofDays(3)),
                        new RemittanceLine("DL5001", -500L)),
                system.remittances);
        publisher.flush();

        Map<String, JsonNode> parcels =
                awaitParcels(
                        p ->
                                p.size() == 3
                                        && "REMITTED".equals(state(p, "DL5001"))
                                        && "SHORT".equals(state(p, "DL5002")));
        assertThat(parcels.get("DL5001").path("remittedPaise").asLong()).isEqualTo(159_800);
        assertThat(parcels.get("DL5001").path("orderId").asText())
                .isEqualTo(ACME + ":SHOPIFY:5001");
        assertThat(parcels.get("DL5002").path("remittedPaise").asLong())
                .as("the same remittance sent twice counts once")
                .isEqualTo(100_000);
        assertThat(parcels.get("DL5002").path("outstandingPaise").asLong()).isEqualTo(149_900);
        assertThat(parcels.get("DL5002").path("differencePaise").asLong()).isEqualTo(-149_900);
        assertThat(parcels.get("DL5003").path("state").asText()).isEqualTo("NOT_DELIVERED");
        assertThat(parcels.get("DL5003").has("expectedPaise")).as("no delivery known").isFalse();
        assertThat(
                        DeadLetters.awaitByKey(
                                RunningSystem.kafkaBootstrapServers(), system.deadLetters, 1))
                .hasEntrySatisfying(
                        ACME + ":DELHIVERY:UTR-BAD",
                        letter ->
                                assertThat(letter.reason())
                                        .contains("line DL5001 remits -500 paise"));

        // Event time moves past the courier's 7-day cycle and the day's grace for its report: the
        // short parcel is overdue.
        publisher.publish(
                SampleOrders.order(ACME, "shopify", "5999")
                        .placed(
                                at(45 + 24 * 9),
                                PUNE,
                                "KURTA-M",
                                1,
                                79_900,
                                PaymentMode.COD,
                                "WH-PNQ-1"));
        publisher.flush();
        JsonNode opened = awaitOverdueAlert("OPEN");
        assertThat(opened.path("orderId").asText()).isEqualTo(ACME + ":SHOPIFY:5002");
        assertThat(opened.path("reasons").get(0).asText())
                .contains("₹2,499 collected on delivery")
                .contains("had remitted ₹1,000");
        assertThat(
                        awaitParcels(
                                p ->
                                        p.containsKey("DL5002")
                                                && p.get("DL5002").path("overdue").asBoolean()))
                .hasSize(3);

        publisher.publish(
                remittance(
                        "UTR-2",
                        DELIVERED_AT.plus(Duration.ofDays(10)),
                        new RemittanceLine("DL5002", 149_900L)),
                system.remittances);
        publisher.flush();

        JsonNode settled =
                awaitParcels(
                                p ->
                                        "REMITTED".equals(state(p, "DL5002"))
                                                && !p.get("DL5002").path("overdue").asBoolean())
                        .get("DL5002");
        assertThat(settled.path("remittances").findValuesAsText("remittanceId"))
                .containsExactly("UTR-1", "UTR-2");
        assertThat(awaitOverdueAlert("RESOLVED").path("alertId").asText())
                .isEqualTo(opened.path("alertId").asText());
    }

    private static void deliver(String clientOrderId, String awb, long paise, PaymentMode payment)
            throws Exception {
        SampleOrders order = SampleOrders.order(ACME, "shopify", clientOrderId);
        publisher.publish(order.placed(PLACED_AT, PUNE, "KURTA-M", 1, paise, payment, "WH-PNQ-1"));
        publisher.publish(order.manifested(at(3), "DELHIVERY", awb));
        publisher.publish(
                order.scan(at(9), "DELHIVERY", awb, ShipmentStatus.PICKED_UP, "PKD", "Pune hub"));
        publisher.publish(
                order.scan(
                        DELIVERED_AT, "DELHIVERY", awb, ShipmentStatus.DELIVERED, "DLVD", "Pune"));
    }

    private static Remittance remittance(String utr, Instant at, RemittanceLine... lines) {
        return new Remittance(
                UUID.randomUUID().toString(), at, ACME, "DELHIVERY", utr, List.of(lines));
    }

    private static Map<String, JsonNode> awaitParcels(
            java.util.function.Predicate<Map<String, JsonNode>> condition) {
        Map<String, JsonNode> parcels = new HashMap<>();
        await().ignoreExceptions()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            parcels.clear();
                            for (Hit<ObjectNode> hit :
                                    IndexSearch.all(elasticsearch, system.codIndex)) {
                                parcels.put(hit.source().path("awb").asText(), hit.source());
                            }
                            return condition.test(parcels);
                        });
        return parcels;
    }

    private static String state(Map<String, JsonNode> parcels, String awb) {
        JsonNode parcel = parcels.get(awb);
        return parcel == null ? null : parcel.path("state").asText();
    }

    private static JsonNode awaitOverdueAlert(String state) {
        JsonNode[] found = new JsonNode[1];
        await().ignoreExceptions()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            JsonNode alerts =
                                    JSON.readTree(
                                            system.get(
                                                            "/api/alerts?type=COD_REMITTANCE_OVERDUE&state="
                                                                    + state,
                                                            ACME_KEY)
                                                    .body());
                            for (JsonNode alert : alerts.path("alerts")) {
                                found[0] = alert;
                                return true;
                            }
                            return false;
                        });
        return found[0];
    }

    private static Instant at(int hoursAfterPlacing) {
        return PLACED_AT.plus(Duration.ofHours(hoursAfterPlacing));
    }
}
