package io.ordertrack.simulator;

import static io.ordertrack.simulator.Timeline.DAY;
import static io.ordertrack.simulator.Timeline.HOUR;

import io.ordertrack.avro.OrderEventType;
import io.ordertrack.simulator.CourierBatches.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * When each true event of a story reaches the feeds: at its event time, unless the feed is messy.
 * Scans can arrive hours out of order or days late, a manifest can arrive after the first scans of
 * its AWB, and any event can arrive twice. A courier account that sends in batches holds each of
 * its scans, late or not, until its next batch. None of this changes the truth.
 */
final class FeedPlanner {
    /**
     * One delivery of an event to a feed.
     *
     * @param batched a scan sent with its courier account's batch: those sent at the same time go
     *     oldest first
     */
    record Emission(long emitAt, StoryEvent event, boolean duplicate, boolean batched) {}

    private final Messiness mess;
    private final SplittableRandom random;
    private final CourierBatches batches;

    FeedPlanner(Messiness mess, SplittableRandom random, CourierBatches batches) {
        this.mess = mess;
        this.random = random;
        this.batches = batches;
    }

    /** The deliveries of a story's events; records the kinds of mess on the story. */
    List<Emission> plan(OrderStory story) {
        List<StoryEvent> events = story.events();
        Optional<Schedule> batch = batches.of(CourierAccount.of(story));
        long[] emitAt = new long[events.size()];
        long firstScanArrives = Long.MAX_VALUE;
        for (int i = 0; i < events.size(); i++) {
            StoryEvent event = events.get(i);
            emitAt[i] = event.isScan() ? sent(story, batch, event.at() + delay(story)) : event.at();
            if (event.isScan()) {
                firstScanArrives = Math.min(firstScanArrives, emitAt[i]);
            }
        }
        boolean manifestLate =
                firstScanArrives != Long.MAX_VALUE
                        && random.nextDouble() < mess.scansBeforeManifest();
        List<Emission> emissions = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            StoryEvent event = events.get(i);
            if (manifestLate && event.orderType() == OrderEventType.MANIFESTED) {
                emitAt[i] = firstScanArrives + HOUR + random.nextLong(2 * HOUR);
                story.mess().add(FeedMess.SCAN_BEFORE_MANIFEST);
            }
            boolean batched = event.isScan() && batch.isPresent();
            emissions.add(new Emission(emitAt[i], event, false, batched));
            if (random.nextDouble() < mess.duplicates()) {
                long again = emitAt[i] + random.nextLong(2 * HOUR);
                emissions.add(
                        new Emission(
                                event.isScan() ? sent(story, batch, again) : again,
                                event,
                                true,
                                batched));
                story.mess().add(FeedMess.DUPLICATES);
            }
        }
        return emissions;
    }

    /** When a scan ready at {@code readyAt} is sent: with the next batch of a batched account. */
    private static long sent(OrderStory story, Optional<Schedule> batch, long readyAt) {
        if (batch.isEmpty()) {
            return readyAt;
        }
        long sentAt = batch.get().next(readyAt);
        if (sentAt > readyAt) {
            story.mess().add(FeedMess.COURIER_BATCH);
        }
        return sentAt;
    }

    private long delay(OrderStory story) {
        double r = random.nextDouble();
        if (r < mess.lateScans()) {
            story.mess().add(FeedMess.LATE_SCAN);
            return DAY + random.nextLong(3 * DAY);
        }
        if (r < mess.lateScans() + mess.outOfOrder()) {
            story.mess().add(FeedMess.OUT_OF_ORDER);
            return HOUR + random.nextLong(11 * HOUR);
        }
        return 0;
    }
}
