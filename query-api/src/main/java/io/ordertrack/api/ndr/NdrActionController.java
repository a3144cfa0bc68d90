package io.ordertrack.api.ndr;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.ServiceUnavailableResponse;
import io.ordertrack.api.http.JsonBody;
import io.ordertrack.api.http.LogMasking;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.api.http.RequestIds;
import io.ordertrack.api.kafka.AcknowledgedSends;
import io.ordertrack.api.orders.OrderRepository;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.documents.SellersTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP I/O of the seller's NDR actions: the body is read by {@link NdrInstructionReader}, the order
 * found in the caller's tenant by {@link OrderRepository}, its event made by {@link NdrActionEvent}
 * and published by {@link NdrActionPublisher}.
 */
public final class NdrActionController {
    private static final Logger LOG = LoggerFactory.getLogger(NdrActionController.class);

    /** How long a client is asked to wait when Kafka did not acknowledge an action. */
    private static final String RETRY_AFTER_SECONDS = "5";

    private final OrderRepository orders;
    private final Optional<NdrActionPublisher> publisher;
    private final Clock clock;

    /**
     * @param publisher empty when no Kafka is configured: every action then answers 503
     * @param clock what "now" and "tomorrow in India" are
     */
    public NdrActionController(
            OrderRepository orders, Optional<NdrActionPublisher> publisher, Clock clock) {
        this.orders = orders;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * {@code POST /api/orders/{orderId}/ndr-action}: the seller's answer to the order's last failed
     * delivery attempt, published to Kafka; 202 once both topics acknowledged it.
     */
    public void act(Context ctx) {
        String orderId = Parameters.pathId(ctx, "orderId");
        NdrActionPublisher kafka =
                publisher.orElseThrow(
                        () ->
                                new ServiceUnavailableResponse(
                                        "NDR actions are not enabled on this API: it has no Kafka"
                                                + " to publish them to"));
        Instant now = clock.instant();
        NdrInstruction instruction = instructionOf(ctx, LocalDate.ofInstant(now, SellersTime.ZONE));
        JsonNode order =
                orders.findById(ApiKeyAuthentication.scope(ctx), orderId)
                        .orElseThrow(() -> new NotFoundResponse("Order not found"));
        FailedDelivery delivery = awaitingAction(order);
        OrderEvent event = NdrActionEvent.of(delivery, instruction, now);
        try {
            if (stillToPublish(delivery, order, event.getEventId())) {
                kafka.publish(event);
            }
        } catch (AcknowledgedSends.NotAcknowledged e) {
            LOG.warn(
                    "NDR action not published (request {}): {}: {}",
                    RequestIds.of(ctx),
                    e.getMessage(),
                    LogMasking.mask(String.valueOf(e.getCause())));
            ctx.header(Header.RETRY_AFTER, RETRY_AFTER_SECONDS);
            throw new ServiceUnavailableResponse(
                    "Kafka did not acknowledge the action in time; try again: the same request"
                            + " is the same action");
        }
        ctx.status(HttpStatus.ACCEPTED)
                .json(
                        new NdrActionAccepted(
                                event.getEventId(),
                                delivery.orderId(),
                                delivery.attempt(),
                                instruction.action()));
    }

    private static FailedDelivery awaitingAction(JsonNode order) {
        try {
            return FailedDelivery.awaitingActionIn(order);
        } catch (FailedDelivery.NoActionAwaited e) {
            throw new ConflictResponse(e.getMessage());
        }
    }

    private static boolean stillToPublish(FailedDelivery delivery, JsonNode order, String id) {
        try {
            return delivery.stillToPublish(order, id);
        } catch (FailedDelivery.NoActionAwaited e) {
            throw new ConflictResponse(e.getMessage());
        }
    }

    private static NdrInstruction instructionOf(Context ctx, LocalDate today) {
        byte[] body = JsonBody.read(ctx, NdrInstructionReader.MAX_BODY_BYTES);
        try {
            return NdrInstructionReader.read(body, today);
        } catch (InvalidField e) {
            throw Parameters.invalid(e.field(), e.getMessage());
        }
    }
}
