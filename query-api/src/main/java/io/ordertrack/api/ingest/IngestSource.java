package io.ordertrack.api.ingest;

import io.ordertrack.api.security.WebhookSignature;

/**
 * One tenant's account with a source of webhooks: the courier or channel pushing to {@code POST
 * /ingest/<kind>s/<name>}, the format it pushes, the seller its events belong to and the secret it
 * signs with.
 *
 * @param name the source's name in the path, e.g. {@code delhivery}, {@code shopify}
 * @param format what its JSON looks like
 * @param tenantId the seller its events belong to
 * @param signature its secret's signature
 * @param warehouseId the pickup location of a channel's orders, which a channel's webhook does not
 *     name; null for a courier, or for a channel whose format names it
 */
public record IngestSource(
        String name,
        PushFormat format,
        String tenantId,
        WebhookSignature signature,
        String warehouseId) {}
