package io.ordertrack.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian packages a test needs (a browser, a PDF reader), installed with apt-get when the programs
 * they bring are missing: a fresh CI machine has none of them. Needs root, as CI runs.
 */
final class DebianPackages {
    private static final Logger LOG = LoggerFactory.getLogger(DebianPackages.class);
    private static final long INSTALL_MINUTES = 15;

    private DebianPackages() {}

    /** Installs the packages unless every one of the programs is there. */
    static synchronized void ensure(List<Path> programs, String... packages) {
        if (programs.stream().allMatch(Files::isExecutable)) {
            return;
        }
        LOG.info("{} missing: installing {}", programs, Arrays.toString(packages));
        apt("update");
        List<String> install = new ArrayList<>(List.of("install", "-y", "--no-install-recommends"));
        install.addAll(List.of(packages));
        apt(install.toArray(String[]::new));
        if (!programs.stream().allMatch(Files::isExecutable)) {
            throw new IllegalStateException(
                    "apt-get installed "
                            + Arrays.toString(packages)
                            + " but one of "
                            + programs
                            + " is still missing");
        }
    }

    private static void apt(String... arguments) {
        List<String> command = new ArrayList<>(List.of("apt-get", "-q"));
        command.addAll(List.of(arguments));
        try {
            Path log = Files.createTempFile("apt-get", ".log");
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(Redirect.to(log.toFile()));
            builder.environment().putAll(Map.of("DEBIAN_FRONTEND", "noninteractive"));
            Process process = builder.start();
            if (!process.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command)
                                + " failed with exit code "
                                + process.exitValue()
                                + " (root is needed to install packages; see "
                                + log
                                + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running apt-get", e);
        }
    }
}
