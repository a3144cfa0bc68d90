package io.ordertrack.jobs.indexing;

import io.ordertrack.avro.CodParcel;
import io.ordertrack.domain.documents.CodDocument;
import java.time.Duration;

/** A COD parcel's cash as the cod index holds it, under {@code tenant:COURIER:awb}. */
public final class CodDocuments extends IndexDocuments<CodParcel> {
    private static final long serialVersionUID = 1L;

    private final Duration cycle;

    public CodDocuments(Duration cycle) {
        this.cycle = cycle;
    }

    @Override
    public String idOf(CodParcel parcel) {
        return CodDocument.idOf(parcel);
    }

    @Override
    public long versionOf(CodParcel parcel) {
        return parcel.getVersion();
    }

    @Override
    public CodDocument documentOf(CodParcel parcel) {
        return CodDocument.of(parcel, cycle);
    }
}
