package io.ordertrack.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SimulatorCliTest {
    private static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");
    private static final Pattern ETA = Pattern.compile("ETA (\\d+) s");

    @Test
    void optionsOverrideThePresetOneByOne() {
        SimulationOptions options =
                SimulatorCli.simulationOptions(
                        SimulatorCli.parse(
                                new String[] {
                                    "--orders",
                                    "500",
                                    "--seed",
                                    "9",
                                    "--mess",
                                    "none",
                                    "--duplicates",
                                    "0.1"
                                }));

        assertThat(options.orders()).isEqualTo(500);
        assertThat(options.seed()).isEqualTo(9);
        assertThat(options.mess().duplicates()).isEqualTo(0.1);
        assertThat(options.mess().badRecords()).isZero();
        assertThat(options.mess().courierBatches()).isZero();
        assertThat(options.start()).isEqualTo(SimulationOptions.DEFAULT_START);
    }

    @Test
    void incidentsAreOffUnlessAskedForByCount() {
        assertThat(SimulatorCli.simulationOptions(SimulatorCli.parse(new String[0])).incidents())
                .isEqualTo(Incidents.NONE);
        assertThat(
                        SimulatorCli.simulationOptions(
                                        SimulatorCli.parse(
                                                new String[] {
                                                    "--hub-outages", "2",
                                                    "--feed-outages", "1",
                                                    "--new-codes", "3"
                                                }))
                                .incidents())
                .isEqualTo(new Incidents(2, 1, 3));
        assertThatThrownBy(
                        () ->
                                SimulatorCli.simulationOptions(
                                        SimulatorCli.parse(new String[] {"--hub-outages", "1.5"})))
                .hasMessageContaining("--hub-outages must be a whole number");
    }

    @Test
    void theHeavyPresetBatchesHalfTheCourierAccountsUnlessToldOtherwise() {
        assertThat(
                        SimulatorCli.simulationOptions(
                                        SimulatorCli.parse(new String[] {"--mess", "heavy"}))
                                .mess())
                .isEqualTo(Messiness.HEAVY);
        assertThat(
                        SimulatorCli.simulationOptions(
                                        SimulatorCli.parse(
                                                new String[] {
                                                    "--mess", "heavy", "--courier-batches", "0.2"
                                                }))
                                .mess()
                                .courierBatches())
                .isEqualTo(0.2);
        assertThat(SimulatorCli.simulationOptions(SimulatorCli.parse(new String[0])).mess())
                .isEqualTo(Messiness.REALISTIC);
    }

    @Test
    void daysOfOrdersAreCountedAtThePlacementRate() {
        SimulationOptions options =
                SimulatorCli.simulationOptions(
                        SimulatorCli.parse(
                                new String[] {"--days", "2", "--orders-per-day", "1500"}));

        assertThat(options.orders()).isEqualTo(3000);
    }

    @Test
    void theStartCanBeRelativeToNow() {
        assertThat(SimulatorCli.start("now", NOW)).isEqualTo(NOW);
        assertThat(SimulatorCli.start("now-3d", NOW))
                .isEqualTo(Instant.parse("2026-11-23T06:00:00Z"));
        assertThat(SimulatorCli.start("now-12h", NOW))
                .isEqualTo(Instant.parse("2026-11-25T18:00:00Z"));
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> SimulatorCli.parse(new String[] {"--order", "5"}))
                .hasMessage("unknown option --order");
        assertThatThrownBy(
                        () ->
                                SimulatorCli.simulationOptions(
                                        SimulatorCli.parse(new String[] {"--duplicates", "lots"})))
                .hasMessage("--duplicates must be a number, got lots");
        assertThatThrownBy(
                        () ->
                                SimulatorCli.simulationOptions(
                                        SimulatorCli.parse(new String[] {"--bad-records", "2"})))
                .hasMessageContaining("badRecords must be a probability");
        assertThatThrownBy(
                        () ->
                                SimulatorCli.simulationOptions(
                                        SimulatorCli.parse(new String[] {"--mess", "awful"})))
                .hasMessage("--mess must be realistic, heavy or none");
        assertThatThrownBy(() -> SimulatorCli.start("yesterday", NOW))
                .hasMessageStartingWith("--start must be");
    }

    @Test
    void progressForetellsTheRestOfTheRunUntilItsLastEventIsSent() {
        int orders = 3_000;
        long elapsed = 1_000_000_000_000L; // 1,000 s: ETAs in whole seconds stay precise
        Simulation simulation = Simulation.of(SimulationOptions.defaults(2, orders));
        String halfPlaced = null;
        String allPlaced = null;
        long sentHalfPlaced = 0;
        long sentAllPlaced = 0;
        long sent = 0;
        while (simulation.hasNext()) {
            simulation.next();
            sent++;
            if (halfPlaced == null && simulation.ordersPlaced() >= orders / 2) {
                halfPlaced = SimulatorCli.progress(sent, elapsed, simulation);
                sentHalfPlaced = sent;
            }
            if (allPlaced == null && simulation.ordersPlaced() == orders) {
                allPlaced = SimulatorCli.progress(sent, elapsed, simulation);
                sentAllPlaced = sent;
            }
        }

        // At the same pace the rest of the run takes (records left / records sent) × elapsed.
        assertThat(halfPlaced).contains("50% of orders placed");
        assertThat(etaSeconds(halfPlaced))
                .isCloseTo(1_000.0 * (sent - sentHalfPlaced) / sentHalfPlaced, withinPercentage(5));
        assertThat(allPlaced).contains("100% of orders placed");
        assertThat(etaSeconds(allPlaced))
                .isCloseTo(1_000.0 * (sent - sentAllPlaced) / sentAllPlaced, withinPercentage(5));
        assertThat(SimulatorCli.progress(sent, elapsed, simulation))
                .endsWith("100% of orders placed")
                .doesNotContain("ETA");
    }

    @Test
    void theRunEndsWithHowLongEachKindOfAlertConditionTookToBeKnown() {
        long hour = 3_600_000L;
        String line =
                SimulatorCli.alertTimeline(
                        List.of(
                                new AlertTruth("NDR", "t", "o1", "DTDC", 0, null, 0, null),
                                new AlertTruth("NDR", "t", "o2", "DTDC", 0, null, 2 * hour, null),
                                new AlertTruth("NDR", "t", "o3", "DTDC", 0, null, 30 * hour, null),
                                new AlertTruth(
                                        "EDD_BREACH", "t", "o1", "DTDC", 0, 5L, hour, null)));

        assertThat(line)
                .isEqualTo(
                        "alert conditions (count, hours to know: median/longest):"
                                + " EDD_BREACH 1 1.0/1.0 NDR 3 2.0/30.0");
    }

    private static double etaSeconds(String progress) {
        Matcher eta = ETA.matcher(progress);
        assertThat(eta.find()).as(progress).isTrue();
        return Double.parseDouble(eta.group(1));
    }
}
