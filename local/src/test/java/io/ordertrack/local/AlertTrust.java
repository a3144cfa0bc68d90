package io.ordertrack.local;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.EventValidation;
import io.ordertrack.schemas.RecordKeys;
import io.ordertrack.simulator.AlertTruth;
import io.ordertrack.simulator.Oracle;
import io.ordertrack.simulator.SimulatedRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.utils.Utils;

/**
 * The order alerts a run published (every version, from the alerts topic), measured against the
 * simulator's alert timeline, per alert type, as a seller would judge them:
 *
 * <ul>
 *   <li><b>missing</b>: a condition that truly held, that the job could have decided by the end of
 *       the feed under its documented waits, and no alert of that type on that order covered it (a
 *       call to action, NDR_ACTION_DUE, only if it could be known before it was over);
 *   <li><b>false against the truth</b>: an alert episode (opened, or kept as resolved) during which
 *       the condition never truly held;
 *   <li><b>false against the evidence</b>: such an episode that a perfect observer of the same
 *       arrivals, waiting the same documented time, would not have opened: every true event of the
 *       order up to the episode's start had been sent when the job decided, or the job decided
 *       before its courier's feed had passed the start and before the longest feed wait;
 *   <li><b>detection delay</b>: from when the condition truly began to when the job published the
 *       alert;
 *   <li><b>content mismatches</b> at the end: state, NDR attempts and severity, the attempt an NDR
 *       action is due for, courier and AWB not those of the truth;
 *   <li><b>backwards</b>: a version changed earlier than the one before it, or resolved before it
 *       opened.
 * </ul>
 *
 * Arrival is the simulator's send time; the job's own arrival stamps are never later (they are the
 * latest event time the partition had shown), so evidence sent by a time was in the job's hands by
 * then too.
 */
final class AlertTrust {
    static final List<String> TYPES =
            List.of(
                    "NOT_PICKED",
                    "STUCK_IN_TRANSIT",
                    "OFD_NOT_DELIVERED",
                    "EDD_BREACH",
                    "NDR",
                    "NDR_ACTION_DUE",
                    "COURIER_ERROR");
    private static final Set<String> SLA =
            Set.of("NOT_PICKED", "STUCK_IN_TRANSIT", "OFD_NOT_DELIVERED", "EDD_BREACH");

    /** Calls to action, raised only while they can be acted on. */
    private static final Set<String> BY_THE_CLOCK = Set.of("NDR_ACTION_DUE");

    private static final Set<String> SINGLE_SCAN_LATENESS =
            Set.of("LATE_SCAN", "OUT_OF_ORDER", "SCAN_BEFORE_MANIFEST");
    private static final AvroCodec<Alert> ALERTS = AvroCodec.of(Alert.class);
    private static final AvroCodec<OrderEvent> ORDER_EVENTS = AvroCodec.of(OrderEvent.class);
    private static final AvroCodec<TrackingScan> SCANS = AvroCodec.of(TrackingScan.class);

    /** The documented waits of the run: the longest courier feed wait, and a grace per type. */
    record Waits(Duration maxFeedWait, Duration poll, Map<String, Duration> graces) {
        static final Waits DEFAULT =
                new Waits(Duration.ofHours(12), Duration.ofMinutes(15), Map.of());

        Duration graceOf(String type) {
            return graces.getOrDefault(type, Duration.ZERO);
        }
    }

    /** What was measured of one alert type. */
    record TypeReport(
            String type,
            int truths,
            int decidable,
            int episodes,
            int missing,
            int falseAgainstTruth,
            int falseOnSingleLateScans,
            int falseAgainstEvidence,
            int contentMismatches,
            int backwards,
            Duration delayP50,
            Duration delayP99,
            List<String> examples) {

        String row() {
            return String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %d | %d | %d (%d on single late scans) | %d | %d | %d | %s |"
                            + " %s |",
                    type,
                    truths,
                    decidable,
                    episodes,
                    missing,
                    falseAgainstTruth,
                    falseOnSingleLateScans,
                    falseAgainstEvidence,
                    contentMismatches,
                    backwards,
                    hours(delayP50),
                    hours(delayP99));
        }

        private static String hours(Duration delay) {
            return delay == null
                    ? "-"
                    : String.format(Locale.ROOT, "%.1f h", delay.toMinutes() / 60.0);
        }
    }

    /** The header of {@link TypeReport#row()}. */
    static final String HEADER =
            "| alert | true | decidable | alerted | missing | false vs truth | false vs evidence"
                    + " | content mismatches | backwards | delay p50 | delay p99 |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|";

    /**
     * How long the alerts topic stays quiet before a run's alerts are all taken to be published
     * once its order documents are final: the inventory ledger waits for the same quiet feeds as
     * the risk scorer before it applies the stock changes it holds, so its last LOW_STOCK alerts
     * can follow the last order documents by seconds.
     */
    static final Duration SETTLED = Duration.ofSeconds(20);

    private AlertTrust() {}

    /** Every alert version on the topic, once it has been quiet for {@code quiet}. */
    static List<Alert> published(String bootstrapServers, String topic, Duration quiet) {
        return records(bootstrapServers, topic, quiet).stream().map(ALERTS::decode).toList();
    }

    /**
     * The committed record values of a topic, read until it has been quiet for {@code quiet}: what
     * a {@code read_committed} consumer of the job's output sees.
     */
    static List<byte[]> records(String bootstrapServers, String topic, Duration quiet) {
        Properties properties = DeadLetters.committedReader(bootstrapServers, "alert-trust");
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of(topic));
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < quiet.toNanos()) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    quietSince = System.nanoTime();
                }
                records.forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }

    /** The report of every order alert type. */
    static Map<String, TypeReport> measure(
            Oracle oracle,
            List<SimulatedRecord> records,
            int partitions,
            List<Alert> versions,
            Waits waits) {
        Feed feed = new Feed(oracle, records, partitions);
        Map<String, List<Alert>> byAlert = new HashMap<>();
        for (Alert alert : versions) {
            if (alert.getOrderId() != null && TYPES.contains(alert.getType().name())) {
                byAlert.computeIfAbsent(
                                key(alert.getType().name(), alert.getOrderId()),
                                k -> new ArrayList<>())
                        .add(alert);
            }
        }
        byAlert.values().forEach(list -> list.sort(Comparator.comparingLong(Alert::getVersion)));
        Map<String, List<AlertTruth>> truths = new HashMap<>();
        for (AlertTruth truth : oracle.alertTimeline()) {
            truths.computeIfAbsent(key(truth.type(), truth.orderId()), k -> new ArrayList<>())
                    .add(truth);
        }
        Map<String, Oracle.OrderTruth> orders = new HashMap<>();
        oracle.orders().forEach(order -> orders.put(order.orderId(), order));

        Map<String, TypeReport> reports = new TreeMap<>();
        for (String type : TYPES) {
            int truthCount = 0;
            int decidable = 0;
            int episodeCount = 0;
            int missing = 0;
            int falseTruth = 0;
            int falseSingle = 0;
            int falseEvidence = 0;
            int content = 0;
            int backwards = 0;
            List<Long> delays = new ArrayList<>();
            List<String> examples = new ArrayList<>();
            for (Map.Entry<String, List<AlertTruth>> entry : truths.entrySet()) {
                for (AlertTruth truth : entry.getValue()) {
                    if (!truth.type().equals(type)) {
                        continue;
                    }
                    truthCount++;
                    if (!decidableBy(truth, feed, waits)) {
                        continue;
                    }
                    decidable++;
                    Episode covering = null;
                    for (Episode episode :
                            episodes(byAlert.getOrDefault(entry.getKey(), List.of()))) {
                        if (episode.overlaps(truth.startAt(), truth.endAt())) {
                            covering = episode;
                            break;
                        }
                    }
                    if (covering == null) {
                        missing++;
                        example(examples, "missing " + describe(truth));
                    } else {
                        delays.add(covering.decidedAt - truth.startAt());
                    }
                }
            }
            for (Map.Entry<String, List<Alert>> entry : byAlert.entrySet()) {
                List<Alert> alerts = entry.getValue();
                if (!alerts.get(0).getType().name().equals(type)) {
                    continue;
                }
                backwards += backwards(alerts);
                List<AlertTruth> ofAlert = truths.getOrDefault(entry.getKey(), List.of());
                Oracle.OrderTruth order = orders.get(alerts.get(0).getOrderId());
                for (Episode episode : episodes(alerts)) {
                    episodeCount++;
                    boolean held =
                            ofAlert.stream()
                                    .anyMatch(t -> episode.overlaps(t.startAt(), t.endAt()));
                    if (held) {
                        continue;
                    }
                    falseTruth++;
                    if (order != null
                            && order.mess().stream().anyMatch(SINGLE_SCAN_LATENESS::contains)) {
                        falseSingle++;
                    }
                    if (evidenceWasThere(type, episode, order, feed, waits)) {
                        falseEvidence++;
                        example(
                                examples,
                                "false against the evidence " + entry.getKey() + " " + episode);
                    }
                }
                content +=
                        contentMismatches(
                                alerts.get(alerts.size() - 1),
                                ofAlert,
                                order,
                                feed,
                                waits,
                                examples);
            }
            reports.put(
                    type,
                    new TypeReport(
                            type,
                            truthCount,
                            decidable,
                            episodeCount,
                            missing,
                            falseTruth,
                            falseSingle,
                            falseEvidence,
                            content,
                            backwards,
                            percentile(delays, 0.50),
                            percentile(delays, 0.99),
                            examples));
        }
        return reports;
    }

    /** The job's last watermark is at least this: whatever it could decide by then, it has. */
    private static boolean decidableBy(AlertTruth truth, Feed feed, Waits waits) {
        if (BY_THE_CLOCK.contains(truth.type()) && truth.evidenceAt() >= truth.endAt()) {
            return false; // a call to action whose time had passed when it could be known
        }
        long decidedAt =
                SLA.contains(truth.type())
                        ? Math.max(
                                truth.startAt() + waits.graceOf(truth.type()).toMillis(),
                                Math.min(
                                        truth.evidenceAt(),
                                        truth.startAt() + waits.maxFeedWait().toMillis()))
                        : truth.evidenceAt();
        return decidedAt + waits.poll().toMillis() <= feed.lastWatermark;
    }

    /**
     * A false episode was the job's own doing if, when it decided, every true event of the order up
     * to the episode's start had been sent, or it decided before the documented wait was over.
     */
    private static boolean evidenceWasThere(
            String type, Episode episode, Oracle.OrderTruth order, Feed feed, Waits waits) {
        if (order == null) {
            return true;
        }
        long lastNeeded = feed.lastSentBy(order.orderId(), episode.openedAt);
        if (lastNeeded <= episode.decidedAt) {
            return true;
        }
        if (!SLA.contains(type) || feed.manifestSent(order.orderId()) > episode.decidedAt) {
            return false; // no courier known yet: no feed to wait for
        }
        long waitedUntil =
                Math.min(
                        feed.courierPassed(order.tenantId(), order.courier(), episode.openedAt),
                        episode.openedAt + waits.maxFeedWait().toMillis());
        return episode.decidedAt
                < Math.max(waitedUntil, episode.openedAt + waits.graceOf(type).toMillis());
    }

    private static int contentMismatches(
            Alert last,
            List<AlertTruth> truths,
            Oracle.OrderTruth order,
            Feed feed,
            Waits waits,
            List<String> examples) {
        int mismatches = 0;
        if (order != null
                && order.courier() != null
                && order.awb() != null
                && (!order.courier().equals(last.getCourier())
                        || !order.awb().equals(last.getAwb()))) {
            mismatches++;
            example(
                    examples,
                    "courier/awb "
                            + last.getAlertId()
                            + " "
                            + last.getCourier()
                            + "/"
                            + last.getAwb());
        }
        AlertTruth truth =
                truths.stream().max(Comparator.comparingLong(AlertTruth::startAt)).orElse(null);
        if (truth == null || !decidableBy(truth, feed, waits)) {
            return mismatches;
        }
        boolean overByTheEnd =
                truth.endAt() != null
                        && feed.lastSentBy(last.getOrderId(), truth.endAt())
                                        + waits.maxFeedWait().toMillis()
                                <= feed.lastWatermark;
        boolean stillHolds = truth.endAt() == null;
        if ((stillHolds && last.getState() != AlertState.OPEN)
                || (overByTheEnd && last.getState() != AlertState.RESOLVED)) {
            mismatches++;
            example(
                    examples,
                    "state "
                            + last.getAlertId()
                            + " "
                            + last.getState()
                            + " vs "
                            + describe(truth));
        }
        if (truth.type().equals("NDR") && truth.detail() != null) {
            String[] detail = truth.detail().split("[ ,]+"); // attempts N, SEVERITY
            String expected = "attempt " + detail[1] + " failed";
            if (!last.getReasons().get(0).startsWith(expected)
                    || !last.getSeverity().name().equals(detail[2])) {
                mismatches++;
                example(
                        examples,
                        "ndr "
                                + last.getAlertId()
                                + " "
                                + last.getReasons()
                                + " "
                                + last.getSeverity()
                                + " vs "
                                + truth.detail());
            }
        }
        // The deadline, not the attempt's number: a failed attempt reported after a later one
        // (after its own deadline, so raising nothing) is not counted in the number shown. On an
        // order with a scan late on its own, an attempt's number, so whether it is the last before
        // return, cannot be known when its alert is due: not compared there.
        boolean lateScans =
                order != null && order.mess().stream().anyMatch(SINGLE_SCAN_LATENESS::contains);
        if (truth.type().equals("NDR_ACTION_DUE")
                && !lateScans
                && !last.getReasons().get(0).contains(truth.detail().split(", ")[1])) {
            mismatches++;
            example(
                    examples,
                    "ndr action "
                            + last.getAlertId()
                            + " "
                            + last.getReasons()
                            + " vs "
                            + truth.detail());
        }
        return mismatches;
    }

    private static int backwards(List<Alert> versions) {
        int backwards = 0;
        Instant previous = null;
        for (Alert alert : versions) {
            if ((previous != null && alert.getUpdatedAt().isBefore(previous))
                    || (alert.getResolvedAt() != null
                            && alert.getResolvedAt().isBefore(alert.getOpenedAt()))) {
                backwards++;
            }
            previous = alert.getUpdatedAt();
        }
        return backwards;
    }

    /** One time an alert was open (or kept as resolved at once): from its start to its end. */
    private record Episode(long openedAt, Long resolvedAt, long decidedAt) {
        boolean overlaps(long start, Long end) {
            long episodeEnd =
                    resolvedAt == null ? Long.MAX_VALUE : Math.max(resolvedAt, openedAt + 1);
            long truthEnd = end == null ? Long.MAX_VALUE : end;
            return openedAt < truthEnd && start < episodeEnd;
        }

        @Override
        public String toString() {
            return "opened "
                    + Instant.ofEpochMilli(openedAt)
                    + " decided "
                    + Instant.ofEpochMilli(decidedAt)
                    + (resolvedAt == null ? "" : " resolved " + Instant.ofEpochMilli(resolvedAt));
        }
    }

    private static List<Episode> episodes(List<Alert> versions) {
        List<Episode> episodes = new ArrayList<>();
        AlertState before = null;
        for (Alert alert : versions) {
            boolean opens = alert.getState() == AlertState.OPEN && before != AlertState.OPEN;
            boolean keptResolved = alert.getState() == AlertState.RESOLVED && before == null;
            if (opens || keptResolved) {
                episodes.add(
                        new Episode(
                                alert.getOpenedAt().toEpochMilli(),
                                keptResolved ? alert.getResolvedAt().toEpochMilli() : null,
                                alert.getUpdatedAt().toEpochMilli()));
            } else if (alert.getState() == AlertState.RESOLVED && before == AlertState.OPEN) {
                Episode open = episodes.remove(episodes.size() - 1);
                episodes.add(
                        new Episode(
                                open.openedAt,
                                alert.getResolvedAt().toEpochMilli(),
                                open.decidedAt));
            }
            before = alert.getState();
        }
        return episodes;
    }

    private static Duration percentile(List<Long> values, double share) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int at = (int) Math.min(sorted.size() - 1, Math.ceil(share * sorted.size()) - 1);
        return Duration.ofMillis(sorted.get(Math.max(0, at)));
    }

    private static void example(List<String> examples, String example) {
        if (examples.size() < 8) {
            examples.add(example);
        }
    }

    private static String describe(AlertTruth truth) {
        return truth.type()
                + " "
                + truth.orderId()
                + " from "
                + Instant.ofEpochMilli(truth.startAt())
                + (truth.endAt() == null ? "" : " to " + Instant.ofEpochMilli(truth.endAt()))
                + " evidence "
                + Instant.ofEpochMilli(truth.evidenceAt());
    }

    private static String key(String type, String orderId) {
        return type + " " + orderId;
    }

    /** When each order's events and each courier account's scans were sent. */
    private static final class Feed {
        /** Per order, per event id: [event time, first arrival, 1 for a scan]. */
        private final Map<String, Map<String, long[]>> byOrder = new HashMap<>();

        /** Per order: when its manifest, naming its courier, first arrived. */
        private final Map<String, Long> manifests = new HashMap<>();

        /** Per tenant/courier: [arrival, event time] of each of its scans. */
        private final Map<String, List<long[]>> byCourier = new HashMap<>();

        /** Per topic partition: the latest event time it has shown. */
        private final Map<String, Long> partitionClocks = new HashMap<>();

        private final int partitions;
        private final long lastWatermark;

        Feed(Oracle oracle, List<SimulatedRecord> records, int partitions) {
            this.partitions = partitions;
            Map<String, String> orderOfShipment = new HashMap<>();
            oracle.orders()
                    .forEach(o -> orderOfShipment.put(o.courier() + "/" + o.awb(), o.orderId()));
            for (SimulatedRecord record : records) {
                try {
                    switch (record.topic()) {
                        case ORDERS -> {
                            OrderEvent event = ORDER_EVENTS.decode(record.value());
                            if (EventValidation.problemOf(event).isPresent()) {
                                continue; // a dead letter, no evidence (and no feed clock)
                            }
                            long arrived = arrival(record, event.getEventTime());
                            arrived(
                                    RecordKeys.of(event),
                                    event.getEventId(),
                                    event.getEventTime(),
                                    arrived,
                                    false);
                            if (event.getType() == OrderEventType.MANIFESTED) {
                                manifests.putIfAbsent(RecordKeys.of(event), arrived);
                            }
                        }
                        case TRACKING -> {
                            TrackingScan scan = SCANS.decode(record.value());
                            if (EventValidation.problemOf(scan).isPresent()) {
                                continue;
                            }
                            long arrived = arrival(record, scan.getEventTime());
                            long at = scan.getEventTime().toEpochMilli();
                            String order =
                                    orderOfShipment.get(scan.getCourier() + "/" + scan.getAwb());
                            if (order != null) {
                                arrived(
                                        order,
                                        scan.getEventId(),
                                        scan.getEventTime(),
                                        arrived,
                                        true);
                            }
                            byCourier
                                    .computeIfAbsent(
                                            scan.getTenantId() + "/" + scan.getCourier(),
                                            k -> new ArrayList<>())
                                    .add(new long[] {arrived, at});
                        }
                        case INVENTORY -> {}
                    }
                } catch (RuntimeException e) {
                    // Bad records carry no evidence.
                }
            }
            lastWatermark = AlertComparison.lastWatermark(records);
        }

        /**
         * A record's arrival on the feeds' clock, as the job stamps it: the latest event time its
         * partition (Kafka's default partitioner on the record's key) had shown, its own included.
         */
        private long arrival(SimulatedRecord record, Instant eventTime) {
            int partition = Utils.toPositive(Utils.murmur2(record.key())) % partitions;
            return partitionClocks.merge(
                    record.topic() + "/" + partition, eventTime.toEpochMilli(), Math::max);
        }

        private void arrived(
                String orderId, String eventId, Instant at, long arrived, boolean scan) {
            byOrder.computeIfAbsent(orderId, k -> new HashMap<>())
                    .merge(
                            eventId,
                            new long[] {at.toEpochMilli(), arrived, scan ? 1 : 0},
                            (first, again) -> first);
        }

        /** When the order's manifest, naming its courier, first arrived. */
        long manifestSent(String orderId) {
            Long arrived = manifests.get(orderId);
            return arrived == null ? Long.MAX_VALUE : arrived;
        }

        /**
         * When the last of the order's events that happened by {@code at} had arrived (a scan
         * counts from when its manifest had too: it cannot be put down to the order before).
         */
        long lastSentBy(String orderId, long at) {
            long last = Long.MIN_VALUE;
            for (long[] event : byOrder.getOrDefault(orderId, Map.of()).values()) {
                if (event[0] <= at) {
                    long usable =
                            event[2] == 1 ? Math.max(event[1], manifestSent(orderId)) : event[1];
                    last = Math.max(last, usable);
                }
            }
            return last;
        }

        /**
         * When the courier account's scans had first come as far as {@code at}: the earliest
         * arrival of one of its scans of that time or later (partitions interleave, so not the
         * first such scan sent).
         */
        long courierPassed(String tenantId, String courier, long at) {
            long passed = Long.MAX_VALUE;
            for (long[] scan : byCourier.getOrDefault(tenantId + "/" + courier, List.of())) {
                if (scan[1] >= at) {
                    passed = Math.min(passed, scan[0]);
                }
            }
            return passed;
        }
    }
}
