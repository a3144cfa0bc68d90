package io.ordertrack.simulator;

import io.ordertrack.geo.Pincodes;
import io.ordertrack.geo.Place;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The sellers of a simulation: each with its sales channels, warehouses at real PIN codes, SKUs and
 * couriers. Generated from the seed, so the same seed builds the same world.
 */
public final class World {
    private static final List<String> SELLERS =
            List.of(
                    "acme-fashion",
                    "zenith-electronics",
                    "kaveri-home",
                    "lotus-beauty",
                    "himalaya-organics",
                    "metro-footwear",
                    "saffron-kitchen",
                    "indigo-books");
    private static final List<String> CHANNELS =
            List.of("SHOPIFY", "AMAZON", "FLIPKART", "WOOCOMMERCE", "MAGENTO", "MANUAL");
    private static final List<String> WAREHOUSE_PINCODES =
            List.of(
                    "421302", "122001", "560067", "700001", "600001", "500001", "380001", "302001",
                    "226001", "411001");
    private static final List<String> PRODUCTS =
            List.of(
                    "TSHIRT",
                    "KURTA",
                    "SAREE",
                    "JEANS",
                    "SNEAKER",
                    "EARBUDS",
                    "CHARGER",
                    "LAMP",
                    "CUSHION",
                    "SERUM",
                    "SHAMPOO",
                    "NOVEL",
                    "TEA",
                    "SPICEBOX",
                    "BACKPACK");
    private static final List<String> VARIANTS = List.of("S", "M", "L", "XL", "BLK", "RED", "STD");

    /** A seller and what it sells, from where, with which couriers. */
    public record Tenant(
            String id,
            List<String> channels,
            List<Warehouse> warehouses,
            List<Sku> skus,
            List<String> couriers) {}

    /** A warehouse (pickup location) at a real PIN code. */
    public record Warehouse(String id, Place place) {}

    /**
     * A SKU. Slow-restock SKUs take one to two weeks to be replenished: they are the ones that run
     * out.
     */
    public record Sku(String code, long unitPricePaise, boolean slowRestock) {}

    private final List<Tenant> tenants;
    private final DestinationSampler destinations;

    private World(List<Tenant> tenants, DestinationSampler destinations) {
        this.tenants = tenants;
        this.destinations = destinations;
    }

    /** A world of {@code tenantCount} sellers, built from {@code random}. */
    public static World generate(int tenantCount, SplittableRandom random) {
        Pincodes pincodes = Pincodes.all();
        List<Tenant> tenants = new ArrayList<>();
        for (int i = 0; i < tenantCount; i++) {
            String id = i < SELLERS.size() ? SELLERS.get(i) : "seller-" + (i + 1);
            tenants.add(tenant(id, pincodes, random));
        }
        return new World(List.copyOf(tenants), new DestinationSampler(pincodes.places()));
    }

    public List<Tenant> tenants() {
        return tenants;
    }

    /** A warehouse of a tenant; throws for one the world does not have. */
    public Warehouse warehouse(String tenantId, String warehouseId) {
        return tenants.stream()
                .filter(tenant -> tenant.id().equals(tenantId))
                .flatMap(tenant -> tenant.warehouses().stream())
                .filter(warehouse -> warehouse.id().equals(warehouseId))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "no warehouse " + warehouseId + " of " + tenantId));
    }

    /** A destination, drawn with weight by the number of post offices of each PIN code. */
    public Place destination(SplittableRandom random) {
        return destinations.draw(random);
    }

    private static Tenant tenant(String id, Pincodes pincodes, SplittableRandom random) {
        List<String> channels = pick(CHANNELS, 2 + random.nextInt(3), random);
        List<Warehouse> warehouses = new ArrayList<>();
        String prefix = id.substring(0, 3).toUpperCase(Locale.ROOT);
        for (String pincode : pick(WAREHOUSE_PINCODES, 2 + random.nextInt(3), random)) {
            Place place = pincodes.place(pincode);
            String city = place.district().replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
            warehouses.add(
                    new Warehouse(
                            "WH-"
                                    + prefix
                                    + "-"
                                    + city.substring(0, Math.min(3, city.length()))
                                    + "-"
                                    + (warehouses.size() + 1),
                            place));
        }
        List<Sku> skus = new ArrayList<>();
        int skuCount = 15 + random.nextInt(16);
        for (int i = 0; i < skuCount; i++) {
            String code =
                    prefix
                            + "-"
                            + PRODUCTS.get(random.nextInt(PRODUCTS.size()))
                            + "-"
                            + VARIANTS.get(random.nextInt(VARIANTS.size()))
                            + "-"
                            + (i + 1);
            long price = (199 + random.nextInt(30) * 100L) * 100;
            skus.add(new Sku(code, price, random.nextDouble() < 0.05));
        }
        List<String> couriers = pick(CourierVocabulary.couriers(), 3 + random.nextInt(4), random);
        return new Tenant(id, channels, List.copyOf(warehouses), List.copyOf(skus), couriers);
    }

    /** {@code count} distinct elements, in a random order. */
    static <T> List<T> pick(List<T> from, int count, SplittableRandom random) {
        List<T> pool = new ArrayList<>(from);
        List<T> picked = new ArrayList<>();
        for (int i = 0; i < Math.min(count, from.size()); i++) {
            picked.add(pool.remove(random.nextInt(pool.size())));
        }
        return List.copyOf(picked);
    }

    /** Draws places with weight by post offices (a proxy for population) by binary search. */
    private static final class DestinationSampler {
        private final List<Place> places;
        private final long[] cumulative;

        DestinationSampler(List<Place> places) {
            this.places = places;
            this.cumulative = new long[places.size()];
            long total = 0;
            for (int i = 0; i < places.size(); i++) {
                total += Math.max(1, places.get(i).postOffices());
                cumulative[i] = total;
            }
        }

        Place draw(SplittableRandom random) {
            long target = random.nextLong(cumulative[cumulative.length - 1]);
            int index = java.util.Arrays.binarySearch(cumulative, target + 1);
            return places.get(index >= 0 ? index : -index - 1);
        }
    }
}
