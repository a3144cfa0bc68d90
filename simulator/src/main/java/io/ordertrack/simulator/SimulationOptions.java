package io.ordertrack.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What to simulate. The same options (seed included) always give the same event stream and the same
 * oracle, byte for byte.
 *
 * @param seed seed of every random choice
 * @param orders number of orders placed
 * @param tenants number of sellers
 * @param start simulated time of the first order
 * @param ordersPerDay simulated placement rate (orders arrive as a Poisson process)
 * @param mess how messy the feeds are
 * @param preNormalisedShare share of scans that also carry the normalised status, as some
 *     aggregators send; the others carry only the courier's raw code and text
 * @param incidents hub outages, courier feed outages and new codes to inject; none by default (and
 *     then left out of the oracle's summary, which stays what it was)
 * @param fakeAttemptShare the share of failed delivery attempts that never happened (the rider
 *     reported one without trying), concentrated at some hubs; 0 by default (and then left out of
 *     the oracle's summary)
 * @param earlierStories the stories as the simulator told them before returns had their own steps
 *     and couriers remitted COD cash: customer returns refunded in full soon after they reach the
 *     warehouse, with no quality check, and no remittances; for feeds that must stay what they were
 *     (a savepoint taken on one). False by default, when a return is checked and refunded in full,
 *     less a fee, in half, refused, or left waiting, and couriers remit ({@link CodRemittances})
 */
public record SimulationOptions(
        long seed,
        int orders,
        int tenants,
        Instant start,
        double ordersPerDay,
        Messiness mess,
        double preNormalisedShare,
        double misroutedShare,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Incidents.NoneFilter.class)
                Incidents incidents,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) double fakeAttemptShare,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean earlierStories) {

    /** A fixed start, so that default runs are reproducible. */
    public static final Instant DEFAULT_START = Instant.parse("2026-11-01T00:00:00Z");

    public SimulationOptions {
        if (orders < 0) {
            throw new IllegalArgumentException("orders must not be negative");
        }
        if (tenants < 1) {
            throw new IllegalArgumentException("tenants must be at least 1");
        }
        if (!(ordersPerDay > 0)) {
            throw new IllegalArgumentException("ordersPerDay must be positive");
        }
        if (!(preNormalisedShare >= 0 && preNormalisedShare <= 1)) {
            throw new IllegalArgumentException("preNormalisedShare must be between 0 and 1");
        }
        if (!(misroutedShare >= 0 && misroutedShare <= 1)) {
            throw new IllegalArgumentException("misroutedShare must be between 0 and 1");
        }
        if (!(fakeAttemptShare >= 0 && fakeAttemptShare <= 1)) {
            throw new IllegalArgumentException("fakeAttemptShare must be between 0 and 1");
        }
        if (incidents == null) {
            throw new IllegalArgumentException("incidents must be given (Incidents.NONE: none)");
        }
    }

    /** Realistic defaults for a number of orders. */
    public static SimulationOptions defaults(long seed, int orders) {
        return new SimulationOptions(
                seed,
                orders,
                3,
                DEFAULT_START,
                5_000,
                Messiness.REALISTIC,
                0,
                0,
                Incidents.NONE,
                0,
                false);
    }

    public SimulationOptions withMess(Messiness mess) {
        return new SimulationOptions(
                seed,
                orders,
                tenants,
                start,
                ordersPerDay,
                mess,
                preNormalisedShare,
                misroutedShare,
                incidents,
                fakeAttemptShare,
                earlierStories);
    }

    public SimulationOptions withPreNormalisedShare(double share) {
        return new SimulationOptions(
                seed,
                orders,
                tenants,
                start,
                ordersPerDay,
                mess,
                share,
                misroutedShare,
                incidents,
                fakeAttemptShare,
                earlierStories);
    }

    public SimulationOptions withOrdersPerDay(double ordersPerDay) {
        return new SimulationOptions(
                seed,
                orders,
                tenants,
                start,
                ordersPerDay,
                mess,
                preNormalisedShare,
                misroutedShare,
                incidents,
                fakeAttemptShare,
                earlierStories);
    }

    public SimulationOptions withStart(Instant start) {
        return new SimulationOptions(
                seed,
                orders,
                tenants,
                start,
                ordersPerDay,
                mess,
                preNormalisedShare,
                misroutedShare,
                incidents,
                fakeAttemptShare,
                earlierStories);
    }

    /**
     * The share of orders a seller ships from a farther warehouse than the nearest one that holds
     * all of the order (when another holds it too): routing misses, 0 by default.
     */
    public SimulationOptions withMisroutedShare(double share) {
        return new SimulationOptions(
                seed,
                orders,
                tenants,
                start,
                ordersPerDay,
                mess,
                preNormalisedShare,
                share,
                incidents,
                fakeAttemptShare,
                earlierStories);
    }

    /** Hub outages, courier feed outages and new codes to inject (see {@link Incidents}). */
    public SimulationOptions withIncidents(Incidents incidents) {
        return new SimulationOptions(
                seed,
                orders,
                tenants,
                start,
                ordersPerDay,
                mess,
                preNormalisedShare,
                misroutedShare,
                incidents,
                fakeAttemptShare,
                earlierStories);
    }

    /** Failed delivery attempts that never happened, with their share of all (see the field). */
    public SimulationOptions withFakeAttempts(double share) {
        return new SimulationOptions(
                seed,
                orders,
                tenants,
                start,
                ordersPerDay,
                mess,
                preNormalisedShare,
                misroutedShare,
                incidents,
                share,
                earlierStories);
    }

    /** The stories as told before returns had their own steps and remittances (see the field). */
    public SimulationOptions withEarlierStories() {
        return new SimulationOptions(
                seed,
                orders,
                tenants,
                start,
                ordersPerDay,
                mess,
                preNormalisedShare,
                misroutedShare,
                incidents,
                fakeAttemptShare,
                true);
    }
}
