package io.ordertrack.api.webhooks;

import co.elastic.clients.elasticsearch._types.FieldValue;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.ServiceUnavailableResponse;
import io.ordertrack.api.elasticsearch.DocumentSearch;
import io.ordertrack.api.http.JsonBody;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.api.security.TenantScope;
import io.ordertrack.api.security.WebhookSignature;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP I/O of the sellers' webhook subscriptions ({@code /api/webhooks}): made (the secret answered
 * once), listed, read and deleted within the caller's tenant; their delivery log, and the
 * re-sending of one delivery. Answers 503 when the API has no Kafka to read alerts from.
 */
public final class WebhookController {
    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final List<String> STATES =
            Arrays.stream(DeliveryState.values()).map(Enum::name).toList();

    private final WebhookSubscriptions subscriptions;
    private final DeliveryLog deliveries;
    private final Optional<WebhookDispatcher> dispatcher;
    private final WebhookTargets targets;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param dispatcher empty when no Kafka is configured: every route then answers 503
     */
    public WebhookController(
            WebhookSubscriptions subscriptions,
            DeliveryLog deliveries,
            Optional<WebhookDispatcher> dispatcher,
            WebhookTargets targets,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.targets = targets;
        this.clock = clock;
    }

    /** {@code POST /api/webhooks}: 201 with the subscription and, this once, its secret. */
    public void subscribe(Context ctx) {
        WebhookDispatcher sending = enabled();
        TenantScope scope = ApiKeyAuthentication.scope(ctx);
        String tenant =
                scope.tenantId()
                        .orElseThrow(
                                () ->
                                        Parameters.invalid(
                                                "key",
                                                "A subscription belongs to one seller: make it"
                                                        + " with the seller's key"));
        SubscriptionRequest request;
        try {
            request =
                    SubscriptionRequest.read(
                            JsonBody.read(ctx, SubscriptionRequest.MAX_BODY_BYTES), targets);
        } catch (SubscriptionRequest.Invalid e) {
            throw Parameters.invalid(e.field(), e.getMessage());
        }
        hostProblem(request.url())
                .ifPresent(
                        problem -> {
                            throw Parameters.invalid("url", problem);
                        });
        if (subscriptions.list(scope).size() >= WebhookSubscriptions.MAX_PER_TENANT) {
            throw new ConflictResponse(
                    "A seller has at most "
                            + WebhookSubscriptions.MAX_PER_TENANT
                            + " webhook subscriptions; delete one first");
        }
        WebhookSubscription subscription =
                new WebhookSubscription(
                        newId(),
                        tenant,
                        request.url(),
                        request.alertTypes(),
                        request.description(),
                        WebhookSignature.newSecret(random),
                        clock.instant());
        subscriptions.create(subscription);
        sending.subscribed(subscription);
        ctx.status(HttpStatus.CREATED).json(subscription.shownWithSecret());
    }

    /** {@code GET /api/webhooks}: the caller's subscriptions, without their secrets. */
    public void list(Context ctx) {
        enabled();
        ctx.json(
                Map.of(
                        "subscriptions",
                        subscriptions.list(ApiKeyAuthentication.scope(ctx)).stream()
                                .map(WebhookSubscription::shown)
                                .toList()));
    }

    /** {@code GET /api/webhooks/{subscriptionId}}. */
    public void getOne(Context ctx) {
        enabled();
        ctx.json(found(ctx).shown());
    }

    /** {@code DELETE /api/webhooks/{subscriptionId}}: 204; its pending deliveries cancelled. */
    public void unsubscribe(Context ctx) {
        WebhookDispatcher sending = enabled();
        WebhookSubscription subscription = found(ctx);
        subscriptions.delete(subscription);
        sending.unsubscribed(subscription);
        deliveries.cancelPending(subscription.subscriptionId());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    /** {@code GET /api/webhooks/{subscriptionId}/deliveries}: newest first, by state. */
    public void deliveries(Context ctx) {
        enabled();
        WebhookSubscription subscription = found(ctx);
        Optional<String> state = Parameters.queryChoice(ctx, "state", STATES);
        int size =
                Parameters.queryInt(ctx, "size", DEFAULT_PAGE_SIZE, 1, DeliveryLog.MAX_PAGE_SIZE);
        Optional<List<FieldValue>> after = Parameters.queryCursor(ctx, "after", DeliveryLog.CURSOR);
        DocumentSearch.Page page =
                deliveries.page(
                        ApiKeyAuthentication.scope(ctx),
                        subscription.subscriptionId(),
                        state,
                        size,
                        after);
        ctx.json(new DeliveryPage(page.documents(), page.total(), page.totalExact(), page.next()));
    }

    /**
     * {@code POST /api/webhooks/{subscriptionId}/deliveries/{deliveryId}/resend}: 202, the delivery
     * due now with a fresh retry window (a pending one is left as it is).
     */
    public void resend(Context ctx) {
        WebhookDispatcher sending = enabled();
        WebhookSubscription subscription = found(ctx);
        String deliveryId = Parameters.pathId(ctx, "deliveryId");
        WebhookDelivery delivery =
                deliveries
                        .find(
                                ApiKeyAuthentication.scope(ctx),
                                subscription.subscriptionId(),
                                deliveryId)
                        .orElseThrow(() -> new NotFoundResponse("Delivery not found"));
        if (delivery.state() != DeliveryState.PENDING) {
            delivery = delivery.resent(clock.instant());
            deliveries.recordVisibly(delivery);
            sending.resent(delivery);
        }
        ctx.status(HttpStatus.ACCEPTED).json(new Resent(delivery.deliveryId(), delivery.state()));
    }

    /** A page of the delivery log; {@code next} is null on the last page. */
    record DeliveryPage(
            List<com.fasterxml.jackson.databind.node.ObjectNode> deliveries,
            long total,
            boolean totalExact,
            String next) {}

    /** The answer to a re-send. */
    record Resent(String deliveryId, DeliveryState state) {}

    private WebhookSubscription found(Context ctx) {
        String id = Parameters.pathId(ctx, "subscriptionId");
        return subscriptions
                .find(ApiKeyAuthentication.scope(ctx), id)
                .orElseThrow(() -> new NotFoundResponse("Webhook subscription not found"));
    }

    private WebhookDispatcher enabled() {
        WebhookDispatcher sending =
                dispatcher.orElseThrow(
                        () ->
                                new ServiceUnavailableResponse(
                                        "Webhooks are not enabled on this API: it has no Kafka to"
                                                + " read alerts from"));
        if (!sending.ready()) {
            throw new ServiceUnavailableResponse(
                    "Webhooks are starting: their Elasticsearch indices are not ready yet");
        }
        return sending;
    }

    private Optional<String> hostProblem(String url) {
        URI uri = URI.create(url);
        try {
            return targets.problemWithHost(uri);
        } catch (UnknownHostException e) {
            return Optional.of(uri.getHost() + " does not resolve");
        }
    }

    private String newId() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return "wh_" + HexFormat.of().formatHex(bytes);
    }
}
