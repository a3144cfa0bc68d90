package io.ordertrack.benchmarks;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} arguments of the report and benchmark commands. */
public final class CommandLine {
    private CommandLine() {}

    /**
     * The options of a command line.
     *
     * @throws IllegalArgumentException when an argument is not a {@code --name value} pair
     */
    public static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
