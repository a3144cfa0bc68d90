package io.ordertrack.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertrack.api.ingest.PushFormat.SourceKind;
import io.ordertrack.api.security.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushSignaturesTest {
    static final String ACME_SECRET = "whsec_YWNtZS1kZWxoaXZlcnktc2VjcmV0LTMyLWJ5dGVz";
    static final String GLOBEX_SECRET = "whsec_Z2xvYmV4LWRlbGhpdmVyeS1zZWNyZXQtMzItYnl0";

    private static final IngestSources SOURCES =
            IngestSources.parse(
                    "courier delhivery delhivery acme "
                            + ACME_SECRET
                            + "\ncourier delhivery delhivery globex "
                            + GLOBEX_SECRET);
    private static final List<IngestSource> DELHIVERY = SOURCES.of(SourceKind.COURIER, "delhivery");
    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
    private static final byte[] BODY = "{\"Shipment\": {}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSecretThatSignedNamesTheTenant() throws Exception {
        long now = NOW.getEpochSecond();
        String byGlobex = WebhookSignature.ofSecret(GLOBEX_SECRET).sign("wh_1", now, BODY);
        String byAcme = WebhookSignature.ofSecret(ACME_SECRET).sign("wh_1", now, BODY);

        assertThat(signer("wh_1", String.valueOf(now), byGlobex).tenantId()).isEqualTo("globex");
        assertThat(signer("wh_1", String.valueOf(now), byAcme).tenantId()).isEqualTo("acme");
    }

    @Test
    void aTimestampWithinFiveMinutesEitherWayIsAccepted() throws Exception {
        for (long offset : new long[] {-300, 300}) {
            long at = NOW.getEpochSecond() + offset;
            String signature = WebhookSignature.ofSecret(ACME_SECRET).sign("wh_2", at, BODY);

            assertThat(signer("wh_2", String.valueOf(at), signature).tenantId()).isEqualTo("acme");
        }
    }

    @Test
    void anOldOrFutureTimestampIsRefusedAsAPossibleReplayEvenWellSigned() {
        for (long offset : new long[] {-301, 301, -86_400}) {
            long at = NOW.getEpochSecond() + offset;
            String signature = WebhookSignature.ofSecret(ACME_SECRET).sign("wh_3", at, BODY);

            assertThatThrownBy(() -> signer("wh_3", String.valueOf(at), signature))
                    .isInstanceOf(PushSignatures.NotSigned.class)
                    .hasMessageContaining("possible replay");
        }
    }

    @Test
    void missingHeadersForgedSignaturesAndOddTimestampsAreNotSigned() {
        String now = String.valueOf(NOW.getEpochSecond());
        String forged =
                WebhookSignature.ofSecret(
                                WebhookSignature.newSecret(new java.security.SecureRandom()))
                        .sign("wh_4", NOW.getEpochSecond(), BODY);

        assertThatThrownBy(() -> signer("wh_4", now, null))
                .isInstanceOf(PushSignatures.NotSigned.class)
                .hasMessageContaining("webhook-signature");
        assertThatThrownBy(() -> signer(null, now, forged))
                .isInstanceOf(PushSignatures.NotSigned.class);
        assertThatThrownBy(() -> signer("wh_4", now, forged))
                .isInstanceOf(PushSignatures.NotSigned.class)
                .hasMessage("The signature is not this source's");
        assertThatThrownBy(() -> signer("wh_4", "1e9", forged))
                .isInstanceOf(PushSignatures.NotSigned.class)
                .hasMessageContaining("whole seconds");
    }

    @Test
    void anIdThatCannotBeAnEventIdIsRefused() {
        long now = NOW.getEpochSecond();
        String id = "wh 5 with spaces";
        String signature = WebhookSignature.ofSecret(ACME_SECRET).sign(id, now, BODY);

        assertThatThrownBy(() -> signer(id, String.valueOf(now), signature))
                .isInstanceOf(PushSignatures.BadWebhookId.class);
    }

    private static IngestSource signer(String id, String timestamp, String signature)
            throws Exception {
        return PushSignatures.signerOf(DELHIVERY, id, timestamp, signature, BODY, NOW);
    }
}
