package io.ordertrack.simulator;

/**
 * Order ids as each sales channel writes them: Shopify "#1001", Amazon "402-0000001-0007919",
 * Flipkart "OD100000000001", Magento "000000001", manual orders "M-1", WooCommerce "1".
 */
public final class ChannelOrderIds {
    private ChannelOrderIds() {}

    /** The id of a seller's {@code n}-th order (from 1) on a channel. */
    public static String of(String channel, int n) {
        return switch (channel) {
            case "SHOPIFY" -> "#" + (1000 + n);
            case "AMAZON" -> String.format("402-%07d-%07d", n, (n * 7919L) % 10_000_000);
            case "FLIPKART" -> "OD" + (100_000_000_000L + n);
            case "MAGENTO" -> String.format("%09d", n);
            case "MANUAL" -> "M-" + n;
            default -> Integer.toString(n);
        };
    }
}
