package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.TrackingScan;

/**
 * A courier scan joined to the order its AWB was manifested for. Carries the order's identity,
 * since the scan may reach the order before the order's own events do. A Flink POJO.
 */
public class RoutedScan {
    private String orderId;
    private String tenantId;
    private String channel;
    private String clientOrderId;
    private TrackingScan scan;
    private long arrivedAt;

    public RoutedScan() {}

    public RoutedScan(
            String orderId,
            String tenantId,
            String channel,
            String clientOrderId,
            TrackingScan scan) {
        this.orderId = orderId;
        this.tenantId = tenantId;
        this.channel = channel;
        this.clientOrderId = clientOrderId;
        this.scan = scan;
    }

    public String getOrderId() {
        return orderId;
    }

    public void setOrderId(String orderId) {
        this.orderId = orderId;
    }

    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public String getClientOrderId() {
        return clientOrderId;
    }

    public void setClientOrderId(String clientOrderId) {
        this.clientOrderId = clientOrderId;
    }

    public TrackingScan getScan() {
        return scan;
    }

    public void setScan(TrackingScan scan) {
        this.scan = scan;
    }

    /**
     * When the scan could first be put down to its order, on the feeds' clock: the later of its own
     * arrival and its manifest's; 0 when not known.
     */
    public long getArrivedAt() {
        return arrivedAt;
    }

    public void setArrivedAt(long arrivedAt) {
        this.arrivedAt = arrivedAt;
    }
}
