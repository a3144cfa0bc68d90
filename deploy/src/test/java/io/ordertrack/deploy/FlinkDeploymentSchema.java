package io.ordertrack.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON Schema of a {@code FlinkDeployment}, from the Flink Kubernetes Operator's own
 * CustomResourceDefinition (in its API jar). The CRD's OpenAPI v3 schema becomes a JSON Schema
 * that, like the API server with strict field validation, refuses fields it does not declare except
 * where it preserves unknown fields.
 */
final class FlinkDeploymentSchema {
    static final String API_VERSION = "flink.apache.org/v1beta1";
    static final String KIND = "FlinkDeployment";

    private static final String CRD = "META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";

    /**
     * The newest operator on Maven Central (1.10) lists Flink versions up to v1_20; the releases
     * that run Flink 2 list these as well. Nothing else of the job's manifest depends on them.
     */
    private static final List<String> FLINK_2_VERSIONS = List.of("v2_0", "v2_1", "v2_2");

    private FlinkDeploymentSchema() {}

    /** The schema of a whole FlinkDeployment object. */
    static ObjectNode load() {
        ObjectNode schema = crdSchema();
        close(schema);
        // What the API server checks of every custom resource, beside the CRD's own schema.
        ObjectNode properties = (ObjectNode) schema.path("properties");
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("kind").put("type", "string");
        ObjectNode metadata = KindSchemas.of(V1ObjectMeta.class);
        // Its own resource, so that its references resolve within it.
        metadata.remove("$schema");
        metadata.put("$id", "urn:kubernetes:object-meta");
        properties.set("metadata", metadata);
        ArrayNode flinkVersions =
                (ArrayNode) schema.at("/properties/spec/properties/flinkVersion/enum");
        FLINK_2_VERSIONS.forEach(flinkVersions::add);
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        return schema;
    }

    private static ObjectNode crdSchema() {
        JsonNode crd;
        try (InputStream in =
                FlinkDeploymentSchema.class.getClassLoader().getResourceAsStream(CRD)) {
            if (in == null) {
                throw new IllegalStateException(CRD + " is not on the classpath");
            }
            crd = new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (JsonNode version : crd.at("/spec/versions")) {
            if (API_VERSION.endsWith("/" + version.path("name").asText())) {
                return (ObjectNode) version.at("/schema/openAPIV3Schema").deepCopy();
            }
        }
        throw new IllegalStateException(CRD + " has no version " + API_VERSION);
    }

    /** OpenAPI v3 as the API server reads it, in JSON Schema terms. */
    private static void close(ObjectNode schema) {
        if (schema.path("nullable").asBoolean(false) && schema.path("type").isTextual()) {
            String type = schema.path("type").asText();
            schema.putArray("type").add(type).add("null");
        }
        boolean preservesUnknown =
                schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (schema.has("properties") && !schema.has("additionalProperties") && !preservesUnknown) {
            schema.put("additionalProperties", false);
        }
        schema.path("properties").forEach(property -> close((ObjectNode) property));
        if (schema.path("items").isObject()) {
            close((ObjectNode) schema.path("items"));
        }
        if (schema.path("additionalProperties").isObject()) {
            close((ObjectNode) schema.path("additionalProperties"));
        }
        for (String combination : List.of("allOf", "anyOf", "oneOf")) {
            schema.path(combination).forEach(option -> close((ObjectNode) option));
        }
    }
}
