package io.ordertrack.jobs.elasticsearch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;

/** Documents (orders, alerts) as the JSON their indexes map: ISO dates, no null fields. */
public final class DocumentJson {
    private final ObjectMapper mapper =
            new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .registerModule(
                            new SimpleModule().addSerializer(Instant.class, new IsoInstant()))
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public byte[] encode(Record document) throws JsonProcessingException {
        return mapper.writeValueAsBytes(document);
    }
}
