package io.ordertrack.jobs.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.OrderState;
import io.ordertrack.domain.OrderLifecycle;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.junit.jupiter.api.Test;

class OrderChangeTest {
    @Test
    void crossesTheNetworkAsAFlinkPojoWithTheOrderInAvro() {
        TypeInformation<OrderChange> type = TypeInformation.of(OrderChange.class);

        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<OrderChange> pojo = (PojoTypeInfo<OrderChange>) type;
        assertThat(pojo.getTypeAt(pojo.getFieldIndex("order"))).isInstanceOf(AvroTypeInfo.class);
    }

    @Test
    void aCaughtUpEventCarriesWhatTheRiskModelReadsOnly() {
        OrderState order = OrderLifecycle.newOrder("t:SHOPIFY:1", "t", "SHOPIFY", "1");
        order.getSeenEventIds().add("event-1");
        order.setVersion(1L);

        OrderChange change = OrderChange.caughtUp(order);

        assertThat(change.isScoring()).isTrue();
        assertThat(change.isWriting()).isFalse();
        assertThat(change.getOrder().getOrderId()).isEqualTo("t:SHOPIFY:1");
        assertThat(change.getOrder().getVersion()).isEqualTo(1L);
        assertThat(change.getOrder().getSeenEventIds()).isEmpty();
    }
}
