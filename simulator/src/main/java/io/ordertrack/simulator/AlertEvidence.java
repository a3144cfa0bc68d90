package io.ordertrack.simulator;

import io.ordertrack.avro.OrderEventType;
import io.ordertrack.simulator.FeedPlanner.Emission;
import io.ordertrack.simulator.TrueConditions.Condition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The alert timeline of a run: every true condition of every order, with the time it could first be
 * known to have begun (see {@link AlertTruth}). What a story's own events tell is known when its
 * deliveries are planned; when its courier account is heard from past a condition's start is found
 * as the run's scans are sent, which is why a condition waits here, by account, until then.
 *
 * <p>A condition begins no earlier than its order is placed, and every record sent at or after that
 * time is decided after the story is told: so no scan that could settle a condition's evidence is
 * sent before the condition waits for it.
 */
final class AlertEvidence {
    /** A condition of an order and the latest of what its evidence waits for, so far. */
    private static final class Entry {
        final String tenantId;
        final String orderId;
        final String courier;
        final Condition condition;
        long evidenceAt;
        boolean waiting;

        Entry(OrderStory story, Condition condition, long evidenceAt) {
            this.tenantId = story.tenant().id();
            this.orderId = story.orderId();
            this.courier = story.courier();
            this.condition = condition;
            this.evidenceAt = evidenceAt;
        }

        AlertTruth truth(long runEnd) {
            return new AlertTruth(
                    condition.type(),
                    tenantId,
                    orderId,
                    courier,
                    condition.startAt(),
                    condition.endAt(),
                    waiting ? Math.max(evidenceAt, runEnd) : evidenceAt,
                    condition.detail());
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<CourierAccount, PriorityQueue<Entry>> waiting = new HashMap<>();

    /** Takes a story's true conditions, with when its events are sent. */
    void expect(OrderStory story, List<Emission> emissions) {
        Map<String, Long> firstSent = new HashMap<>();
        for (Emission emission : emissions) {
            firstSent.merge(emission.event().eventId(), emission.emitAt(), Math::min);
        }
        for (Condition condition : TrueConditions.of(story)) {
            if (condition.raisedBy() != null) {
                long scanSent = firstSent.get(condition.raisedBy().eventId());
                long manifestSent = sentOf(story, firstSent, OrderEventType.MANIFESTED);
                entries.add(new Entry(story, condition, Math.max(scanSent, manifestSent)));
            } else {
                Entry entry = new Entry(story, condition, sentBy(story, firstSent, condition));
                entry.waiting = true;
                entries.add(entry);
                waiting.computeIfAbsent(
                                CourierAccount.of(story),
                                account ->
                                        new PriorityQueue<>(
                                                Comparator.comparingLong(
                                                        e -> e.condition.startAt())))
                        .add(entry);
            }
        }
    }

    /** When the story's event of a type was first sent (the lowest time if it has none). */
    private static long sentOf(OrderStory story, Map<String, Long> firstSent, OrderEventType type) {
        return story.events().stream()
                .filter(event -> event.orderType() == type)
                .mapToLong(event -> firstSent.get(event.eventId()))
                .min()
                .orElse(Long.MIN_VALUE);
    }

    /** The start of a condition, or when the last of the events that happened by then was sent. */
    private static long sentBy(OrderStory story, Map<String, Long> firstSent, Condition condition) {
        long sent = condition.startAt();
        for (StoryEvent event : story.events()) {
            if (event.at() <= condition.startAt()) {
                sent = Math.max(sent, firstSent.get(event.eventId()));
            }
        }
        return sent;
    }

    /**
     * A scan of an account that happened at {@code eventAt} was sent at {@code sentAt}: the account
     * has been heard from past every waiting condition that began by then. Scans are reported in
     * the order they are sent.
     */
    void sent(CourierAccount account, long eventAt, long sentAt) {
        PriorityQueue<Entry> queue = waiting.get(account);
        while (queue != null && !queue.isEmpty() && queue.peek().condition.startAt() <= eventAt) {
            Entry entry = queue.poll();
            entry.evidenceAt = Math.max(entry.evidenceAt, sentAt);
            entry.waiting = false;
        }
    }

    /**
     * The timeline once the run is over, by start, type and order; {@code runEnd} is when its last
     * record was sent.
     */
    List<AlertTruth> timeline(long runEnd) {
        return entries.stream()
                .map(entry -> entry.truth(runEnd))
                .sorted(
                        Comparator.comparingLong(AlertTruth::startAt)
                                .thenComparing(AlertTruth::type)
                                .thenComparing(AlertTruth::orderId))
                .toList();
    }
}
