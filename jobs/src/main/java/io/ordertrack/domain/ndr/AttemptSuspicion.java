package io.ordertrack.domain.ndr;

import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TimelineEntry;
import io.ordertrack.documents.SellersTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How likely each failed delivery attempt of an order is never to have happened — the rider
 * reporting one without trying — from how its scan looks: reported outside delivery hours, from a
 * hub that is not the destination's, or "customer unavailable" minutes after going out for
 * delivery. Each sign adds {@link #PER_SIGN} to a score out of 100, with its reason; an attempt is
 * suspicious from {@link #SUSPICIOUS}, so one sign is enough. How often a courier's hub reports
 * such attempts shows the hubs that make a habit of it.
 */
public final class AttemptSuspicion {
    /** What one sign adds to an attempt's score. */
    public static final int PER_SIGN = 60;

    /** The score from which an attempt is suspicious. */
    public static final int SUSPICIOUS = 50;

    /** Riders deliver from 08:00 to 21:00 in the sellers' time zone. */
    static final LocalTime DAY_STARTS = LocalTime.of(8, 0);

    static final LocalTime DAY_ENDS = LocalTime.of(21, 0);

    /** Less than this after going out for delivery, the customer cannot have been tried. */
    static final Duration TOO_SOON = Duration.ofMinutes(15);

    private static final Set<String> NOBODY_THERE =
            Set.of("CUSTOMER_UNAVAILABLE", "CUSTOMER_UNREACHABLE", "PREMISES_CLOSED");

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    /**
     * A failed attempt with its suspicion.
     *
     * @param number its number, from 1, in event-time order
     * @param at when it was reported
     * @param hub where it was scanned (null when the scan did not say)
     * @param deliveryHub the hub it went out for delivery from (the attempt's own when not known):
     *     the hub answerable for it
     * @param reason its normalised NDR reason (or the courier's text)
     * @param score 0 to 100
     * @param reasons the signs seen, one sentence each
     */
    public record Attempt(
            int number,
            Instant at,
            String hub,
            String deliveryHub,
            String reason,
            int score,
            List<String> reasons) {

        public boolean suspicious() {
            return score >= SUSPICIOUS;
        }
    }

    private AttemptSuspicion() {}

    /** Every failed attempt of the order on its timeline, in event-time order, judged. */
    public static List<Attempt> of(OrderState order) {
        String city =
                order.getDetails() == null || order.getDetails().getCustomer().getAddress() == null
                        ? null
                        : order.getDetails().getCustomer().getAddress().getCity();
        List<Attempt> attempts = new ArrayList<>();
        TimelineEntry outForDelivery = null;
        for (TimelineEntry entry : order.getTimeline()) {
            if (entry.getCode().equals(ShipmentStatus.OUT_FOR_DELIVERY.name())) {
                outForDelivery = entry;
            } else if (entry.getCode().equals(ShipmentStatus.DELIVERY_FAILED.name())) {
                attempts.add(judge(attempts.size() + 1, entry, outForDelivery, city));
            }
        }
        return attempts;
    }

    private static Attempt judge(
            int number, TimelineEntry attempt, TimelineEntry outForDelivery, String city) {
        List<String> reasons = new ArrayList<>();
        LocalTime local = attempt.getAt().atZone(SellersTime.ZONE).toLocalTime();
        if (local.isBefore(DAY_STARTS) || !local.isBefore(DAY_ENDS)) {
            reasons.add(
                    "reported at "
                            + TIME.format(local)
                            + ", outside delivery hours ("
                            + DAY_STARTS
                            + "–"
                            + DAY_ENDS
                            + ")");
        }
        String hub = attempt.getLocation();
        if (hub != null
                && city != null
                && !hub.toLowerCase(Locale.ROOT).contains(city.toLowerCase(Locale.ROOT))) {
            reasons.add("scanned at " + hub + ", not the destination's (" + city + ")");
        }
        String reason = attempt.getDetail();
        Instant out = outForDelivery == null ? null : outForDelivery.getAt();
        if (out != null
                && NOBODY_THERE.contains(reason)
                && !attempt.getAt().isBefore(out)
                && Duration.between(out, attempt.getAt()).compareTo(TOO_SOON) < 0) {
            reasons.add(
                    reason.toLowerCase(Locale.ROOT).replace('_', ' ')
                            + " "
                            + Duration.between(out, attempt.getAt()).toMinutes()
                            + " min after going out for delivery");
        }
        return new Attempt(
                number,
                attempt.getAt(),
                hub,
                outForDelivery == null || outForDelivery.getLocation() == null
                        ? hub
                        : outForDelivery.getLocation(),
                reason,
                Math.min(100, PER_SIGN * reasons.size()),
                List.copyOf(reasons));
    }
}
