package io.ordertrack.api.routing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.javalin.http.Context;
import io.ordertrack.api.analytics.DestinationRto;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.api.security.TenantScope;
import io.ordertrack.documents.PaymentModes;
import io.ordertrack.geo.FulfilmentPlanner;
import io.ordertrack.geo.FulfilmentPlanner.OrderLine;
import io.ordertrack.geo.FulfilmentPlanner.Plan;
import io.ordertrack.geo.FulfilmentPlanner.Split;
import io.ordertrack.geo.Pincodes;
import io.ordertrack.geo.Place;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code GET /api/routing}: where an order to a PIN code should ship from, given its SKUs and
 * quantities: the tenant's warehouses that hold the whole order in available stock, nearest first,
 * else the smallest split and what is short (see {@link FulfilmentPlanner}).
 */
public final class RoutingController {
    /** The most order lines one question may hold. */
    static final int MAX_LINES = 50;

    static final int MAX_QUANTITY = 100_000;
    private static final int MAX_SKU_LENGTH = Parameters.MAX_LENGTH;
    private static final Pattern PINCODE = Pattern.compile("[1-9][0-9]{5}");
    private static final String RTO_EXPLANATION =
            "RTO rate of the seller's shipments to this PIN code with this payment mode, per"
                    + " courier (hidden under 30 ended shipments); warehouses are ranked by"
                    + " distance alone";
    private static final Pattern LINE =
            Pattern.compile("([^:,]{1," + MAX_SKU_LENGTH + "}):([0-9]{1,9})");

    private final WarehouseStocks stocks;
    private final DestinationRto rto;

    public RoutingController(
            ElasticsearchClient client,
            String inventoryIndex,
            String metricsIndex,
            SearchLimits limits) {
        this.stocks = new WarehouseStocks(client, inventoryIndex, limits);
        this.rto = new DestinationRto(client, metricsIndex, limits);
    }

    public void route(Context ctx) {
        TenantScope scope = ApiKeyAuthentication.scope(ctx);
        String tenant = ApiKeyAuthentication.tenantOf(ctx);
        Place destination = destination(ctx);
        List<OrderLine> lines = lines(ctx);
        int limit = Parameters.queryInt(ctx, "limit", 10, 1, 100);
        Optional<String> paymentMode =
                Parameters.queryChoice(ctx, "paymentMode", PaymentModes.NAMES);

        Set<String> skus = new LinkedHashSet<>();
        lines.forEach(line -> skus.add(line.sku()));
        WarehouseStocks.Found found = stocks.of(scope, tenant, skus);
        List<String> unknown =
                skus.stream().filter(sku -> !found.knownSkus().contains(sku)).toList();
        if (!unknown.isEmpty()) {
            throw Parameters.invalid(
                    "items", "no warehouse of the tenant stocks " + String.join(", ", unknown));
        }
        Plan plan = FulfilmentPlanner.plan(destination, lines, found.located(), limit);

        ctx.json(
                new RoutingAnswer(
                        RoutingAnswer.Destination.of(destination),
                        lines,
                        plan.whole().stream()
                                .map(
                                        candidate ->
                                                new RoutingAnswer.Warehouse(
                                                        candidate.warehouseId(),
                                                        candidate.place().pincode(),
                                                        candidate.place().district(),
                                                        candidate.place().state(),
                                                        tenthsOf(candidate.distanceKm())))
                                .toList(),
                        plan.split().map(RoutingController::splitOf).orElse(null),
                        plan.shortfalls(),
                        found.unlocatedWarehouses(),
                        paymentMode
                                .map(
                                        mode ->
                                                new RoutingAnswer.DestinationRtoAnswer(
                                                        mode,
                                                        RTO_EXPLANATION,
                                                        rto.byCourier(
                                                                scope,
                                                                tenant,
                                                                destination.pincode(),
                                                                mode)))
                                .orElse(null)));
    }

    private static RoutingAnswer.Split splitOf(Split split) {
        return new RoutingAnswer.Split(
                split.fewestWarehouses(),
                split.shipments().stream()
                        .map(
                                shipment ->
                                        new RoutingAnswer.Shipment(
                                                shipment.warehouseId(),
                                                shipment.place().pincode(),
                                                shipment.place().district(),
                                                shipment.place().state(),
                                                tenthsOf(shipment.distanceKm()),
                                                shipment.lines()))
                        .toList());
    }

    private static Place destination(Context ctx) {
        String pincode =
                Parameters.queryText(ctx, "destination")
                        .orElseThrow(
                                () ->
                                        Parameters.invalid(
                                                "destination",
                                                "destination (a six-digit PIN code) is required"));
        if (!PINCODE.matcher(pincode).matches()) {
            throw Parameters.invalid("destination", "destination must be a six-digit PIN code");
        }
        return Pincodes.all()
                .find(pincode)
                .orElseThrow(
                        () -> Parameters.invalid("destination", "unknown PIN code " + pincode));
    }

    /** {@code items=SKU-1:2,SKU-2:1}: distinct SKUs, each with a quantity of at least one. */
    private static List<OrderLine> lines(Context ctx) {
        String items =
                Parameters.queryText(ctx, "items", MAX_LINES * (MAX_SKU_LENGTH + 8))
                        .orElseThrow(
                                () ->
                                        Parameters.invalid(
                                                "items",
                                                "items (SKU:quantity, comma-separated) is"
                                                        + " required"));
        String[] parts = items.split(",", -1);
        if (parts.length > MAX_LINES) {
            throw Parameters.invalid("items", "items may hold at most " + MAX_LINES + " SKUs");
        }
        List<OrderLine> lines = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String part : parts) {
            var match = LINE.matcher(part.strip());
            if (!match.matches()) {
                throw Parameters.invalid(
                        "items", "items must be SKU:quantity pairs, comma-separated: " + part);
            }
            String sku = match.group(1).strip();
            long quantity = Long.parseLong(match.group(2));
            if (quantity < 1 || quantity > MAX_QUANTITY) {
                throw Parameters.invalid(
                        "items", "the quantity of " + sku + " must be from 1 to " + MAX_QUANTITY);
            }
            if (!seen.add(sku)) {
                throw Parameters.invalid("items", sku + " is given twice");
            }
            lines.add(new OrderLine(sku, (int) quantity));
        }
        return lines;
    }

    private static double tenthsOf(double km) {
        return Math.round(km * 10) / 10.0;
    }
}
