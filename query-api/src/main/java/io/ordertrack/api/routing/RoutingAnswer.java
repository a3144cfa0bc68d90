package io.ordertrack.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.ordertrack.api.analytics.CourierRto;
import io.ordertrack.geo.FulfilmentPlanner.OrderLine;
import io.ordertrack.geo.FulfilmentPlanner.Shortfall;
import io.ordertrack.geo.Place;
import java.util.List;

/**
 * What {@code GET /api/routing} answers.
 *
 * @param destination where the order goes
 * @param items the order lines asked about
 * @param warehouses the warehouses holding the whole order, nearest first
 * @param split the smallest split over several warehouses; null when a warehouse holds the whole
 *     order or nothing can be shipped
 * @param shortfalls the lines no combination of warehouses holds enough of ({@code short})
 * @param unlocatedWarehouses how many of the tenant's warehouses stocking these SKUs have no known
 *     place
 * @param rto the RTO rate to the destination per courier; only when a payment mode was given
 */
public record RoutingAnswer(
        Destination destination,
        List<OrderLine> items,
        List<Warehouse> warehouses,
        Split split,
        @JsonProperty("short") List<Shortfall> shortfalls,
        int unlocatedWarehouses,
        @JsonInclude(JsonInclude.Include.NON_NULL) DestinationRtoAnswer rto) {

    /** A PIN code with its district and state. */
    public record Destination(String pincode, String district, String state) {
        static Destination of(Place place) {
            return new Destination(place.pincode(), place.district(), place.state());
        }
    }

    /** A warehouse that can ship the whole order, and how far it is, in km to 0.1. */
    public record Warehouse(
            String warehouseId, String pincode, String district, String state, double distanceKm) {}

    /** A split of the order: its shipments, and whether no split uses fewer warehouses. */
    public record Split(boolean fewestWarehouses, List<Shipment> shipments) {}

    /** What one warehouse of a split ships, and how far it is, in km to 0.1. */
    public record Shipment(
            String warehouseId,
            String pincode,
            String district,
            String state,
            double distanceKm,
            List<OrderLine> items) {}

    /**
     * The RTO rate per courier of the seller's shipments to the destination with a payment mode.
     */
    public record DestinationRtoAnswer(
            String paymentMode, String explanation, List<CourierRto> byCourier) {}
}
