package io.ordertrack.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the public tracking page shows of an order: its status in the customer's words, when it is
 * expected and its steps with city-level places; never the customer's name, address or phone, nor
 * the seller's notes.
 *
 * @param orderNumber the order id the customer saw at checkout
 * @param courier the courier carrying it, once shipped
 * @param awb its tracking number, once shipped
 * @param status the status, one of {@link CustomerStatus}
 * @param statusText the status in words
 * @param placedAt when it was ordered
 * @param promisedDeliveryDate the day the seller promised, if any
 * @param expectedDelivery when it is expected now, while on its way
 * @param deliveredAt when it was delivered
 * @param destinationCity the city it goes to
 * @param steps what happened, oldest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrackedParcel(
        String orderNumber,
        String courier,
        String awb,
        CustomerStatus status,
        String statusText,
        Instant placedAt,
        LocalDate promisedDeliveryDate,
        ExpectedDelivery expectedDelivery,
        Instant deliveredAt,
        String destinationCity,
        List<Step> steps) {

    /** When the parcel is expected: most likely, and the range it will very likely fall in. */
    public record ExpectedDelivery(Instant at, Instant earliest, Instant latest) {}

    /**
     * One step of the way.
     *
     * @param at when
     * @param text what, in the customer's words
     * @param city where, at the level of a city; null when the step has no place
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(Instant at, String text, String city) {}
}
