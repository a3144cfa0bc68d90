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

    /** How far a replay is: the sum of the versions written so far, or the events read. */
    interface Progress {
        long versionSum() throws Exception;
    }

    private FinalVersions() {}

    /**
     * How a replay went.
     *
     * @param seconds from the start to the last final version
     * @param steadyEventsPerSecond the rate between a tenth and nine tenths of the events read by
     *     the job's sources, or of the final versions, as events (the versions of the order
     *     documents count the events applied to orders): the rate while catching up, without the
     *     start (the job's deployment, the JIT compilers warming up) or the tail (the last records
     *     wait until the feeds have been quiet a while, which only the end of a replay does)
     */
    record Replay(double seconds, double steadyEventsPerSecond) {}

    /**
     * Waits until {@code progress} reaches {@code total}, printing how far along it is every 10 s
     * (a steady rate, or a long tail, shows).
     *
     * @param events the events replayed, for the steady rate
     * @throws IllegalStateException when it is not done within an hour
     */
    static Replay await(Progress progress, long total, long events) throws Exception {
        return await(progress, total, events, progress, total);
    }

    /**
     * Waits until {@code progress} reaches {@code total}, the steady rate measured by the events
     * the job's sources read ({@link SourceRecords}): a job catching up writes its documents once
     * the backlog is drained, so the versions come mostly at the end.
     */
    static Replay awaitReading(Progress progress, long total, long events) throws Exception {
        long before = SourceRecords.read();
        return await(progress, total, events, () -> SourceRecords.read() - before, events);
    }

    /**
     * @param steady what the steady rate is measured by, out of {@code steadyTotal}
     */
    private static Replay await(
            Progress progress, long total, long events, Progress steady, long steadyTotal)
            throws Exception {
        long started = System.nanoTime();
        long deadline = started + DONE_WITHIN.toNanos();
        long nextReport = started + REPORT_EVERY.toNanos();
        Passed tenth = new Passed(steadyTotal / 10);
        Passed nineTenths = new Passed(steadyTotal - steadyTotal / 10);
        long done;
        while ((done = progress.versionSum()) < total) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not done within " + DONE_WITHIN);
            }
            long steadyDone = steady.versionSum();
            tenth.check(steadyDone);
            nineTenths.check(steadyDone);
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
        tenth.check(steadyTotal);
        nineTenths.check(steadyTotal);
        double perSecond =
                (nineTenths.versions - tenth.versions) / ((nineTenths.at - tenth.at) / 1e9);
        return new Replay(BenchmarkRun.secondsSince(started), perSecond * events / steadyTotal);
    }

    /** When the versions first passed a mark, and how many there were then. */
    private static final class Passed {
        private final long mark;
        private long at;
        private long versions = -1;

        Passed(long mark) {
            this.mark = mark;
        }

        void check(long done) {
            if (versions < 0 && done >= mark) {
                versions = done;
                at = System.nanoTime();
            }
        }
    }
}
