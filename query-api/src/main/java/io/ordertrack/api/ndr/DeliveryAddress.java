package io.ordertrack.api.ndr;

/**
 * The address a parcel is to be delivered to on its next attempt, as the seller gave it (trimmed).
 *
 * @param line2 null when not given
 */
public record DeliveryAddress(
        String line1, String line2, String city, String state, String pincode) {}
