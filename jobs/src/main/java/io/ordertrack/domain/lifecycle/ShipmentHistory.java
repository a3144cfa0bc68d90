package io.ordertrack.domain.lifecycle;

import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.StatusReport;
import java.time.Instant;

/**
 * Where a shipment stood at a given event time: its status reports up to then, replayed through the
 * lifecycle rules. The current status is this at the end of time; alerts ask it as of the time
 * their SLA fell due.
 *
 * @param status the status (null before the manifest)
 * @param since when that status was reported
 * @param courierError whether a courier error was the latest word
 * @param lastReportAt the latest report up to then, accepted or not
 * @param failedAttempts failed delivery attempts up to then
 * @param ignoredReports later reports of an earlier state (courier regressions) up to then
 */
public record ShipmentHistory(
        ShipmentStatus status,
        Instant since,
        boolean courierError,
        Instant lastReportAt,
        int failedAttempts,
        int ignoredReports) {

    /** The shipment as of {@code at} (inclusive), by every report applied. */
    public static ShipmentHistory asOf(OrderState order, Instant at) {
        return asOf(order, at, Instant.MAX);
    }

    /**
     * The shipment as of {@code at} (inclusive), by the reports that had reached the job by {@code
     * knownBy}: what an observer of the feeds knew then, whatever arrived since.
     */
    public static ShipmentHistory asOf(OrderState order, Instant at, Instant knownBy) {
        ShipmentStatus current = null;
        Instant since = null;
        boolean courierError = false;
        Instant lastReportAt = null;
        int failedAttempts = 0;
        int ignored = 0;
        for (StatusReport report : order.getStatusHistory()) {
            if (report.getAt().isAfter(at)) {
                break;
            }
            if (!knownBy(report, knownBy)) {
                continue;
            }
            lastReportAt = report.getAt();
            if (report.getStatus() == ShipmentStatus.DELIVERY_FAILED) {
                failedAttempts++;
            }
            if (report.getStatus() == ShipmentStatus.COURIER_ERROR) {
                courierError = true;
            } else if (ShipmentProgress.mayMove(current, report.getStatus())) {
                current = report.getStatus();
                since = report.getAt();
                courierError = false;
            } else {
                ignored++;
            }
        }
        return new ShipmentHistory(
                current, since, courierError, lastReportAt, failedAttempts, ignored);
    }

    /** Whether a report had reached the job by then (reports kept before arrivals were: yes). */
    public static boolean knownBy(StatusReport report, Instant knownBy) {
        return report.getArrivedAt() == null || !report.getArrivedAt().isAfter(knownBy);
    }

    /** The shipment after every report so far. */
    public static ShipmentHistory latest(OrderState order) {
        return asOf(order, Instant.MAX);
    }

    /** Picked up (or further) by then. */
    public boolean pickedUp() {
        return status != null
                && ShipmentProgress.rank(status) >= ShipmentProgress.rank(ShipmentStatus.PICKED_UP);
    }

    /** Delivered, returned to origin, lost, damaged or disposed by then. */
    public boolean finished() {
        return ShipmentProgress.isFinished(status);
    }
}
