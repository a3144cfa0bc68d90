package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.testkit.OpenApiDocument;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The route table ({@link Routes#TABLE}) and the OpenAPI document describe the same API: the same
 * operations (method and path), each with the same access and the same query parameters.
 */
class RoutesTest {
    @Test
    void everyRouteOfTheTableIsInTheOpenApiDocumentWithItsMethodAccessAndParameters()
            throws IOException {
        List<String> documented =
                OpenApiDocument.routes().stream().map(RoutesTest::describe).toList();

        assertThat(Routes.TABLE.stream().filter(Routes.Route::documented).map(RoutesTest::describe))
                .isNotEmpty()
                .allSatisfy(route -> assertThat(documented).contains(route));
    }

    @Test
    void everyOperationOfTheOpenApiDocumentIsInTheTable() throws IOException {
        List<String> table = Routes.TABLE.stream().map(RoutesTest::describe).toList();

        assertThat(OpenApiDocument.routes().stream().map(RoutesTest::describe))
                .isNotEmpty()
                .allSatisfy(operation -> assertThat(table).contains(operation));
    }

    @Test
    void theTableHasEachRouteOnce() {
        assertThat(Routes.TABLE.stream().map(route -> route.method() + " " + route.path()))
                .doesNotHaveDuplicates();
    }

    /** {@code GET /api/alerts AGGREGATES [from, severity, ...]}: what both must agree on. */
    private static String describe(Routes.Route route) {
        return describe(
                route.method().name(),
                route.path(),
                route.access().name(),
                route.parameters().names());
    }

    private static String describe(OpenApiDocument.Route operation) {
        return describe(
                operation.method(),
                operation.path(),
                operation.access(),
                Set.copyOf(operation.queryParameters()));
    }

    private static String describe(
            String method, String path, String access, Set<String> parameters) {
        return method + " " + path + " " + access + " " + new TreeSet<>(parameters);
    }
}
