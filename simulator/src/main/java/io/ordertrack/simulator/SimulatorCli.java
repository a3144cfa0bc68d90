package io.ordertrack.simulator;

import io.ordertrack.connections.KafkaSecurity;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator on the command line: produces a run to Kafka and writes its oracle.
 *
 * <pre>
 * simulate --orders 100000 --seed 7 --rate 0 --bootstrap-servers 127.0.0.1:9092 --oracle run.jsonl
 * </pre>
 *
 * <p>Kafka credentials and trust come from the environment ({@link KafkaSecurity}), never from
 * arguments, which other users of the machine can read.
 */
public final class SimulatorCli {
    static final String USAGE =
            """
            usage: simulate [options]
              --orders N               orders to place [10000]
              --days D                 or: simulated days of orders at --orders-per-day
              --orders-per-day R       simulated placement rate [5000]
              --tenants T              sellers [3]
              --seed S                 seed of every random choice [1]
              --start TIME             simulated start: ISO instant, 'now' or 'now-3d' [2026-11-01T00:00:00Z]
              --rate E                 events per second sent; 0 = as fast as possible [0]
              --mess PRESET            feed mess preset: realistic, heavy (each kind of mess more
                                       often, half the courier accounts batched) or none [realistic]
              --duplicates P --out-of-order P --late-scans P --scans-before-manifest P
              --regressions P --unknown-codes P --bad-records P --courier-batches P
                                       each kind of mess on its own (probabilities); a batched
                                       courier account (seller × courier) sends its scans every
                                       2 to 8 hours
              --pre-normalised P       share of scans that also carry the normalised status [0]
              --misrouted P            share of orders shipped from a farther warehouse than the
                                       nearest one holding them (routing misses) [0]
              --hub-outages N          courier hubs that hold every parcel passing through them
                                       for 12 to 48 hours [0]
              --feed-outages N         couriers whose scans stop reaching Kafka for 1 to 8 hours,
                                       then arrive in a burst, scan times unchanged [0]
              --new-codes N            couriers that start sending an undocumented status code
                                       for 1 to 2 days [0]
              --fake-attempts P        share of failed delivery attempts that never happened
                                       (reported at night, from a far hub, or minutes after
                                       out for delivery; concentrated at some hubs) [0]
              --bootstrap-servers B    Kafka [127.0.0.1:9092]
              --topic-orders T --topic-tracking T --topic-inventory T --topic-remittances T
                                       topic names [orders, tracking, inventory]
              --oracle FILE            where to write the oracle (JSON Lines): the summary, each
                                       order's truth, the final stock, the alerts that must fire
                                       and the alert timeline (when each condition held, and
                                       when the feeds had told enough to know it), and
                                       each injected incident
            A secured Kafka: ORDERTRACK_KAFKA_SECURITY_PROTOCOL, ORDERTRACK_KAFKA_SASL_MECHANISM,
            ORDERTRACK_KAFKA_USERNAME, ORDERTRACK_KAFKA_PASSWORD(_FILE), ORDERTRACK_KAFKA_CA_FILE
            in the environment (see the README).
            Same seed and options: the same events, byte for byte, and the same oracle.
            """;
    private static final Pattern RELATIVE_NOW = Pattern.compile("now(?:-(\\d+)([dh]))?");
    private static final Set<String> OPTIONS =
            Set.of(
                    "orders",
                    "days",
                    "orders-per-day",
                    "tenants",
                    "seed",
                    "start",
                    "rate",
                    "mess",
                    "duplicates",
                    "out-of-order",
                    "late-scans",
                    "scans-before-manifest",
                    "regressions",
                    "unknown-codes",
                    "bad-records",
                    "courier-batches",
                    "pre-normalised",
                    "misrouted",
                    "hub-outages",
                    "feed-outages",
                    "new-codes",
                    "fake-attempts",
                    "bootstrap-servers",
                    "topic-orders",
                    "topic-tracking",
                    "topic-inventory",
                    "topic-remittances",
                    "oracle");

    private SimulatorCli() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options;
        SimulationOptions simulation;
        KafkaSecurity kafkaSecurity;
        try {
            options = parse(args);
            if (options.containsKey("help")) {
                System.out.print(USAGE);
                return;
            }
            simulation = simulationOptions(options);
            kafkaSecurity = KafkaSecurity.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("simulate: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        run(simulation, kafkaSecurity, options, System.err);
    }

    static void run(
            SimulationOptions options,
            KafkaSecurity kafkaSecurity,
            Map<String, String> cli,
            PrintStream log)
            throws IOException {
        Simulation simulation = Simulation.of(options);
        FeedProducer.Topics topics =
                new FeedProducer.Topics(
                        cli.getOrDefault("topic-orders", "orders"),
                        cli.getOrDefault("topic-tracking", "tracking"),
                        cli.getOrDefault("topic-inventory", "inventory"),
                        cli.getOrDefault("topic-remittances", "remittances"));
        double rate = Double.parseDouble(cli.getOrDefault("rate", "0"));
        long sent;
        try (FeedProducer producer =
                new FeedProducer(
                        cli.getOrDefault("bootstrap-servers", "127.0.0.1:9092"),
                        kafkaSecurity,
                        topics)) {
            sent =
                    producer.send(
                            simulation,
                            rate,
                            (count, nanos, sim) -> log.println(progress(count, nanos, sim)));
        }
        Oracle oracle = simulation.oracle();
        if (cli.containsKey("oracle")) {
            Path file = Path.of(cli.get("oracle"));
            OracleFile.write(oracle, file);
            log.println("oracle written to " + file.toAbsolutePath());
        }
        log.println(alertTimeline(oracle.alertTimeline()));
        log.println("done: " + sent + " records");
    }

    static String progress(long sent, long elapsedNanos, Simulation simulation) {
        double seconds = elapsedNanos / 1e9;
        double placed =
                (double) simulation.ordersPlaced() / Math.max(1, simulation.options().orders());
        // The placed orders' records are sent or waiting, and the orders still to come are like
        // them; so the ETA holds after the last order is placed, while its events trail on for
        // days of simulated time.
        double left = placed > 0 ? (sent + simulation.recordsWaiting()) / placed - sent : 0;
        String eta =
                sent > 0 && left > 0
                        ? String.format(Locale.ROOT, ", ETA %.0f s", left * seconds / sent)
                        : "";
        return String.format(
                Locale.ROOT,
                "sent %,d events in %.1f s (%,.0f/s), %d%% of orders placed%s",
                sent,
                seconds,
                sent / Math.max(seconds, 1e-9),
                (int) (placed * 100),
                eta);
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                options.put("help", "");
                continue;
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            String name = args[i].substring(2);
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            options.put(name, args[++i]);
        }
        return options;
    }

    static SimulationOptions simulationOptions(Map<String, String> cli) {
        double ordersPerDay = number(cli, "orders-per-day", 5_000);
        int orders =
                cli.containsKey("days")
                        ? (int) Math.round(number(cli, "days", 1) * ordersPerDay)
                        : (int) number(cli, "orders", 10_000);
        Messiness preset =
                switch (cli.getOrDefault("mess", "realistic")) {
                    case "realistic" -> Messiness.REALISTIC;
                    case "heavy" -> Messiness.HEAVY;
                    case "none" -> Messiness.NONE;
                    default ->
                            throw new IllegalArgumentException(
                                    "--mess must be realistic, heavy or none");
                };
        Messiness mess =
                new Messiness(
                        number(cli, "duplicates", preset.duplicates()),
                        number(cli, "out-of-order", preset.outOfOrder()),
                        number(cli, "late-scans", preset.lateScans()),
                        number(cli, "scans-before-manifest", preset.scansBeforeManifest()),
                        number(cli, "regressions", preset.regressions()),
                        number(cli, "unknown-codes", preset.unknownCodes()),
                        number(cli, "bad-records", preset.badRecords()),
                        number(cli, "courier-batches", preset.courierBatches()));
        return new SimulationOptions(
                (long) number(cli, "seed", 1),
                orders,
                (int) number(cli, "tenants", 3),
                start(
                        cli.getOrDefault("start", SimulationOptions.DEFAULT_START.toString()),
                        Instant.now()),
                ordersPerDay,
                mess,
                number(cli, "pre-normalised", 0),
                number(cli, "misrouted", 0),
                new Incidents(
                        count(cli, "hub-outages"),
                        count(cli, "feed-outages"),
                        count(cli, "new-codes")),
                number(cli, "fake-attempts", 0),
                false);
    }

    /**
     * The alert conditions of the run by type, each with how long after it began the feeds had told
     * enough to know it, in hours: the median and the longest. How late any alert of the job can
     * rightly be.
     */
    static String alertTimeline(List<AlertTruth> timeline) {
        Map<String, List<Long>> waits = new TreeMap<>();
        for (AlertTruth truth : timeline) {
            waits.computeIfAbsent(truth.type(), type -> new ArrayList<>())
                    .add(truth.evidenceAt() - truth.startAt());
        }
        StringBuilder line =
                new StringBuilder("alert conditions (count, hours to know: median/longest):");
        waits.forEach(
                (type, hours) -> {
                    Collections.sort(hours);
                    line.append(
                            String.format(
                                    Locale.ROOT,
                                    " %s %d %.1f/%.1f",
                                    type,
                                    hours.size(),
                                    hours.get(hours.size() / 2) / 3_600_000.0,
                                    hours.get(hours.size() - 1) / 3_600_000.0));
                });
        return line.toString();
    }

    /** An ISO instant, {@code now}, or {@code now-3d} / {@code now-12h}. */
    static Instant start(String value, Instant now) {
        Matcher relative = RELATIVE_NOW.matcher(value);
        if (relative.matches()) {
            if (relative.group(1) == null) {
                return now;
            }
            long amount = Long.parseLong(relative.group(1));
            return now.minus(
                    relative.group(2).equals("d")
                            ? Duration.ofDays(amount)
                            : Duration.ofHours(amount));
        }
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--start must be an ISO instant, now or now-3d, got " + value);
        }
    }

    private static int count(Map<String, String> cli, String name) {
        double count = number(cli, name, 0);
        if (count != Math.rint(count) || count < 0) {
            throw new IllegalArgumentException(
                    "--" + name + " must be a whole number, got " + cli.get(name));
        }
        return (int) count;
    }

    private static double number(Map<String, String> cli, String name, double fallback) {
        String value = cli.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got " + value);
        }
    }
}
