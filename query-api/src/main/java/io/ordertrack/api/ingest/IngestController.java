package io.ordertrack.api.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.http.UnauthorizedResponse;
import io.ordertrack.api.ApiConfig;
import io.ordertrack.api.http.JsonBody;
import io.ordertrack.api.http.LogMasking;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.api.http.RateLimits;
import io.ordertrack.api.http.RequestIds;
import io.ordertrack.api.http.TokenBucket;
import io.ordertrack.api.ingest.PushFormat.SourceKind;
import io.ordertrack.api.kafka.AcknowledgedSends;
import io.ordertrack.api.security.WebhookSignature;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.schemas.EventValidation;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP I/O of the ingest gateway: {@code POST /ingest/couriers/{courier}} and {@code POST
 * /ingest/channels/{channel}}. A webhook is verified by {@link PushSignatures} against the source's
 * accounts ({@link IngestSources}), mapped by {@link CourierPushes} or {@link ChannelPushes},
 * checked by {@link EventValidation} and written by {@link IngestPublisher}; 202 once Kafka has it.
 */
public final class IngestController {
    private static final Logger LOG = LoggerFactory.getLogger(IngestController.class);

    /** The largest webhook read: a big marketplace order is tens of kilobytes. */
    static final int MAX_BODY_BYTES = 1 << 20;

    /** How long a source is asked to wait when Kafka did not acknowledge a webhook. */
    private static final String RETRY_AFTER_SECONDS = "5";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IngestSources sources;
    private final Map<IngestSource, TokenBucket> rates = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock = System::nanoTime;
    private final Optional<IngestPublisher> publisher;
    private final Clock clock;

    /**
     * @param kafka empty when no Kafka is configured: every push of a configured source then
     *     answers 503
     */
    public IngestController(
            IngestSources sources,
            Optional<AcknowledgedSends> kafka,
            ApiConfig.Kafka topics,
            Clock clock) {
        this.sources = sources;
        this.publisher = kafka.map(sends -> new IngestPublisher(sends, topics));
        this.clock = clock;
    }

    /** {@code POST /ingest/couriers/{courier}}: a courier's tracking webhook. */
    public void courierPush(Context ctx) {
        push(ctx, SourceKind.COURIER);
    }

    /** {@code POST /ingest/channels/{channel}}: a sales channel's order webhook. */
    public void channelPush(Context ctx) {
        push(ctx, SourceKind.CHANNEL);
    }

    private void push(Context ctx, SourceKind kind) {
        String name = Parameters.pathId(ctx, kind.word());
        List<IngestSource> accounts = sources.of(kind, name);
        if (accounts.isEmpty()) {
            throw new NotFoundResponse("No " + kind.word() + " '" + name + "' pushes to this API");
        }
        IngestPublisher kafka =
                publisher.orElseThrow(
                        () ->
                                new ServiceUnavailableResponse(
                                        "Webhooks are not taken on this API: it has no Kafka to"
                                                + " write them to"));
        byte[] body = JsonBody.read(ctx, MAX_BODY_BYTES);
        Instant now = clock.instant();
        String webhookId = ctx.header(WebhookSignature.ID_HEADER);
        IngestSource source = signerOf(ctx, accounts, webhookId, body, now);
        withinRate(ctx, source);
        JsonNode push;
        try {
            push = JSON.readTree(body);
        } catch (IOException e) {
            throw new BadRequestResponse("The body is not JSON: " + firstLineOf(e.getMessage()));
        }
        String path = "ingest/" + kind.word() + "s/" + name;
        try {
            List<String> eventIds = publish(kafka, source, webhookId, ctx, push);
            ctx.status(HttpStatus.ACCEPTED).json(new IngestAnswer(webhookId, eventIds, null));
        } catch (Unmappable e) {
            withKafka(ctx, () -> kafka.deadLetter(path, webhookId, body, e.getMessage(), now));
            LOG.info(
                    "Webhook {} of {} kept in dead letters: {}",
                    webhookId,
                    path,
                    LogMasking.mask(e.getMessage()));
            ctx.status(HttpStatus.ACCEPTED)
                    .json(new IngestAnswer(webhookId, List.of(), e.getMessage()));
        }
    }

    private List<String> publish(
            IngestPublisher kafka,
            IngestSource source,
            String webhookId,
            Context ctx,
            JsonNode push)
            throws Unmappable {
        if (source.format().kind() == SourceKind.COURIER) {
            List<TrackingScan> scans = CourierPushes.scansOf(source, webhookId, push);
            for (TrackingScan scan : scans) {
                valid(EventValidation.problemOf(scan));
            }
            withKafka(ctx, () -> kafka.publishScans(scans));
            return scans.stream().map(TrackingScan::getEventId).toList();
        }
        OrderEvent event =
                ChannelPushes.eventOf(
                        source, webhookId, ctx.header(ChannelPushes.SHOPIFY_TOPIC_HEADER), push);
        valid(EventValidation.problemOf(event));
        withKafka(ctx, () -> kafka.publishOrderEvent(event));
        return List.of(event.getEventId());
    }

    private static void valid(Optional<String> problem) throws Unmappable {
        if (problem.isPresent()) {
            throw new Unmappable(problem.get());
        }
    }

    /** 429 when the account pushed more than its rate: a runaway source slows only itself. */
    private void withinRate(Context ctx, IngestSource account) {
        RateLimits.Limit limit = sources.perAccount();
        if (limit == null) {
            return;
        }
        long now = nanoClock.getAsLong();
        long wait =
                rates.computeIfAbsent(
                                account,
                                a -> new TokenBucket(limit.perSecond(), limit.burst(), now))
                        .take(now);
        if (wait > 0) {
            ctx.header(
                    Header.RETRY_AFTER,
                    String.valueOf(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait) + 1)));
            throw new HttpResponseException(
                    HttpStatus.TOO_MANY_REQUESTS.getCode(),
                    "This source pushed more than its limit ("
                            + limit
                            + "); deliver it again"
                            + " after the seconds Retry-After says");
        }
    }

    private static IngestSource signerOf(
            Context ctx, List<IngestSource> accounts, String id, byte[] body, Instant now) {
        try {
            return PushSignatures.signerOf(
                    accounts,
                    id,
                    ctx.header(WebhookSignature.TIMESTAMP_HEADER),
                    ctx.header(WebhookSignature.SIGNATURE_HEADER),
                    body,
                    now);
        } catch (PushSignatures.NotSigned e) {
            ctx.header(Header.WWW_AUTHENTICATE, "Signature");
            throw new UnauthorizedResponse(e.getMessage());
        } catch (PushSignatures.BadWebhookId e) {
            throw Parameters.invalid(WebhookSignature.ID_HEADER, e.getMessage());
        }
    }

    private static void withKafka(Context ctx, Runnable send) {
        try {
            send.run();
        } catch (AcknowledgedSends.NotAcknowledged e) {
            LOG.warn(
                    "Webhook not written (request {}): {}: {}",
                    RequestIds.of(ctx),
                    e.getMessage(),
                    LogMasking.mask(String.valueOf(e.getCause())));
            ctx.header(Header.RETRY_AFTER, RETRY_AFTER_SECONDS);
            throw new ServiceUnavailableResponse(
                    "Kafka did not acknowledge the webhook in time; deliver it again: the same"
                            + " webhook is the same events");
        }
    }

    /** A parse error's first line: the rest quotes the body back. */
    private static String firstLineOf(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
    }
}
