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
 * aside). The feed's was taken again when OrderEvent gained its ndrAction field (commit 1c91313,
 * the simulator's code unchanged: every order record encodes one byte more, under a new schema
 * fingerprint), and again when it gained the fields of a return's check and a refused refund
 * (commit cd0a947, the simulator's code unchanged). Since customer returns have their own steps
 * (#28) the run tells them as before only with plain returns, which this run asks for: the feed
 * then is the one commit cd0a947's simulator sends, and the oracle the one pinned before.
 */
class RunWithoutIncidentsTest {
    private static final SimulationOptions DEFAULT_RUN =
            SimulationOptions.defaults(11, 3_000).withEarlierStories();

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
                .isEqualTo("7facfab0904ff804265d28db2fe7797abed43013a189f84b076582ad62cb69dd");
        assertThat(oracleDigest(simulation.oracle()))
                .isEqualTo("6978979d14863186262f049e6578e52b984615573cdf73dd04dd7fef7e72469a");
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
