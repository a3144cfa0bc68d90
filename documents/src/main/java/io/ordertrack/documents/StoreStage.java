package io.ordertrack.documents;

/**
 * Where an order stands in the store view of a warehouse × courier: Placed (confirmed, no manifest
 * yet), Manifested (AWB assigned), Ready to ship (label scanned), Dispatched. "Total uploaded" is
 * all of them; cancelled orders are in none. The job decides it ({@code
 * OrderDocument.storeStageOf}): it needs the order state machine, which the API has no use for.
 */
public enum StoreStage {
    PLACED,
    MANIFESTED,
    READY_TO_SHIP,
    DISPATCHED,
    CANCELLED;
}
