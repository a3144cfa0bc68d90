package io.ordertrack.simulator;

import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.documents.SellersTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Writes the true events of one order, moving a clock forward by realistic delays. */
final class Timeline {
    /** When a parcel last scanned at a hub is next scanned: later than due while the hub is out. */
    @FunctionalInterface
    interface Holds {
        Holds NONE = (hub, scannedAt, dueAt) -> dueAt;

        long releaseAt(String hub, long scannedAt, long dueAt);
    }

    static final long MINUTE = Duration.ofMinutes(1).toMillis();
    static final long HOUR = Duration.ofHours(1).toMillis();
    static final long DAY = Duration.ofDays(1).toMillis();

    private final String idPrefix;
    private final SplittableRandom random;
    private final double preNormalisedShare;
    private final Holds holds;
    private final List<StoryEvent> events = new ArrayList<>();
    private long now;
    private long lastAt = Long.MIN_VALUE;
    private String lastScanHub;
    private long lastScanAt;

    Timeline(
            String idPrefix,
            long start,
            SplittableRandom random,
            double preNormalisedShare,
            Holds holds) {
        this.idPrefix = idPrefix;
        this.now = start;
        this.random = random;
        this.preNormalisedShare = preNormalisedShare;
        this.holds = holds;
    }

    long now() {
        return now;
    }

    /**
     * Goes back to an earlier point of the story to write what happened after it: a side event such
     * as feedback was written ahead of the story's main line.
     */
    Timeline rewind(long at) {
        now = at;
        lastAt = at;
        return this;
    }

    /** Moves the clock forward by a uniform delay in [min, max). */
    Timeline after(long min, long max) {
        now += min + random.nextLong(max - min);
        return this;
    }

    /**
     * Moves the clock forward by a uniform delay in [min, max) drawn from another random stream
     * than the story's.
     */
    Timeline after(long min, long max, SplittableRandom drawFrom) {
        now += min + drawFrom.nextLong(max - min);
        return this;
    }

    /** Moves the clock to a time of day on the day after the current one (India time). */
    Timeline nextDayBetween(int fromHour, int toHour) {
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), SellersTime.ZONE);
        return atDayBetween(today.plusDays(1), fromHour, toHour);
    }

    /** Moves the clock to a time of day later the same day (India time), or stays put. */
    Timeline laterTodayBefore(int toHour) {
        long endOfWindow =
                at(LocalDate.ofInstant(Instant.ofEpochMilli(now), SellersTime.ZONE), toHour);
        if (endOfWindow > now + 30 * MINUTE) {
            now += 30 * MINUTE + random.nextLong(endOfWindow - now - 30 * MINUTE);
        }
        return this;
    }

    /** Moves the clock to a time of day between two hours of the current day (India time). */
    Timeline todayBetween(int fromHour, int toHour) {
        return atDayBetween(
                LocalDate.ofInstant(Instant.ofEpochMilli(now), SellersTime.ZONE), fromHour, toHour);
    }

    private Timeline atDayBetween(LocalDate day, int fromHour, int toHour) {
        long from = at(day, fromHour);
        now = from + random.nextLong(at(day, toHour) - from);
        return this;
    }

    static long at(LocalDate day, int hour) {
        return day.atTime(LocalTime.of(hour, 0))
                .atZone(SellersTime.ZONE)
                .toInstant()
                .toEpochMilli();
    }

    /** Midnight (India time) after a date: when "by the end of that day" expires. */
    static long startOf(LocalDate day) {
        return day.atStartOfDay(SellersTime.ZONE).toInstant().toEpochMilli();
    }

    static long endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(SellersTime.ZONE).toInstant().toEpochMilli();
    }

    static LocalDate dayOf(long at) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(at), SellersTime.ZONE);
    }

    StoryEvent order(OrderEventType type, String detail) {
        tick();
        return add(new StoryEvent(nextId(), now, type, null, null, null, detail, false));
    }

    StoryEvent scan(ShipmentStatus status, String hub) {
        scanTick(hub);
        return add(new StoryEvent(nextId(), now, null, status, null, hub, null, preNormalised()));
    }

    StoryEvent failedDelivery(NdrReason reason, String hub) {
        scanTick(hub);
        return add(
                new StoryEvent(
                        nextId(),
                        now,
                        null,
                        ShipmentStatus.DELIVERY_FAILED,
                        reason,
                        hub,
                        null,
                        preNormalised()));
    }

    /**
     * A scan at a given time, outside the clock: a courier's stale report, or one with an
     * undocumented raw code (status null, the code in {@code rawCode}).
     */
    StoryEvent strayScan(long at, ShipmentStatus status, String hub, String rawCode) {
        return add(
                new StoryEvent(
                        nextId(),
                        at,
                        null,
                        status,
                        null,
                        hub,
                        rawCode,
                        status != null && preNormalised()));
    }

    List<StoryEvent> events() {
        List<StoryEvent> sorted = new ArrayList<>(events);
        sorted.sort((a, b) -> Long.compare(a.at(), b.at()));
        return sorted;
    }

    /** Two events of one story never share a time: their order is always known. */
    private void tick() {
        if (now <= lastAt) {
            now = lastAt + MINUTE;
        }
        lastAt = now;
    }

    /** A scan's tick, after any hold of the hub the parcel was last scanned at. */
    private void scanTick(String hub) {
        if (lastScanHub != null) {
            now = holds.releaseAt(lastScanHub, lastScanAt, now);
        }
        tick();
        lastScanHub = hub;
        lastScanAt = now;
    }

    private boolean preNormalised() {
        return preNormalisedShare > 0 && random.nextDouble() < preNormalisedShare;
    }

    private String nextId() {
        return idPrefix + "-" + events.size();
    }

    private StoryEvent add(StoryEvent event) {
        events.add(event);
        return event;
    }
}
