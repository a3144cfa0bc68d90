package io.ordertrack.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the end state must be after a run, from the simulator's own ground truth: the final view of
 * every order, the alerts that must have fired, the final stock, and what was sent; and, to measure
 * alerts against, the timeline of when each order alert condition truly held and when it could
 * first be known.
 *
 * @param alerts the alerts that must have fired, by due time
 * @param alertTimeline every time an order alert condition held, by start time
 * @param incidents the incidents injected (hub outages, feed outages, new codes), by start time;
 *     empty unless the run's options asked for them
 * @param cod each COD parcel's cash, by tenant and AWB; empty when couriers remitted nothing
 */
public record Oracle(
        Summary summary,
        List<OrderTruth> orders,
        List<StockTruth> stock,
        List<ExpectedAlert> alerts,
        List<AlertTruth> alertTimeline,
        List<InjectedIncident> incidents,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CodTruth> cod) {

    /** The oracle of a run without incidents or remittances. */
    public Oracle(
            Summary summary,
            List<OrderTruth> orders,
            List<StockTruth> stock,
            List<ExpectedAlert> alerts,
            List<AlertTruth> alertTimeline) {
        this(summary, orders, stock, alerts, alertTimeline, List.of(), List.of());
    }

    /**
     * What a run sent.
     *
     * @param options the options of the run
     * @param records records sent, by topic
     * @param events distinct true events (order events, scans, inventory events)
     * @param duplicates events sent a second time
     * @param badRecords bad records sent, by topic and kind ({@code orders/TRUNCATED})
     * @param outcomes orders by outcome
     */
    public record Summary(
            SimulationOptions options,
            Map<String, Long> records,
            long events,
            long duplicates,
            Map<String, Long> badRecords,
            Map<String, Long> outcomes) {}

    /**
     * The truth of one order, with the mess its feed received. {@code nearestStockedWarehouseId} is
     * the nearest warehouse that held all of it when it was placed (null when none did): a routing
     * miss when {@code warehouseId} is another, farther one.
     */
    public record OrderTruth(
            String orderId,
            String tenantId,
            String channel,
            String clientOrderId,
            String courier,
            String awb,
            String paymentMode,
            String destinationPincode,
            String warehouseId,
            String nearestStockedWarehouseId,
            String outcome,
            List<String> mess,
            Truth truth) {}

    /**
     * The cash of one COD parcel as the job must end with it: its state (PENDING, SHORT, REMITTED,
     * EXCESS, or NOT_DELIVERED for cash remitted for a parcel returned to origin), what was
     * collected and remitted, and whether its courier's cycle ran out with cash owed ({@code
     * overdue}: a COD_REMITTANCE_OVERDUE alert opened at {@code dueBy}, resolved at {@code
     * paidInFullAt} when the cash was completed later).
     */
    public record CodTruth(
            String tenantId,
            String courier,
            String awb,
            String orderId,
            String state,
            Long expectedPaise,
            long remittedPaise,
            Instant deliveredAt,
            Instant dueBy,
            boolean overdue,
            Instant paidInFullAt) {}

    /** The final available stock of a SKU at a warehouse. */
    public record StockTruth(String tenantId, String sku, String warehouseId, int available) {}
}
