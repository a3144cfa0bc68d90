package io.ordertrack.domain.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.documents.CohortCounters;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MetricDocumentTest {
    /**
     * What the job counts per cohort is what the API sums: a counter added on one side only fails.
     */
    @Test
    void countsEveryCohortCounterTheApiSums() {
        assertThat(
                        Arrays.stream(MetricDocument.class.getRecordComponents())
                                .filter(component -> component.getType() == long.class)
                                .map(RecordComponent::getName))
                .containsExactlyElementsOf(CohortCounters.NAMES);
    }
}
