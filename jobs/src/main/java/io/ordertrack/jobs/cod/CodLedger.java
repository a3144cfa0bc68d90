package io.ordertrack.jobs.cod;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.CodDelivery;
import io.ordertrack.avro.CodParcel;
import io.ordertrack.avro.CodPayment;
import io.ordertrack.domain.cod.CodAlerts;
import io.ordertrack.domain.cod.CodParcels;
import io.ordertrack.schemas.RecordKeys;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The cash of each cash-on-delivery parcel (keyed by {@code tenant:COURIER:awb}), a thin shell over
 * {@link CodParcels}: the cash its courier collected (from the order tracker) against what the
 * courier's remittances paid for it. Every change of a parcel goes out for its document; an
 * event-time timer a report grace after the end of the courier's remittance cycle reviews it and
 * opens COD_REMITTANCE_OVERDUE ({@link #ALERTS}) when the remittances sent by the cycle's end had
 * not paid its cash in full, resolved as of the remittance that completes it. A parcel's state goes
 * {@code retention} after its last change once it is owed nothing; one still owed is kept.
 */
public final class CodLedger
        extends KeyedCoProcessFunction<String, CodDelivery, CodPayment, CodParcel> {
    private static final long serialVersionUID = 1L;

    /** COD_REMITTANCE_OVERDUE opened and resolved. */
    public static final OutputTag<Alert> ALERTS =
            new OutputTag<>("cod-alerts", TypeInformation.of(Alert.class));

    private final Duration cycle;
    private final Duration reportGrace;
    private final Duration retention;

    private transient ValueState<CodParcel> parcels;

    public CodLedger(Duration cycle, Duration reportGrace, Duration retention) {
        this.cycle = cycle;
        this.reportGrace = reportGrace;
        this.retention = retention;
    }

    /** The parcel a delivery is about. */
    public static String keyOf(CodDelivery delivery) {
        return RecordKeys.shipment(
                delivery.getTenantId(), delivery.getCourier(), delivery.getAwb());
    }

    /** The parcel a remittance's cash is for. */
    public static String keyOf(CodPayment payment) {
        return RecordKeys.shipment(payment.getTenantId(), payment.getCourier(), payment.getAwb());
    }

    @Override
    public void open(OpenContext openContext) {
        parcels =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "cod-parcel", TypeInformation.of(CodParcel.class)));
    }

    @Override
    public void processElement1(CodDelivery delivery, Context ctx, Collector<CodParcel> out)
            throws Exception {
        CodParcel parcel =
                parcelOr(delivery.getTenantId(), delivery.getCourier(), delivery.getAwb());
        if (!CodParcels.take(parcel, delivery)) {
            return;
        }
        ctx.timerService().registerEventTimeTimer(reviewAt(parcel).toEpochMilli());
        changed(parcel, ctx, out);
    }

    @Override
    public void processElement2(CodPayment payment, Context ctx, Collector<CodParcel> out)
            throws Exception {
        CodParcel parcel = parcelOr(payment.getTenantId(), payment.getCourier(), payment.getAwb());
        Instant openedAt = parcel.getOverdueSince();
        if (!CodParcels.take(parcel, payment)) {
            return;
        }
        if (CodParcels.clearOverdue(parcel)) {
            ctx.output(ALERTS, CodAlerts.resolved(parcel, openedAt, reviewAt(parcel)));
        }
        changed(parcel, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CodParcel> out)
            throws Exception {
        CodParcel parcel = parcels.value();
        if (parcel == null) {
            return;
        }
        Instant reviewAt = reviewAt(parcel);
        if (reviewAt != null && reviewAt.toEpochMilli() == timestamp) {
            Instant dueBy = CodParcels.dueBy(parcel, cycle);
            if (CodParcels.review(parcel, dueBy, reviewAt)) {
                ctx.output(ALERTS, CodAlerts.opened(parcel, cycle, reviewAt));
                if (CodParcels.clearOverdue(parcel)) {
                    // Paid in full by a remittance sent after the cycle's end, read before now.
                    ctx.output(ALERTS, CodAlerts.resolved(parcel, dueBy, reviewAt));
                }
            }
            changed(parcel, ctx, out);
            return;
        }
        // A parcel still owed cash is the seller's money: kept until it is paid.
        if (timestamp >= parcel.getChangedAt().plus(retention).toEpochMilli()
                && !CodParcels.standingOf(parcel).state().owed()) {
            parcels.clear();
        }
    }

    /** When the parcel is reviewed: a report grace after its cycle's end; null before delivery. */
    private Instant reviewAt(CodParcel parcel) {
        Instant dueBy = CodParcels.dueBy(parcel, cycle);
        return dueBy == null ? null : dueBy.plus(reportGrace);
    }

    private void changed(CodParcel parcel, Context ctx, Collector<CodParcel> out) throws Exception {
        parcels.update(parcel);
        ctx.timerService()
                .registerEventTimeTimer(parcel.getChangedAt().plus(retention).toEpochMilli());
        out.collect(parcel);
    }

    private CodParcel parcelOr(String tenantId, String courier, String awb) throws Exception {
        CodParcel parcel = parcels.value();
        return parcel == null ? CodParcels.empty(tenantId, courier, awb) : parcel;
    }
}
