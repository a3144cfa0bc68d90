package io.ordertrack.api.webhooks;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.ordertrack.api.ApiConfig;
import io.ordertrack.avro.Alert;
import io.ordertrack.documents.Index;
import io.ordertrack.documents.IndexBootstrap;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.UndecodableRecordException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the sellers' alert changes to their webhook subscriptions. One thread reads the job's
 * {@code alerts} topic (committed records only) in its own consumer group, keeps one delivery per
 * subscription and change in the {@link DeliveryLog} before it commits the offsets (so no change is
 * lost to a crash), and sends the due deliveries of {@link DeliveryQueue} through the non-blocking
 * {@link WebhookSender}; attempts are recorded off this thread. Each API process delivers the
 * changes of the partitions it reads: when another takes a partition over, it loads that
 * partition's pending deliveries from the log.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private static final Duration LONGEST_POLL = Duration.ofMillis(100);
    private static final Duration SUBSCRIPTIONS_REREAD = Duration.ofSeconds(5);
    private static final Duration RESENT_RESCAN = Duration.ofSeconds(5);
    private static final Duration RESENT_LOOKBACK = Duration.ofMinutes(1);
    private static final Duration SETTLED_MEMORY = Duration.ofMinutes(2);
    private static final Duration ELASTICSEARCH_BACKOFF = Duration.ofSeconds(1);
    private static final int IN_FLIGHT_PER_SUBSCRIPTION = 4;

    private static final AvroCodec<Alert> ALERTS = AvroCodec.of(Alert.class);

    private final ElasticsearchClient elasticsearch;
    private final ApiConfig.Kafka kafka;
    private final ApiConfig.Webhooks settings;
    private final WebhookSubscriptions subscriptions;
    private final DeliveryLog log;
    private final Clock clock;
    private final WebhookMetrics metrics;
    private final WebhookSender sender;
    private final ExecutorService recorder;
    private final ExecutorService resolver;
    private final Thread thread;

    private final DeliveryQueue queue = new DeliveryQueue(IN_FLIGHT_PER_SUBSCRIPTION);
    private final ConcurrentLinkedQueue<WebhookDelivery> settled = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final SubscriptionCache cache = new SubscriptionCache();
    private final Set<Integer> assigned = new HashSet<>();
    private final Map<String, Instant> recentlySettled = new HashMap<>();

    private volatile boolean running = true;
    private volatile boolean ready;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Instant subscriptionsReadAt = Instant.MIN;
    private Instant resentScannedAt;

    /**
     * @param elasticsearch where the subscriptions' and delivery log's indices are made at start
     */
    public WebhookDispatcher(
            ElasticsearchClient elasticsearch,
            ApiConfig.Kafka kafka,
            ApiConfig.Webhooks settings,
            WebhookSubscriptions subscriptions,
            DeliveryLog log,
            WebhookMetrics metrics,
            Clock clock) {
        this.elasticsearch = elasticsearch;
        this.kafka = kafka;
        this.settings = settings;
        this.subscriptions = subscriptions;
        this.log = log;
        this.clock = clock;
        this.metrics = metrics;
        metrics.watchPending(queue::size);
        // One thread per name being resolved: a receiver whose DNS hangs holds only its own.
        this.resolver = Executors.newCachedThreadPool(daemon("webhook-resolver"));
        this.recorder = Executors.newFixedThreadPool(2, daemon("webhook-recorder"));
        this.sender =
                new WebhookSender(
                        new WebhookTargets(settings.privateTargetsAllowed()),
                        settings.timeout(),
                        clock,
                        resolver);
        this.thread = new Thread(this::run, "webhook-dispatcher");
        this.thread.setDaemon(true);
        this.resentScannedAt = clock.instant();
    }

    public void start() {
        thread.start();
    }

    /**
     * Whether subscriptions can be kept: the dispatcher made its indices (a write before that would
     * make an index without their mapping).
     */
    public boolean ready() {
        return ready;
    }

    /** A subscription was just made by this process: its alerts' changes are delivered now on. */
    public void subscribed(WebhookSubscription subscription) {
        cache.add(subscription);
    }

    /** A subscription was just deleted by this process: nothing more is sent to it. */
    public void unsubscribed(WebhookSubscription subscription) {
        cache.remove(subscription);
        commands.add(() -> queue.dropSubscription(subscription.subscriptionId()));
    }

    /** A delivery was just re-sent through this process: sent now if this process delivers it. */
    public void resent(WebhookDelivery delivery) {
        commands.add(
                () -> {
                    if (assigned.contains(delivery.partition())) {
                        queue.add(delivery);
                    }
                });
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> reading = consumer;
        if (reading != null) {
            reading.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recorder.shutdown();
        resolver.shutdown();
        try {
            recorder.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running && !ready) {
            try {
                IndexBootstrap.ensureIndex(
                        elasticsearch, settings.subscriptionsIndex(), Index.WEBHOOK_SUBSCRIPTIONS);
                IndexBootstrap.ensureIndex(
                        elasticsearch, settings.deliveriesIndex(), Index.WEBHOOK_DELIVERIES);
                // Reading alerts before the subscriptions would deliver them to nobody.
                long changes = cache.changes();
                cache.replace(subscriptions.all(), changes);
                subscriptionsReadAt = clock.instant();
                ready = true;
            } catch (Exception e) {
                LOG.warn(
                        "Webhook indices or subscriptions not ready yet, trying again: {}",
                        e.toString());
                pause(ELASTICSEARCH_BACKOFF);
            }
        }
        try (KafkaConsumer<byte[], byte[]> reading =
                new KafkaConsumer<>(
                        consumerProperties(),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            consumer = reading;
            reading.subscribe(List.of(settings.alertsTopic()), new Ownership());
            while (running) {
                try {
                    step(reading);
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    LOG.error("Webhook dispatcher step failed, going on: {}", e.toString(), e);
                    pause(ELASTICSEARCH_BACKOFF);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("Webhook dispatcher stopped: {}", e.toString(), e);
        }
    }

    private void step(KafkaConsumer<byte[], byte[]> reading) {
        Instant now = clock.instant();
        for (Runnable command; (command = commands.poll()) != null; ) {
            command.run();
        }
        rereadSubscriptions(now);
        rescanResent(now);
        settleFinished(now);
        recentlySettled.values().removeIf(at -> at.isBefore(now.minus(SETTLED_MEMORY)));
        for (WebhookDelivery due : queue.takeDue(now)) {
            send(due);
        }
        Duration wait = LONGEST_POLL;
        var nextDue = queue.nextDue();
        if (nextDue.isPresent()) {
            Duration untilDue = Duration.between(now, nextDue.get());
            wait = untilDue.isNegative() ? Duration.ZERO : min(wait, untilDue);
        }
        ConsumerRecords<byte[], byte[]> records = reading.poll(wait);
        if (!records.isEmpty()) {
            keep(reading, records);
        }
    }

    private void send(WebhookDelivery delivery) {
        WebhookSubscription subscription = subscriptionOf(delivery);
        if (subscription == null) {
            // Deleted after this delivery was kept: cancelled, in the log too.
            WebhookDelivery cancelled = delivery.cancelled();
            recorder.execute(() -> record(cancelled));
            settled.add(cancelled);
            return;
        }
        CompletableFuture<WebhookSender.Attempt> attempt;
        try {
            attempt = sender.send(subscription, delivery);
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        attempt.exceptionally(
                        failure ->
                                new WebhookSender.Attempt(
                                        clock.instant(), Optional.empty(), failure.toString()))
                .thenAcceptAsync(
                        result -> {
                            WebhookDelivery after =
                                    delivery.afterAttempt(
                                            result.at(),
                                            result.status(),
                                            result.error(),
                                            settings.retries());
                            metrics.attempted(after);
                            record(after);
                            settled.add(after);
                        },
                        recorder);
    }

    /**
     * The delivery's subscription: from the cache, else as last written (made through another API
     * process moments ago); null once deleted.
     */
    private WebhookSubscription subscriptionOf(WebhookDelivery delivery) {
        WebhookSubscription cached = cache.byId(delivery.subscriptionId());
        if (cached != null) {
            return cached;
        }
        Optional<WebhookSubscription> written = subscriptions.byId(delivery.subscriptionId());
        written.ifPresent(cache::add);
        return written.orElse(null);
    }

    /**
     * Records a delivery's state in the log. One not recorded stays pending there: it is sent again
     * after a restart (at least once, never lost).
     */
    private void record(WebhookDelivery delivery) {
        try {
            log.record(delivery);
        } catch (Exception e) {
            LOG.warn(
                    "Delivery {} now {} but not recorded: {}",
                    delivery.deliveryId(),
                    delivery.state(),
                    e.toString());
        }
    }

    /** Keeps the deliveries of the records' alert changes, then commits their offsets. */
    private void keep(
            KafkaConsumer<byte[], byte[]> reading, ConsumerRecords<byte[], byte[]> records) {
        Instant now = clock.instant();
        List<WebhookDelivery> deliveries = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Alert alert;
            try {
                alert = ALERTS.decode(record.value());
            } catch (UndecodableRecordException e) {
                LOG.warn(
                        "Skipped an unreadable alert at {}-{}@{}: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        e.getMessage());
                continue;
            }
            for (WebhookSubscription subscription : cache.ofTenant(alert.getTenantId())) {
                if (AlertWebhook.wanted(subscription, alert)) {
                    deliveries.add(
                            AlertWebhook.deliveryOf(subscription, alert, record.partition(), now));
                }
            }
        }
        try {
            log.createAll(deliveries).forEach(queue::add);
            reading.commitSync();
        } catch (Exception e) {
            LOG.warn("Alert changes not kept for delivery, reading them again: {}", e.toString());
            for (TopicPartition partition : records.partitions()) {
                reading.seek(partition, records.records(partition).get(0).offset());
            }
            pause(ELASTICSEARCH_BACKOFF);
        }
    }

    private void rereadSubscriptions(Instant now) {
        if (now.isBefore(subscriptionsReadAt.plus(SUBSCRIPTIONS_REREAD))) {
            return;
        }
        subscriptionsReadAt = now;
        long changes = cache.changes();
        try {
            cache.replace(subscriptions.all(), changes);
        } catch (RuntimeException e) {
            LOG.warn("Webhook subscriptions not re-read: {}", e.toString());
        }
    }

    /** Takes in the deliveries re-sent through other API processes, of partitions read here. */
    private void rescanResent(Instant now) {
        if (assigned.isEmpty() || now.isBefore(resentScannedAt.plus(RESENT_RESCAN))) {
            return;
        }
        // A minute back: a re-send written slowly, or by a process whose clock is a little off.
        Instant since = resentScannedAt.minus(RESENT_LOOKBACK);
        try {
            for (WebhookDelivery delivery : log.resentSince(assigned, since)) {
                if (!settledAlready(delivery)) {
                    queue.add(delivery);
                }
            }
            resentScannedAt = now;
        } catch (Exception e) {
            LOG.warn("Re-sent deliveries not read: {}", e.toString());
        }
    }

    /** Takes in the attempts that ended. */
    private void settleFinished(Instant now) {
        for (WebhookDelivery after; (after = settled.poll()) != null; ) {
            queue.settle(after, now);
            recentlySettled.put(settledKey(after), now);
        }
    }

    /** Whether this very re-send of the delivery was settled here already. */
    private boolean settledAlready(WebhookDelivery delivery) {
        return recentlySettled.containsKey(settledKey(delivery));
    }

    private static String settledKey(WebhookDelivery delivery) {
        return delivery.deliveryId() + "@" + delivery.resentAt();
    }

    private Properties consumerProperties() {
        Properties properties = kafka.security().clientProperties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroup());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "ordertrack-webhooks");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new group, a partition added, offsets lost: read from the start, losing no change (a
        // change only becomes deliveries for the subscriptions there are when it is read).
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return properties;
    }

    /** Loads the pending deliveries of the partitions this process now reads; forgets others'. */
    private final class Ownership implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Set<Integer> taken = new HashSet<>();
            partitions.forEach(partition -> taken.add(partition.partition()));
            while (running) {
                try {
                    // The previous reader's last deliveries and attempts, searchable now.
                    log.refresh();
                    log.pending(taken).forEach(queue::add);
                    assigned.addAll(taken);
                    return;
                } catch (Exception e) {
                    LOG.warn("Pending deliveries not loaded, trying again: {}", e.toString());
                    pause(ELASTICSEARCH_BACKOFF);
                }
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Set<Integer> given = new HashSet<>();
            partitions.forEach(partition -> given.add(partition.partition()));
            assigned.removeAll(given);
            awaitInFlight(given);
            queue.dropPartitions(given);
        }
    }

    /**
     * Waits for the attempts in flight of partitions given away to be recorded, so that the next
     * reader loads them as they ended and no late record of this process overwrites its own.
     */
    private void awaitInFlight(Set<Integer> partitions) {
        Instant deadline = clock.instant().plus(settings.timeout()).plus(ELASTICSEARCH_BACKOFF);
        while (queue.inFlight(partitions) > 0 && clock.instant().isBefore(deadline)) {
            settleFinished(clock.instant());
            pause(Duration.ofMillis(20));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
