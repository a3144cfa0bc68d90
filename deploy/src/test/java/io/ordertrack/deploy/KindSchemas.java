package io.ordertrack.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.annotations.SerializedName;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Deployment;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON Schema of a Kubernetes kind, derived from the official Kubernetes Java client's model of
 * it. The client is generated from the Kubernetes OpenAPI spec, and its models keep what the spec
 * says of every object: its fields (by their JSON names), each field's type and which fields are
 * required. The schema allows no other field, as {@code kubectl apply} (strict field validation)
 * refuses unknown ones.
 */
final class KindSchemas {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String MODELS_PACKAGE = V1Deployment.class.getPackageName();

    private final ObjectNode definitions = JSON.objectNode();

    private KindSchemas() {}

    /** The schema of a whole object of the kind {@code model} models, e.g. V1Deployment. */
    static ObjectNode of(Class<?> model) {
        KindSchemas schemas = new KindSchemas();
        ObjectNode root = JSON.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", schemas.reference(model));
        root.set("$defs", schemas.definitions);
        return root;
    }

    private String reference(Class<?> model) {
        String name = model.getSimpleName();
        if (!definitions.has(name)) {
            // Claimed before it is filled in: models refer to themselves (JSONSchemaProps).
            definitions.putNull(name);
            definitions.set(name, objectSchema(model));
        }
        return "#/$defs/" + name;
    }

    private ObjectNode objectSchema(Class<?> model) {
        ObjectNode properties = JSON.objectNode();
        for (Field field : model.getDeclaredFields()) {
            SerializedName name = field.getAnnotation(SerializedName.class);
            if (name != null && !Modifier.isStatic(field.getModifiers())) {
                properties.set(name.value(), schemaOf(field.getGenericType()));
            }
        }
        ObjectNode schema = JSON.objectNode().put("type", "object");
        schema.set("properties", properties);
        schema.put("additionalProperties", false);
        Set<String> required = requiredFields(model);
        if (!required.isEmpty()) {
            ArrayNode names = schema.putArray("required");
            required.forEach(names::add);
        }
        return schema;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> requiredFields(Class<?> model) {
        try {
            return new TreeSet<>((Set<String>) model.getField("openapiRequiredFields").get(null));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(model + " lists no required fields", e);
        }
    }

    private JsonNode schemaOf(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                ObjectNode array = JSON.objectNode().put("type", "array");
                array.set("items", schemaOf(arguments[0]));
                return array;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode map = JSON.objectNode().put("type", "object");
                map.set("additionalProperties", schemaOf(arguments[1]));
                return map;
            }
            throw new IllegalArgumentException("no JSON Schema for " + type);
        }
        Class<?> valueClass = (Class<?>) type;
        if (valueClass == String.class
                || valueClass == OffsetDateTime.class
                || valueClass == byte[].class) {
            return JSON.objectNode().put("type", "string");
        }
        if (valueClass == Integer.class || valueClass == Long.class) {
            return JSON.objectNode().put("type", "integer");
        }
        if (valueClass == Boolean.class) {
            return JSON.objectNode().put("type", "boolean");
        }
        if (valueClass == Double.class
                || valueClass == Float.class
                || valueClass == BigDecimal.class) {
            return JSON.objectNode().put("type", "number");
        }
        if (valueClass == IntOrString.class) {
            return anyOfTypes("integer", "string");
        }
        if (valueClass == Quantity.class) {
            // "500m", "1Gi", or a plain number of cores or bytes.
            return anyOfTypes("string", "number");
        }
        if (valueClass == Object.class) {
            return JSON.objectNode();
        }
        if (valueClass.getPackageName().equals(MODELS_PACKAGE)) {
            return JSON.objectNode().put("$ref", reference(valueClass));
        }
        throw new IllegalArgumentException("no JSON Schema for " + valueClass);
    }

    private static ObjectNode anyOfTypes(String... types) {
        ObjectNode schema = JSON.objectNode();
        ArrayNode names = schema.putArray("type");
        for (String type : types) {
            names.add(type);
        }
        return schema;
    }
}
