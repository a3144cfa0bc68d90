package io.ordertrack.api.manifests;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.DocumentSearch;
import io.ordertrack.api.elasticsearch.ElasticsearchUnavailableException;
import io.ordertrack.api.elasticsearch.Filters;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.security.TenantScope;
import io.ordertrack.documents.SellersTime;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Reads the parcels of a manifest from the order documents: one seller's orders from one warehouse
 * with one courier whose parcel left the warehouse on one day in India, in the order they left.
 * Every query carries the caller's tenant filter; user input only becomes values.
 */
public final class ManifestRepository {
    /** The most parcels one manifest lists. */
    public static final int MAX_PARCELS = 10_000;

    private static final List<String> FIELDS =
            List.of(
                    "awb",
                    "clientOrderId",
                    "channel",
                    "customer.address.city",
                    "customer.address.pincode",
                    "items.quantity",
                    "parcel.weightGrams",
                    "paymentMode",
                    "amountPaise",
                    "leftWarehouseAt");

    private static final List<SortOptions> AS_THEY_LEFT =
            List.of(sort("leftWarehouseAt"), sort("orderId"));

    /** More parcels than a manifest lists. */
    public static final class TooManyParcels extends RuntimeException {
        TooManyParcels() {
            super("more than " + MAX_PARCELS + " parcels");
        }
    }

    private final DocumentSearch orders;

    public ManifestRepository(ElasticsearchClient client, String index, SearchLimits limits) {
        this.orders = new DocumentSearch(client, index, limits);
    }

    /**
     * The parcels of the manifest, in the order they left.
     *
     * @throws TooManyParcels past {@link #MAX_PARCELS}
     */
    public List<Manifest.Parcel> parcels(
            TenantScope scope, String tenant, String warehouse, String courier, LocalDate day) {
        List<Query> filters = Filters.ofScope(scope);
        filters.add(Filters.term("tenantId", tenant));
        filters.add(Filters.term("warehouseId", warehouse));
        filters.add(Filters.term("courier", courier));
        filters.add(Query.of(q -> q.exists(e -> e.field("awb"))));
        Instant from = day.atStartOfDay(SellersTime.ZONE).toInstant();
        Instant before = day.plusDays(1).atStartOfDay(SellersTime.ZONE).toInstant();
        Filters.addRange(filters, "leftWarehouseAt", Optional.of(from), Optional.of(before));
        List<ObjectNode> documents;
        try {
            documents = orders.all(filters, AS_THEY_LEFT, FIELDS, MAX_PARCELS, ObjectNode.class);
        } catch (IOException | ElasticsearchException e) {
            throw new ElasticsearchUnavailableException("Reading a manifest's parcels failed", e);
        }
        if (documents.size() > MAX_PARCELS) {
            throw new TooManyParcels();
        }
        return documents.stream().map(Manifest.Parcel::of).toList();
    }

    private static SortOptions sort(String field) {
        return SortOptions.of(s -> s.field(f -> f.field(field).order(SortOrder.Asc)));
    }
}
