package io.ordertrack.api.elasticsearch;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How long ago something happened (a return reached its stage, a COD parcel was delivered): under a
 * day, one to three days, three to seven, more.
 */
public enum AgeBand {
    UNDER_A_DAY(Duration.ZERO, Duration.ofDays(1)),
    ONE_TO_THREE_DAYS(Duration.ofDays(1), Duration.ofDays(3)),
    THREE_TO_SEVEN_DAYS(Duration.ofDays(3), Duration.ofDays(7)),
    OVER_SEVEN_DAYS(Duration.ofDays(7), null);

    private final Duration least;
    private final Duration under;

    AgeBand(Duration least, Duration under) {
        this.least = least;
        this.under = under;
    }

    /**
     * The documents whose time {@code field} is this band's age as of {@code now} (at least its
     * least, under its bound); a time after {@code now} is under a day old.
     */
    public Query query(String field, Instant now) {
        List<Query> range = new ArrayList<>();
        Filters.addRange(
                range,
                field,
                Optional.ofNullable(under).map(bound -> now.minus(bound).plusMillis(1)),
                least.isZero() ? Optional.empty() : Optional.of(now.minus(least).plusMillis(1)));
        return range.get(0);
    }
}
