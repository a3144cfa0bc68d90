package io.ordertrack.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the deploy/local scripts, run with settings of its own: what it prints on standard output
 * is its answer; what it reports on standard error goes to a log file.
 */
final class LocalScript {
    private final List<String> launcher;
    private final Path script;
    private final Map<String, String> environment;
    private final Path log;

    private LocalScript(
            List<String> launcher, Path script, Map<String, String> environment, Path log) {
        this.launcher = List.copyOf(launcher);
        this.script = script;
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    /**
     * The script at this path of the checkout (or at this absolute path), run with these variables,
     * reporting to a log.
     */
    static LocalScript of(Path relativePath, Map<String, String> environment, Path log) {
        return new LocalScript(
                List.of(), RepositoryRoot.find().resolve(relativePath), environment, log);
    }

    /** The same script with more environment variables. */
    LocalScript with(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(more);
        return new LocalScript(launcher, script, merged, log);
    }

    /** The same script started through this command, e.g. {@code runuser -u someone --}. */
    LocalScript launchedBy(List<String> command) {
        return new LocalScript(command, script, environment, log);
    }

    /** Runs the script with these arguments and returns its standard output, trimmed. */
    String run(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("bash", script.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectError(Redirect.appendTo(log.toFile()))
                        .redirectInput(Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        try {
            Path output = Files.createTempFile(log.getParent(), "script-", ".out");
            builder.redirectOutput(output.toFile());
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        script.getFileName() + " " + arguments[0] + " took over " + timeout);
            }
            String answer = Files.readString(output, StandardCharsets.UTF_8).trim();
            Files.delete(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        script.getFileName()
                                + " "
                                + String.join(" ", arguments)
                                + " failed (exit code "
                                + process.exitValue()
                                + "); see "
                                + log);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + script, e);
        }
    }

    /** A fresh folder under the module's target/ for a server's state. */
    static Path freshStateDir(String name) {
        try {
            Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
            return Files.createTempDirectory(
                    target, name + "-" + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a state folder under target/", e);
        }
    }
}
