package io.ordertrack.simulator;

import io.ordertrack.avro.PaymentMode;
import io.ordertrack.simulator.World.Tenant;
import io.ordertrack.simulator.World.Warehouse;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The whole true life of one order: who ordered what, where it went, every event with its true
 * time, when each event reaches the feeds, and the truth its final view must show.
 */
public record OrderStory(
        int number,
        Tenant tenant,
        String channel,
        String clientOrderId,
        Customers.Customer customer,
        String phoneAsWritten,
        List<Line> lines,
        PaymentMode paymentMode,
        Warehouse warehouse,
        Warehouse nearestStocked,
        String courier,
        String awb,
        LocalDate promisedDeliveryDate,
        Outcome outcome,
        List<StoryEvent> events,
        Set<FeedMess> mess,
        Truth truth,
        List<ExpectedAlert> alerts) {

    /** One order line. */
    public record Line(World.Sku sku, int quantity) {}

    public String orderId() {
        return tenant.id() + ":" + channel + ":" + clientOrderId;
    }

    public long amountPaise() {
        return amountPaise(lines);
    }

    /** What these lines cost together. */
    static long amountPaise(List<Line> lines) {
        return lines.stream().mapToLong(l -> l.sku().unitPricePaise() * l.quantity()).sum();
    }
}
