package io.ordertrack.api.manifests;

import java.math.BigDecimal;
import java.util.List;

/**
 * A manifest as CSV (RFC 4180, UTF-8): a header row, one row per parcel, and a {@code TOTAL} row.
 * Amounts in rupees with paise ({@code 998.00}), weights in grams. A cell a spreadsheet would take
 * for a formula (starting with {@code =}, {@code +}, {@code -}, {@code @}) is written with a
 * leading apostrophe: order ids and cities come from sales channels.
 */
public final class ManifestCsv {
    private static final List<String> HEADER =
            List.of(
                    "awb",
                    "order",
                    "channel",
                    "destination_city",
                    "pincode",
                    "items",
                    "weight_grams",
                    "payment_mode",
                    "cod_rupees",
                    "handed_over_at");

    private ManifestCsv() {}

    public static String of(Manifest manifest) {
        StringBuilder csv = new StringBuilder();
        row(csv, HEADER);
        for (Manifest.Parcel parcel : manifest.parcels()) {
            row(
                    csv,
                    List.of(
                            parcel.awb(),
                            parcel.clientOrderId(),
                            parcel.channel(),
                            orEmpty(parcel.city()),
                            orEmpty(parcel.pincode()),
                            Integer.toString(parcel.items()),
                            parcel.weightGrams() == null ? "" : parcel.weightGrams().toString(),
                            parcel.paymentMode(),
                            rupees(parcel.codPaise()),
                            parcel.handedOverAt().toString()));
        }
        Manifest.Totals totals = manifest.totals();
        row(
                csv,
                List.of(
                        "TOTAL",
                        totals.parcels() + " parcels",
                        "",
                        "",
                        "",
                        Integer.toString(totals.items()),
                        Long.toString(totals.weightGrams()),
                        totals.codParcels() + " COD",
                        rupees(totals.codPaise()),
                        ""));
        return csv.toString();
    }

    private static void row(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    static String cell(String value) {
        String text =
                !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.contains(",")
                || text.contains("\"")
                || text.contains("\n")
                || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static String rupees(long paise) {
        return BigDecimal.valueOf(paise, 2).toPlainString();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
