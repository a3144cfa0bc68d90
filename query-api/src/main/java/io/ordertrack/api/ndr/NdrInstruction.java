package io.ordertrack.api.ndr;

import io.ordertrack.avro.NdrActionType;
import java.time.LocalDate;

/**
 * The seller's answer to a failed delivery attempt, validated and in its canonical form: the same
 * instruction written differently (a phone with or without +91, spaces around an address line) is
 * the same record.
 *
 * @param action deliver again, or return to origin
 * @param reattemptOn the day the customer asked for; null for the courier's next round (always null
 *     for RETURN)
 * @param phone the customer's new mobile as {@code +91XXXXXXXXXX}; null when unchanged
 * @param address the customer's new address; null when unchanged
 */
public record NdrInstruction(
        NdrActionType action, LocalDate reattemptOn, String phone, DeliveryAddress address) {

    /** Whether it brings new contact details for the courier. */
    public boolean updatesCustomer() {
        return phone != null || address != null;
    }
}
