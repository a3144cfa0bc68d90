package io.ordertrack.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.Yaml;

/**
 * The API's own OpenAPI document ({@code /api/openapi.yaml}, on the classpath of tests of the API
 * and of the console) as tests read it: every operation (a method of a path) with the access its
 * {@code x-access} names and its parameters, references resolved. Tests that walk these routes
 * cover whatever the document declares, a route or parameter added later included.
 */
public final class OpenApiDocument {
    private static final String PARAMETER_REF = "#/components/parameters/";
    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** A documented parameter: its name, where it goes, whether it is required, its example. */
    public record Parameter(String name, String in, boolean required, String example) {}

    /**
     * A documented operation: its method (upper case), its path, its {@code x-access} and its
     * parameters.
     */
    public record Route(String method, String path, String access, List<Parameter> parameters) {
        /** The names of its query parameters, each once, in the document's order. */
        public List<String> queryParameters() {
            return parameters.stream()
                    .filter(parameter -> "query".equals(parameter.in()))
                    .map(Parameter::name)
                    .distinct()
                    .toList();
        }
    }

    private OpenApiDocument() {}

    /** Every operation of the document, by path and method. */
    @SuppressWarnings("unchecked")
    public static List<Route> routes() throws IOException {
        try (InputStream spec = OpenApiDocument.class.getResourceAsStream("/api/openapi.yaml")) {
            Map<String, Object> document = new Yaml().load(spec);
            Map<String, Object> components =
                    (Map<String, Object>)
                            ((Map<String, Object>) document.get("components")).get("parameters");
            Map<String, Route> routes = new TreeMap<>();
            ((Map<String, Map<String, Object>>) document.get("paths"))
                    .forEach(
                            (path, item) ->
                                    item.forEach(
                                            (method, operation) -> {
                                                if (METHODS.contains(method)) {
                                                    Map<String, Object> described =
                                                            (Map<String, Object>) operation;
                                                    routes.put(
                                                            path + " " + method,
                                                            new Route(
                                                                    method.toUpperCase(Locale.ROOT),
                                                                    path,
                                                                    String.valueOf(
                                                                            described.get(
                                                                                    "x-access")),
                                                                    parameters(
                                                                            described,
                                                                            components)));
                                                }
                                            }));
            return List.copyOf(routes.values());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Parameter> parameters(
            Map<String, Object> operation, Map<String, Object> components) {
        List<Parameter> resolved = new ArrayList<>();
        if (!(operation.get("parameters") instanceof List<?> listed)) {
            return resolved;
        }
        for (Object entry : listed) {
            Map<String, Object> parameter = (Map<String, Object>) entry;
            Object ref = parameter.get("$ref");
            if (ref != null) {
                parameter =
                        (Map<String, Object>)
                                components.get(
                                        String.valueOf(ref).substring(PARAMETER_REF.length()));
            }
            resolved.add(
                    new Parameter(
                            String.valueOf(parameter.get("name")),
                            String.valueOf(parameter.get("in")),
                            Boolean.TRUE.equals(parameter.get("required")),
                            String.valueOf(parameter.get("example"))));
        }
        return resolved;
    }
}
