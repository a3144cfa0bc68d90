package io.ordertrack.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the checkout of this project, where the deploy/local scripts live. */
final class RepositoryRoot {

    static final Path ELASTICSEARCH_SCRIPT = Path.of("deploy", "local", "elasticsearch.sh");

    /** Set by failsafe (parent pom); Maven started inside a module sets it to that module. */
    private static final String ROOT_PROPERTY = "ordertrack.root";

    private RepositoryRoot() {}

    static Path find() {
        String configured = System.getProperty(ROOT_PROPERTY);
        if (configured != null && isRoot(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path workingDir = Path.of("").toAbsolutePath();
        for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "No ordertrack checkout (a folder with "
                        + ELASTICSEARCH_SCRIPT
                        + ") in "
                        + workingDir
                        + " or above it; set -D"
                        + ROOT_PROPERTY
                        + "=<checkout>");
    }

    private static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve(ELASTICSEARCH_SCRIPT));
    }
}
