package io.ordertrack.simulator;

import static io.ordertrack.simulator.Timeline.DAY;
import static io.ordertrack.simulator.Timeline.HOUR;

import io.ordertrack.avro.OrderEventType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * When each true event of a story reaches the feeds: at its event time, unless the feed is messy.
 * Scans can arrive hours out of order or days late, a manifest can arrive after the first scans of
 * its AWB, and any event can arrive twice. None of this changes the truth.
 */
final class FeedPlanner {
    /** One delivery of an event to a feed. */
    record Emission(long emitAt, StoryEvent event, boolean duplicate) {}

    private final Messiness mess;
    private final SplittableRandom random;

    FeedPlanner(Messiness mess, SplittableRandom random) {
        this.mess = mess;
        this.random = random;
    }

    /** The deliveries of a story's events; records the kinds of mess on the story. */
    List<Emission> plan(OrderStory story) {
        List<StoryEvent> events = story.events();
        long[] emitAt = new long[events.size()];
        long firstScanArrives = Long.MAX_VALUE;
        for (int i = 0; i < events.size(); i++) {
            StoryEvent event = events.get(i);
            emitAt[i] = event.isScan() ? event.at() + delay(story) : event.at();
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
            emissions.add(new Emission(emitAt[i], event, false));
            if (random.nextDouble() < mess.duplicates()) {
                emissions.add(new Emission(emitAt[i] + random.nextLong(2 * HOUR), event, true));
                story.mess().add(FeedMess.DUPLICATES);
            }
        }
        return emissions;
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
