package io.ordertrack.jobs.deadletters;

import io.ordertrack.jobs.OrderTrackingConfig;
import io.ordertrack.schemas.PersonalData;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The operator's command for dead letters ({@code deploy/local/dead-letters.sh}): lists them by
 * reason and time, with a masked preview of each record, and sends chosen ones back to their source
 * topic once the cause is fixed, recording each re-send ({@link DeadLettersTopic}).
 *
 * <p>It reads the job's own settings for Kafka ({@code --kafka.bootstrap.servers}, {@code
 * --topic.dead-letters}, or their {@code ORDERTRACK_*} variables; see {@link OrderTrackingConfig}).
 * Exit status: 0 when everything asked for was done, 1 when a letter was refused or not found or
 * nothing matched, 2 for a wrong command line.
 */
public final class DeadLettersCommand {
    static final String USAGE =
            """
            usage: dead-letters.sh list   [--reason TEXT] [--from INSTANT] [--to INSTANT] [--limit N]
                   dead-letters.sh resend --letters P:O[,P:O...]
                   dead-letters.sh resend [--reason TEXT] [--from INSTANT] [--to INSTANT]
              --reason   letters whose reason contains TEXT, ignoring case
              --from     letters of this time or later, like 2026-12-03T08:00:00Z
              --to       letters before this time
              --letters  letters by partition:offset in the dead-letters topic, as list shows them
              --limit    letters listed at most (100)
            and the job's Kafka settings: --kafka.bootstrap.servers, --topic.dead-letters
            """;

    private static final int KEY_CHARS = 80;
    private static final int VALUE_CHARS = 240;
    private static final int REASON_CHARS = 300;

    private DeadLettersCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err, Clock.systemUTC()));
    }

    /** Runs one command line; what it prints goes to {@code out}, problems to {@code err}. */
    public static int run(
            String[] args,
            Map<String, String> environment,
            PrintStream out,
            PrintStream err,
            Clock clock) {
        DeadLettersRequest request;
        OrderTrackingConfig config;
        try {
            request = DeadLettersRequest.parse(args);
            config = OrderTrackingConfig.from(request.jobArguments(), environment);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try (DeadLettersTopic topic =
                new DeadLettersTopic(
                        kafkaProperties(config), config.topics().deadLetters(), clock)) {
            return request.resend() ? resend(request, topic, out) : list(request, topic, out);
        } catch (Exception e) {
            err.println("dead-letters: " + PersonalData.maskNumbers(String.valueOf(e)));
            return 1;
        }
    }

    /**
     * The connection settings of every Kafka client of the command, from the job's configuration:
     * its brokers, and its credentials and trust ({@code ORDERTRACK_KAFKA_*}).
     */
    static Properties kafkaProperties(OrderTrackingConfig config) {
        Properties properties = config.kafka().security().clientProperties();
        properties.put(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        return properties;
    }

    private static int list(DeadLettersRequest request, DeadLettersTopic topic, PrintStream out)
            throws Exception {
        List<StoredLetter> letters = topic.list(request.filter());
        Map<LetterId, Resend> resends = topic.resends();
        letters.stream().limit(request.limit()).forEach(l -> print(l, resends.get(l.id()), out));
        long resent = letters.stream().filter(l -> resends.containsKey(l.id())).count();
        out.println(
                letters.size()
                        + " dead letters ("
                        + request.filter().describe()
                        + "), "
                        + resent
                        + " of them re-sent"
                        + (letters.size() > request.limit()
                                ? "; the first " + request.limit() + " shown (--limit)"
                                : ""));
        return letters.isEmpty() ? 1 : 0;
    }

    private static void print(StoredLetter letter, Resend resend, PrintStream out) {
        out.println(
                letter.id()
                        + "  "
                        + letter.time()
                        + "  "
                        + letter.source()
                        + "  "
                        + reasonOf(letter));
        out.println("    key   " + LetterPreview.ofKey(letter.key(), KEY_CHARS));
        out.println("    value " + LetterPreview.ofValue(letter.value(), VALUE_CHARS));
        if (resend != null) {
            out.println("    re-sent " + resend.describe());
        }
    }

    private static int resend(DeadLettersRequest request, DeadLettersTopic topic, PrintStream out)
            throws Exception {
        List<StoredLetter> letters =
                request.letters().isEmpty()
                        ? topic.list(request.filter())
                        : topic.find(request.letters());
        List<LetterId> missing = new ArrayList<>(request.letters());
        letters.forEach(letter -> missing.remove(letter.id()));
        Map<LetterId, Resend> resends = topic.resends();
        Set<String> topics = topic.topics();
        int sent = 0;
        for (StoredLetter letter : letters) {
            Optional<String> refusal = ResendRules.refusal(letter, resends, topics);
            if (refusal.isPresent()) {
                out.println("refused " + letter.id() + ": " + refusal.get());
                continue;
            }
            Resend resend = topic.resend(letter);
            resends.put(letter.id(), resend);
            out.println("re-sent " + letter.id() + " " + resend.describe());
            sent++;
        }
        missing.forEach(
                id ->
                        out.println(
                                "not found "
                                        + id
                                        + ": no such letter in the dead-letters topic (past its"
                                        + " retention, or never written)"));
        int refused = letters.size() - sent;
        out.println(
                "re-sent "
                        + sent
                        + ", refused "
                        + refused
                        + ", not found "
                        + missing.size()
                        + "; re-sends are recorded in "
                        + topic.resentTopic());
        return sent > 0 && refused == 0 && missing.isEmpty() ? 0 : 1;
    }

    /** The reason, masked and on one line: a refusal by Elasticsearch may quote the value. */
    private static String reasonOf(StoredLetter letter) {
        String reason = letter.reason() == null ? "(no reason)" : letter.reason();
        String masked = PersonalData.maskEmails(PersonalData.maskNumbers(reason));
        String oneLine = masked.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() <= REASON_CHARS
                ? oneLine
                : oneLine.substring(0, REASON_CHARS) + "…";
    }
}
