package io.ordertrack.jobs.deadletters;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One command line of {@link DeadLettersCommand}: what to do, to which letters, and the job
 * settings it passes on to {@link io.ordertrack.jobs.OrderTrackingConfig} ({@code kafka.*} and
 * {@code topic.*}).
 *
 * @param resend true to re-send, false to list
 * @param filter the letters asked for by reason and time
 * @param letters the letters asked for by id; empty when asked for by filter
 * @param limit letters listed at most
 * @param jobArguments {@code --name value} pairs of the job's settings
 */
public record DeadLettersRequest(
        boolean resend,
        LetterFilter filter,
        List<LetterId> letters,
        int limit,
        String[] jobArguments) {

    private static final Set<String> OPTIONS = Set.of("reason", "from", "to", "letters", "limit");
    private static final int DEFAULT_LIMIT = 100;

    /**
     * Reads {@code list|resend --name value ...}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static DeadLettersRequest parse(String[] args) {
        if (args.length == 0 || !(args[0].equals("list") || args[0].equals("resend"))) {
            throw new IllegalArgumentException("say list or resend first");
        }
        Map<String, String> options = new HashMap<>();
        List<String> jobArguments = new ArrayList<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            String name = args[i].substring(2);
            if (OPTIONS.contains(name)) {
                options.put(name, args[i + 1]);
            } else if (name.startsWith("kafka.") || name.startsWith("topic.")) {
                jobArguments.addAll(List.of(args[i], args[i + 1]));
            } else {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        boolean resend = args[0].equals("resend");
        LetterFilter filter =
                new LetterFilter(
                        options.get("reason"), instant(options, "from"), instant(options, "to"));
        List<LetterId> letters = letters(options.get("letters"));
        check(resend, filter, letters, options);
        return new DeadLettersRequest(
                resend,
                filter,
                letters,
                limit(options.get("limit")),
                jobArguments.toArray(String[]::new));
    }

    private static void check(
            boolean resend,
            LetterFilter filter,
            List<LetterId> letters,
            Map<String, String> options) {
        if (!resend && !letters.isEmpty()) {
            throw new IllegalArgumentException(
                    "--letters is for resend; list filters by reason and time");
        }
        if (resend && !letters.isEmpty() && !filter.isAll()) {
            throw new IllegalArgumentException(
                    "resend takes either --letters or --reason/--from/--to, not both");
        }
        if (resend && letters.isEmpty() && filter.isAll()) {
            throw new IllegalArgumentException(
                    "resend needs --letters or at least one of --reason, --from, --to:"
                            + " it never re-sends every letter at once");
        }
        if (resend && options.containsKey("limit")) {
            throw new IllegalArgumentException("--limit is for list");
        }
    }

    private static Instant instant(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--" + name + " must be an instant like 2026-12-03T08:00:00Z, got " + value);
        }
    }

    private static List<LetterId> letters(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(LetterId::parse).distinct().toList();
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit < 1) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--limit must be a positive integer, got " + value);
        }
    }
}
