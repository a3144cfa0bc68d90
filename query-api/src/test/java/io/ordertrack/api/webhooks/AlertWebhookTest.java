package io.ordertrack.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertWebhookTest {
    private static final Instant OPENED = Instant.parse("2026-12-06T08:00:00Z");

    @Test
    void aChangeBecomesAStandardWebhookPayloadWithTheAlertAsTheApiShowsIt() throws Exception {
        Alert opened = alert(1, AlertState.OPEN, OPENED);
        Alert resolved = alert(3, AlertState.RESOLVED, OPENED.plusSeconds(3_600));
        WebhookSubscription subscription = subscription("acme", List.of());

        WebhookDelivery delivery = AlertWebhook.deliveryOf(subscription, resolved, 2, OPENED);
        JsonNode payload = new ObjectMapper().readTree(delivery.payload());

        assertThat(AlertWebhook.eventTypeOf(opened)).isEqualTo(AlertWebhook.OPENED);
        assertThat(AlertWebhook.eventTypeOf(alert(2, AlertState.OPEN, OPENED)))
                .isEqualTo(AlertWebhook.UPDATED);
        assertThat(delivery.webhookId()).isEqualTo("acme:NDR:acme:SHOPIFY:1001:3");
        assertThat(delivery.deliveryId()).isEqualTo("wh_1:acme:NDR:acme:SHOPIFY:1001:3");
        assertThat(delivery.partition()).isEqualTo(2);
        assertThat(payload.path("type").asText()).isEqualTo("alert.resolved");
        assertThat(payload.path("timestamp").asText()).isEqualTo("2026-12-06T09:00:00Z");
        assertThat(payload.path("data").path("alertId").asText())
                .isEqualTo("acme:NDR:acme:SHOPIFY:1001");
        assertThat(payload.path("data").path("state").asText()).isEqualTo("RESOLVED");
        assertThat(payload.path("data").path("version").asLong()).isEqualTo(3);
        assertThat(payload.path("data").path("reasons").get(0).asText())
                .isEqualTo("Customer not available");
        assertThat(
                        AlertWebhook.deliveryOf(subscription, resolved, 2, OPENED.plusSeconds(9))
                                .payload())
                .as("the same change makes the same body")
                .isEqualTo(delivery.payload());
    }

    @Test
    void aWebhookIdIsPrintableAsciiWhateverTheAlertIdHolds() {
        Alert hindi =
                Alert.newBuilder(alert(2, AlertState.OPEN, OPENED))
                        .setAlertId("acme:NDR:acme:WEB:ऑर्डर 7%")
                        .build();

        assertThat(AlertWebhook.webhookIdOf(hindi))
                .isEqualTo(
                        "acme:NDR:acme:WEB:%E0%A4%91%E0%A4%B0%E0%A5%8D%E0%A4%A1%E0%A4%B0%207%25:2")
                .matches("[!-~]+");
    }

    @Test
    void aSubscriptionWantsItsOwnTenantsAlertsOfItsTypes() {
        Alert ndr = alert(1, AlertState.OPEN, OPENED);
        assertThat(AlertWebhook.wanted(subscription("acme", List.of()), ndr)).isTrue();
        assertThat(AlertWebhook.wanted(subscription("acme", List.of("NDR", "RTO_RISK")), ndr))
                .isTrue();
        assertThat(AlertWebhook.wanted(subscription("acme", List.of("LOW_STOCK")), ndr)).isFalse();
        assertThat(AlertWebhook.wanted(subscription("globex", List.of()), ndr)).isFalse();
    }

    private static WebhookSubscription subscription(String tenant, List<String> types) {
        return new WebhookSubscription(
                "wh_1", tenant, "https://hooks.example.in/", types, null, "whsec_x", OPENED);
    }

    private static Alert alert(long version, AlertState state, Instant updatedAt) {
        return Alert.newBuilder()
                .setEventId("acme:NDR:acme:SHOPIFY:1001:" + version)
                .setEventTime(updatedAt)
                .setTenantId("acme")
                .setAlertId("acme:NDR:acme:SHOPIFY:1001")
                .setType(AlertType.NDR)
                .setSeverity(AlertSeverity.CRITICAL)
                .setState(state)
                .setOrderId("acme:SHOPIFY:1001")
                .setCourier("DELHIVERY")
                .setAwb("1490810000123")
                .setReasons(List.of("Customer not available"))
                .setOpenedAt(OPENED)
                .setUpdatedAt(updatedAt)
                .setResolvedAt(state == AlertState.RESOLVED ? updatedAt : null)
                .setVersion(version)
                .build();
    }
}
