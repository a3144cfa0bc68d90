package io.ordertrack.api;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.ordertrack.api.alerts.AlertController;
import io.ordertrack.api.alerts.AlertRepository;
import io.ordertrack.api.analytics.AnalyticsController;
import io.ordertrack.api.analytics.RoutingAnalyticsController;
import io.ordertrack.api.analytics.RoutingAnalyticsRepository;
import io.ordertrack.api.cod.CodController;
import io.ordertrack.api.cod.CodRepository;
import io.ordertrack.api.console.ConsoleFiles;
import io.ordertrack.api.console.TrackingPageFiles;
import io.ordertrack.api.docs.DocsController;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.feeds.FeedHealthController;
import io.ordertrack.api.feeds.FeedHealthRepository;
import io.ordertrack.api.health.ElasticsearchHealth;
import io.ordertrack.api.health.HealthCheck;
import io.ordertrack.api.health.HealthController;
import io.ordertrack.api.health.JobStatusRepository;
import io.ordertrack.api.http.ApiConnector;
import io.ordertrack.api.http.JsonErrorHandler;
import io.ordertrack.api.http.RateLimiting;
import io.ordertrack.api.http.RequestIds;
import io.ordertrack.api.http.RequestLog;
import io.ordertrack.api.incidents.IncidentController;
import io.ordertrack.api.incidents.IncidentRepository;
import io.ordertrack.api.ingest.IngestController;
import io.ordertrack.api.inventory.LowStockController;
import io.ordertrack.api.inventory.LowStockRepository;
import io.ordertrack.api.kafka.AcknowledgedSends;
import io.ordertrack.api.manifests.ManifestController;
import io.ordertrack.api.manifests.ManifestRepository;
import io.ordertrack.api.monitoring.HealthGauges;
import io.ordertrack.api.monitoring.MetricsController;
import io.ordertrack.api.monitoring.RequestMetrics;
import io.ordertrack.api.ndr.NdrActionController;
import io.ordertrack.api.ndr.NdrActionPublisher;
import io.ordertrack.api.orders.OrderController;
import io.ordertrack.api.orders.OrderRepository;
import io.ordertrack.api.returns.ReturnController;
import io.ordertrack.api.returns.ReturnRepository;
import io.ordertrack.api.routing.RoutingController;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.api.tracking.TrackingController;
import io.ordertrack.api.webhooks.DeliveryLog;
import io.ordertrack.api.webhooks.WebhookController;
import io.ordertrack.api.webhooks.WebhookDispatcher;
import io.ordertrack.api.webhooks.WebhookMetrics;
import io.ordertrack.api.webhooks.WebhookSubscriptions;
import io.ordertrack.api.webhooks.WebhookTargets;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The query API: a Javalin app over Elasticsearch, built from its configuration and client. */
public final class App {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private App() {}

    /**
     * Builds the app, not yet started. The caller owns {@code elasticsearch} and closes it after
     * stopping the app; the app owns its Kafka producer of NDR actions and webhooks and its
     * dispatcher of webhooks out, if Kafka is configured, and closes them when it stops.
     */
    public static Javalin create(ApiConfig config, ElasticsearchClient elasticsearch) {
        var authentication = new ApiKeyAuthentication(config.apiKeys());
        var healthCheck =
                new HealthCheck(
                        new ElasticsearchHealth(elasticsearch),
                        new JobStatusRepository(
                                elasticsearch,
                                config.indices().jobStatus(),
                                config.health().consumerGroup()),
                        config.health().thresholds(),
                        Clock.systemUTC());
        var health = new HealthController(healthCheck);
        var orderRepository =
                new OrderRepository(
                        elasticsearch,
                        config.indices().orders(),
                        config.indices().routing(),
                        config.limits().search());
        var orders = new OrderController(orderRepository);
        Optional<AcknowledgedSends> kafka =
                config.kafka().configured()
                        ? Optional.of(AcknowledgedSends.connect(config.kafka()))
                        : Optional.empty();
        var ndrActions =
                new NdrActionController(
                        orderRepository,
                        kafka.map(sends -> new NdrActionPublisher(sends, config.kafka())),
                        Clock.systemUTC());
        var ingest =
                new IngestController(config.ingest(), kafka, config.kafka(), Clock.systemUTC());
        var tracking = new TrackingController(orderRepository, System::nanoTime);
        var manifests =
                new ManifestController(
                        new ManifestRepository(
                                elasticsearch, config.indices().orders(), config.limits().search()),
                        Clock.systemUTC());
        var returns =
                new ReturnController(
                        new ReturnRepository(
                                elasticsearch, config.indices().orders(), config.limits().search()),
                        Clock.systemUTC());
        var cod =
                new CodController(
                        new CodRepository(
                                elasticsearch, config.indices().cod(), config.limits().search()),
                        Clock.systemUTC());
        // One registry per app, not the client's global one: tests run several apps in one JVM.
        var registry = new PrometheusRegistry();
        var webhookSubscriptions =
                new WebhookSubscriptions(
                        elasticsearch,
                        config.webhooks().subscriptionsIndex(),
                        config.limits().search());
        var deliveryLog =
                new DeliveryLog(
                        elasticsearch,
                        config.webhooks().deliveriesIndex(),
                        config.limits().search());
        Optional<WebhookDispatcher> dispatcher =
                config.kafka().configured()
                        ? Optional.of(
                                new WebhookDispatcher(
                                        elasticsearch,
                                        config.kafka(),
                                        config.webhooks(),
                                        webhookSubscriptions,
                                        deliveryLog,
                                        new WebhookMetrics(registry),
                                        Clock.systemUTC()))
                        : Optional.empty();
        var webhooks =
                new WebhookController(
                        webhookSubscriptions,
                        deliveryLog,
                        dispatcher,
                        new WebhookTargets(config.webhooks().privateTargetsAllowed()),
                        Clock.systemUTC());
        var alerts =
                new AlertController(
                        new AlertRepository(
                                elasticsearch,
                                config.indices().alerts(),
                                config.limits().search()));
        var incidents =
                new IncidentController(
                        new IncidentRepository(
                                elasticsearch,
                                config.indices().alerts(),
                                config.limits().search()));
        var feedHealth =
                new FeedHealthController(
                        new FeedHealthRepository(
                                elasticsearch,
                                config.indices().feedHealth(),
                                config.limits().search()));
        var lowStock =
                new LowStockController(
                        new LowStockRepository(
                                elasticsearch,
                                config.indices().inventory(),
                                config.limits().search()));
        var analytics =
                new AnalyticsController(
                        elasticsearch, config.indices().metrics(), config.limits().search());
        var routing =
                new RoutingController(
                        elasticsearch,
                        config.indices().inventory(),
                        config.indices().metrics(),
                        config.limits().search());
        var routingAnalytics =
                new RoutingAnalyticsController(
                        new RoutingAnalyticsRepository(
                                elasticsearch,
                                config.indices().routing(),
                                config.limits().search()));
        var metrics = new RequestMetrics(registry);
        registry.register(new HealthGauges(healthCheck::check));
        JvmMetrics.builder().register(registry);
        var metricsController = new MetricsController(registry);
        var docs = new DocsController();
        var rateLimiting = new RateLimiting(config.limits().rates(), System::nanoTime);
        return Javalin.create(
                cfg -> {
                    cfg.startup.showJavalinBanner = false;
                    cfg.startup.showOldJavalinVersionWarning = false;
                    cfg.jsonMapper(new JavalinJackson(ElasticsearchClients.objectMapper(), false));
                    cfg.requestLogger.http(new RequestLog(metrics));
                    kafka.ifPresent(
                            producer -> {
                                cfg.events.serverStopped(producer::close);
                                cfg.events.serverStartFailed(producer::close);
                            });
                    dispatcher.ifPresent(
                            sending -> {
                                cfg.events.serverStarted(sending::start);
                                cfg.events.serverStopped(sending::close);
                            });
                    cfg.staticFiles.enableWebjars();
                    cfg.staticFiles.add(ConsoleFiles::configure);
                    cfg.staticFiles.add(TrackingPageFiles::configure);
                    cfg.jetty.modifyServer(
                            server -> server.setErrorHandler(new JsonErrorHandler()));
                    // Host and port are read when the app starts: start(host, port) sets them.
                    cfg.jetty.addConnector(
                            (server, httpConfiguration) ->
                                    ApiConnector.create(
                                            server,
                                            httpConfiguration,
                                            cfg.jetty.host,
                                            cfg.jetty.port));
                    Routes.register(
                            cfg.routes,
                            new RequestIds(),
                            authentication,
                            rateLimiting,
                            new Routes.Controllers(
                                    health,
                                    metricsController,
                                    docs,
                                    orders,
                                    ndrActions,
                                    alerts,
                                    incidents,
                                    feedHealth,
                                    lowStock,
                                    analytics,
                                    routingAnalytics,
                                    routing,
                                    ingest,
                                    tracking,
                                    webhooks,
                                    manifests,
                                    returns,
                                    cod));
                });
    }

    /**
     * Connects to Elasticsearch and starts the app on {@code config.listener().host()} and {@code
     * config.listener().port()}; closing the result stops both.
     */
    public static Running start(ApiConfig config) {
        ElasticsearchClients elasticsearch =
                ElasticsearchClients.create(
                        config.elasticsearch().url(), config.elasticsearch().security());
        try {
            Javalin javalin =
                    create(config, elasticsearch.client())
                            .start(config.listener().host(), config.listener().port());
            LOG.info(
                    "query-api listening on http://{}:{} (orders index '{}', {} API keys, {}"
                            + " webhook source accounts, {})",
                    config.listener().host(),
                    javalin.port(),
                    config.indices().orders(),
                    config.apiKeys().size(),
                    config.ingest().size(),
                    config.kafka().configured()
                            ? "NDR actions to topics '"
                                    + config.kafka().ordersTopic()
                                    + "' and '"
                                    + config.kafka().ndrActionsTopic()
                                    + "'"
                            : "NDR actions and webhooks off: no Kafka configured");
            return new Running(javalin, elasticsearch);
        } catch (RuntimeException e) {
            elasticsearch.close();
            throw e;
        }
    }

    public static void main(String[] args) {
        ApiConfig config;
        try {
            config = ApiConfig.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Running running = start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "query-api-shutdown"));
    }

    /** A started API and the Elasticsearch client it owns. */
    public static final class Running implements AutoCloseable {
        private final Javalin javalin;
        private final ElasticsearchClients elasticsearch;

        private Running(Javalin javalin, ElasticsearchClients elasticsearch) {
            this.javalin = javalin;
            this.elasticsearch = elasticsearch;
        }

        public Javalin javalin() {
            return javalin;
        }

        /** The port actually listened on (useful when configured as 0). */
        public int port() {
            return javalin.port();
        }

        @Override
        public void close() {
            javalin.stop();
            elasticsearch.close();
        }
    }
}
