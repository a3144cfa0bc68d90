package io.ordertrack.jobs.analytics;

import io.ordertrack.avro.CohortMetrics;

/**
 * A cohort's metrics due to be written, as the metrics rollup emits them.
 *
 * @param cohortId the cohort's id
 * @param writtenAt the wall-clock time of the write, in epoch milliseconds
 * @param metrics the cohort's counts
 */
public record CohortWrite(String cohortId, long writtenAt, CohortMetrics metrics) {}
