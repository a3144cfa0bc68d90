package io.ordertrack.api.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The JSON webhook formats the ingest gateway reads, each of a kind of source. */
public enum PushFormat {
    /** Delhivery's shipment status push: one scan of one AWB per webhook. */
    DELHIVERY(SourceKind.COURIER, "delhivery"),
    /**
     * An aggregator's tracking push (as Shiprocket sends): one AWB, its courier by name and the
     * list of its scans so far, each with the courier's own code.
     */
    SCAN_LIST(SourceKind.COURIER, "scan-list"),
    /**
     * Shopify's order webhooks: {@code orders/create}, {@code orders/updated}, {@code
     * orders/cancelled}.
     */
    SHOPIFY(SourceKind.CHANNEL, "shopify"),
    /**
     * ordertrack's own order event JSON, for any channel (a WooCommerce or Magento plugin, an ERP).
     */
    ORDERTRACK(SourceKind.CHANNEL, "ordertrack");

    /** Who pushes: a courier (scans) or a sales channel (order events). */
    public enum SourceKind {
        COURIER,
        CHANNEL;

        /**
         * Its name in the configuration and in the ingest path: {@code courier}, {@code channel}.
         */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final SourceKind kind;
    private final String word;

    PushFormat(SourceKind kind, String word) {
        this.kind = kind;
        this.word = word;
    }

    public SourceKind kind() {
        return kind;
    }

    /** Its name in the configuration. */
    public String word() {
        return word;
    }

    /** The format named {@code word} in the configuration. */
    public static Optional<PushFormat> named(String word) {
        return Arrays.stream(values()).filter(format -> format.word.equals(word)).findFirst();
    }
}
