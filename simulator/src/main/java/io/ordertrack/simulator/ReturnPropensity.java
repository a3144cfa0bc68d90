package io.ordertrack.simulator;

import io.ordertrack.geo.Place;
import java.util.Map;
import java.util.Set;

/**
 * How much more (or less) likely than average an order is to fail delivery and come back, by
 * destination and courier. Field figures: RTO rates differ several-fold between cities (Kolkata
 * about 2.5 times Mumbai in one festive season) and between couriers.
 */
final class ReturnPropensity {
    private static final Map<String, Double> BY_STATE =
            Map.ofEntries(
                    Map.entry("West Bengal", 1.8),
                    Map.entry("Bihar", 1.6),
                    Map.entry("Assam", 1.5),
                    Map.entry("Uttar Pradesh", 1.4),
                    Map.entry("Jharkhand", 1.4),
                    Map.entry("Odisha", 1.3),
                    Map.entry("Rajasthan", 1.2),
                    Map.entry("Madhya Pradesh", 1.1),
                    Map.entry("Delhi", 0.9),
                    Map.entry("Telangana", 0.9),
                    Map.entry("Gujarat", 0.8),
                    Map.entry("Karnataka", 0.8),
                    Map.entry("Tamil Nadu", 0.8),
                    Map.entry("Maharashtra", 0.7),
                    Map.entry("Kerala", 0.7));
    private static final Set<String> METRO_DISTRICTS =
            Set.of(
                    "Mumbai",
                    "Bengaluru",
                    "Chennai",
                    "Hyderabad",
                    "Kolkata",
                    "Pune",
                    "Central Delhi",
                    "South Delhi",
                    "New Delhi",
                    "Ahmedabad",
                    "Gurgaon");
    private static final Map<String, Double> BY_COURIER =
            Map.of(
                    "DELHIVERY", 1.0,
                    "BLUEDART", 0.7,
                    "ECOM_EXPRESS", 1.2,
                    "XPRESSBEES", 1.1,
                    "SHADOWFAX", 1.3,
                    "DTDC", 1.15);

    private ReturnPropensity() {}

    /** The factor of a destination: its state's, lowered for metro districts. */
    static double ofDestination(Place place) {
        double factor = BY_STATE.getOrDefault(place.state(), 1.0);
        return METRO_DISTRICTS.contains(place.district()) ? factor * 0.85 : factor;
    }

    static double ofCourier(String courier) {
        return BY_COURIER.getOrDefault(courier, 1.0);
    }
}
