package io.ordertrack.geo;

/**
 * An Indian PIN code with the district and state most of its post offices belong to and their mean
 * coordinates (GeoNames, CC BY 4.0).
 */
public record Place(
        String pincode,
        String name,
        String district,
        String state,
        double latitude,
        double longitude,
        int postOffices) {

    private static final double EARTH_RADIUS_KM = 6371.0;

    /** Great-circle distance in kilometres. */
    public double distanceKm(Place other) {
        double lat1 = Math.toRadians(latitude);
        double lat2 = Math.toRadians(other.latitude);
        double dLat = lat2 - lat1;
        double dLng = Math.toRadians(other.longitude - longitude);
        double a =
                Math.sin(dLat / 2) * Math.sin(dLat / 2)
                        + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
