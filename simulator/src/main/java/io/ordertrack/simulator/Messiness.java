package io.ordertrack.simulator;

/**
 * How messy the feeds are; each knob is a probability, 0 turns it off.
 *
 * @param duplicates an event is delivered twice (same event id)
 * @param outOfOrder a scan arrives hours after later scans of its shipment
 * @param lateScans a scan arrives days late
 * @param scansBeforeManifest a shipment's first scans arrive before the manifest naming its AWB
 * @param regressions a delivered shipment gets a stale "out for delivery" scan afterwards
 * @param unknownCodes a shipment gets a scan with a code its courier never documented
 * @param badRecords an unreadable or invalid record is sent next to an event
 * @param courierBatches a seller's account with a courier (tenant × courier) sends its scans in
 *     batches, every 2 to 8 hours, as courier APIs that are polled or push on a schedule do
 */
public record Messiness(
        double duplicates,
        double outOfOrder,
        double lateScans,
        double scansBeforeManifest,
        double regressions,
        double unknownCodes,
        double badRecords,
        double courierBatches) {

    /** Rates in the range seen on real courier and channel feeds. */
    public static final Messiness REALISTIC =
            new Messiness(0.02, 0.05, 0.01, 0.03, 0.01, 0.01, 0.001, 0);

    /**
     * Feeds at their worst: every kind of mess two to four times as often as realistic, and half
     * the courier accounts sending in batches.
     */
    public static final Messiness HEAVY =
            new Messiness(0.08, 0.15, 0.04, 0.10, 0.02, 0.02, 0.002, 0.5);

    /** Clean feeds: every event once, in order, valid. */
    public static final Messiness NONE = new Messiness(0, 0, 0, 0, 0, 0, 0, 0);

    public Messiness {
        check("duplicates", duplicates);
        check("outOfOrder", outOfOrder);
        check("lateScans", lateScans);
        check("scansBeforeManifest", scansBeforeManifest);
        check("regressions", regressions);
        check("unknownCodes", unknownCodes);
        check("badRecords", badRecords);
        check("courierBatches", courierBatches);
    }

    private static void check(String knob, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(
                    knob + " must be a probability between 0 and 1, got " + rate);
        }
    }
}
