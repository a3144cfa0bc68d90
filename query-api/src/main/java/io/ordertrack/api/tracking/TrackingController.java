package io.ordertrack.api.tracking;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.api.orders.OrderRepository;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * HTTP I/O of the public tracking page's lookup, {@code GET /api/track?reference=&check=}: no key;
 * the orders found by {@link OrderRepository#byReference}, the one whose check {@link
 * ParcelTracking#passes} shown as {@link ParcelTracking#viewOf}; limited by {@link TrackingLimits}.
 */
public final class TrackingController {
    /** A tracking number or an order id as a customer types it. */
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9#_./-]{3,64}");

    /** The last four digits of a phone, or a six-digit PIN code. */
    private static final Pattern CHECK = Pattern.compile("\\d{4}|[1-9]\\d{5}");

    /** How many orders of one reference are checked: a number shared by more is not a parcel's. */
    private static final int MOST_CANDIDATES = 10;

    private final OrderRepository orders;
    private final TrackingLimits limits = new TrackingLimits();
    private final LongSupplier nanoClock;

    public TrackingController(OrderRepository orders, LongSupplier nanoClock) {
        this.orders = orders;
        this.nanoClock = nanoClock;
    }

    /** {@code GET /api/track}: the parcel whose number and check the customer gave. */
    public void track(Context ctx) {
        long now = nanoClock.getAsLong();
        refuseIfWaiting(
                ctx,
                limits.lookup(ctx.ip(), now),
                "Too many lookups from this address; try again in a moment");
        String reference = required(ctx, "reference", REFERENCE, "a tracking number or order id");
        String check =
                required(
                        ctx,
                        "check",
                        CHECK,
                        "the last 4 digits of the phone on the order, or its 6-digit PIN code");
        String number = reference.toLowerCase(Locale.ROOT);
        refuseIfWaiting(
                ctx,
                limits.checksBlocked(number, now),
                "Too many wrong checks for this number; try again later");
        List<ObjectNode> candidates = orders.byReference(reference, MOST_CANDIDATES);
        Optional<ObjectNode> parcel =
                candidates.stream()
                        .filter(order -> ParcelTracking.passes(order, check))
                        .findFirst();
        if (parcel.isEmpty()) {
            limits.failedCheck(number, now);
            throw new NotFoundResponse(
                    "No parcel matches this number and check: look at the number in your order"
                            + " confirmation, and the phone or PIN code you ordered with");
        }
        ctx.header(Header.CACHE_CONTROL, "no-store");
        ctx.json(ParcelTracking.viewOf(parcel.get()));
    }

    private static String required(Context ctx, String name, Pattern pattern, String what) {
        String value =
                Parameters.queryText(ctx, name)
                        .orElseThrow(() -> Parameters.invalid(name, name + " is " + what));
        if (!pattern.matcher(value.strip()).matches()) {
            throw Parameters.invalid(name, name + " is " + what);
        }
        return value.strip();
    }

    private static void refuseIfWaiting(Context ctx, long waitNanos, String message) {
        if (waitNanos > 0) {
            ctx.header(
                    Header.RETRY_AFTER,
                    String.valueOf(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos) + 1)));
            throw new HttpResponseException(HttpStatus.TOO_MANY_REQUESTS.getCode(), message);
        }
    }
}
