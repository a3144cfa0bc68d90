package io.ordertrack.api.tracking;

/** Where a parcel stands, as its customer needs to know it. */
public enum CustomerStatus {
    ORDERED("Order placed"),
    PACKED("Packed, waiting for the courier"),
    SHIPPED("Handed to the courier"),
    IN_TRANSIT("On its way"),
    AT_DELIVERY_HUB("At the delivery hub in your city"),
    OUT_FOR_DELIVERY("Out for delivery today"),
    DELIVERY_ATTEMPTED("Delivery attempted: the courier will try again"),
    DELIVERED("Delivered"),
    RETURNING_TO_SELLER("Not delivered: on its way back to the seller"),
    RETURNED_TO_SELLER("Returned to the seller"),
    RETURN_REQUESTED("Return requested"),
    RETURN_IN_PROGRESS("Return picked up, on its way to the seller"),
    RETURNED("Return received by the seller"),
    CANCELLED("Cancelled"),
    HELD_UP("Held up: the seller has been told and is on it");

    private final String text;

    CustomerStatus(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
