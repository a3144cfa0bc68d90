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
        Replay replay = new Replay();
        for (StatusReport report : order.getStatusHistory()) {
            if (report.getAt().isAfter(at)) {
                break;
            }
            if (knownBy(report, knownBy)) {
                replay.apply(report);
            }
        }
        return replay.history();
    }

    /**
     * The reports replayed one at a time, in time order, through the lifecycle rules: where the
     * shipment stands after each ({@link #asOf} is a replay up to a time).
     */
    public static final class Replay {
        private ShipmentStatus current;
        private Instant since;
        private boolean courierError;
        private Instant lastReportAt;
        private int failedAttempts;
        private int ignored;

        /** The next report in time order. */
        public void apply(StatusReport report) {
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

        /** The status so far (null before any report moved it). */
        public ShipmentStatus status() {
            return current;
        }

        /** Whether a courier error was the latest word so far. */
        public boolean courierError() {
            return courierError;
        }

        ShipmentHistory history() {
            return new ShipmentHistory(
                    current, since, courierError, lastReportAt, failedAttempts, ignored);
        }
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
