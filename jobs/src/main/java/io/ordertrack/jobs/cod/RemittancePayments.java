package io.ordertrack.jobs.cod;

import io.ordertrack.avro.CodPayment;
import io.ordertrack.avro.Remittance;
import io.ordertrack.avro.RemittanceLine;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * A courier's remittance split into its cash for each parcel, for the COD ledger (keyed by parcel):
 * the lines of one parcel added up, parcels in the order the remittance first names them.
 */
public final class RemittancePayments implements FlatMapFunction<Remittance, CodPayment> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(Remittance remittance, Collector<CodPayment> out) {
        Map<String, Long> byAwb = new LinkedHashMap<>();
        for (RemittanceLine line : remittance.getLines()) {
            byAwb.merge(line.getAwb(), line.getAmountPaise(), Long::sum);
        }
        byAwb.forEach(
                (awb, paise) ->
                        out.collect(
                                new CodPayment(
                                        remittance.getTenantId(),
                                        remittance.getCourier(),
                                        awb,
                                        remittance.getRemittanceId(),
                                        remittance.getEventTime(),
                                        paise)));
    }
}
