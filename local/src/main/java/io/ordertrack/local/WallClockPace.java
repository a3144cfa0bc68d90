package io.ordertrack.local;

import io.ordertrack.simulator.SimulatedRecord;
import java.time.Clock;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Holds each simulated record back until the wall clock reaches the simulated time it is sent at,
 * so the live feed never sends an event from the future: its simulated clock runs a day per ten
 * minutes until it catches up with now, then at the pace of real time (the job sends events too far
 * ahead of the wall clock to dead letters). Stopping while a record waits throws {@link
 * CancellationException} rather than hand out a record that is not due yet; {@link #taken} counts
 * only the records handed out.
 */
final class WallClockPace implements Iterator<SimulatedRecord> {
    private static final long LONGEST_NAP_MS = 500;

    private final Iterator<SimulatedRecord> records;
    private final Clock clock;
    private final BooleanSupplier stopped;
    private long taken;

    WallClockPace(Iterator<SimulatedRecord> records, Clock clock, BooleanSupplier stopped) {
        this.records = records;
        this.clock = clock;
        this.stopped = stopped;
    }

    @Override
    public boolean hasNext() {
        return !stopped.getAsBoolean() && records.hasNext();
    }

    @Override
    public SimulatedRecord next() {
        SimulatedRecord record = records.next();
        long wait;
        // Short naps, so that stopping the feed is not held up by a record due minutes from now.
        while ((wait = record.timestamp() - clock.millis()) > 0) {
            if (stopped.getAsBoolean()) {
                throw new CancellationException("stopped before the next record was due");
            }
            try {
                Thread.sleep(Math.min(wait, LONGEST_NAP_MS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted before the next record was due");
            }
        }
        taken++;
        return record;
    }

    /** Records handed out so far. */
    long taken() {
        return taken;
    }
}
