package io.ordertrack.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.schemas.RecordKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Order documents as the tracking job writes them, for tests that index them directly. */
final class OrderDocuments {
    static final String ACME = "acme";
    static final String GLOBEX = "globex";

    static final Instant MARCH_1_MORNING = Instant.parse("2026-03-01T04:30:00Z");
    static final Instant MARCH_2_MORNING = Instant.parse("2026-03-02T04:30:00Z");
    static final Instant MARCH_3_MORNING = Instant.parse("2026-03-03T04:30:00Z");

    private static final ObjectMapper JSON = new ObjectMapper();

    private OrderDocuments() {}

    static Builder order(String tenantId, String channel, String clientOrderId) {
        return new Builder(tenantId, channel, clientOrderId);
    }

    static final class Builder {
        private final ObjectNode doc = JSON.createObjectNode();

        private Builder(String tenantId, String channel, String clientOrderId) {
            doc.put("orderId", RecordKeys.orderId(tenantId, channel, clientOrderId));
            doc.put("tenantId", tenantId);
            doc.put("channel", channel);
            doc.put("clientOrderId", clientOrderId);
            ObjectNode customer = doc.putObject("customer");
            customer.put("name", "Asha Verma");
            customer.put("phone", "9876543210");
            ObjectNode address = customer.putObject("address");
            address.put("line1", "12 MG Road");
            address.put("city", "Bengaluru");
            address.put("state", "Karnataka");
            address.put("pincode", "560001");
            ArrayNode items = doc.putArray("items");
            items.addObject()
                    .put("sku", "TSHIRT-M")
                    .put("name", "T-shirt")
                    .put("quantity", 2)
                    .put("unitPricePaise", 49_900);
            doc.putArray("skus").add("TSHIRT-M");
            doc.put("paymentMode", "COD");
            doc.put("amountPaise", 99_800);
            doc.put("currency", "INR");
            doc.put("warehouseId", "WH-BLR-1");
            doc.put("stage", "DISPATCHED");
            doc.put("shipmentStatus", "IN_TRANSIT");
            doc.put("bucket", "LIVE");
            doc.put("storeStage", "DISPATCHED");
            doc.put("channelState", "FULFILLED");
            doc.putArray("flags");
            doc.put("version", 3);
            doc.putArray("timeline")
                    .addObject()
                    .put("type", "PLACED")
                    .put("at", MARCH_1_MORNING.toString());
            placedAt(MARCH_1_MORNING);
        }

        Builder shipment(String courier, String awb) {
            doc.put("courier", courier);
            doc.put("awb", awb);
            return this;
        }

        /**
         * The courier failed to deliver it {@code attempts} times (the customer was unavailable)
         * and has not tried again: it waits for the seller's NDR action.
         */
        Builder failedDelivery(int attempts) {
            doc.put("shipmentStatus", "DELIVERY_FAILED");
            ObjectNode ndr = doc.putObject("ndr");
            ndr.put("attempts", attempts);
            ArrayNode reasons = ndr.putArray("reasons");
            for (int i = 0; i < attempts; i++) {
                reasons.add("CUSTOMER_UNAVAILABLE");
            }
            ndr.put("lastReason", "CUSTOMER_UNAVAILABLE");
            ndr.put("actionDueBy", "2026-03-02T02:30:00Z");
            return this;
        }

        /** A failed attempt from a hub, judged suspicious or not, as the job writes it. */
        Builder attempt(String deliveryHub, boolean suspicious) {
            ObjectNode ndr = doc.has("ndr") ? (ObjectNode) doc.path("ndr") : doc.putObject("ndr");
            ArrayNode attempts =
                    ndr.has("failedAttempts")
                            ? (ArrayNode) ndr.path("failedAttempts")
                            : ndr.putArray("failedAttempts");
            ObjectNode attempt = attempts.addObject();
            attempt.put("attempt", attempts.size());
            attempt.put("at", MARCH_1_MORNING.toString());
            attempt.put("hub", deliveryHub);
            attempt.put("deliveryHub", deliveryHub);
            attempt.put("reason", "CUSTOMER_UNAVAILABLE");
            attempt.put("suspicion", suspicious ? 60 : 0);
            attempt.put("suspicious", suspicious);
            ArrayNode signs = attempt.putArray("signs");
            if (suspicious) {
                signs.add("customer unavailable 4 min after going out for delivery");
            }
            return this;
        }

        /** The seller's answer to the latest failed attempt was applied: no answer is due. */
        Builder answered(String actionId) {
            ObjectNode ndr = (ObjectNode) doc.path("ndr");
            ndr.remove("actionDueBy");
            ndr.putArray("actions")
                    .addObject()
                    .put("attempt", ndr.path("attempts").asInt())
                    .put("action", "REATTEMPT")
                    .put("actionId", actionId);
            return this;
        }

        /** The deadline to answer the latest failed attempt passed with no answer. */
        Builder answerOverdue() {
            ((ObjectNode) doc.path("ndr")).remove("actionDueBy");
            return this;
        }

        Builder placedAt(Instant placedAt) {
            doc.put("placedAt", placedAt.toString());
            doc.put("lastEventAt", placedAt.toString());
            return this;
        }

        Builder customer(String name, String phone) {
            ObjectNode customer = (ObjectNode) doc.path("customer");
            customer.put("name", name);
            customer.put("phone", phone);
            return this;
        }

        Builder bucket(String bucket, String storeStage, String channelState) {
            doc.put("bucket", bucket);
            doc.put("storeStage", storeStage);
            doc.put("channelState", channelState);
            return this;
        }

        /** The parcel was handed to the courier at this time, from this warehouse. */
        Builder handedOver(String warehouseId, Instant at) {
            doc.put("warehouseId", warehouseId);
            doc.put("leftWarehouseAt", at.toString());
            return this;
        }

        /** Paid for when ordered: nothing to collect on delivery. */
        Builder prepaid() {
            doc.put("paymentMode", "PREPAID");
            return this;
        }

        /** The order's amount and its parcel's weight. */
        Builder amountAndWeight(long amountPaise, int weightGrams) {
            doc.put("amountPaise", amountPaise);
            doc.putObject("parcel").put("weightGrams", weightGrams);
            return this;
        }

        Builder destination(String city, String pincode) {
            ObjectNode address = (ObjectNode) doc.path("customer").path("address");
            address.put("city", city);
            address.put("pincode", pincode);
            return this;
        }

        /**
         * Delivered, then sent back by the customer: the return stands at {@code stage} since
         * {@code since}, with the steps before it a day apart (requested first).
         */
        Builder customerReturn(String stage, Instant since, String reason) {
            doc.put("shipmentStatus", "RETURN_DELIVERED");
            doc.put("bucket", "RETURNED");
            ObjectNode ret = doc.putObject("customerReturn");
            ret.put("stage", stage);
            ret.put("since", since.toString());
            ret.put("reason", reason);
            List<String> steps =
                    List.of("REQUESTED", "PICKED_UP", "IN_TRANSIT", "RECEIVED", "QC", "DECIDED");
            int reached =
                    switch (stage) {
                        case "QC_PASSED", "QC_FAILED" -> 4;
                        case "REFUNDED", "REFUND_REFUSED" -> 5;
                        default -> steps.indexOf(stage);
                    };
            List<String> fields =
                    List.of(
                            "requestedAt",
                            "pickedUpAt",
                            "inTransitAt",
                            "receivedAt",
                            "inspectedAt",
                            "decidedAt");
            for (int step = 0; step <= reached; step++) {
                ret.put(fields.get(step), since.minus(Duration.ofDays(reached - step)).toString());
            }
            ret.remove("decidedAt");
            return this;
        }

        /** The return's check: passed or failed, with what was found. */
        Builder inspected(boolean passed, String note) {
            ObjectNode ret = (ObjectNode) doc.get("customerReturn");
            ret.put("inspectionPassed", passed);
            ret.put("inspectionNote", note);
            return this;
        }

        /** The return refunded at its stage's start. */
        Builder refunded(long paise) {
            ObjectNode ret = (ObjectNode) doc.get("customerReturn");
            ret.put("refundPaise", paise);
            ret.put("refundedAt", ret.get("since").asText());
            return this;
        }

        /** The return's refund refused at its stage's start. */
        Builder refused(String reason) {
            ObjectNode ret = (ObjectNode) doc.get("customerReturn");
            ret.put("refusalReason", reason);
            ret.put("refusedAt", ret.get("since").asText());
            return this;
        }

        ObjectNode build() {
            return doc.deepCopy();
        }
    }
}
