package io.ordertrack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class KubernetesManifestsTest {
    /** deploy/kubernetes, from the deploy module's directory (the tests' working directory). */
    private static final Path MANIFESTS = Path.of("kubernetes");

    private final KubernetesManifests manifests = new KubernetesManifests();

    @Test
    void everyManifestInTheRepositoryMatchesTheKubernetesSchemaOfItsKinds() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(MANIFESTS)) {
            files = listing.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }

        assertThat(files)
                .extracting(file -> file.getFileName().toString())
                .contains("order-tracking.yaml", "query-api.yaml", "query-api-secrets.yaml");
        assertThat(files.stream().flatMap(file -> manifests.problems(file).stream())).isEmpty();
    }

    @Test
    void aMisspelledFieldIsAProblem() throws URISyntaxException {
        assertThat(manifests.problems(broken("misspelled-field.yaml")))
                .anySatisfy(problem -> assertThat(problem).contains("contianers"))
                .anySatisfy(problem -> assertThat(problem).contains("required", "containers"));
    }

    @Test
    void aProbeWithoutAPortIsAProblem() throws URISyntaxException {
        assertThat(manifests.problems(broken("probe-without-port.yaml")))
                .singleElement()
                .asString()
                .contains("readinessProbe/httpGet", "required", "port");
    }

    @Test
    void textWhereANumberBelongsIsAProblem() throws URISyntaxException {
        assertThat(manifests.problems(broken("text-for-number.yaml")))
                .singleElement()
                .asString()
                .contains("/spec/replicas", "integer");
    }

    @Test
    void aKindWithoutASchemaIsAProblem() throws URISyntaxException {
        assertThat(manifests.problems(broken("unknown-kind.yaml")))
                .singleElement()
                .asString()
                .contains("Deploymnet", "no schema");
    }

    @Test
    void aMisspelledFieldOfTheFlinkDeploymentIsAProblem() throws URISyntaxException {
        assertThat(manifests.problems(broken("flink-misspelled-field.yaml")))
                .singleElement()
                .asString()
                .contains("FlinkDeployment", "taskManger");
    }

    private static Path broken(String name) throws URISyntaxException {
        return Path.of(
                KubernetesManifestsTest.class.getResource("/broken-manifests/" + name).toURI());
    }
}
