package io.ordertrack.api.http;

import io.ordertrack.api.elasticsearch.DocumentSearch.GroupCount;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts of documents grouped by several fields, as the rows of a table. */
public final class CountTable {
    private CountTable() {}

    /**
     * One row per group of all grouping fields but the last, named {@code keys}, with the count of
     * each value of the last field ({@code columns}, zero when absent), and their sum under {@code
     * total} when it is named, leaving out rows whose total is zero (e.g. a warehouse whose only
     * orders were cancelled).
     */
    public static List<Map<String, Object>> rows(
            List<GroupCount> counts, List<String> keys, List<String> columns, String total) {
        Map<List<String>, Map<String, Long>> byGroup = new LinkedHashMap<>();
        for (GroupCount count : counts) {
            List<String> group = count.values().subList(0, keys.size());
            byGroup.computeIfAbsent(group, g -> new LinkedHashMap<>())
                    .put(count.values().get(keys.size()), count.count());
        }
        return byGroup.entrySet().stream()
                .map(
                        entry -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            for (int i = 0; i < keys.size(); i++) {
                                row.put(keys.get(i), entry.getKey().get(i));
                            }
                            Map<String, Long> cells = new LinkedHashMap<>();
                            columns.forEach(
                                    c -> cells.put(c, entry.getValue().getOrDefault(c, 0L)));
                            if (total != null) {
                                row.put(total, sum(cells));
                            }
                            row.putAll(cells);
                            return row;
                        })
                .filter(row -> total == null || (long) row.get(total) > 0)
                .toList();
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
