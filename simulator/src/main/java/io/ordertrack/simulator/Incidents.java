package io.ordertrack.simulator;

/**
 * How many incidents a run injects, each kind off (0) by default: the causes behind many orders
 * going wrong at once, which the oracle names ({@link InjectedIncident}).
 *
 * @param hubOutages courier hubs that hold every parcel passing through them for 12 to 48 hours
 * @param feedOutages couriers whose scans stop reaching the feed for 1 to 8 hours, then arrive in a
 *     burst (scan times unchanged)
 * @param newCodes couriers that start sending an undocumented raw status code for 1 to 2 days
 */
public record Incidents(int hubOutages, int feedOutages, int newCodes) {
    /** No incidents: the run is what it was before incidents existed, byte for byte. */
    public static final Incidents NONE = new Incidents(0, 0, 0);

    public Incidents {
        if (hubOutages < 0 || feedOutages < 0 || newCodes < 0) {
            throw new IllegalArgumentException("incident counts must not be negative");
        }
    }

    public boolean none() {
        return hubOutages == 0 && feedOutages == 0 && newCodes == 0;
    }

    /**
     * Keeps the summary line of a run without incidents what it was: Jackson leaves the options'
     * {@code incidents} out when this says they equal it.
     */
    static final class NoneFilter {
        @Override
        public boolean equals(Object other) {
            return other == null || (other instanceof Incidents incidents && incidents.none());
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
