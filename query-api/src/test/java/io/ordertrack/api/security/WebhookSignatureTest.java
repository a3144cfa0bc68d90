package io.ordertrack.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    /** The Standard Webhooks specification's own example. */
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final byte[] SPEC_BODY =
            "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsAsTheSpecificationsExampleSays() {
        assertThat(WebhookSignature.ofSecret(SPEC_SECRET).sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
                .isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void acceptsItsSignatureAmongOthersOfARotation() {
        WebhookSignature signature = WebhookSignature.ofSecret(SPEC_SECRET);
        String otherSecrets = "v1,Zm9yZ2VkIGJ5IHNvbWVvbmUgZWxzZQ== v1a,c29tZXRoaW5nIGVsc2U=";

        assertThat(
                        signature.matches(
                                SPEC_ID,
                                SPEC_TIMESTAMP,
                                SPEC_BODY,
                                otherSecrets + " " + SPEC_SIGNATURE))
                .isTrue();
        assertThat(signature.matches(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, otherSecrets)).isFalse();
    }

    @Test
    void refusesAnyChangeOfIdTimestampOrBody() {
        WebhookSignature signature = WebhookSignature.ofSecret(SPEC_SECRET);

        assertThat(signature.matches("msg_other", SPEC_TIMESTAMP, SPEC_BODY, SPEC_SIGNATURE))
                .isFalse();
        assertThat(signature.matches(SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_BODY, SPEC_SIGNATURE))
                .isFalse();
        assertThat(
                        signature.matches(
                                SPEC_ID,
                                SPEC_TIMESTAMP,
                                "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8),
                                SPEC_SIGNATURE))
                .isFalse();
    }

    @Test
    void anotherSecretsSignatureIsNotThisOnes() {
        String other = WebhookSignature.newSecret(new SecureRandom());

        assertThat(other).startsWith("whsec_");
        assertThat(
                        WebhookSignature.ofSecret(other)
                                .matches(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SIGNATURE))
                .isFalse();
    }

    @Test
    void refusesWhatIsNotASecretWithoutRepeatingIt() {
        assertThatThrownBy(() -> WebhookSignature.ofSecret("hunter2-not-a-secret"))
                .hasMessageContaining("whsec_")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> WebhookSignature.ofSecret("whsec_%%%hunter2"))
                .hasMessageContaining("base64")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> WebhookSignature.ofSecret("whsec_c2hvcnQ="))
                .hasMessageContaining("24 to 64 bytes, got 5");
    }
}
