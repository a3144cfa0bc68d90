package io.ordertrack.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Incidents (hub outages, courier feed outages, new codes) are off by default: a run without them
 * sends the same records and writes the same oracle, byte for byte, as before they existed. The
 * digests were taken on the simulator before incidents were added (the oracle's later additions
 * aside); the feed's was taken again when OrderEvent gained its ndrAction field (commit 1c91313,
 * the simulator's code unchanged): every order record encodes one byte more, under a new schema
 * fingerprint. Both were taken again when customer returns gained their quality check and refund
 * decision (#28): order records carry a new schema's fingerprint, a return's story has more events
 * (the feed's mess, drawn per event, falls differently after the first), and every story's truth is
 * as before (the oracles of both builds compared line by line, mess and a return's event count and
 * customerReturn aside).
 */
class RunWithoutIncidentsTest {
    private static final SimulationOptions DEFAULT_RUN = SimulationOptions.defaults(11, 3_000);

    @Test
    void theDefaultFeedIsByteForByteWhatItWasBeforeIncidents() throws Exception {
        Simulation simulation = Simulation.of(DEFAULT_RUN);
        MessageDigest feed = MessageDigest.getInstance("SHA-256");
        while (simulation.hasNext()) {
            SimulatedRecord record = simulation.next();
            feed.update(record.topic().name().getBytes(StandardCharsets.UTF_8));
            feed.update(record.key());
            feed.update(record.value());
            feed.update(Long.toString(record.timestamp()).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(HexFormat.of().formatHex(feed.digest()))
                .isEqualTo("b28eea44e88c8477d85de82ddf4e523391b9da770a82bf2b348dc64cf8a709c6");
        assertThat(oracleDigest(simulation.oracle()))
                .isEqualTo("1dc63c9f45da6b7b94d5c2647682666aea5d74840fd0f19d5b33849aee952e2d");
    }

    private static String oracleDigest(Oracle oracle) throws IOException, NoSuchAlgorithmException {
        StringWriter file = new StringWriter();
        OracleFile.write(oracle, file);
        return HexFormat.of()
                .formatHex(
                        MessageDigest.getInstance("SHA-256")
                                .digest(
                                        file.toString()
                                                .lines()
                                                .filter(SimulationFeedTest::pinnedBefore)
                                                .map(SimulationFeedTest::withoutLaterAdditions)
                                                .map(line -> line + "\n")
                                                .collect(Collectors.joining())
                                                .getBytes(StandardCharsets.UTF_8)));
    }
}
