package io.ordertrack.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No text a producer sends can make a document unindexable: Lucene refuses a term over 32,766
 * bytes, so every keyword field skips (leaves only in {@code _source}) values longer than a bound
 * whose UTF-8 size stays under that limit, at most 3 bytes per UTF-16 char.
 */
class IndexMappingsTest {
    private static final int LUCENE_MAX_TERM_BYTES = 32_766;
    private static final int MAX_UTF8_BYTES_PER_CHAR = 3;

    /** The job-status index holds only names the job writes itself, never a producer's text. */
    @ParameterizedTest
    @EnumSource(
            value = Index.class,
            names = {
                "ORDERS",
                "ALERTS",
                "INVENTORY",
                "ORDER_METRICS",
                "ORDER_ROUTING",
                "FEED_HEALTH",
                "COD"
            })
    void everyKeywordFieldIgnoresValuesTooLongForLucene(Index mapping) throws IOException {
        Map<String, JsonNode> keywords = new TreeMap<>();
        collectKeywords("", mapping.definition().path("mappings").path("properties"), keywords);

        assertThat(keywords).isNotEmpty();
        keywords.forEach(
                (path, field) ->
                        assertThat(field.path("ignore_above").asInt(Integer.MAX_VALUE))
                                .as("ignore_above of %s in %s", path, mapping)
                                .isLessThanOrEqualTo(
                                        LUCENE_MAX_TERM_BYTES / MAX_UTF8_BYTES_PER_CHAR));
    }

    /**
     * The counters the job writes and the API sums are the long fields of the mapping, but for the
     * turnaround, a list of minutes per shipment.
     */
    @Test
    void cohortCountersAreTheLongFieldsOfTheOrderMetricsMapping() throws IOException {
        List<String> longFields = new ArrayList<>();
        Index.ORDER_METRICS
                .definition()
                .path("mappings")
                .path("properties")
                .properties()
                .forEach(
                        field -> {
                            if ("long".equals(field.getValue().path("type").asText())
                                    && !field.getKey().equals("turnaroundMinutes")) {
                                longFields.add(field.getKey());
                            }
                        });

        assertThat(CohortCounters.NAMES).isEqualTo(longFields);
    }

    /**
     * Keyword fields by dotted path, object properties and sub-fields ({@code fields}) included.
     */
    private static void collectKeywords(
            String prefix, JsonNode properties, Map<String, JsonNode> into) {
        for (Map.Entry<String, JsonNode> entry : properties.properties()) {
            String path = prefix + entry.getKey();
            JsonNode field = entry.getValue();
            if ("keyword".equals(field.path("type").asText())) {
                into.put(path, field);
            }
            collectKeywords(path + ".", field.path("properties"), into);
            collectKeywords(path + ".", field.path("fields"), into);
        }
    }
}
