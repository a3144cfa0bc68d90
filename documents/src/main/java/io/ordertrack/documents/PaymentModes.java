package io.ordertrack.documents;

import io.ordertrack.avro.PaymentMode;
import java.util.Arrays;
import java.util.List;

/**
 * The payment modes documents carry (an order's {@code paymentMode}, a cohort's in the
 * order-metrics index): every {@link PaymentMode} but {@code UNKNOWN}. The job refuses an order
 * whose payment mode is unknown (the value a reader gives a mode it does not know), so no document
 * carries it.
 */
public final class PaymentModes {
    /** The names the API filters on: {@code COD}, {@code PREPAID}. */
    public static final List<String> NAMES =
            Arrays.stream(PaymentMode.values())
                    .filter(mode -> mode != PaymentMode.UNKNOWN)
                    .map(Enum::name)
                    .toList();

    private PaymentModes() {}
}
