package io.ordertrack.jobs.health;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The watermark of each input topic from what its subtasks report: the least watermark of the
 * subtasks that are not idle (an idle subtask holds no event time back), or, when all are idle, the
 * greatest any reached.
 */
final class InputWatermarks {
    private final Map<String, Map<Integer, InputWatermark>> bySubtask = new HashMap<>();

    void record(InputWatermark report) {
        bySubtask
                .computeIfAbsent(report.topic(), topic -> new HashMap<>())
                .put(report.subtask(), report);
    }

    /** The topic's watermark (epoch ms), empty before any subtask reported one. */
    OptionalLong of(String topic) {
        Map<Integer, InputWatermark> reports = bySubtask.getOrDefault(topic, Map.of());
        OptionalLong active =
                reports.values().stream()
                        .filter(report -> !report.idle())
                        .mapToLong(InputWatermark::watermark)
                        .min();
        OptionalLong watermark =
                active.isPresent()
                        ? active
                        : reports.values().stream().mapToLong(InputWatermark::watermark).max();
        return watermark.isPresent() && watermark.getAsLong() != Long.MIN_VALUE
                ? watermark
                : OptionalLong.empty();
    }
}
