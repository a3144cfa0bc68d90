package io.ordertrack.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.Remittance;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.simulator.SimulatedRecord;
import io.ordertrack.simulator.Simulation;
import io.ordertrack.simulator.SimulationOptions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class WallClockStampsTest {
    private static final AvroCodec<OrderEvent> ORDERS = AvroCodec.of(OrderEvent.class);
    private static final AvroCodec<TrackingScan> SCANS = AvroCodec.of(TrackingScan.class);
    private static final AvroCodec<InventoryEvent> STOCK = AvroCodec.of(InventoryEvent.class);
    private static final AvroCodec<Remittance> REMITTANCES = AvroCodec.of(Remittance.class);

    @Test
    void everyEventIsMovedToTheWallClockKeepingHowLateItWasSent() {
        List<SimulatedRecord> simulated = new ArrayList<>();
        Iterator<SimulatedRecord> simulation =
                Simulation.of(
                        SimulationOptions.defaults(7, 200)
                                .withStart(Instant.parse("2020-01-01T00:00:00Z")));
        simulation.forEachRemaining(simulated::add);

        long before = System.currentTimeMillis();
        List<SimulatedRecord> stamped = new ArrayList<>();
        WallClockStamps stamps = new WallClockStamps(simulated.iterator());
        stamps.forEachRemaining(stamped::add);
        long after = System.currentTimeMillis();

        assertThat(stamps.handedOut()).isEqualTo(simulated.size());
        int lateScans = 0;
        int checked = 0;
        for (int i = 0; i < simulated.size(); i++) {
            SimulatedRecord original = simulated.get(i);
            SimulatedRecord moved = stamped.get(i);
            assertThat(moved.timestamp()).isBetween(before, after);
            Long lateness = latenessOf(original);
            if (lateness == null) {
                // Not an event this topic's schema reads: the feed's mess goes as it is.
                assertThat(moved.value()).isEqualTo(original.value());
                continue;
            }
            assertThat(latenessOf(moved)).isEqualTo(lateness);
            checked++;
            if (lateness > 3_600_000) {
                lateScans++;
            }
        }
        assertThat(checked).isGreaterThan(simulated.size() * 9 / 10);
        assertThat(lateScans).as("courier batches sent hours late stay late").isPositive();
    }

    @Test
    void aRecordThatDoesNotDecodeGoesAsItIs() {
        byte[] cut = "not avro".getBytes(StandardCharsets.UTF_8);
        SimulatedRecord broken =
                new SimulatedRecord(SimulatedRecord.Topic.ORDERS, new byte[] {1}, cut, 42L);

        SimulatedRecord sent = new WallClockStamps(List.of(broken).iterator()).next();

        assertThat(sent.value()).isEqualTo(cut);
        assertThat(sent.key()).isEqualTo(broken.key());
    }

    /** How long before it was sent a record's event happened, or null when it does not decode. */
    private static Long latenessOf(SimulatedRecord record) {
        try {
            Instant eventTime =
                    switch (record.topic()) {
                        case ORDERS -> ORDERS.decode(record.value()).getEventTime();
                        case TRACKING -> SCANS.decode(record.value()).getEventTime();
                        case INVENTORY -> STOCK.decode(record.value()).getEventTime();
                        case REMITTANCES -> REMITTANCES.decode(record.value()).getEventTime();
                    };
            return record.timestamp() - eventTime.toEpochMilli();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
