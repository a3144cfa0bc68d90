package io.ordertrack.api.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.avro.AlertType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A seller's request for a subscription, read from its JSON body: {@code {"url": "https://...",
 * "alertTypes": ["NDR", ...], "description": "..."}}; every problem answers 400 naming the field.
 *
 * @param alertTypes the alert types asked for; empty for all
 */
record SubscriptionRequest(String url, List<String> alertTypes, String description) {
    /** The largest body read. */
    static final int MAX_BODY_BYTES = 8 * 1024;

    static final int MAX_DESCRIPTION_LENGTH = 200;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TYPES =
            Set.copyOf(Arrays.stream(AlertType.values()).map(Enum::name).toList());

    /** Thrown for a body that is not a valid request, naming the field at fault. */
    static final class Invalid extends RuntimeException {
        private final String field;

        Invalid(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    static SubscriptionRequest read(byte[] body, WebhookTargets targets) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new Invalid("body", "the body is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new Invalid("body", "the body must be a JSON object");
        }
        for (var names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("url", "alertTypes", "description").contains(name)) {
                throw new Invalid(name, "unknown field; use url, alertTypes and description");
            }
        }
        JsonNode urlNode = json.path("url");
        String url = urlNode.isTextual() ? urlNode.asText() : null;
        targets.problemWithUrl(url)
                .ifPresent(
                        problem -> {
                            throw new Invalid("url", problem);
                        });
        return new SubscriptionRequest(url, alertTypes(json.path("alertTypes")), description(json));
    }

    private static List<String> alertTypes(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new Invalid("alertTypes", "alertTypes must be an array of alert types");
        }
        Set<String> types = new LinkedHashSet<>();
        for (JsonNode type : node) {
            if (!type.isTextual() || !TYPES.contains(type.asText())) {
                throw new Invalid(
                        "alertTypes",
                        "alertTypes holds only alert types, one of "
                                + new ArrayList<>(new java.util.TreeSet<>(TYPES)));
            }
            types.add(type.asText());
        }
        return List.copyOf(types);
    }

    private static String description(JsonNode json) {
        JsonNode node = json.path("description");
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Invalid("description", "description must be text");
        }
        Parameters.problemWith(node.asText(), MAX_DESCRIPTION_LENGTH)
                .ifPresent(
                        problem -> {
                            throw new Invalid("description", "description " + problem);
                        });
        return node.asText();
    }
}
