package io.ordertrack.jobs.routing;

import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.RoutingQuestion;
import io.ordertrack.domain.routing.RoutingJudge;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** What routing asks of each placed order that names its warehouse and items. */
public final class RoutingQuestions implements FlatMapFunction<OrderEvent, RoutingQuestion> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(OrderEvent placed, Collector<RoutingQuestion> out) {
        RoutingJudge.questionOf(placed).ifPresent(out::collect);
    }
}
