package io.ordertrack.jobs.risk;

import io.ordertrack.avro.OrderState;
import io.ordertrack.domain.risk.RtoRisk;

/**
 * A change of an order, sent by the order tracker to the RTO risk scorer: an event to score the
 * order and predict its delivery on, its document due to be written, or both. A live order's event
 * carries the whole order, scored and written at once. While an order is caught up from old events,
 * its events carry only what the risk model and the expected delivery read ({@link
 * RtoRisk#inputsOf}) and the whole order follows once per catch-up delay, to be written with the
 * risk and the delivery as last predicted: the order's timeline crosses the network a few times per
 * order rather than on every event. A Flink POJO.
 */
public class OrderChange {
    private OrderState order;
    private boolean scoring;
    private boolean writing;

    public OrderChange() {}

    private OrderChange(OrderState order, boolean scoring, boolean writing) {
        this.order = order;
        this.scoring = scoring;
        this.writing = writing;
    }

    /** An event of a live order: score it and write its document. */
    public static OrderChange live(OrderState order) {
        return new OrderChange(order, true, true);
    }

    /**
     * An event of an order being caught up: score it and predict its delivery from what the models
     * read.
     */
    public static OrderChange caughtUp(OrderState order) {
        return new OrderChange(RtoRisk.inputsOf(order), true, false);
    }

    /**
     * Write the order's latest state with the risk and delivery as last predicted: the document of
     * an order caught up is due, or a timer changed only what the models do not read.
     */
    public static OrderChange due(OrderState order) {
        return new OrderChange(order, false, true);
    }

    public OrderState getOrder() {
        return order;
    }

    public void setOrder(OrderState order) {
        this.order = order;
    }

    public boolean isScoring() {
        return scoring;
    }

    public void setScoring(boolean scoring) {
        this.scoring = scoring;
    }

    public boolean isWriting() {
        return writing;
    }

    public void setWriting(boolean writing) {
        this.writing = writing;
    }
}
