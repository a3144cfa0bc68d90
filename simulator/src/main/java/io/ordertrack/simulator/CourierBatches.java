package io.ordertrack.simulator;

import static io.ordertrack.simulator.Timeline.MINUTE;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Which seller accounts with a courier (tenant × courier) send their scans in batches, and when.
 * Many courier APIs are polled, or push, every few hours: each scan then reaches the feed at the
 * account's first batch time after it would otherwise have been sent, whatever its own delay.
 *
 * <p>Each account's schedule is drawn from a random of its own, seeded by the run and the account:
 * a run without batches draws nothing more from the feed's random and stays what it was, and a
 * higher rate only adds batched accounts, each on the schedule it would have had anyway.
 */
final class CourierBatches {
    private static final int SHORTEST_PERIOD_MINUTES = 120;
    private static final int LONGEST_PERIOD_MINUTES = 480;

    /** The batch times of an account: every {@code period} ms, {@code phase} ms past the epoch. */
    record Schedule(long period, long phase) {
        /** The first batch time at or after {@code readyAt}. */
        long next(long readyAt) {
            long sinceBatch = Math.floorMod(readyAt - phase, period);
            return sinceBatch == 0 ? readyAt : readyAt + period - sinceBatch;
        }
    }

    private final double rate;
    private final long seed;
    private final Map<CourierAccount, Optional<Schedule>> accounts = new HashMap<>();

    /**
     * @param rate the probability that an account sends in batches
     * @param seed the run's seed
     */
    CourierBatches(double rate, long seed) {
        this.rate = rate;
        this.seed = seed;
    }

    /** The batch times of an account; empty when it sends as it scans. */
    Optional<Schedule> of(CourierAccount account) {
        return accounts.computeIfAbsent(account, this::draw);
    }

    private Optional<Schedule> draw(CourierAccount account) {
        SplittableRandom random =
                new SplittableRandom(
                        seed
                                ^ (((long) account.tenantId().hashCode() << 32)
                                        | (account.courier().hashCode() & 0xFFFFFFFFL)));
        boolean batched = random.nextDouble() < rate;
        long period =
                (SHORTEST_PERIOD_MINUTES
                                + random.nextInt(
                                        LONGEST_PERIOD_MINUTES - SHORTEST_PERIOD_MINUTES + 1))
                        * MINUTE;
        Schedule schedule = new Schedule(period, random.nextLong(period));
        return batched ? Optional.of(schedule) : Optional.empty();
    }
}
