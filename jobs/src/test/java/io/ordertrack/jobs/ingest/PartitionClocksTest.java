package io.ordertrack.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class PartitionClocksTest {
    private static final String ORDERS_0 = "orders/0";
    private static final String ORDERS_1 = "orders/1";

    @Test
    void aRecordArrivesAtTheLatestEventTimeItsPartitionHasShown() throws Exception {
        try (OneInputStreamOperatorTestHarness<Decoded<String>, Decoded<String>> clocks =
                harness()) {
            clocks.open();
            send(clocks, ORDERS_0, 1_000);
            send(clocks, ORDERS_0, 5_000);
            send(clocks, ORDERS_0, 2_000); // late: arrives with the feed around it
            send(clocks, ORDERS_1, 1_500); // another partition keeps its own clock

            assertThat(arrivals(clocks)).containsExactly(1_000L, 5_000L, 5_000L, 1_500L);
        }
    }

    @Test
    void aRestoredJobStampsTheRecordsAfterTheSavepointAsAnUninterruptedRunDoes() throws Exception {
        OperatorSubtaskState savepoint;
        try (OneInputStreamOperatorTestHarness<Decoded<String>, Decoded<String>> clocks =
                harness()) {
            clocks.open();
            send(clocks, ORDERS_0, 5_000);
            send(clocks, ORDERS_1, 7_000);
            savepoint = clocks.snapshot(1, 1);
        }

        // Restored at twice the parallelism: either subtask may read either partition now.
        for (int subtask = 0; subtask < 2; subtask++) {
            try (OneInputStreamOperatorTestHarness<Decoded<String>, Decoded<String>> restored =
                    harness(2, subtask)) {
                restored.initializeState(
                        AbstractStreamOperatorTestHarness.repartitionOperatorState(
                                savepoint, 128, 1, 2, subtask));
                restored.open();
                send(restored, ORDERS_0, 3_000);
                send(restored, ORDERS_1, 9_000);

                assertThat(arrivals(restored)).containsExactly(5_000L, 9_000L);
            }
        }
    }

    @Test
    void aDeadLetterPassesAsItIs() throws Exception {
        try (OneInputStreamOperatorTestHarness<Decoded<String>, Decoded<String>> clocks =
                harness()) {
            clocks.open();
            DeadLetter letter =
                    new DeadLetter("orders", 0, 42, new byte[0], new byte[0], "unreadable", 777);
            clocks.processElement(new StreamRecord<>(Decoded.rejected(letter), 777));

            assertThat(clocks.extractOutputStreamRecords())
                    .singleElement()
                    .satisfies(
                            record -> {
                                assertThat(record.getValue().getDeadLetter())
                                        .usingRecursiveComparison()
                                        .isEqualTo(letter);
                                assertThat(record.getTimestamp()).isEqualTo(777);
                            });
        }
    }

    private static OneInputStreamOperatorTestHarness<Decoded<String>, Decoded<String>> harness()
            throws Exception {
        return harness(1, 0);
    }

    private static OneInputStreamOperatorTestHarness<Decoded<String>, Decoded<String>> harness(
            int parallelism, int subtask) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new PartitionClocks<>(), 128, parallelism, subtask);
    }

    private static void send(
            OneInputStreamOperatorTestHarness<Decoded<String>, Decoded<String>> clocks,
            String partition,
            long eventTime)
            throws Exception {
        Decoded<String> decoded = Decoded.valid("event at " + eventTime, eventTime);
        decoded.setPartition(partition);
        clocks.processElement(new StreamRecord<>(decoded, eventTime));
    }

    /** The arrivals stamped, as Flink timestamps; each equals the record's own arrival field. */
    private static List<Long> arrivals(
            OneInputStreamOperatorTestHarness<Decoded<String>, Decoded<String>> clocks) {
        List<Long> arrivals = new ArrayList<>();
        for (StreamRecord<? extends Decoded<String>> record : clocks.extractOutputStreamRecords()) {
            assertThat(record.getValue().getArrivedAt()).isEqualTo(record.getTimestamp());
            arrivals.add(record.getTimestamp());
        }
        return arrivals;
    }
}
