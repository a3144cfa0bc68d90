package io.ordertrack.benchmarks.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * wrk, a real HTTP load generator in its own process, run with a Lua script whose last line is
 * {@code WRK-RESULT {json}}: the answers counted by status and the latency percentiles (see {@code
 * wrk-result.lua}).
 */
final class Wrk {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKER = "WRK-RESULT ";

    /** What a wrk process measured (latencies in microseconds, from the script's result line). */
    record Result(
            long requests,
            long durationMicros,
            long ok,
            long limited,
            long refused,
            long socketErrors,
            long timeouts,
            long p50,
            long p75,
            long p90,
            long p99,
            long max) {
        double perSecond() {
            return requests / (durationMicros / 1e6);
        }
    }

    private Wrk() {}

    /**
     * A temporary file holding the script of this package named {@code name}, followed by {@code
     * wrk-result.lua} (the threads, the answers counted, the result line).
     */
    static Path script(String name) throws IOException {
        Path script = Files.createTempFile(name.replace(".lua", "-"), ".lua");
        try (InputStream own = Wrk.class.getResourceAsStream(name);
                InputStream result = Wrk.class.getResourceAsStream("wrk-result.lua")) {
            Files.write(script, own.readAllBytes());
            Files.write(script, result.readAllBytes(), StandardOpenOption.APPEND);
        }
        return script;
    }

    /**
     * Starts wrk against {@code url} for {@code seconds} with the script and its environment.
     * Requests slower than a minute would be left out of wrk's percentiles: none is allowed to be.
     */
    static Process start(
            String url,
            Path script,
            int threads,
            int connections,
            int seconds,
            Map<String, String> environment)
            throws IOException {
        ProcessBuilder wrk =
                new ProcessBuilder(
                        "wrk",
                        "-t" + threads,
                        "-c" + connections,
                        "-d" + seconds + "s",
                        "--timeout",
                        "60s",
                        "--latency",
                        "-s",
                        script.toString(),
                        url);
        wrk.environment().putAll(environment);
        wrk.redirectErrorStream(true);
        return wrk.start();
    }

    /** The result line of a finished wrk; fails with its output when it printed none. */
    static Result result(Process wrk) throws Exception {
        String output = new String(wrk.getInputStream().readAllBytes());
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        int at = output.lastIndexOf(MARKER);
        if (at < 0) {
            throw new IllegalStateException("wrk printed no result line: " + output);
        }
        return JSON.readValue(output.substring(at + MARKER.length()).strip(), Result.class);
    }
}
