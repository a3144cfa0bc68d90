package io.ordertrack.benchmarks.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Concurrent load for latency benchmarks: client threads making calls with random arguments for a
 * fixed time, every call timed, and the table rows of what they measured.
 */
final class LatencyLoad {
    private LatencyLoad() {}

    /** The sorted latencies of one call, how many were made, in how many seconds. */
    record Sample(long[] nanos, long count, double seconds) {}

    interface Call {
        void call(String argument) throws Exception;
    }

    /**
     * Each thread, until the time is up, picks an argument and makes every call with it in turn,
     * timing each, a different call first each round; the first quarter of the time (3 s at most)
     * warms up and is not counted.
     */
    static List<Sample> run(int threads, int seconds, List<String> arguments, List<Call> calls)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long warmUpUntil =
                System.nanoTime() + Duration.ofSeconds(Math.min(3, seconds / 4)).toNanos();
        List<Future<long[][]>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(t);
            workers.add(
                    pool.submit(
                            () -> {
                                long[][] nanos = new long[calls.size()][1 << 16];
                                int n = 0;
                                int round = 0;
                                while (System.nanoTime() < deadline) {
                                    String argument =
                                            arguments.get(random.nextInt(arguments.size()));
                                    boolean counted = System.nanoTime() >= warmUpUntil;
                                    if (counted && n == nanos[0].length) {
                                        for (int c = 0; c < calls.size(); c++) {
                                            nanos[c] = Arrays.copyOf(nanos[c], n * 2);
                                        }
                                    }
                                    // Each call goes first in turn: the one after finds the
                                    // caches the first warmed with the same argument.
                                    for (int k = 0; k < calls.size(); k++) {
                                        int c = (round + k) % calls.size();
                                        long start = System.nanoTime();
                                        calls.get(c).call(argument);
                                        if (counted) {
                                            nanos[c][n] = System.nanoTime() - start;
                                        }
                                    }
                                    round++;
                                    if (counted) {
                                        n++;
                                    }
                                }
                                long[][] taken = new long[calls.size()][];
                                for (int c = 0; c < calls.size(); c++) {
                                    taken[c] = Arrays.copyOf(nanos[c], n);
                                }
                                return taken;
                            }));
        }
        List<long[][]> all = new ArrayList<>();
        for (Future<long[][]> worker : workers) {
            all.add(worker.get());
        }
        pool.shutdown();
        double measured = (deadline - warmUpUntil) / 1e9;
        List<Sample> samples = new ArrayList<>();
        for (int c = 0; c < calls.size(); c++) {
            int call = c;
            long[] merged =
                    all.stream().flatMapToLong(t -> Arrays.stream(t[call])).sorted().toArray();
            samples.add(new Sample(merged, merged.length, measured));
        }
        return samples;
    }

    /**
     * GETs a path of the API on this thread with the key, over a kept-alive connection, and returns
     * the body; anything but 200 fails. Blocking I/O on the caller's thread, so the time measured
     * is the API's and the wire's, not an asynchronous client's hand-offs between its own threads.
     */
    static String apiGet(int port, String key, String path) throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        connection.setRequestProperty("X-Api-Key", key);
        int status = connection.getResponseCode();
        try (InputStream body =
                status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            String text = body == null ? "" : new String(body.readAllBytes(), UTF_8);
            if (status != 200) {
                throw new IllegalStateException(path + " answered " + status + ": " + text);
            }
            return text;
        }
    }

    /** The head of a table of {@link #row} rows. */
    static final String TABLE_HEAD =
            "| query | via | requests/s | p50 ms | p99 ms | max ms |\n"
                    + "|---|---|---|---|---|---|\n";

    static void row(StringBuilder table, String query, String via, Sample sample) {
        table.append(
                String.format(
                        Locale.ROOT,
                        "| %s | %s | %.0f | %.1f | %.1f | %.1f |%n",
                        query,
                        via,
                        sample.count() / sample.seconds(),
                        percentile(sample, 0.50) / 1e6,
                        percentile(sample, 0.99) / 1e6,
                        sample.nanos().length == 0
                                ? 0
                                : sample.nanos()[sample.nanos().length - 1] / 1e6));
    }

    static double percentile(Sample sample, double p) {
        long[] nanos = sample.nanos();
        return nanos.length == 0 ? 0 : nanos[(int) Math.min(nanos.length - 1, p * nanos.length)];
    }
}
