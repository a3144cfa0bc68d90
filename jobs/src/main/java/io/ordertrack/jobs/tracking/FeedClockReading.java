package io.ordertrack.jobs.tracking;

/**
 * A courier feed's clock moved on: by arrival time {@code arrivedAt} (on the feeds' clock), the
 * seller's courier account {@code feed} had sent scans up to {@code clock}. A Flink POJO.
 */
public class FeedClockReading {
    private String feed;
    private long arrivedAt;
    private long clock;

    public FeedClockReading() {}

    public FeedClockReading(String feed, long arrivedAt, long clock) {
        this.feed = feed;
        this.arrivedAt = arrivedAt;
        this.clock = clock;
    }

    public String getFeed() {
        return feed;
    }

    public void setFeed(String feed) {
        this.feed = feed;
    }

    public long getArrivedAt() {
        return arrivedAt;
    }

    public void setArrivedAt(long arrivedAt) {
        this.arrivedAt = arrivedAt;
    }

    public long getClock() {
        return clock;
    }

    public void setClock(long clock) {
        this.clock = clock;
    }
}
