package io.ordertrack.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.api.security.Caller;
import io.ordertrack.api.security.Role;
import io.ordertrack.api.security.TenantScope;
import org.junit.jupiter.api.Test;

class KeyBucketsTest {
    private static final RateLimits.Limit ONE_AT_ONCE = new RateLimits.Limit(1, 1);

    @Test
    void twoKeysWhoseShortIdsAreEqualAreLimitedApart() {
        // Two hashes that share their first 8 hex digits, as two of 10,000 keys do about 1% of
        // the time.
        Caller acme = new Caller(Role.TENANT, TenantScope.of("acme"), "c0ffee00" + "0".repeat(56));
        Caller globex =
                new Caller(Role.TENANT, TenantScope.of("globex"), "c0ffee00" + "f".repeat(56));
        assertThat(acme.keyId()).isEqualTo(globex.keyId());
        KeyBuckets buckets = new KeyBuckets();

        assertThat(buckets.take(acme, ONE_AT_ONCE, 0)).isZero();
        assertThat(buckets.take(acme, ONE_AT_ONCE, 0)).as("acme is past its limit").isPositive();
        assertThat(buckets.take(globex, ONE_AT_ONCE, 0)).as("globex still has its own").isZero();
    }

    @Test
    void oneKeyKeepsOneBucketAcrossRequests() {
        String hash = "0123456789abcdef".repeat(4);
        KeyBuckets buckets = new KeyBuckets();

        assertThat(buckets.take(new Caller(Role.ANALYST, null, hash), ONE_AT_ONCE, 0)).isZero();
        assertThat(buckets.take(new Caller(Role.ANALYST, null, hash), ONE_AT_ONCE, 0)).isPositive();
    }
}
