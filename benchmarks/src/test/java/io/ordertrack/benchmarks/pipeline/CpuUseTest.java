package io.ordertrack.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CpuUseTest {
    /** This JVM followed as a server process: its ticks count too. */
    private static final Map<String, String> THIS_PROCESS =
            Map.of("this-jvm", String.valueOf(ProcessHandle.current().pid()));

    @Test
    void aFlinkTasksSubtasksCountAsOneGroup() {
        assertThat(CpuUse.groupOf("order-tracker -> stuck-alerts (1/2)#0"))
                .isEqualTo(CpuUse.groupOf("order-tracker -> stuck-alerts (2/2)#3"))
                .isEqualTo("order-tracker -> stuck-alerts");
        assertThat(CpuUse.groupOf("Source Data Fetcher for Source: orders-source (2/2)#0|#0"))
                .isEqualTo("Source Data Fetcher for Source: orders-source");
    }

    @Test
    void aPoolsThreadsCountAsOneGroup() {
        assertThat(CpuUse.groupOf("elasticsearch-rest-client-0-thread-12"))
                .isEqualTo(CpuUse.groupOf("elasticsearch-rest-client-1-thread-3"))
                .isEqualTo("elasticsearch-rest-client-N-thread-N");
        assertThat(CpuUse.groupOf("kafka-producer-network-thread | producer-bench-x-alerts-0-7"))
                .isEqualTo("kafka-producer-network-thread");
    }

    @Test
    void theCpuOfEachThreadGroupIsCountedPerEvent() throws Exception {
        CpuUse.Snapshot before = CpuUse.now(THIS_PROCESS);
        // Long enough that the 10 ms clock ticks of /proc and of the process clock stay small
        // beside it.
        Thread ended = new Thread(() -> spin(400), "ended-worker");
        ended.start();
        ended.join();
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread worker =
                new Thread(
                        () -> {
                            spin(100);
                            spun.countDown();
                            awaitQuietly(release);
                        },
                        "busy-worker");
        worker.start();
        spun.await();
        CpuUse.Report cpu = CpuUse.between(before, CpuUse.now(THIS_PROCESS));
        release.countDown();
        worker.join();

        Map<String, Double> perEvent = cpu.microsPerEvent(1_000, Integer.MAX_VALUE);
        assertThat(perEvent.get("busy-worker")).isBetween(100.0, 1_000.0);
        // An ended thread's CPU is still the JVM's: it counts beyond the live threads.
        assertThat(perEvent).doesNotContainKey("ended-worker");
        double beyondLiveThreads =
                Stream.of(CpuUse.OTHER, CpuUse.JIT, CpuUse.GC)
                        .mapToDouble(group -> perEvent.getOrDefault(group, 0.0))
                        .sum();
        assertThat(beyondLiveThreads).isGreaterThanOrEqualTo(300.0);
        assertThat(cpu.jvmCores()).isPositive();
        assertThat(cpu.serverCores().get("this-jvm")).isPositive();
        // Every group listed: on a fresh machine the JIT compilers alone can outweigh the worker.
        assertThat(cpu.summary(1_000, perEvent.size()))
                .startsWith("CPU: ")
                .contains("CPU µs per event: ", "busy-worker ");
    }

    /** Spins until this thread has used {@code millis} of CPU. */
    private static void spin(long millis) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + millis * 1_000_000;
        while (threads.getCurrentThreadCpuTime() < until) {
            Thread.onSpinWait();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
