package io.ordertrack.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.api.elasticsearch.DocumentSearch.GroupCount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CountTableTest {
    private static final List<String> STAGES = List.of("PLACED", "DISPATCHED");

    @Test
    void eachGroupIsARowWithEveryColumnAndItsTotal() {
        List<GroupCount> counts =
                List.of(
                        new GroupCount(List.of("WH-1", "DELHIVERY", "PLACED"), 2),
                        new GroupCount(List.of("WH-1", "DELHIVERY", "DISPATCHED"), 5),
                        new GroupCount(List.of("WH-2", "BLUEDART", "DISPATCHED"), 1));

        assertThat(CountTable.rows(counts, List.of("warehouseId", "courier"), STAGES, "total"))
                .containsExactly(
                        Map.of(
                                "warehouseId", "WH-1",
                                "courier", "DELHIVERY",
                                "total", 7L,
                                "PLACED", 2L,
                                "DISPATCHED", 5L),
                        Map.of(
                                "warehouseId",
                                "WH-2",
                                "courier",
                                "BLUEDART",
                                "total",
                                1L,
                                "PLACED",
                                0L,
                                "DISPATCHED",
                                0L + 1));
    }

    @Test
    void aGroupWithNothingInTheColumnsIsLeftOut() {
        List<GroupCount> counts =
                List.of(
                        new GroupCount(List.of("WH-1", "UNASSIGNED", "CANCELLED"), 3),
                        new GroupCount(List.of("WH-2", "DTDC", "PLACED"), 1));

        assertThat(CountTable.rows(counts, List.of("warehouseId", "courier"), STAGES, "total"))
                .extracting(row -> row.get("warehouseId"))
                .containsExactly("WH-2");
    }
}
