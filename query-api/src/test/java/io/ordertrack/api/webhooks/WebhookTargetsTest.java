package io.ordertrack.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

class WebhookTargetsTest {
    private final WebhookTargets sellers = new WebhookTargets(false);
    private final WebhookTargets local = new WebhookTargets(true);

    @Test
    void aSellersUrlIsHttpsToAHostWithoutCredentials() {
        assertThat(sellers.problemWithUrl("https://hooks.example.in/ordertrack")).isEmpty();
        assertThat(sellers.problemWithUrl("http://hooks.example.in/ordertrack"))
                .contains("url must be https");
        assertThat(local.problemWithUrl("http://127.0.0.1:9000/hook")).isEmpty();
        assertThat(sellers.problemWithUrl("https://user:pass@hooks.example.in/"))
                .contains("url must name a host, without credentials or a fragment");
        assertThat(sellers.problemWithUrl("ftp://hooks.example.in/")).isPresent();
        assertThat(sellers.problemWithUrl("https://" + "a".repeat(2_100) + ".in/"))
                .contains("url is longer than 2048 characters");
        assertThat(sellers.problemWithUrl(null)).contains("url is required");
    }

    @Test
    void addressesInsideTheNetworkAreNotPublic() throws Exception {
        for (String inside :
                new String[] {
                    "127.0.0.1",
                    "10.1.2.3",
                    "172.16.0.9",
                    "192.168.1.1",
                    "169.254.169.254",
                    "100.64.0.1",
                    "0.0.0.0",
                    "::1",
                    "fd00::1",
                    "fe80::1",
                    "::ffff:10.0.0.1",
                    "224.0.0.1"
                }) {
            assertThat(WebhookTargets.isPublic(InetAddress.getByName(inside))).as(inside).isFalse();
        }
        for (String outside : new String[] {"8.8.8.8", "13.235.1.1", "2606:4700::1111"}) {
            assertThat(WebhookTargets.isPublic(InetAddress.getByName(outside)))
                    .as(outside)
                    .isTrue();
        }
    }

    @Test
    void aHostResolvingInsideIsRefusedUnlessPrivateTargetsAreAllowed() throws Exception {
        URI loopback = URI.create("https://127.0.0.1:8443/hook");
        assertThat(sellers.problemWithHost(loopback))
                .contains("127.0.0.1 resolves to a non-public address, which is not allowed");
        assertThat(local.problemWithHost(loopback)).isEmpty();
    }
}
