package io.ordertrack.jobs.ingest;

/**
 * A record that could not be read or was invalid, with where it came from and why. Published to the
 * {@code dead-letters} topic with the original key and bytes, so nothing is dropped silently and it
 * can be replayed once fixed. A Flink POJO.
 */
public class DeadLetter {
    private String sourceTopic;
    private int sourcePartition;
    private long sourceOffset;
    private byte[] key;
    private byte[] value;
    private String reason;
    private long timestamp;

    public DeadLetter() {}

    public DeadLetter(
            String sourceTopic,
            int sourcePartition,
            long sourceOffset,
            byte[] key,
            byte[] value,
            String reason,
            long timestamp) {
        this.sourceTopic = sourceTopic;
        this.sourcePartition = sourcePartition;
        this.sourceOffset = sourceOffset;
        this.key = key;
        this.value = value;
        this.reason = reason;
        this.timestamp = timestamp;
    }

    public String getSourceTopic() {
        return sourceTopic;
    }

    public void setSourceTopic(String sourceTopic) {
        this.sourceTopic = sourceTopic;
    }

    public int getSourcePartition() {
        return sourcePartition;
    }

    public void setSourcePartition(int sourcePartition) {
        this.sourcePartition = sourcePartition;
    }

    public long getSourceOffset() {
        return sourceOffset;
    }

    public void setSourceOffset(long sourceOffset) {
        this.sourceOffset = sourceOffset;
    }

    public byte[] getKey() {
        return key;
    }

    public void setKey(byte[] key) {
        this.key = key;
    }

    public byte[] getValue() {
        return value;
    }

    public void setValue(byte[] value) {
        this.value = value;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public long getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }
}
