package io.ordertrack.simulator;

/**
 * One Kafka record of a simulated feed.
 *
 * @param topic which stream it belongs to
 * @param key record key (UTF-8)
 * @param value Avro single-object encoded event, or the bytes of a bad record
 * @param timestamp when the feed sent it (simulated, epoch ms): the Kafka record time
 */
public record SimulatedRecord(Topic topic, byte[] key, byte[] value, long timestamp) {
    /** The input streams of ordertrack. */
    public enum Topic {
        ORDERS,
        TRACKING,
        INVENTORY,
        REMITTANCES
    }
}
