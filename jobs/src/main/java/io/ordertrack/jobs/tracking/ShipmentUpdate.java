package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.ShipmentFacts;

/**
 * What the order tracker tells the delivery analytics of an order: its shipment facts as its latest
 * event leaves them (a few hundred bytes rather than the order's timeline and history), or that its
 * shipment got stuck in transit (its stuck alert opened; the facts are then absent). Whether the
 * shipment was ever stuck is the analytics' own to add to the facts. A Flink POJO.
 */
public class ShipmentUpdate {
    private String orderId;
    private ShipmentFacts facts;
    private boolean stuck;

    public ShipmentUpdate() {}

    /** The order's shipment facts now. */
    public ShipmentUpdate(String orderId, ShipmentFacts facts) {
        this.orderId = orderId;
        this.facts = facts;
    }

    /** The order's shipment got stuck in transit. */
    public static ShipmentUpdate stuck(String orderId) {
        ShipmentUpdate update = new ShipmentUpdate(orderId, null);
        update.setStuck(true);
        return update;
    }

    /** Whether an alert says an order's shipment got stuck in transit. */
    public static boolean isStuckAlert(Alert alert) {
        return alert.getType() == AlertType.STUCK_IN_TRANSIT
                && alert.getState() == AlertState.OPEN
                && alert.getOrderId() != null;
    }

    public String getOrderId() {
        return orderId;
    }

    public void setOrderId(String orderId) {
        this.orderId = orderId;
    }

    public ShipmentFacts getFacts() {
        return facts;
    }

    public void setFacts(ShipmentFacts facts) {
        this.facts = facts;
    }

    public boolean isStuck() {
        return stuck;
    }

    public void setStuck(boolean stuck) {
        this.stuck = stuck;
    }
}
