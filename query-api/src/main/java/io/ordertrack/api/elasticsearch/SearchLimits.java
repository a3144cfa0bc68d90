package io.ordertrack.api.elasticsearch;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every search of the API may cost Elasticsearch.
 *
 * @param timeout how long Elasticsearch may search before it stops and answers what it found so
 *     far: such a partial answer is never given out (503 with {@code Retry-After}); the client's
 *     socket timeout stays the last resort. Whole milliseconds, at least one
 * @param maxGroups the most groups a count gathers; a selection holding more answers 400, as no one
 *     would read such an answer
 */
public record SearchLimits(Duration timeout, int maxGroups) {
    /** 10 s a search, 100,000 groups a count. */
    public static final SearchLimits DEFAULT = new SearchLimits(Duration.ofSeconds(10), 100_000);

    private static final Pattern TIMEOUT = Pattern.compile("([0-9]{1,9})(ms|s|m)");

    public SearchLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.toMillis() < 1 || timeout.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException(
                    "a search timeout is a positive whole number of milliseconds, got " + timeout);
        }
        if (maxGroups < 1) {
            throw new IllegalArgumentException("the most groups of a count must be ≥ 1");
        }
    }

    /**
     * A search timeout written as a whole number of milliseconds, seconds or minutes: {@code
     * 500ms}, {@code 10s}, {@code 2m}.
     *
     * @throws IllegalArgumentException for anything else, or zero
     */
    public static Duration parseTimeout(String text) {
        Matcher matcher = TIMEOUT.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "a search timeout is a whole number with ms, s or m (e.g. 10s), got '"
                            + text
                            + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration timeout =
                switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    default -> Duration.ofMinutes(amount);
                };
        if (timeout.isZero()) {
            throw new IllegalArgumentException("a search timeout must be more than 0");
        }
        return timeout;
    }

    /** These limits with another search timeout. */
    public SearchLimits withTimeout(Duration timeout) {
        return new SearchLimits(timeout, maxGroups);
    }

    /** These limits with another most groups of a count. */
    public SearchLimits withMaxGroups(int maxGroups) {
        return new SearchLimits(timeout, maxGroups);
    }

    /** The timeout as Elasticsearch's search request takes it. */
    public String elasticsearchTimeout() {
        return timeout.toMillis() + "ms";
    }

    /**
     * Refuses the answer of a search that timed out: it holds only part of what was asked.
     *
     * @throws ElasticsearchUnavailableException when Elasticsearch stopped at the timeout
     */
    public void complete(SearchResponse<?> response, String index) {
        if (response.timedOut()) {
            throw new ElasticsearchUnavailableException(
                    "Search of " + index + " took longer than " + elasticsearchTimeout(), null);
        }
    }
}
