package io.ordertrack.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.simulator.StockLedger.StockKey;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The oracle's LOW_STOCK by days of cover counts as sold only units that left and stayed out. */
class StockLedgerTest {
    private static final long MONDAY = Instant.parse("2026-11-16T06:00:00Z").toEpochMilli();
    private static final StockKey KURTA = new StockKey("acme-fashion", "KURTA-M", "WH-BLR-1");
    private static final StockLedger.Policy THRESHOLD_ONE = new StockLedger.Policy(1, 10, 7);

    private final StockLedger stock = new StockLedger(new SplittableRandom(1), event -> {});

    @Test
    void aSkuWhoseOnlyOrderWasCancelledBeforeItLeftIsNeverLowForLackOfCover() {
        stock.open(KURTA, 4, THRESHOLD_ONE, hoursLater(0));
        stock.reserve(KURTA, 3, hoursLater(1));
        stock.releaseLater(KURTA, 3, hoursLater(5));
        stock.advanceTo(hoursLater(48));

        assertThat(stock.lowStockAlerts()).isEmpty();
    }

    @Test
    void unitsThatLeftAreSoldOnTheDayTheyLeft() {
        stock.open(KURTA, 4, THRESHOLD_ONE, hoursLater(0));
        stock.reserve(KURTA, 3, hoursLater(1));
        stock.shipLater(KURTA, 3, hoursLater(20));
        stock.advanceTo(hoursLater(19));
        assertThat(stock.lowStockAlerts()).as("reserved, not yet sold").isEmpty();

        stock.advanceTo(hoursLater(20));
        assertThat(stock.lowStockAlerts())
                .singleElement()
                .satisfies(
                        alert -> {
                            assertThat(alert.dueAt()).isEqualTo(hoursLater(20));
                            assertThat(alert.detail()).isEqualTo("available 1 lasts under 3 days");
                        });
    }

    @Test
    void unitsReturnedWithinTheWeekAreNoLongerSold() {
        stock.open(KURTA, 20, THRESHOLD_ONE, hoursLater(0));
        stock.reserve(KURTA, 10, hoursLater(1));
        stock.shipLater(KURTA, 10, hoursLater(20));
        stock.returnLater(KURTA, 10, hoursLater(24 * 3), hoursLater(20));
        stock.advanceTo(hoursLater(24 * 3));
        // 3 left: under 3 days at the 10 units a week the return took back.
        stock.reserve(KURTA, 17, hoursLater(24 * 4));

        assertThat(stock.lowStockAlerts()).isEmpty();
    }

    private static long hoursLater(int hours) {
        return MONDAY + Duration.ofHours(hours).toMillis();
    }
}
