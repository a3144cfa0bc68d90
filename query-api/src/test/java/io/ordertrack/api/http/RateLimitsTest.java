package io.ordertrack.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertrack.api.security.Role;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
    @Test
    void rolesNamedChangeTheirLimitOthersKeepTheDefault() {
        RateLimits limits = RateLimits.parse("tenant=5:8, analyst=off");

        assertThat(limits.of(Role.TENANT)).contains(new RateLimits.Limit(5, 8));
        assertThat(limits.of(Role.ANALYST)).isEmpty();
        assertThat(limits.of(Role.METRICS)).isEqualTo(RateLimits.defaults().of(Role.METRICS));
        assertThat(RateLimits.parse("all-tenants=0.5:1").of(Role.ALL_TENANTS))
                .contains(new RateLimits.Limit(0.5, 1));
    }

    @Test
    void aBurstDefaultsToOneSecondOfTheRate() {
        assertThat(RateLimits.parse("tenant=20").of(Role.TENANT))
                .contains(new RateLimits.Limit(20, 20));
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> RateLimits.parse("admin=5:5"))
                .hasMessageContaining("unknown role 'admin'");
        assertThatThrownBy(() -> RateLimits.parse("tenant=fast"))
                .hasMessageContaining("rate limit of tenant");
        assertThatThrownBy(() -> RateLimits.parse("tenant=0:5"))
                .hasMessageContaining("rate limit of tenant");
        assertThatThrownBy(() -> RateLimits.parse("tenant")).hasMessageContaining("role=");
    }
}
