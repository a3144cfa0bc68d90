package io.ordertrack.domain.incidents;

import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.domain.incidents.HubStalls.HubScan;
import io.ordertrack.domain.lifecycle.CourierCodes;
import io.ordertrack.domain.lifecycle.CourierCodes.Meaning;
import io.ordertrack.domain.lifecycle.ShipmentProgress;
import io.ordertrack.schemas.RecordKeys;
import java.time.Instant;

/**
 * A courier scan as the incidents take it: the one place a {@link TrackingScan} and its arrival
 * become what {@link HubStalls} ({@link #hubScan()}) and {@link FeedHealth} take, so the job and a
 * replay of the simulator's feed read scans alike.
 *
 * @param parcel the shipment key (tenant, courier, AWB)
 * @param hub where it was scanned; null when the scan names no hub
 * @param city the hub's city, when the scan names it
 * @param status the normalised status it reports (its own, else its raw code's by the courier's
 *     mapping table); null when neither says (unmapped)
 * @param arrivedAt when it reached ordertrack
 */
public record CourierScan(
        String parcel,
        String courier,
        String eventId,
        String hub,
        String city,
        String rawCode,
        String rawText,
        ShipmentStatus status,
        Instant scanAt,
        Instant arrivedAt) {

    /**
     * A scan as it arrived, meaning what {@code codes} say it means (as the order tracker reads
     * it).
     */
    public static CourierScan of(TrackingScan scan, Instant arrivedAt, CourierCodes codes) {
        ShipmentStatus status = codes.meaningOf(scan).map(Meaning::status).orElse(null);
        return new CourierScan(
                RecordKeys.of(scan),
                scan.getCourier(),
                scan.getEventId(),
                scan.getLocation() == null ? null : scan.getLocation().getHub(),
                scan.getLocation() == null ? null : scan.getLocation().getCity(),
                scan.getRawCode(),
                scan.getRawText(),
                status,
                scan.getEventTime(),
                arrivedAt);
    }

    /** Whether its status is known: it carries one, or its raw code is in the mapping table. */
    public boolean mapped() {
        return status != null;
    }

    /** Whether it ends the parcel's journey (delivered, returned, lost, damaged, disposed). */
    public boolean ends() {
        return status != null && ShipmentProgress.isFinished(status);
    }

    /** The scan as {@link HubStalls} takes it. */
    public HubScan hubScan() {
        return new HubScan(parcel, courier, hub, city, scanAt, ends(), arrivedAt);
    }
}
