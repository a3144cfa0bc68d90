package io.ordertrack.domain.incidents;

import java.util.Comparator;
import java.util.Objects;

/**
 * One input feed whose health is watched: a courier's tracking scans (the whole platform's), a
 * seller's sales channel (its placed orders) or a seller's warehouse (its stock events).
 *
 * @param kind what the feed carries
 * @param name the courier, channel or warehouse
 * @param tenant the seller whose channel or warehouse it is; null for a courier, whose feed carries
 *     every seller's parcels
 */
public record FeedId(Kind kind, String name, String tenant) implements Comparable<FeedId> {
    private static final Comparator<FeedId> ORDER =
            Comparator.comparing(FeedId::kind)
                    .thenComparing(FeedId::name)
                    .thenComparing(
                            FeedId::tenant, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** What a feed carries. */
    public enum Kind {
        /** A courier's tracking scans. */
        COURIER,
        /** A sales channel's placed orders. */
        CHANNEL,
        /** A warehouse's stock events. */
        WAREHOUSE
    }

    public FeedId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if ((kind == Kind.COURIER) != (tenant == null)) {
            throw new IllegalArgumentException("a courier feed has no tenant, the others one");
        }
    }

    /** A courier's tracking scans, of every seller. */
    public static FeedId courier(String courier) {
        return new FeedId(Kind.COURIER, courier, null);
    }

    /** The placed orders of a seller's sales channel. */
    public static FeedId channel(String tenant, String channel) {
        return new FeedId(Kind.CHANNEL, channel, tenant);
    }

    /** The stock events of a seller's warehouse. */
    public static FeedId warehouse(String tenant, String warehouseId) {
        return new FeedId(Kind.WAREHOUSE, warehouseId, tenant);
    }

    @Override
    public int compareTo(FeedId other) {
        return ORDER.compare(this, other);
    }
}
