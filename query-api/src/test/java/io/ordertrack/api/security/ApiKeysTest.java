package io.ordertrack.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    private static final String ACME_KEY = "acme-secret";
    private static final String ANALYST_KEY = "analyst-secret";

    @Test
    void hashIsLowercaseHexSha256() {
        assertThat(ApiKeys.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aConfiguredKeyAuthenticatesAsItsTenant() {
        ApiKeys keys = ApiKeys.parse(ApiKeys.hash(ACME_KEY) + " acme");

        assertThat(keys.authenticate(ACME_KEY).map(Caller::scope)).contains(TenantScope.of("acme"));
        assertThat(keys.authenticate(ACME_KEY).map(Caller::role)).contains(Role.TENANT);
    }

    @Test
    void unknownEmptyAndMissingKeysAreRejected() {
        ApiKeys keys = ApiKeys.parse(ApiKeys.hash(ACME_KEY) + " acme");

        assertThat(keys.authenticate("acme-secreT")).isEmpty();
        assertThat(keys.authenticate(ApiKeys.hash(ACME_KEY))).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();
    }

    @Test
    void analystKeysCoverAllTenantsAndTenantKeysDoNot() {
        ApiKeys keys =
                ApiKeys.parse(
                        ApiKeys.hash(ACME_KEY)
                                + " acme;"
                                + ApiKeys.hash(ANALYST_KEY)
                                + " "
                                + ApiKeys.ANALYST_MARKER);

        Caller analyst = keys.authenticate(ANALYST_KEY).orElseThrow();
        assertThat(analyst.role()).isEqualTo(Role.ANALYST);
        assertThat(analyst.scope().coversAllTenants()).isTrue();
        assertThat(analyst.scope().tenantId()).isEmpty();
        assertThat(keys.authenticate(ACME_KEY).orElseThrow().scope().coversAllTenants()).isFalse();
    }

    @Test
    void eachRoleMayUseOnlyItsAccess() {
        ApiKeys keys =
                ApiKeys.parse(
                        String.join(
                                ";",
                                ApiKeys.hash("t") + " acme",
                                ApiKeys.hash("a") + " " + ApiKeys.ANALYST_MARKER,
                                ApiKeys.hash("m") + " " + ApiKeys.METRICS_MARKER,
                                ApiKeys.hash("all") + " " + ApiKeys.ALL_TENANTS_MARKER));

        assertThat(accessOf(keys, "t"))
                .containsExactly(
                        Access.PUBLIC,
                        Access.AGGREGATES,
                        Access.SELLER_DATA,
                        Access.SELLER_ACTIONS);
        assertThat(accessOf(keys, "a")).containsExactly(Access.PUBLIC, Access.AGGREGATES);
        assertThat(accessOf(keys, "m")).containsExactly(Access.PUBLIC, Access.METRICS);
        assertThat(accessOf(keys, "all"))
                .as("webhooks are signed by their source's secret, never sent with a key")
                .containsExactly(
                        Access.PUBLIC,
                        Access.METRICS,
                        Access.AGGREGATES,
                        Access.SELLER_DATA,
                        Access.SELLER_ACTIONS);
        assertThat(keys.authenticate("m").orElseThrow().scope())
                .as("a metrics key covers no seller's data")
                .isNull();
    }

    @Test
    void anUnknownRoleMarkerIsRefused() {
        assertThatThrownBy(() -> ApiKeys.parse(ApiKeys.hash("k") + " *admin"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("*analyst, *metrics, *all-tenants");
    }

    @Test
    void aCallerShowsItsKeyIdNeverItsKey() {
        ApiKeys keys = ApiKeys.parse(ApiKeys.hash(ACME_KEY) + " acme");

        Caller caller = keys.authenticate(ACME_KEY).orElseThrow();

        assertThat(caller.keyHash()).isEqualTo(ApiKeys.hash(ACME_KEY));
        assertThat(caller.toString())
                .isEqualTo("acme key=" + ApiKeys.hash(ACME_KEY).substring(0, 8))
                .doesNotContain(ACME_KEY)
                .doesNotContain(ApiKeys.hash(ACME_KEY));
    }

    private static List<Access> accessOf(ApiKeys keys, String key) {
        Role role = keys.authenticate(key).orElseThrow().role();
        return Arrays.stream(Access.values()).filter(role::may).toList();
    }

    @Test
    void linesMaySplitOnNewlinesOrSemicolonsWithCommentsAndUppercaseHex() {
        String text =
                "# demo keys\n\n"
                        + ApiKeys.hash("k1").toUpperCase()
                        + "   tenant-1\r\n"
                        + ApiKeys.hash("k2")
                        + "\ttenant_2 ; "
                        + ApiKeys.hash("k3")
                        + " t.3\n";

        ApiKeys keys = ApiKeys.parse(text);

        assertThat(keys.size()).isEqualTo(3);
        assertThat(keys.authenticate("k1").map(Caller::scope)).contains(TenantScope.of("tenant-1"));
        assertThat(keys.authenticate("k2").map(Caller::scope)).contains(TenantScope.of("tenant_2"));
        assertThat(keys.authenticate("k3").map(Caller::scope)).contains(TenantScope.of("t.3"));
    }

    @Test
    void aRawKeyInPlaceOfAHashIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> ApiKeys.parse("# header\nmy-raw-secret acme"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("SHA-256")
                .hasMessageNotContaining("my-raw-secret");
    }

    @Test
    void malformedLinesNameTheirLineNumber() {
        String hash = ApiKeys.hash(ACME_KEY);

        assertThatThrownBy(() -> ApiKeys.parse(hash))
                .hasMessageContaining("line 1")
                .hasMessageContaining("<sha256 hex> <tenantId>");
        assertThatThrownBy(() -> ApiKeys.parse(hash + " acme extra"))
                .hasMessageContaining("3 fields");
        assertThatThrownBy(() -> ApiKeys.parse(hash + " ac/me")).hasMessageContaining("tenant id");
        assertThatThrownBy(() -> ApiKeys.parse(hash + " a;" + hash + " b"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("twice");
    }

    @Test
    void anEmptyConfigurationIsAnError() {
        assertThatThrownBy(() -> ApiKeys.parse(" ;\n# nothing\n"))
                .hasMessageContaining("no key configured");
    }

    @Test
    void newKeysAreRandomAndLongEnough() {
        String key = ApiKeys.newKey();

        assertThat(key).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(ApiKeys.newKey());
        assertThat(ApiKeys.parse(ApiKeys.hash(key) + " demo").authenticate(key)).isPresent();
    }
}
