package io.ordertrack.jobs;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.CodParcel;
import io.ordertrack.avro.CustomerNotification;
import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.Remittance;
import io.ordertrack.avro.RoutingQuestion;
import io.ordertrack.avro.StockChange;
import io.ordertrack.avro.StockState;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.documents.Index;
import io.ordertrack.domain.incidents.AlertFolding.Held;
import io.ordertrack.domain.lifecycle.CourierCodes;
import io.ordertrack.jobs.analytics.MetricsRollup;
import io.ordertrack.jobs.analytics.ShipmentAnalytics;
import io.ordertrack.jobs.cod.CodLedger;
import io.ordertrack.jobs.cod.RemittancePayments;
import io.ordertrack.jobs.elasticsearch.ElasticsearchSink;
import io.ordertrack.jobs.elasticsearch.IndexedDocument;
import io.ordertrack.jobs.health.JobHeartbeat;
import io.ordertrack.jobs.incidents.FeedWatch;
import io.ordertrack.jobs.incidents.IncidentFold;
import io.ordertrack.jobs.incidents.IncidentWatch;
import io.ordertrack.jobs.indexing.AlertDocuments;
import io.ordertrack.jobs.indexing.AlertWrites;
import io.ordertrack.jobs.indexing.CodDocuments;
import io.ordertrack.jobs.indexing.FeedHealthDocuments;
import io.ordertrack.jobs.indexing.InventoryDocuments;
import io.ordertrack.jobs.indexing.MetricDocuments;
import io.ordertrack.jobs.indexing.OrderDocuments;
import io.ordertrack.jobs.indexing.RoutingDocuments;
import io.ordertrack.jobs.ingest.CatchUpReportingSource;
import io.ordertrack.jobs.ingest.DeadLetter;
import io.ordertrack.jobs.ingest.DeadLetterSplitter;
import io.ordertrack.jobs.ingest.Decoded;
import io.ordertrack.jobs.ingest.DecodingDeserializer;
import io.ordertrack.jobs.ingest.PartitionClocks;
import io.ordertrack.jobs.inventory.InventoryLedger;
import io.ordertrack.jobs.inventory.WarehouseChanges;
import io.ordertrack.jobs.notifications.NotificationContent;
import io.ordertrack.jobs.publish.AlertSerializer;
import io.ordertrack.jobs.publish.DeadLetterSerializer;
import io.ordertrack.jobs.publish.KafkaDeadLetters;
import io.ordertrack.jobs.publish.NotificationSerializer;
import io.ordertrack.jobs.risk.OrderChange;
import io.ordertrack.jobs.risk.RtoRiskScorer;
import io.ordertrack.jobs.risk.ScoredOrder;
import io.ordertrack.jobs.routing.RoutingAudit;
import io.ordertrack.jobs.routing.RoutingQuestions;
import io.ordertrack.jobs.tracking.FeedClockReading;
import io.ordertrack.jobs.tracking.FeedClocks;
import io.ordertrack.jobs.tracking.OrderTracker;
import io.ordertrack.jobs.tracking.RoutedScan;
import io.ordertrack.jobs.tracking.ShipmentRouter;
import io.ordertrack.jobs.tracking.ShipmentUpdate;
import io.ordertrack.jobs.tracking.TrackerInput;
import io.ordertrack.schemas.EventValidation;
import io.ordertrack.schemas.RecordKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The order tracking job: order events, courier scans, warehouse stock events and couriers' COD
 * remittances in; the live view of every order, the stock of every SKU at every warehouse, the cash
 * of every COD parcel and the alerts on them out to Elasticsearch (and the alerts to Kafka);
 * unreadable records, scans no manifest ever named and documents Elasticsearch refuses out to dead
 * letters.
 *
 * <p>The inventory ledger runs in this job rather than in a job of its own because orders move
 * stock: the tracker's stock changes reach it through the job's own exactly-once state, with no
 * intermediate topic to keep consistent.
 *
 * <pre>
 * orders ──decode──┬── manifests ─┐
 *                  │              ├─ ShipmentRouter (by courier + AWB) ─┐
 * tracking ─decode─┼──────────────┘                                     ├─ OrderTracker (by order)
 *                  └── order events ────────────────────────────────────┘    │ orders    │ outcomes (broadcast)
 *                                                                            ▼           ▼
 *                                            RtoRiskScorer (by customer) ─► orders index
 *                                                                            │ stock changes
 * inventory ─decode─ warehouse changes ──► InventoryLedger (by SKU × warehouse) ◄┘
 *                                            └──► inventory index
 * (router) routed scans ──► IncidentWatch (by courier) ──► HUB_STALL, FEED_SILENT, one per tenant
 * placed orders + inventory ──► FeedWatch (by tenant) ──► FEED_SILENT of a channel or warehouse
 *                                 (both watches) feed figures ──► feed-health index
 * (tracker) alerts + (incident watch) held parcels ──► IncidentFold (by courier): late-parcel alerts
 *                                            an open incident explains point at it
 * (tracker) COD deliveries ─┐
 * remittances ─decode─ cash per parcel ─┴─► CodLedger (by courier + AWB) ──► cod index
 *                                            └──► COD_REMITTANCE_OVERDUE past the courier's cycle
 * (fold, scorer, ledgers, both watches) alerts ──► alerts topic + alerts index
 * (tracker) shipment facts + stuck alerts ──► ShipmentAnalytics (by order) ──► MetricsRollup (by cohort)
 *                                            └──► order-metrics index
 * (ledger) accepted stock changes + placed orders ──► RoutingAudit (by tenant) ──► order-routing index
 * (decoders, router) ──► dead-letters
 * (decoders) watermarks ──► JobHeartbeat (one subtask) ──► job-status index, on every checkpoint
 * </pre>
 */
public final class OrderTrackingJob {
    /** The job's name on a Flink cluster. */
    public static final String NAME = "ordertrack-order-tracking";

    /** How long an applied inventory event is remembered, so that a redelivery changes nothing. */
    private static final Duration REDELIVERY_WINDOW = Duration.ofDays(7);

    /**
     * How late after its own time a record may arrive and still be taken in event-time order where
     * that order matters (the routing audit's stock just before each placement); the watermark
     * itself follows arrivals, behind nothing but the slowest partition.
     */
    private static final Duration ROUTING_DISORDER = Duration.ofMinutes(10);

    /**
     * How long the watermark stands still, with nothing read, before the tracker applies the
     * records waiting for it: the last records of a feed that stops, or of a partition not yet
     * taken for idle.
     */
    private static final Duration TRACKER_QUIET = Duration.ofSeconds(5);

    /** How long the feed clocks operator remembers how each courier feed advanced. */
    private static final Duration FEED_CLOCKS_KEPT = Duration.ofDays(1);

    /**
     * How long a partition without records is waited for before it is taken for idle; also how long
     * the risk scorer, the inventory ledger and the routing audit wait for quiet feeds before they
     * take what they hold. Not less: while a lagging partition holds the watermark back, the
     * tracker holds its records and sends nothing for as long, and what the operators after it took
     * then would be taken early, so differently in each replay (ReplayIT saw RTO risk scores differ
     * with the scorer waiting 15 s).
     */
    private static final Duration IDLE_PARTITION = Duration.ofMinutes(1);

    /**
     * How long the watermark stands still, with nothing read, before the incident watch applies the
     * scans waiting for it: as long as a partition takes to be taken for idle. A busy machine reads
     * nothing for seconds at times (checkpoint alignment, a starved core); scans applied then,
     * ahead of the watermark, pass the silence reviews due before them, and a courier feed outage
     * goes unseen. Incidents are judged on silences of half an hour and more: a minute costs them
     * nothing.
     */
    private static final Duration INCIDENTS_QUIET = IDLE_PARTITION;

    /**
     * How long an open transaction of the alerts and dead-letters sinks may last: the broker's
     * default ceiling ({@code transaction.max.timeout.ms}), long enough to ride out a restart.
     */
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    /** Where the job reads its four input streams from. */
    public record Sources(
            Source<Decoded<OrderEvent>, ?, ?> orders,
            Source<Decoded<TrackingScan>, ?, ?> scans,
            Source<Decoded<InventoryEvent>, ?, ?> inventory,
            Source<Decoded<Remittance>, ?, ?> remittances) {

        /** The Kafka topics of a config, from the committed offsets (else the earliest). */
        public static Sources kafka(OrderTrackingConfig config) {
            return new Sources(
                    kafkaSource(
                            config,
                            config.topics().orders(),
                            new DecodingDeserializer<>(
                                    OrderEvent.class,
                                    EventValidation::problemOf,
                                    OrderEvent::getEventTime,
                                    config.recordLimits(),
                                    Clock.systemUTC())),
                    kafkaSource(
                            config,
                            config.topics().tracking(),
                            new DecodingDeserializer<>(
                                    TrackingScan.class,
                                    EventValidation::problemOf,
                                    TrackingScan::getEventTime,
                                    config.recordLimits(),
                                    Clock.systemUTC())),
                    kafkaSource(
                            config,
                            config.topics().inventory(),
                            new DecodingDeserializer<>(
                                    InventoryEvent.class,
                                    EventValidation::problemOf,
                                    InventoryEvent::getEventTime,
                                    config.recordLimits(),
                                    Clock.systemUTC())),
                    kafkaSource(
                            config,
                            config.topics().remittances(),
                            new DecodingDeserializer<>(
                                    Remittance.class,
                                    EventValidation::problemOf,
                                    Remittance::getEventTime,
                                    config.recordLimits(),
                                    Clock.systemUTC())));
        }
    }

    /**
     * Where the job writes: the indices, the alerts and notifications topics and the dead letters.
     * The feed-health index is written only with {@code incidents.enabled}.
     */
    public record Sinks(
            Sink<IndexedDocument> orders,
            Sink<IndexedDocument> inventory,
            Sink<IndexedDocument> alertIndex,
            Sink<IndexedDocument> metrics,
            Sink<Alert> alertTopic,
            Sink<CustomerNotification> notificationTopic,
            Sink<DeadLetter> deadLetters,
            Sink<IndexedDocument> routing,
            Sink<IndexedDocument> feedHealth,
            Sink<IndexedDocument> cod) {

        /** The Elasticsearch indices and Kafka topics of a config. */
        public static Sinks of(OrderTrackingConfig config) {
            return new Sinks(
                    indexSink(config, config.indices().orders(), Index.ORDERS),
                    indexSink(config, config.indices().inventory(), Index.INVENTORY),
                    indexSink(config, config.indices().alerts(), Index.ALERTS),
                    indexSink(config, config.indices().metrics(), Index.ORDER_METRICS),
                    exactlyOnce(
                                    KafkaSink.<Alert>builder()
                                            .setRecordSerializer(
                                                    new AlertSerializer(config.topics().alerts())),
                                    config,
                                    "alerts")
                            .build(),
                    exactlyOnce(
                                    KafkaSink.<CustomerNotification>builder()
                                            .setRecordSerializer(
                                                    new NotificationSerializer(
                                                            config.topics().notifications())),
                                    config,
                                    "notifications")
                            .build(),
                    exactlyOnce(
                                    KafkaSink.<DeadLetter>builder()
                                            .setRecordSerializer(
                                                    new DeadLetterSerializer(
                                                            config.topics().deadLetters())),
                                    config,
                                    "dead-letters")
                            .build(),
                    indexSink(config, config.indices().routing(), Index.ORDER_ROUTING),
                    indexSink(config, config.indices().feedHealth(), Index.FEED_HEALTH),
                    indexSink(config, config.indices().cod(), Index.COD));
        }

        /**
         * A Kafka sink whose records become visible to {@code read_committed} consumers once the
         * checkpoint that covers them completes, so that a restart from a checkpoint never sends an
         * alert or a dead letter twice. Transactional ids start with the consumer group, which
         * names one deployment of the job.
         */
        private static <T> KafkaSinkBuilder<T> exactlyOnce(
                KafkaSinkBuilder<T> builder, OrderTrackingConfig config, String output) {
            Properties producer = config.kafka().security().clientProperties();
            producer.setProperty(
                    ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                    String.valueOf(TRANSACTION_TIMEOUT.toMillis()));
            return builder.setBootstrapServers(config.kafka().bootstrapServers())
                    .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                    .setTransactionalIdPrefix(config.kafka().consumerGroup() + "-" + output)
                    .setKafkaProducerConfig(producer);
        }
    }

    private final Sources sources;
    private final Sinks sinks;
    private final OrderTrackingConfig config;

    public OrderTrackingJob(Sources sources, Sinks sinks, OrderTrackingConfig config) {
        this.sources = sources;
        this.sinks = sinks;
        this.config = config;
    }

    /** Entry point on a Flink cluster and in the shaded job jar. */
    public static void main(String[] args) throws Exception {
        OrderTrackingConfig config = OrderTrackingConfig.from(args, System.getenv());
        KafkaTopics.ensureExist(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        enableCheckpointing(env, config);
        fromConfig(config).defineWorkflow(env);
        env.execute(NAME);
    }

    /**
     * Checkpoints every {@code checkpoint.interval}, and never sooner than that after the previous
     * checkpoint completed: a full snapshot of a large heap state takes seconds, and without the
     * pause the job would checkpoint back to back, one of its cores doing nothing else. While a
     * source is catching up ({@link CatchUpReportingSource}) every {@code
     * checkpoint.interval-while-catching-up} instead: a snapshot costs as much however few records
     * it covers, and a backlog's records are not waited for.
     */
    public static void enableCheckpointing(
            StreamExecutionEnvironment env, OrderTrackingConfig config) {
        long interval = config.checkpoints().interval().toMillis();
        env.enableCheckpointing(interval);
        env.getCheckpointConfig().setMinPauseBetweenCheckpoints(interval);
        env.getCheckpointConfig()
                .setCheckpointIntervalDuringBacklog(
                        config.checkpoints().whileCatchingUp().toMillis());
    }

    /** The job reading and writing the real Kafka topics and Elasticsearch indices of a config. */
    public static OrderTrackingJob fromConfig(OrderTrackingConfig config) {
        return new OrderTrackingJob(Sources.kafka(config), Sinks.of(config), config);
    }

    private static Sink<IndexedDocument> indexSink(
            OrderTrackingConfig config, String alias, Index index) {
        return ElasticsearchSink.builder()
                .url(config.elasticsearch().url())
                .security(config.elasticsearch().security())
                .index(alias, index)
                .maxBatchActions(config.elasticsearch().bulkMaxActions())
                .flushInterval(config.elasticsearch().bulkFlushInterval())
                .catchUp(
                        new ElasticsearchSink.CatchUp(
                                config.writes().orders().liveLag(),
                                config.writes().orders().catchUpDelay()))
                .onRejected(
                        new KafkaDeadLetters(
                                config.kafka().bootstrapServers(),
                                config.kafka().security(),
                                config.topics().deadLetters(),
                                alias))
                .build();
    }

    /**
     * Adds the job's operators to an environment. Records pass between chained operators without a
     * copy (object reuse): no function here keeps or changes a record it was handed by a chained
     * one. What an operator keeps in state comes to it over the network, decoded afresh, and a
     * record it hands on crosses the network, encoded at once, or becomes a document.
     */
    public void defineWorkflow(StreamExecutionEnvironment env) {
        env.getConfig().enableObjectReuse();
        SingleOutputStreamOperator<OrderEvent> orders =
                decode(env, sources.orders(), OrderEvent.class, "orders");
        SingleOutputStreamOperator<TrackingScan> scans =
                decode(env, sources.scans(), TrackingScan.class, "tracking");

        SingleOutputStreamOperator<RoutedScan> routedScans =
                orders.filter(event -> event.getType() == OrderEventType.MANIFESTED)
                        .uid("manifests")
                        .name("manifests")
                        .keyBy(RecordKeys::shipmentOf, Types.STRING)
                        .connect(scans.keyBy(RecordKeys::of, Types.STRING))
                        .process(
                                new ShipmentRouter(
                                        config.retention().state(),
                                        config.holding().timeout(),
                                        config.holding().minWait(),
                                        config.holding().maxScans(),
                                        config.topics().tracking()))
                        .uid("shipment-router")
                        .name("shipment-router");

        DataStream<FeedClockReading> feedClocks =
                routedScans
                        .keyBy(FeedClocks::feedOf, Types.STRING)
                        .process(new FeedClocks(FEED_CLOCKS_KEPT))
                        .uid("feed-clocks")
                        .name("feed-clocks");
        SingleOutputStreamOperator<OrderChange> trackedOrders =
                orders.map(TrackerInput::of)
                        .uid("order-events-to-tracker")
                        .name("order-events-to-tracker")
                        .union(
                                routedScans
                                        .map(TrackerInput::of)
                                        .uid("routed-scans-to-tracker")
                                        .name("routed-scans-to-tracker"))
                        .keyBy(TrackerInput::orderOf, Types.STRING)
                        .connect(feedClocks.broadcast(OrderTracker.FEED_CLOCKS))
                        .process(
                                new OrderTracker(
                                        config.retention().state(),
                                        config.retention().finished(),
                                        config.alerts().thresholds(),
                                        config.alerts().feedWaits(),
                                        config.writes().orders(),
                                        config.topics().orders(),
                                        config.topics().tracking(),
                                        TRACKER_QUIET))
                        .uid("order-tracker")
                        .name("order-tracker");
        SingleOutputStreamOperator<ScoredOrder> scoredOrders =
                trackedOrders
                        .keyBy(RtoRiskScorer::keyOf, Types.STRING)
                        .connect(
                                trackedOrders
                                        .getSideOutput(OrderTracker.OUTCOMES)
                                        .broadcast(
                                                RtoRiskScorer.TALLIES,
                                                RtoRiskScorer.RECENT,
                                                RtoRiskScorer.TRANSIT_HOURS,
                                                RtoRiskScorer.TRANSIT_RECENT))
                        .process(
                                new RtoRiskScorer(
                                        config.risk().settings(),
                                        config.risk().learning(),
                                        config.risk().predictDelivery()
                                                ? config.risk().delivery()
                                                : null,
                                        config.retention().state(),
                                        IDLE_PARTITION))
                        .uid("rto-risk-scorer")
                        .name("rto-risk-scorer");
        scoredOrders
                .map(new OrderDocuments())
                .uid("order-documents")
                .name("order-documents")
                .sinkTo(sinks.orders())
                .uid("orders-index-sink")
                .name("orders-index-sink");

        SingleOutputStreamOperator<InventoryEvent> inventory =
                decode(env, sources.inventory(), InventoryEvent.class, "inventory");
        SingleOutputStreamOperator<StockState> stock =
                inventory
                        .map(new WarehouseChanges())
                        .uid("warehouse-changes")
                        .name("warehouse-changes")
                        .union(trackedOrders.getSideOutput(OrderTracker.STOCK_CHANGES))
                        .keyBy(RecordKeys::of, Types.STRING)
                        .process(
                                new InventoryLedger(
                                        config.alerts().stockRules(),
                                        REDELIVERY_WINDOW,
                                        IDLE_PARTITION))
                        .uid("inventory-ledger")
                        .name("inventory-ledger");
        stock.map(new InventoryDocuments(config.alerts().stockRules()))
                .uid("inventory-documents")
                .name("inventory-documents")
                .sinkTo(sinks.inventory())
                .uid("inventory-index-sink")
                .name("inventory-index-sink");

        SingleOutputStreamOperator<OrderEvent> placed =
                orders.filter(event -> event.getType() == OrderEventType.PLACED)
                        .uid("placements")
                        .name("placements");
        DataStream<RoutingQuestion> placements =
                placed.flatMap(new RoutingQuestions())
                        .uid("routing-questions")
                        .name("routing-questions");
        stock.getSideOutput(InventoryLedger.ACCEPTED_CHANGES)
                .keyBy(StockChange::getTenantId, Types.STRING)
                .connect(placements.keyBy(RoutingQuestion::getTenantId, Types.STRING))
                .process(new RoutingAudit(ROUTING_DISORDER, IDLE_PARTITION))
                .uid("routing-audit")
                .name("routing-audit")
                .map(new RoutingDocuments())
                .uid("routing-documents")
                .name("routing-documents")
                .sinkTo(sinks.routing())
                .uid("routing-index-sink")
                .name("routing-index-sink");

        SingleOutputStreamOperator<Remittance> remittances =
                decode(env, sources.remittances(), Remittance.class, "remittances");
        SingleOutputStreamOperator<CodParcel> codParcels =
                trackedOrders
                        .getSideOutput(OrderTracker.COD_DELIVERIES)
                        .keyBy(CodLedger::keyOf, Types.STRING)
                        .connect(
                                remittances
                                        .flatMap(new RemittancePayments())
                                        .uid("remittance-payments")
                                        .name("remittance-payments")
                                        .keyBy(CodLedger::keyOf, Types.STRING))
                        .process(
                                new CodLedger(
                                        config.cod().remittanceCycle(),
                                        config.cod().reportGrace(),
                                        config.cod().retention()))
                        .uid("cod-ledger")
                        .name("cod-ledger");
        codParcels
                .map(new CodDocuments(config.cod().remittanceCycle()))
                .uid("cod-documents")
                .name("cod-documents")
                .sinkTo(sinks.cod())
                .uid("cod-index-sink")
                .name("cod-index-sink");

        DataStream<Alert> parcelAlerts = trackedOrders.getSideOutput(OrderTracker.ALERTS);
        DataStream<Alert> alerts =
                scoredOrders
                        .getSideOutput(RtoRiskScorer.ALERTS)
                        .union(
                                stock.getSideOutput(InventoryLedger.ALERTS),
                                codParcels.getSideOutput(CodLedger.ALERTS));
        if (config.incidents().enabled()) {
            SingleOutputStreamOperator<Alert> incidents =
                    routedScans
                            .keyBy(IncidentWatch::courierOf, Types.STRING)
                            .process(
                                    new IncidentWatch(
                                            config.incidents().settings(),
                                            CourierCodes.bundled(),
                                            INCIDENTS_QUIET))
                            .uid("incident-watch")
                            .name("incident-watch");
            parcelAlerts =
                    parcelAlerts
                            .keyBy(IncidentFold::courierOf, Types.STRING)
                            .connect(
                                    incidents
                                            .getSideOutput(IncidentWatch.HELD)
                                            .keyBy(Held::courier, Types.STRING))
                            .process(new IncidentFold())
                            .uid("incident-fold")
                            .name("incident-fold");
            SingleOutputStreamOperator<Alert> silentSellerFeeds =
                    placed.keyBy(OrderEvent::getTenantId, Types.STRING)
                            .connect(inventory.keyBy(InventoryEvent::getTenantId, Types.STRING))
                            .process(new FeedWatch(config.incidents().settings()))
                            .uid("feed-watch")
                            .name("feed-watch");
            alerts = alerts.union(incidents, silentSellerFeeds);
            incidents
                    .getSideOutput(IncidentWatch.FEED_HEALTH)
                    .union(silentSellerFeeds.getSideOutput(IncidentWatch.FEED_HEALTH))
                    .map(new FeedHealthDocuments())
                    .uid("feed-health-documents")
                    .name("feed-health-documents")
                    .sinkTo(sinks.feedHealth())
                    .uid("feed-health-index-sink")
                    .name("feed-health-index-sink");
        }
        trackedOrders
                .getSideOutput(OrderTracker.NOTIFICATIONS)
                .map(new NotificationContent(config.notifications().trackingUrl()))
                .uid("notification-content")
                .name("notification-content")
                .sinkTo(sinks.notificationTopic())
                .uid("notifications-topic-sink")
                .name("notifications-topic-sink");
        alerts = alerts.union(parcelAlerts);
        alerts.sinkTo(sinks.alertTopic()).uid("alerts-topic-sink").name("alerts-topic-sink");
        alerts.keyBy(Alert::getAlertId, Types.STRING)
                .process(new AlertWrites(config.writes().orders()))
                .uid("alert-writes")
                .name("alert-writes")
                .map(new AlertDocuments())
                .uid("alert-documents")
                .name("alert-documents")
                .sinkTo(sinks.alertIndex())
                .uid("alerts-index-sink")
                .name("alerts-index-sink");

        trackedOrders
                .getSideOutput(OrderTracker.SHIPMENTS)
                .keyBy(ShipmentUpdate::getOrderId, Types.STRING)
                .connect(
                        trackedOrders
                                .getSideOutput(OrderTracker.ALERTS)
                                .filter(ShipmentAnalytics::isStuckAlert)
                                .uid("stuck-alerts")
                                .name("stuck-alerts")
                                .keyBy(Alert::getOrderId, Types.STRING))
                .process(new ShipmentAnalytics(config.retention().state()))
                .uid("shipment-analytics")
                .name("shipment-analytics")
                .keyBy(MetricsRollup::keyOf, Types.STRING)
                .process(
                        new MetricsRollup(
                                config.writes().metricsFlushInterval(),
                                config.writes().orders(),
                                config.retention().state()))
                .uid("metrics-rollup")
                .name("metrics-rollup")
                .map(new MetricDocuments())
                .uid("metric-documents")
                .name("metric-documents")
                .sinkTo(sinks.metrics())
                .uid("metrics-index-sink")
                .name("metrics-index-sink");

        orders.getSideOutput(DeadLetterSplitter.DEAD_LETTERS)
                .union(
                        scans.getSideOutput(DeadLetterSplitter.DEAD_LETTERS),
                        inventory.getSideOutput(DeadLetterSplitter.DEAD_LETTERS),
                        remittances.getSideOutput(DeadLetterSplitter.DEAD_LETTERS),
                        routedScans.getSideOutput(DeadLetterSplitter.DEAD_LETTERS),
                        trackedOrders.getSideOutput(DeadLetterSplitter.DEAD_LETTERS))
                .sinkTo(sinks.deadLetters())
                .uid("dead-letters-sink")
                .name("dead-letters-sink");

        // Progress, watermarks and consumer lag for the API's /health (design: it reads ES only).
        List<JobHeartbeat.Input> inputs =
                List.of(
                        new JobHeartbeat.Input("orders", config.topics().orders(), orders),
                        new JobHeartbeat.Input("tracking", config.topics().tracking(), scans),
                        new JobHeartbeat.Input("inventory", config.topics().inventory(), inventory),
                        new JobHeartbeat.Input(
                                "remittances", config.topics().remittances(), remittances));
        JobHeartbeat.attach(
                NAME,
                new JobHeartbeat.Target(
                        config.kafka().bootstrapServers(),
                        config.kafka().security(),
                        config.kafka().consumerGroup(),
                        inputs.stream().map(JobHeartbeat.Input::topic).toList(),
                        config.elasticsearch().url(),
                        config.elasticsearch().security(),
                        config.indices().jobStatus()),
                inputs);
    }

    private static <T> SingleOutputStreamOperator<T> decode(
            StreamExecutionEnvironment env,
            Source<Decoded<T>, ?, ?> source,
            Class<T> type,
            String topic) {
        WatermarkStrategy<Decoded<T>> watermarks = Decoded.watermarks(IDLE_PARTITION);
        return env.fromSource(source, watermarks, topic + "-source")
                .uid(topic + "-source")
                .transform(topic + "-arrivals", Decoded.typeOf(type), new PartitionClocks<T>())
                .uid(topic + "-arrivals")
                .process(new DeadLetterSplitter<>(type))
                .uid(topic + "-decoded")
                .name(topic + "-decoded");
    }

    /**
     * A topic from the committed offsets (else the earliest), telling Flink while it catches up.
     */
    private static <T extends org.apache.avro.specific.SpecificRecord>
            Source<Decoded<T>, ?, ?> kafkaSource(
                    OrderTrackingConfig config,
                    String topic,
                    DecodingDeserializer<T> deserializer) {
        KafkaSource<Decoded<T>> source =
                KafkaSource.<Decoded<T>>builder()
                        .setBootstrapServers(config.kafka().bootstrapServers())
                        .setProperties(config.kafka().security().clientProperties())
                        .setTopics(topic)
                        .setGroupId(config.kafka().consumerGroup())
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(deserializer)
                        .setProperty("commit.offsets.on.checkpoint", "true")
                        .build();
        return new CatchUpReportingSource<>(
                source,
                source.getProducedType(),
                Decoded::eventTimeOf,
                config.writes().orders().liveLag());
    }
}
