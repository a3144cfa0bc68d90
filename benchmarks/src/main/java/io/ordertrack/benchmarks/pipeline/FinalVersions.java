package io.ordertrack.benchmarks.pipeline;

import java.time.Duration;
import java.util.Locale;

/**
 * When a replay is done: the versions of the order documents add up to the sum of their final
 * versions, which the simulator's oracle knows. Counting versions rather than documents sees the
 * last event of every order, not only its first.
 */
final class FinalVersions {
    private static final Duration DONE_WITHIN = Duration.ofMinutes(60);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    /** How far a replay is: the sum of the versions written so far. */
    interface Progress {
        long versionSum() throws Exception;
    }

    private FinalVersions() {}

    /**
     * Waits until {@code progress} reaches {@code total}, printing how far along it is every 10 s
     * (a steady rate, or a long tail, shows).
     *
     * @throws IllegalStateException when it is not done within an hour
     */
    static void await(Progress progress, long total) throws Exception {
        long started = System.nanoTime();
        long deadline = started + DONE_WITHIN.toNanos();
        long nextReport = started + REPORT_EVERY.toNanos();
        long done;
        while ((done = progress.versionSum()) < total) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not done within " + DONE_WITHIN);
            }
            if (System.nanoTime() > nextReport) {
                System.out.printf(
                        Locale.ROOT,
                        "  %.0f s: %.1f%% of the order versions%n",
                        BenchmarkRun.secondsSince(started),
                        100.0 * done / total);
                nextReport += REPORT_EVERY.toNanos();
            }
            Thread.sleep(200);
        }
    }
}
