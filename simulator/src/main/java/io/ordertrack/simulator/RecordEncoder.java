package io.ordertrack.simulator;

import io.ordertrack.avro.Address;
import io.ordertrack.avro.Cancellation;
import io.ordertrack.avro.Customer;
import io.ordertrack.avro.Feedback;
import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.Manifest;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderItem;
import io.ordertrack.avro.Parcel;
import io.ordertrack.avro.Refund;
import io.ordertrack.avro.RefundRefusal;
import io.ordertrack.avro.Remittance;
import io.ordertrack.avro.ReturnInspection;
import io.ordertrack.avro.ReturnRequest;
import io.ordertrack.avro.ScanLocation;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.geo.Place;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.RecordKeys;
import io.ordertrack.simulator.CourierVocabulary.RawStatus;
import io.ordertrack.simulator.SimulatedRecord.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Turns true events into the Avro records a channel, warehouse or courier feed would send. */
final class RecordEncoder {
    static final AvroCodec<OrderEvent> ORDER_EVENTS = AvroCodec.of(OrderEvent.class);
    static final AvroCodec<TrackingScan> SCANS = AvroCodec.of(TrackingScan.class);
    static final AvroCodec<InventoryEvent> INVENTORY = AvroCodec.of(InventoryEvent.class);
    static final AvroCodec<Remittance> REMITTANCES = AvroCodec.of(Remittance.class);
    private static final String UNDOCUMENTED_TEXT = "Status update";

    private final Map<String, String> newCodeTexts;

    /**
     * @param newCodeTexts the text sent with each new code of the run's incidents; other
     *     undocumented codes come with {@value #UNDOCUMENTED_TEXT}
     */
    RecordEncoder(Map<String, String> newCodeTexts) {
        this.newCodeTexts = Map.copyOf(newCodeTexts);
    }

    SimulatedRecord encode(OrderStory story, StoryEvent event, long emitAt) {
        if (event.isScan()) {
            TrackingScan scan = scan(story, event);
            return new SimulatedRecord(
                    Topic.TRACKING, utf8(RecordKeys.of(scan)), SCANS.encode(scan), emitAt);
        }
        OrderEvent order = orderEvent(story, event);
        return new SimulatedRecord(
                Topic.ORDERS, utf8(RecordKeys.of(order)), ORDER_EVENTS.encode(order), emitAt);
    }

    SimulatedRecord encode(InventoryEvent event) {
        return new SimulatedRecord(
                Topic.INVENTORY,
                utf8(RecordKeys.of(event)),
                INVENTORY.encode(event),
                event.getEventTime().toEpochMilli());
    }

    SimulatedRecord encode(Remittance remittance, long sentAt) {
        return new SimulatedRecord(
                Topic.REMITTANCES,
                utf8(RecordKeys.of(remittance)),
                REMITTANCES.encode(remittance),
                sentAt);
    }

    OrderEvent orderEvent(OrderStory story, StoryEvent event) {
        return OrderEvent.newBuilder()
                .setEventId(event.eventId())
                .setEventTime(Instant.ofEpochMilli(event.at()))
                .setTenantId(story.tenant().id())
                .setChannel(story.channel())
                .setClientOrderId(story.clientOrderId())
                .setType(event.orderType())
                .setDetails(details(story, event))
                .setInspection(inspection(event))
                .setRefusal(
                        event.orderType() == OrderEventType.REFUND_REFUSED
                                ? new RefundRefusal(event.detail())
                                : null)
                .build();
    }

    /** The detail of a RETURN_INSPECTED story event: the check passed. */
    static final String CHECK_PASSED = "passed";

    /**
     * The detail of a RETURN_INSPECTED story event that failed starts so; what was found follows.
     */
    static final String CHECK_FAILED_PREFIX = "failed: ";

    private static ReturnInspection inspection(StoryEvent event) {
        if (event.orderType() != OrderEventType.RETURN_INSPECTED) {
            return null;
        }
        return event.detail().equals(CHECK_PASSED)
                ? new ReturnInspection(true, null)
                : new ReturnInspection(
                        false, event.detail().substring(CHECK_FAILED_PREFIX.length()));
    }

    private static Object details(OrderStory story, StoryEvent event) {
        return switch (event.orderType()) {
            case PLACED, UPDATED -> orderDetails(story);
            case MANIFESTED -> new Manifest(story.courier(), story.awb());
            case CANCELLED -> new Cancellation(event.detail());
            case RETURN_REQUESTED -> new ReturnRequest(event.detail());
            case REFUNDED -> new Refund(Long.parseLong(event.detail()));
            case FEEDBACK -> new Feedback(Integer.parseInt(event.detail()), null);
            default -> null;
        };
    }

    static OrderDetails orderDetails(OrderStory story) {
        Customers.Customer customer = story.customer();
        Place place = customer.place();
        int weight = story.lines().stream().mapToInt(l -> 400 * l.quantity()).sum();
        return OrderDetails.newBuilder()
                .setCustomer(
                        new Customer(
                                customer.name(),
                                story.phoneAsWritten(),
                                new Address(
                                        customer.street(),
                                        place.name(),
                                        place.district(),
                                        place.state(),
                                        place.pincode())))
                .setItems(
                        story.lines().stream()
                                .map(
                                        l ->
                                                new OrderItem(
                                                        l.sku().code(),
                                                        null,
                                                        l.quantity(),
                                                        l.sku().unitPricePaise()))
                                .toList())
                .setPaymentMode(story.paymentMode())
                .setAmountPaise(story.amountPaise())
                .setParcel(new Parcel(30.0, 22.0, 8.0 + 4 * story.lines().size(), weight))
                .setWarehouseId(story.warehouse().id())
                .setPromisedDeliveryDate(story.promisedDeliveryDate())
                .build();
    }

    TrackingScan scan(OrderStory story, StoryEvent event) {
        CourierVocabulary vocabulary = CourierVocabulary.of(story.courier());
        RawStatus raw =
                event.isUnknownCode()
                        ? new RawStatus(
                                event.detail(),
                                newCodeTexts.getOrDefault(event.detail(), UNDOCUMENTED_TEXT))
                        : event.ndrReason() != null
                                ? vocabulary.of(event.ndrReason())
                                : vocabulary.of(event.status());
        return TrackingScan.newBuilder()
                .setEventId(event.eventId())
                .setEventTime(Instant.ofEpochMilli(event.at()))
                .setTenantId(story.tenant().id())
                .setCourier(story.courier())
                .setAwb(story.awb())
                .setStatus(event.preNormalised() ? event.status() : null)
                .setNdrReason(event.preNormalised() ? event.ndrReason() : null)
                .setRawCode(raw.code())
                .setRawText(raw.text())
                .setLocation(event.hub() == null ? null : new ScanLocation(event.hub(), null, null))
                .build();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
