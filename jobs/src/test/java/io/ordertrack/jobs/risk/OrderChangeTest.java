package io.ordertrack.jobs.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.OrderState;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import io.ordertrack.domain.risk.RtoRisk;
import java.time.Instant;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
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
    void aCaughtUpEventCarriesWhatTheRiskModelReadsOnlyAndCrossesTheNetwork() throws Exception {
        OrderState order = OrderLifecycle.newOrder("t:SHOPIFY:1", "t", "SHOPIFY", "1");
        order.getSeenEventIds().add("event-1");
        order.getMilestones().put("DELIVERED", Instant.parse("2026-11-20T10:00:00Z"));
        order.setLastEventAt(Instant.parse("2026-11-20T10:00:00Z"));
        order.setVersion(1L);

        OrderChange received = overTheNetwork(OrderChange.caughtUp(order));

        assertThat(received.isScoring()).isTrue();
        assertThat(received.isWriting()).isFalse();
        OrderState inputs = received.getOrder();
        assertThat(inputs.getOrderId()).isEqualTo("t:SHOPIFY:1");
        assertThat(inputs.getVersion()).isEqualTo(1L);
        assertThat(inputs.getMilestones()).containsOnlyKeys("DELIVERED");
        assertThat(RtoRisk.outcomeOf(inputs)).isEqualTo(RtoRisk.outcomeOf(order));
        assertThat(inputs.getSeenEventIds()).isEmpty();
        assertThat(inputs.getTimeline()).isEmpty();
    }

    private static OrderChange overTheNetwork(OrderChange change) throws Exception {
        TypeSerializer<OrderChange> serializer =
                TypeInformation.of(OrderChange.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(change, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
