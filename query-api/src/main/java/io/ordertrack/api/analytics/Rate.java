package io.ordertrack.api.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A share of a sample with its 95% confidence interval (Wilson score interval, which stays within
 * 0–1 and is honest for small samples and rates near 0 or 1). Under the minimum sample the value
 * and interval are hidden: {@code enoughSample} is false and only the counts are given.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Rate(
        long count, long sample, Double value, Double low, Double high, boolean enoughSample) {
    private static final double Z = 1.959_963_984_540_054;

    public static Rate of(long count, long sample, int minSample) {
        if (sample <= 0 || sample < minSample) {
            return new Rate(count, sample, null, null, null, false);
        }
        double n = sample;
        double p = count / n;
        double z2 = Z * Z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        return new Rate(
                count, sample, p, Math.max(0, centre - half), Math.min(1, centre + half), true);
    }
}
