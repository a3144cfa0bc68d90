package io.ordertrack.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks Kubernetes manifests (YAML files of one or more objects) against the schema of each
 * object's {@code apiVersion} and {@code kind}, offline. Only the kinds this repository deploys are
 * known; any other is a problem, so a misspelled kind or a new one cannot go unchecked.
 */
final class KubernetesManifests {
    private static final Map<String, Supplier<JsonNode>> SCHEMAS =
            Map.of(
                    key("apps/v1", "Deployment"),
                    () -> KindSchemas.of(V1Deployment.class),
                    key("v1", "Service"),
                    () -> KindSchemas.of(V1Service.class),
                    key("v1", "Secret"),
                    () -> KindSchemas.of(V1Secret.class),
                    key(FlinkDeploymentSchema.API_VERSION, FlinkDeploymentSchema.KIND),
                    FlinkDeploymentSchema::load);

    private final YAMLMapper yaml = new YAMLMapper();
    private final SchemaRegistry registry =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> loaded = new HashMap<>();

    /**
     * Every problem of the objects in {@code manifest}, one line each naming the object and the
     * place in it; empty when all of them match their schemas.
     */
    List<String> problems(Path manifest) {
        List<String> problems = new ArrayList<>();
        try (MappingIterator<JsonNode> objects =
                yaml.readerFor(JsonNode.class).readValues(manifest.toFile())) {
            int position = 0;
            while (objects.hasNext()) {
                JsonNode object = objects.next();
                position++;
                if (object == null || object.isNull() || object.isMissingNode()) {
                    continue;
                }
                String apiVersion = object.path("apiVersion").asText();
                String kind = object.path("kind").asText();
                String where =
                        String.format(
                                "%s #%d %s '%s'",
                                manifest.getFileName(),
                                position,
                                kind,
                                object.path("metadata").path("name").asText());
                Schema schema = schema(apiVersion, kind);
                if (schema == null) {
                    problems.add(where + ": no schema for apiVersion " + apiVersion);
                    continue;
                }
                for (Error error : schema.validate(object)) {
                    problems.add(where + ": " + error);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
        return problems;
    }

    private Schema schema(String apiVersion, String kind) {
        String key = key(apiVersion, kind);
        Supplier<JsonNode> source = SCHEMAS.get(key);
        return source == null
                ? null
                : loaded.computeIfAbsent(key, ignored -> registry.getSchema(source.get()));
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }
}
