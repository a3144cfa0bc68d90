package io.ordertrack.api.health;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer of {@code /health}: {@code {"status":"UP","elasticsearch":"UP"}}, or DOWN with a short
 * reason that names no host, port or internals.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthReport(String status, String elasticsearch, String reason) {
    static final String UP = "UP";
    static final String DOWN = "DOWN";

    static HealthReport up() {
        return new HealthReport(UP, UP, null);
    }

    static HealthReport elasticsearchDown(String reason) {
        return new HealthReport(DOWN, DOWN, reason);
    }

    @JsonIgnore
    public boolean isUp() {
        return UP.equals(status);
    }
}
