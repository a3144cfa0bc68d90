package io.ordertrack.connections;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Settings read from environment variables, with every problem collected so that start-up fails
 * once naming all of them. A secret {@code NAME} may instead be a file named by {@code NAME_FILE},
 * as Kubernetes mounts Secrets; problem messages name variables and files, never secret values.
 */
final class Environment {
    static final String FILE_SUFFIX = "_FILE";

    private final Map<String, String> variables;
    private final List<String> problems = new ArrayList<>();

    Environment(Map<String, String> variables) {
        this.variables = variables;
    }

    /** The variable's value, or null when it is unset or blank. */
    String text(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * The secret in {@code name} or in the file {@code name_FILE} (one trailing line break
     * dropped), or null when neither is set.
     */
    Secret secret(String name) {
        String inline = variables.get(name);
        String file = text(name + FILE_SUFFIX);
        boolean hasInline = inline != null && !inline.isEmpty();
        if (hasInline && file != null) {
            problem("set " + name + " or " + name + FILE_SUFFIX + ", not both");
            return null;
        }
        if (hasInline) {
            return Secret.of(inline);
        }
        if (file == null) {
            return null;
        }
        String content = read(name + FILE_SUFFIX, file);
        if (content == null) {
            return null;
        }
        content = content.replaceFirst("\r?\n$", "");
        if (content.isEmpty()) {
            problem(name + FILE_SUFFIX + " names an empty file: " + file);
            return null;
        }
        return Secret.of(content);
    }

    /** The content of the file a variable names, or null (and a problem) when unreadable. */
    String read(String variable, String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            problem(variable + " names a file that cannot be read: " + file);
            return null;
        }
    }

    void problem(String problem) {
        problems.add(problem);
    }

    /**
     * @throws IllegalArgumentException listing every problem found, when there is one
     */
    void failIfAny(String what) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "Invalid " + what + " settings: " + String.join("; ", problems));
        }
    }
}
