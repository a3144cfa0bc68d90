package io.ordertrack.api.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A courier's manifest: the parcels one seller's warehouse handed to the courier on one pickup day
 * (India), in the order they left, with their totals. Built from order documents; it names each
 * parcel's destination city and PIN code, never the customer.
 */
public record Manifest(
        String tenantId,
        String warehouseId,
        String courier,
        LocalDate day,
        Instant generatedAt,
        List<Parcel> parcels,
        Totals totals) {

    /**
     * One parcel handed over.
     *
     * @param weightGrams the parcel's weight, when the order said it
     * @param codPaise what the courier collects on delivery: the order's amount when cash on
     *     delivery, else 0
     */
    public record Parcel(
            String awb,
            String clientOrderId,
            String channel,
            String city,
            String pincode,
            int items,
            Integer weightGrams,
            String paymentMode,
            long codPaise,
            Instant handedOverAt) {

        /** The parcel of an order document (its {@code _source}). */
        static Parcel of(JsonNode order) {
            int items = 0;
            for (JsonNode item : order.path("items")) {
                items += item.path("quantity").asInt();
            }
            JsonNode weight = order.path("parcel").path("weightGrams");
            String paymentMode = order.path("paymentMode").asText("UNKNOWN");
            JsonNode address = order.path("customer").path("address");
            return new Parcel(
                    order.path("awb").asText(),
                    order.path("clientOrderId").asText(),
                    order.path("channel").asText(),
                    textOrNull(address.path("city")),
                    textOrNull(address.path("pincode")),
                    items,
                    weight.isNumber() ? weight.asInt() : null,
                    paymentMode,
                    "COD".equals(paymentMode) ? order.path("amountPaise").asLong() : 0,
                    Instant.parse(order.path("leftWarehouseAt").asText()));
        }

        private static String textOrNull(JsonNode node) {
            return node.isTextual() ? node.asText() : null;
        }
    }

    /**
     * What the courier signs for.
     *
     * @param weightGrams the parcels' weights summed (those without one count 0)
     * @param codParcels the parcels whose cash the courier collects
     * @param codPaise the cash the courier collects, in all
     */
    public record Totals(int parcels, int items, long weightGrams, int codParcels, long codPaise) {
        static Totals of(List<Parcel> parcels) {
            int items = 0;
            long weight = 0;
            int cod = 0;
            long codPaise = 0;
            for (Parcel parcel : parcels) {
                items += parcel.items();
                weight += parcel.weightGrams() == null ? 0 : parcel.weightGrams();
                if (parcel.codPaise() > 0) {
                    cod++;
                    codPaise += parcel.codPaise();
                }
            }
            return new Totals(parcels.size(), items, weight, cod, codPaise);
        }
    }

    /** The manifest of these parcels, totalled. */
    public static Manifest of(
            String tenantId,
            String warehouseId,
            String courier,
            LocalDate day,
            Instant generatedAt,
            List<Parcel> parcels) {
        return new Manifest(
                tenantId,
                warehouseId,
                courier,
                day,
                generatedAt,
                List.copyOf(parcels),
                Totals.of(parcels));
    }

    /** A file name for it: {@code manifest-<courier>-<warehouse>-<day>.<extension>}. */
    public String fileName(String extension) {
        String name = "manifest-" + courier + "-" + warehouseId + "-" + day;
        return name.replaceAll("[^A-Za-z0-9._-]", "_") + "." + extension;
    }
}
