package io.ordertrack.simulator;

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
 */
public record Oracle(
        Summary summary,
        List<OrderTruth> orders,
        List<StockTruth> stock,
        List<ExpectedAlert> alerts,
        List<AlertTruth> alertTimeline,
        List<InjectedIncident> incidents) {

    /** The oracle of a run without incidents. */
    public Oracle(
            Summary summary,
            List<OrderTruth> orders,
            List<StockTruth> stock,
            List<ExpectedAlert> alerts,
            List<AlertTruth> alertTimeline) {
        this(summary, orders, stock, alerts, alertTimeline, List.of());
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

    /** The final available stock of a SKU at a warehouse. */
    public record StockTruth(String tenantId, String sku, String warehouseId, int available) {}
}
