package io.ordertrack.simulator;

import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.InventoryEventType;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderItem;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.schemas.RecordKeys;
import io.ordertrack.simulator.SimulatedRecord.Topic;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Records a broken integration sends next to the real events: cut off bytes, a record of another
 * schema, and valid Avro with values that cannot be true. They are extra records: the real events
 * still arrive, so the truth of every order is unchanged.
 */
final class BadRecords {
    /** What is wrong with a bad record. */
    enum Kind {
        TRUNCATED,
        WRONG_SCHEMA,
        INVALID_VALUES
    }

    private final SplittableRandom random;
    private final RecordEncoder encoder;
    private int invalidOrders;

    BadRecords(SplittableRandom random, RecordEncoder encoder) {
        this.random = random;
        this.encoder = encoder;
    }

    record BadRecord(Kind kind, SimulatedRecord record) {}

    /** A bad record on the topic of a good one, sent right after it. */
    BadRecord next(OrderStory story, StoryEvent event, SimulatedRecord good) {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        long at = good.timestamp();
        byte[] value =
                switch (kind) {
                    case TRUNCATED -> Arrays.copyOf(good.value(), good.value().length / 2);
                    case WRONG_SCHEMA -> RecordEncoder.INVENTORY.encode(stockCount(story, event));
                    case INVALID_VALUES -> null;
                };
        if (kind == Kind.INVALID_VALUES) {
            return new BadRecord(kind, invalid(story, event, good.topic(), at));
        }
        return new BadRecord(kind, new SimulatedRecord(good.topic(), good.key(), value, at));
    }

    private SimulatedRecord invalid(OrderStory story, StoryEvent event, Topic topic, long at) {
        if (topic == Topic.TRACKING) {
            TrackingScan scan = encoder.scan(story, event);
            scan.setEventId(scan.getEventId() + "-invalid");
            scan.setAwb(" ");
            return new SimulatedRecord(
                    topic,
                    RecordEncoder.utf8(RecordKeys.of(scan)),
                    RecordEncoder.SCANS.encode(scan),
                    at);
        }
        OrderDetails valid = RecordEncoder.orderDetails(story);
        OrderItem first = valid.getItems().get(0);
        OrderEvent order =
                OrderEvent.newBuilder()
                        .setEventId(story.tenant().id() + "-invalid-" + invalidOrders)
                        .setEventTime(Instant.ofEpochMilli(at))
                        .setTenantId(story.tenant().id())
                        .setChannel(story.channel())
                        .setClientOrderId("INVALID-" + invalidOrders++)
                        .setType(OrderEventType.PLACED)
                        .setDetails(
                                OrderDetails.newBuilder(valid)
                                        .setItems(
                                                List.of(
                                                        new OrderItem(
                                                                first.getSku(),
                                                                null,
                                                                0,
                                                                first.getUnitPricePaise())))
                                        .build())
                        .build();
        return new SimulatedRecord(
                topic,
                RecordEncoder.utf8(RecordKeys.of(order)),
                RecordEncoder.ORDER_EVENTS.encode(order),
                at);
    }

    private static InventoryEvent stockCount(OrderStory story, StoryEvent event) {
        return InventoryEvent.newBuilder()
                .setEventId(event.eventId() + "-misrouted")
                .setEventTime(Instant.ofEpochMilli(event.at()))
                .setTenantId(story.tenant().id())
                .setSku(story.lines().get(0).sku().code())
                .setWarehouseId(story.warehouse().id())
                .setType(InventoryEventType.COUNTED)
                .setQuantity(10)
                .build();
    }
}
