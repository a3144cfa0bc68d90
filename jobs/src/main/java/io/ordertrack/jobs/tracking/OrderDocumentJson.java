package io.ordertrack.jobs.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ordertrack.domain.OrderDocument;

/** Order documents as the JSON the {@code orders} index maps: ISO dates, no null fields. */
final class OrderDocumentJson {
    private final ObjectMapper mapper =
            new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    byte[] encode(OrderDocument document) throws JsonProcessingException {
        return mapper.writeValueAsBytes(document);
    }
}
