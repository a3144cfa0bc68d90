package io.ordertrack.domain.stock;

import io.ordertrack.avro.StockChange;

/**
 * The units of one SKU at one warehouse: on hand, and reserved by open orders not yet shipped; what
 * is available to sell is the difference.
 */
public record StockUnits(int onHand, int reserved) {
    public int available() {
        return onHand - reserved;
    }

    /** The units after a change. */
    public StockUnits after(StockChange change) {
        int units = change.getQuantity();
        return switch (change.getKind()) {
            case RECEIVED, ADJUSTED, RETURNED -> new StockUnits(onHand + units, reserved);
            case COUNTED -> new StockUnits(units, reserved);
            case RESERVED -> new StockUnits(onHand, reserved + units);
            case RELEASED -> new StockUnits(onHand, reserved - units);
            case SHIPPED -> new StockUnits(onHand - units, reserved - units);
            default -> throw new IllegalArgumentException("unknown stock change " + change);
        };
    }
}
