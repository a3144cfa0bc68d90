package io.ordertrack.api.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The 202 answer to a webhook: the events Kafka now has, or why it was kept in dead letters.
 *
 * @param webhookId the webhook's id
 * @param eventIds the ids of the events it became (a redelivery gives the same ones); empty when
 *     dead-lettered
 * @param deadLettered why nothing could be made of it, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestAnswer(String webhookId, List<String> eventIds, String deadLettered) {}
