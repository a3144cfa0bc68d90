package io.ordertrack.api.orders;

import java.time.Instant;
import java.util.Optional;

/**
 * Which orders a list, a count or a breakdown is about. Every field is optional and they all
 * combine; every value is plain text to the queries built from it.
 *
 * @param query one search box's text: finds an order by its AWB, its client order id (any case),
 *     its customer's name (as {@code customerName}) or, when it looks like one, its customer's
 *     phone (as {@code phone})
 * @param awb the courier's tracking id
 * @param courier the courier, e.g. DELHIVERY
 * @param clientOrderId the order id the channel shows, any case
 * @param customerName words of the customer's name, any case, the last one possibly cut short
 * @param phone the customer's phone, full or its last ten digits
 * @param bucket one of the seller's buckets (NOT_PICKED, LIVE, ...)
 * @param storeStage where the order stands in the store view (PLACED, MANIFESTED, ...)
 * @param status the normalised shipment status
 * @param channel the sales channel
 * @param warehouseId the fulfilling warehouse
 * @param paymentMode COD or PREPAID
 * @param sku a SKU the order contains
 * @param pincode the destination PIN code
 * @param placedFrom placed at or after
 * @param placedBefore placed before
 */
public record OrderFilter(
        Optional<String> query,
        Optional<String> awb,
        Optional<String> courier,
        Optional<String> clientOrderId,
        Optional<String> customerName,
        Optional<String> phone,
        Optional<String> bucket,
        Optional<String> storeStage,
        Optional<String> status,
        Optional<String> channel,
        Optional<String> warehouseId,
        Optional<String> paymentMode,
        Optional<String> sku,
        Optional<String> pincode,
        Optional<Instant> placedFrom,
        Optional<Instant> placedBefore) {

    /** All orders. */
    public static OrderFilter none() {
        Optional<String> no = Optional.empty();
        return new OrderFilter(
                no,
                no,
                no,
                no,
                no,
                no,
                no,
                no,
                no,
                no,
                no,
                no,
                no,
                no,
                Optional.empty(),
                Optional.empty());
    }

    /** The same filter, searching by an AWB. */
    public OrderFilter withAwb(String value) {
        return new OrderFilter(
                query,
                Optional.of(value),
                courier,
                clientOrderId,
                customerName,
                phone,
                bucket,
                storeStage,
                status,
                channel,
                warehouseId,
                paymentMode,
                sku,
                pincode,
                placedFrom,
                placedBefore);
    }

    /** The same filter, in one bucket only. */
    public OrderFilter withBucket(String value) {
        return new OrderFilter(
                query,
                awb,
                courier,
                clientOrderId,
                customerName,
                phone,
                Optional.of(value),
                storeStage,
                status,
                channel,
                warehouseId,
                paymentMode,
                sku,
                pincode,
                placedFrom,
                placedBefore);
    }
}
