package io.ordertrack.api.webhooks;

import io.ordertrack.api.security.WebhookSignature;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one delivery to its subscription's URL, signed by the Standard Webhooks 1.0 specification,
 * without blocking: a receiver that stalls holds a connection until the timeout, never a thread.
 * Redirects are not followed (a receiver cannot bounce a seller's alerts elsewhere).
 */
final class WebhookSender {
    /** The outcome of one attempt: the receiver's status, or why it gave none. */
    record Attempt(Instant at, Optional<Integer> status, String error) {}

    private static final String USER_AGENT = "ordertrack-webhooks/1";
    private static final long BODY_GRACE_MILLIS = 1_000;

    private final HttpClient client;
    private final WebhookTargets targets;
    private final Duration timeout;
    private final Clock clock;
    private final Executor resolver;

    /**
     * @param resolver where host names are resolved before each send (resolving blocks)
     */
    WebhookSender(WebhookTargets targets, Duration timeout, Clock clock, Executor resolver) {
        this.client =
                HttpClient.newBuilder()
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        this.targets = targets;
        this.timeout = timeout;
        this.clock = clock;
        this.resolver = resolver;
    }

    CompletableFuture<Attempt> send(WebhookSubscription subscription, WebhookDelivery delivery) {
        URI url = URI.create(subscription.url());
        return CompletableFuture.supplyAsync(() -> hostProblem(url), resolver)
                .thenCompose(
                        problem ->
                                problem.isPresent()
                                        ? CompletableFuture.completedFuture(failed(problem.get()))
                                        : post(url, subscription, delivery));
    }

    private CompletableFuture<Attempt> post(
            URI url, WebhookSubscription subscription, WebhookDelivery delivery) {
        Instant at = clock.instant();
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = at.getEpochSecond();
        HttpRequest request =
                HttpRequest.newBuilder(url)
                        .timeout(timeout)
                        .header("content-type", "application/json")
                        .header("user-agent", USER_AGENT)
                        .header(WebhookSignature.ID_HEADER, delivery.webhookId())
                        .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                        .header(
                                WebhookSignature.SIGNATURE_HEADER,
                                WebhookSignature.ofSecret(subscription.secret())
                                        .sign(delivery.webhookId(), timestamp, body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
        // The request's timeout ends at the response's headers; this one covers a body that
        // trickles in too.
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .orTimeout(timeout.toMillis() + BODY_GRACE_MILLIS, TimeUnit.MILLISECONDS)
                .handle(
                        (response, failure) -> {
                            if (failure == null) {
                                int status = response.statusCode();
                                return new Attempt(
                                        at,
                                        Optional.of(status),
                                        status >= 200 && status < 300
                                                ? null
                                                : "the receiver answered " + status);
                            }
                            return new Attempt(at, Optional.empty(), reasonOf(failure));
                        });
    }

    private Optional<String> hostProblem(URI url) {
        try {
            return targets.problemWithHost(url);
        } catch (UnknownHostException e) {
            return Optional.of(url.getHost() + " does not resolve");
        }
    }

    private Attempt failed(String reason) {
        return new Attempt(clock.instant(), Optional.empty(), reason);
    }

    private static String reasonOf(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return "no answer in time";
        }
        return cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
