package io.ordertrack.domain.documents;

import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderStage;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.Parcel;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TimelineEntry;
import io.ordertrack.documents.Bucket;
import io.ordertrack.documents.ChannelState;
import io.ordertrack.documents.SellersTime;
import io.ordertrack.documents.StoreStage;
import io.ordertrack.domain.delivery.ExpectedDelivery;
import io.ordertrack.domain.input.PhoneNumbers;
import io.ordertrack.domain.lifecycle.ShipmentProgress;
import io.ordertrack.domain.ndr.AttemptSuspicion;
import io.ordertrack.domain.returns.CustomerReturns;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live view of one order, as indexed into the {@code orders} index (id = order id): every field
 * a seller view, search or alert needs. Field names are those of the index mapping ({@link
 * io.ordertrack.documents.Index#ORDERS}).
 */
public record OrderDocument(
        String orderId,
        String tenantId,
        String channel,
        String clientOrderId,
        Customer customer,
        List<Item> items,
        List<String> skus,
        String paymentMode,
        Long amountPaise,
        String currency,
        ParcelSize parcel,
        String warehouseId,
        LocalDate promisedDeliveryDate,
        LocalDate expectedDeliveryDate,
        DeliveryEstimate deliveryEstimate,
        String stage,
        String shipmentStatus,
        String bucket,
        String storeStage,
        String channelState,
        List<String> flags,
        Ndr ndr,
        CustomerReturns.Standing customerReturn,
        boolean rto,
        Risk risk,
        String courier,
        String awb,
        Instant placedAt,
        Instant lastEventAt,
        Instant lastScanAt,
        String lastScanLocation,
        Instant leftWarehouseAt,
        Map<String, Instant> milestones,
        int unmappedScans,
        int courierRegressions,
        long version,
        List<Step> timeline) {

    /** Bits of the index version holding the flag check time: 2^40 ms is about 35 years. */
    private static final int CHECKED_AT_BITS = 40;

    private static final long CHECKED_AT_RANGE = 1L << CHECKED_AT_BITS;

    /** The customer, with the phone in its normalised ten-digit form. */
    public record Customer(String name, String phone, Address address) {}

    /** The customer's postal address. */
    public record Address(String line1, String line2, String city, String state, String pincode) {}

    public record Item(String sku, String name, int quantity, long unitPricePaise) {}

    public record ParcelSize(double lengthCm, double breadthCm, double heightCm, int weightGrams) {}

    /**
     * Failed delivery attempts and their reasons, in the order they were reported; until when the
     * seller can act on the latest (while NDR_ACTION_DUE holds, else null); the seller's answers;
     * each attempt with where it was scanned and how suspicious it looks.
     */
    public record Ndr(
            int attempts,
            List<String> reasons,
            String lastReason,
            Instant actionDueBy,
            List<NdrAnswer> actions,
            List<FailedAttempt> failedAttempts) {}

    /**
     * A failed attempt as its scan shows it, with its suspicion of never having happened (0–100,
     * suspicious from 50) and the signs seen ({@link AttemptSuspicion}).
     */
    public record FailedAttempt(
            int attempt,
            Instant at,
            String hub,
            String deliveryHub,
            String reason,
            int suspicion,
            boolean suspicious,
            List<String> signs) {}

    /** A seller's answer to a failed attempt, without the new contact details themselves. */
    public record NdrAnswer(
            int attempt,
            String action,
            Instant at,
            LocalDate reattemptOn,
            boolean newPhone,
            boolean newAddress,
            String actionId) {}

    /**
     * The order's RTO risk (0–100) with its top reasons; high from the alert threshold on. Kept as
     * it was once the order was delivered or returned.
     */
    public record Risk(int score, List<String> reasons, boolean high) {}

    /**
     * When the parcel is expected to be delivered, re-predicted on each of its events ({@link
     * ExpectedDelivery}): the expected time, the range it falls in (80% by default), the point of
     * its way the prediction starts from and since when, the lane it learned from and from how many
     * deliveries, and whether that is after the promised day.
     */
    public record DeliveryEstimate(
            Instant expectedAt,
            Instant earliest,
            Instant latest,
            String from,
            Instant since,
            String lane,
            long sample,
            boolean late) {

        /** The document's view of a prediction for an order with this promised date (or none). */
        public static DeliveryEstimate of(ExpectedDelivery.Estimate estimate, LocalDate promised) {
            return new DeliveryEstimate(
                    estimate.expectedAt(),
                    estimate.earliest(),
                    estimate.latest(),
                    estimate.from().name(),
                    estimate.since(),
                    estimate.lane(),
                    estimate.sample(),
                    promised != null
                            && estimate.expectedAt()
                                    .isAfter(
                                            promised.plusDays(1)
                                                    .atStartOfDay(SellersTime.ZONE)
                                                    .toInstant()));
        }
    }

    /** One event in the order's history, in event-time order. */
    public record Step(Instant at, String source, String code, String detail, String location) {}

    /** The document of an order in its current state, before any risk assessment or prediction. */
    public static OrderDocument of(OrderState order) {
        return of(order, null, null);
    }

    /**
     * The document of an order in its current state, with its RTO risk when assessed and its
     * delivery when predicted.
     */
    public static OrderDocument of(OrderState order, Risk risk, DeliveryEstimate estimate) {
        OrderDetails details = order.getDetails();
        List<AttemptSuspicion.Attempt> attempts = AttemptSuspicion.of(order);
        return new OrderDocument(
                order.getOrderId(),
                order.getTenantId(),
                order.getChannel(),
                order.getClientOrderId(),
                details == null ? null : customerOf(details),
                details == null ? List.of() : itemsOf(details),
                details == null ? List.of() : skusOf(details),
                details == null ? null : details.getPaymentMode().name(),
                details == null ? null : details.getAmountPaise(),
                details == null ? null : details.getCurrency(),
                details == null ? null : parcelOf(details.getParcel()),
                details == null ? null : details.getWarehouseId(),
                details == null ? null : details.getPromisedDeliveryDate(),
                estimate != null
                        ? LocalDate.ofInstant(estimate.expectedAt(), SellersTime.ZONE)
                        : expectedDelivery(order),
                estimate,
                order.getStage().name(),
                order.getShipmentStatus() == null ? null : order.getShipmentStatus().name(),
                Bucket.of(order).name(),
                storeStageOf(order).name(),
                ChannelState.of(order).name(),
                flagsOf(order, risk, estimate, attempts),
                ndrOf(order, attempts),
                CustomerReturns.standingOf(order),
                ShipmentProgress.isRto(order.getShipmentStatus()),
                risk,
                order.getCourier(),
                order.getAwb(),
                order.getPlacedAt(),
                order.getLastEventAt(),
                order.getLastScanAt(),
                order.getLastScanLocation(),
                ShipmentProgress.leftWarehouseAt(order.getMilestones()),
                new TreeMap<>(order.getMilestones()),
                order.getUnmappedScans(),
                order.getIgnoredScans(),
                order.getVersion(),
                timelineOf(order.getTimeline()));
    }

    private static List<String> flagsOf(
            OrderState order,
            Risk risk,
            DeliveryEstimate estimate,
            List<AttemptSuspicion.Attempt> attempts) {
        List<String> flags = new ArrayList<>();
        if (risk != null && risk.high()) {
            flags.add("RTO_RISK_HIGH");
        }
        if (estimate != null && estimate.late()) {
            flags.add("EDD_BREACH_PREDICTED");
        }
        if (order.getCourierError()) {
            flags.add("COURIER_ERROR");
        }
        if (order.getShipmentStatus() == ShipmentStatus.DELIVERY_FAILED) {
            flags.add("NDR_OPEN");
        }
        if (attempts.stream().anyMatch(AttemptSuspicion.Attempt::suspicious)) {
            flags.add("SUSPICIOUS_ATTEMPT");
        }
        flags.addAll(order.getTimedFlags());
        return flags;
    }

    /**
     * The version Elasticsearch keeps an order's document under: the events applied (the document's
     * {@code version}) in the high bits, then the event time its timed flags were checked as of,
     * relative to its latest event. A flag that begins to hold with no new event still replaces the
     * document, and the same events checked as of the same time give the same version on a replay.
     */
    public static long indexVersion(OrderState order) {
        long checkedAt = 0;
        if (order.getFlagsAsOf() != null && order.getLastEventAt() != null) {
            long sinceLastEvent =
                    order.getFlagsAsOf().toEpochMilli() - order.getLastEventAt().toEpochMilli();
            checkedAt =
                    Math.max(
                            0,
                            Math.min(CHECKED_AT_RANGE - 1, sinceLastEvent + CHECKED_AT_RANGE / 2));
        }
        return (order.getVersion() << CHECKED_AT_BITS) | checkedAt;
    }

    /** The events applied to the order whose document has this index version. */
    public static long eventsIn(long indexVersion) {
        return indexVersion >>> CHECKED_AT_BITS;
    }

    private static Ndr ndrOf(OrderState order, List<AttemptSuspicion.Attempt> attempts) {
        List<String> reasons = order.getNdrReasons().stream().map(NdrReason::name).toList();
        return new Ndr(
                reasons.size(),
                reasons,
                reasons.isEmpty() ? null : reasons.get(reasons.size() - 1),
                order.getNdrActionDueBy(),
                order.getNdrActions().stream()
                        .map(
                                action ->
                                        new NdrAnswer(
                                                action.getAttempt(),
                                                action.getAction().name(),
                                                action.getAt(),
                                                action.getReattemptOn(),
                                                action.getNewPhone(),
                                                action.getNewAddress(),
                                                action.getActionId()))
                        .toList(),
                attempts.stream()
                        .map(
                                attempt ->
                                        new FailedAttempt(
                                                attempt.number(),
                                                attempt.at(),
                                                attempt.hub(),
                                                attempt.deliveryHub(),
                                                attempt.reason(),
                                                attempt.score(),
                                                attempt.suspicious(),
                                                attempt.reasons()))
                        .toList());
    }

    /** Where the order stands in the store view of its warehouse × courier. */
    public static StoreStage storeStageOf(OrderState order) {
        OrderStage stage = order.getStage();
        if (stage == OrderStage.CANCELLED) {
            return StoreStage.CANCELLED;
        }
        ShipmentStatus status = order.getShipmentStatus();
        if (stage == OrderStage.DISPATCHED
                || (status != null && ShipmentProgress.hasLeftWarehouse(status))) {
            return StoreStage.DISPATCHED;
        }
        if (stage == OrderStage.READY_TO_SHIP) {
            return StoreStage.READY_TO_SHIP;
        }
        return order.getAwb() != null ? StoreStage.MANIFESTED : StoreStage.PLACED;
    }

    /**
     * Without a prediction: delivered, that day; out for delivery, today; else the promised date.
     */
    private static LocalDate expectedDelivery(OrderState order) {
        Instant delivered = order.getMilestones().get(ShipmentStatus.DELIVERED.name());
        if (delivered != null) {
            return LocalDate.ofInstant(delivered, SellersTime.ZONE);
        }
        if (order.getShipmentStatus() == ShipmentStatus.OUT_FOR_DELIVERY) {
            return LocalDate.ofInstant(order.getShipmentStatusAt(), SellersTime.ZONE);
        }
        return order.getDetails() == null ? null : order.getDetails().getPromisedDeliveryDate();
    }

    private static Customer customerOf(OrderDetails details) {
        io.ordertrack.avro.Address address = details.getCustomer().getAddress();
        return new Customer(
                details.getCustomer().getName(),
                PhoneNumbers.normalise(details.getCustomer().getPhone()),
                new Address(
                        address.getLine1(),
                        address.getLine2(),
                        address.getCity(),
                        address.getState(),
                        address.getPincode()));
    }

    private static List<Item> itemsOf(OrderDetails details) {
        return details.getItems().stream()
                .map(i -> new Item(i.getSku(), i.getName(), i.getQuantity(), i.getUnitPricePaise()))
                .toList();
    }

    private static List<String> skusOf(OrderDetails details) {
        return details.getItems().stream().map(i -> i.getSku()).distinct().toList();
    }

    private static ParcelSize parcelOf(Parcel parcel) {
        return new ParcelSize(
                parcel.getLengthCm(),
                parcel.getBreadthCm(),
                parcel.getHeightCm(),
                parcel.getWeightGrams());
    }

    private static List<Step> timelineOf(List<TimelineEntry> entries) {
        return entries.stream()
                .sorted(Comparator.comparing(TimelineEntry::getAt))
                .map(
                        e ->
                                new Step(
                                        e.getAt(),
                                        e.getSource(),
                                        e.getCode(),
                                        e.getDetail(),
                                        e.getLocation()))
                .toList();
    }
}
