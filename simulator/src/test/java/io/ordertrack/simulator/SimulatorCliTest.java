package io.ordertrack.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulatorCliTest {
    private static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");

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
        assertThat(options.start()).isEqualTo(SimulationOptions.DEFAULT_START);
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
        assertThatThrownBy(() -> SimulatorCli.start("yesterday", NOW))
                .hasMessageStartingWith("--start must be");
    }
}
