package io.ordertrack.testkit;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A user other than root, to run the deploy scripts as: the JVM's own user, or, when the JVM runs
 * as root, {@code ordertrack}, created here if absent.
 */
final class NormalUser {

    /** elasticsearch.sh's default ES_USER: a machine gets one such user, not two. */
    private static final String UNDER_ROOT = "ordertrack";

    private final String name;
    private final List<String> launcher;

    private NormalUser(String name, List<String> launcher) {
        this.name = name;
        this.launcher = launcher;
    }

    static NormalUser forThisJvm() {
        if (new UnixSystem().getUid() != 0) {
            return new NormalUser(System.getProperty("user.name"), List.of());
        }
        if (!exists(UNDER_ROOT)) {
            createUser();
        }
        return new NormalUser(UNDER_ROOT, List.of("runuser", "-u", UNDER_ROOT, "--"));
    }

    String name() {
        return name;
    }

    /** What starts a command as this user: nothing, or {@code runuser} when the JVM is root. */
    List<String> launcher() {
        return launcher;
    }

    /**
     * The path itself when this user can read all of it, else a copy at {@code copy} that it owns,
     * as elasticsearch.sh copies a distribution its user cannot reach.
     */
    Path readable(Path source, Path copy) {
        if (canRead(source)) {
            return source;
        }
        run(List.of("cp", "-a", source.toString(), copy.toString()));
        run(List.of("chown", "-R", name + ":", copy.toString()));
        return copy;
    }

    /** Hands a folder the JVM created to this user. */
    void own(Path folder) {
        try {
            Files.setOwner(
                    folder,
                    folder.getFileSystem()
                            .getUserPrincipalLookupService()
                            .lookupPrincipalByName(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + folder + " to " + name, e);
        }
    }

    /** Whether this user can read the path and, for a folder, everything in it. */
    private boolean canRead(Path path) {
        List<String> find = new ArrayList<>(launcher);
        find.addAll(List.of("find", path.toString(), "!", "-readable", "-print", "-quit"));
        Finished unreadable = execute(find);
        return unreadable.exitCode() == 0 && unreadable.output().isEmpty();
    }

    private static boolean exists(String user) {
        return exitCode(List.of("id", "-u", user)) == 0;
    }

    /** As elasticsearch.sh creates it; another process may create it at the same moment. */
    private static void createUser() {
        Finished useradd =
                execute(
                        List.of(
                                "useradd",
                                "--system",
                                "--no-create-home",
                                "--shell",
                                "/usr/sbin/nologin",
                                UNDER_ROOT));
        if (useradd.exitCode() != 0 && !exists(UNDER_ROOT)) {
            throw new IllegalStateException(
                    "useradd " + UNDER_ROOT + " failed: " + useradd.output());
        }
    }

    private static void run(List<String> command) {
        Finished finished = execute(command);
        if (finished.exitCode() != 0) {
            throw new IllegalStateException(
                    String.join(" ", command) + " failed: " + finished.output());
        }
    }

    private static int exitCode(List<String> command) {
        return execute(command).exitCode();
    }

    private record Finished(int exitCode, String output) {}

    private static Finished execute(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Finished(process.waitFor(), output.strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }
}
