package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.ShipmentFacts;

/**
 * The shipment facts of an order as its latest event leaves them, sent by the order tracker to the
 * analytics instead of the whole order state: a few hundred bytes across the network rather than
 * the order's timeline and history. Whether the shipment was ever stuck is the analytics' own to
 * add. A Flink POJO.
 */
public class ShipmentUpdate {
    private String orderId;
    private ShipmentFacts facts;

    public ShipmentUpdate() {}

    public ShipmentUpdate(String orderId, ShipmentFacts facts) {
        this.orderId = orderId;
        this.facts = facts;
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
}
