package io.ordertrack.benchmarks.pipeline;

import io.ordertrack.avro.Manifest;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.benchmarks.CommandLine;
import io.ordertrack.documents.Bucket;
import io.ordertrack.domain.lifecycle.CourierCodes;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.EventValidation;
import io.ordertrack.schemas.RecordKeys;
import io.ordertrack.schemas.UndecodableRecordException;
import io.ordertrack.simulator.Oracle;
import io.ordertrack.simulator.SimulatedRecord;
import io.ordertrack.simulator.Simulation;
import io.ordertrack.simulator.SimulationOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * The peer of the pipeline benchmark: a simulated feed applied the way most order systems do it,
 * each order a row of PostgreSQL read with {@code SELECT ... FOR UPDATE}, moved by the job's own
 * lifecycle code and written back with {@code INSERT ... ON CONFLICT DO UPDATE}, then the
 * dashboard's bucket counts asked with {@code GROUP BY}.
 *
 * <p>Two variants run the same code: one transaction per event, as a typical order service commits
 * each message it consumes, and a batched one, B events per transaction with the changed orders
 * written as one JDBC batch (an order changed twice in a batch is written once, with its latest
 * state). Scans whose AWB no manifest has named yet wait in {@code pending_scans} and are applied
 * when the manifest arrives, as the job holds them. Bad records are skipped, as the job sends them
 * to dead letters; inventory events are not the peer's business.
 *
 * <p>Usage: {@code deploy/local/postgres-peer.sh --orders N [--batch B]}, or {@code PostgresPeer
 * --orders N --jdbc URL [--batch B]}: simulates N orders, runs both variants on fresh tables and
 * prints events/s, the bucket query's latency, and whether the bucket counts equal the oracle's.
 */
public final class PostgresPeer {
    /** Events per transaction of the batched variant when not told otherwise. */
    public static final int DEFAULT_BATCH = 1_000;

    private static final int QUERY_WARM_UP_RUNS = 5;
    private static final int QUERY_RUNS = 30;
    private static final long SIMULATION_SEED = 7;
    private static final AvroCodec<OrderEvent> ORDER_EVENTS = AvroCodec.of(OrderEvent.class);
    private static final AvroCodec<TrackingScan> SCANS = AvroCodec.of(TrackingScan.class);
    private static final AvroCodec<OrderState> STATES = AvroCodec.of(OrderState.class);
    private static final String BUCKET_QUERY =
            "SELECT bucket, count(*) FROM orders WHERE tenant_id = ? GROUP BY bucket";

    /**
     * One run of the peer.
     *
     * @param eventsPerTransaction 1 for the per-event variant, B for the batched one
     * @param events order events and scans applied (held scans count once, when they arrive)
     * @param seconds from the first event read to the last commit
     * @param bucketQueryP50Millis median latency of the bucket query, over every tenant
     * @param bucketQueryMaxMillis its slowest run
     * @param bucketCounts orders per bucket, per tenant, as the bucket query answers
     */
    public record Result(
            int eventsPerTransaction,
            long events,
            double seconds,
            double bucketQueryP50Millis,
            double bucketQueryMaxMillis,
            Map<String, Map<String, Long>> bucketCounts) {

        public double eventsPerSecond() {
            return events / seconds;
        }
    }

    private PostgresPeer() {}

    /**
     * The order events and scans of a simulator run, in feed order: records that do not decode or
     * that fail {@link EventValidation} are left out, and so are inventory events.
     *
     * @return {@link OrderEvent}s and {@link TrackingScan}s
     */
    public static List<SpecificRecord> decode(Iterable<SimulatedRecord> records) {
        List<SpecificRecord> events = new ArrayList<>();
        for (SimulatedRecord record : records) {
            try {
                switch (record.topic()) {
                    case ORDERS -> {
                        OrderEvent event = ORDER_EVENTS.decode(record.value());
                        if (EventValidation.problemOf(event).isEmpty()) {
                            events.add(event);
                        }
                    }
                    case TRACKING -> {
                        TrackingScan scan = SCANS.decode(record.value());
                        if (EventValidation.problemOf(scan).isEmpty()) {
                            events.add(scan);
                        }
                    }
                    case INVENTORY, REMITTANCES -> {}
                }
            } catch (UndecodableRecordException e) {
                // The job sends it to dead letters; it changes no order.
            }
        }
        return events;
    }

    /**
     * Applies events to fresh {@code orders} and {@code pending_scans} tables (earlier ones are
     * dropped), {@code eventsPerTransaction} per transaction, then times the bucket query of every
     * tenant.
     */
    public static Result run(String jdbcUrl, List<SpecificRecord> events, int eventsPerTransaction)
            throws SQLException {
        if (eventsPerTransaction < 1) {
            throw new IllegalArgumentException("eventsPerTransaction must be at least 1");
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            createTables(connection);
            connection.setAutoCommit(false);
            OrderLifecycle lifecycle = new OrderLifecycle(CourierCodes.bundled());
            long began = System.nanoTime();
            try (OrderRows rows = new OrderRows(connection)) {
                int inTransaction = 0;
                for (SpecificRecord event : events) {
                    apply(rows, lifecycle, event);
                    if (++inTransaction == eventsPerTransaction) {
                        rows.commit();
                        inTransaction = 0;
                    }
                }
                rows.commit();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            connection.setAutoCommit(true);
            return timeBucketQuery(connection, eventsPerTransaction, events.size(), seconds);
        }
    }

    private static void createTables(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS orders, pending_scans");
            statement.execute(
                    "CREATE TABLE orders (order_id text PRIMARY KEY, tenant_id text NOT NULL,"
                            + " awb text, bucket text NOT NULL, version bigint NOT NULL,"
                            + " state bytea NOT NULL)");
            statement.execute("CREATE INDEX orders_tenant_awb ON orders (tenant_id, awb)");
            statement.execute("CREATE INDEX orders_bucket ON orders (bucket)");
            statement.execute(
                    "CREATE TABLE pending_scans (id bigserial PRIMARY KEY, tenant_id text NOT NULL,"
                            + " courier text NOT NULL, awb text NOT NULL, scan bytea NOT NULL)");
            statement.execute(
                    "CREATE INDEX pending_scans_shipment ON pending_scans (tenant_id, awb)");
        }
    }

    private static void apply(OrderRows rows, OrderLifecycle lifecycle, SpecificRecord event)
            throws SQLException {
        if (event instanceof OrderEvent orderEvent) {
            OrderState order = rows.order(orderEvent);
            boolean changed = lifecycle.apply(order, orderEvent);
            if (orderEvent.getType() == OrderEventType.MANIFESTED) {
                rows.shipped(order, RecordKeys.shipmentOf(orderEvent));
                Manifest manifest = (Manifest) orderEvent.getDetails();
                for (TrackingScan held :
                        rows.release(
                                orderEvent.getTenantId(),
                                manifest.getCourier(),
                                manifest.getAwb())) {
                    changed |= lifecycle.apply(order, held);
                }
            }
            if (changed) {
                rows.changed(order);
            }
        } else if (event instanceof TrackingScan scan) {
            OrderState order = rows.orderOf(scan);
            if (order == null) {
                rows.hold(scan);
            } else if (lifecycle.apply(order, scan)) {
                rows.changed(order);
            }
        } else {
            throw new IllegalArgumentException("not an order event or a scan: " + event);
        }
    }

    private static Result timeBucketQuery(
            Connection connection, int eventsPerTransaction, long events, double seconds)
            throws SQLException {
        List<String> tenants = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery(
                                "SELECT DISTINCT tenant_id FROM orders ORDER BY tenant_id")) {
            while (rs.next()) {
                tenants.add(rs.getString(1));
            }
        }
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        long[] nanos = new long[tenants.size() * QUERY_RUNS];
        int taken = 0;
        try (PreparedStatement query = connection.prepareStatement(BUCKET_QUERY)) {
            for (String tenant : tenants) {
                for (int run = -QUERY_WARM_UP_RUNS; run < QUERY_RUNS; run++) {
                    long start = System.nanoTime();
                    Map<String, Long> buckets = bucketCounts(query, tenant);
                    if (run >= 0) {
                        nanos[taken++] = System.nanoTime() - start;
                    }
                    counts.put(tenant, buckets);
                }
            }
        }
        Arrays.sort(nanos);
        return new Result(
                eventsPerTransaction,
                events,
                seconds,
                nanos.length == 0 ? 0 : nanos[nanos.length / 2] / 1e6,
                nanos.length == 0 ? 0 : nanos[nanos.length - 1] / 1e6,
                counts);
    }

    private static Map<String, Long> bucketCounts(PreparedStatement query, String tenant)
            throws SQLException {
        query.setString(1, tenant);
        Map<String, Long> buckets = new TreeMap<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                buckets.put(rs.getString(1), rs.getLong(2));
            }
        }
        return buckets;
    }

    /**
     * The rows of one connection: its statements, and the orders read or changed in the open
     * transaction (locked by it), so that a later event of the same transaction sees the state an
     * earlier one left even before the batch is written.
     */
    private static final class OrderRows implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement selectOrder;
        private final PreparedStatement selectByAwb;
        private final PreparedStatement upsert;
        private final PreparedStatement hold;
        private final PreparedStatement held;
        private final PreparedStatement release;
        private final Map<String, OrderState> open = new HashMap<>();
        private final Map<String, String> orderOfShipment = new HashMap<>();
        private final Set<String> changed = new LinkedHashSet<>();

        OrderRows(Connection connection) throws SQLException {
            this.connection = connection;
            selectOrder =
                    connection.prepareStatement(
                            "SELECT state FROM orders WHERE order_id = ? FOR UPDATE");
            selectByAwb =
                    connection.prepareStatement(
                            "SELECT order_id, state FROM orders WHERE tenant_id = ? AND awb = ?"
                                    + " FOR UPDATE");
            upsert =
                    connection.prepareStatement(
                            "INSERT INTO orders (order_id, tenant_id, awb, bucket, version, state)"
                                    + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (order_id) DO UPDATE"
                                    + " SET awb = excluded.awb, bucket = excluded.bucket,"
                                    + " version = excluded.version, state = excluded.state");
            hold =
                    connection.prepareStatement(
                            "INSERT INTO pending_scans (tenant_id, courier, awb, scan)"
                                    + " VALUES (?, ?, ?, ?)");
            held =
                    connection.prepareStatement(
                            "SELECT scan FROM pending_scans WHERE tenant_id = ? AND awb = ?"
                                    + " AND courier = ? ORDER BY id FOR UPDATE");
            release =
                    connection.prepareStatement(
                            "DELETE FROM pending_scans WHERE tenant_id = ? AND awb = ?"
                                    + " AND courier = ?");
        }

        /** The order an order event is about: its row, or a new order. */
        OrderState order(OrderEvent event) throws SQLException {
            String orderId = RecordKeys.of(event);
            OrderState order = open.get(orderId);
            if (order != null) {
                return order;
            }
            selectOrder.setString(1, orderId);
            try (ResultSet rs = selectOrder.executeQuery()) {
                order =
                        rs.next()
                                ? STATES.decode(rs.getBytes(1))
                                : OrderLifecycle.newOrder(
                                        orderId,
                                        event.getTenantId(),
                                        event.getChannel(),
                                        event.getClientOrderId());
            }
            open.put(orderId, order);
            return order;
        }

        /**
         * The order whose manifest named the scan's shipment, or null. An AWB is unique only within
         * its courier: rows of the same AWB are told apart by the courier in their state.
         */
        OrderState orderOf(TrackingScan scan) throws SQLException {
            String shipment = RecordKeys.of(scan);
            String orderId = orderOfShipment.get(shipment);
            if (orderId != null) {
                return open.get(orderId);
            }
            selectByAwb.setString(1, scan.getTenantId());
            selectByAwb.setString(2, scan.getAwb());
            try (ResultSet rs = selectByAwb.executeQuery()) {
                while (rs.next()) {
                    String candidate = rs.getString(1);
                    OrderState order = open.get(candidate);
                    if (order == null) {
                        order = STATES.decode(rs.getBytes(2));
                    }
                    if (shipment.equals(shipmentOf(order))) {
                        open.put(candidate, order);
                        orderOfShipment.put(shipment, candidate);
                        return order;
                    }
                }
            }
            return null;
        }

        private static String shipmentOf(OrderState order) {
            return order.getCourier() == null || order.getAwb() == null
                    ? null
                    : RecordKeys.shipment(order.getTenantId(), order.getCourier(), order.getAwb());
        }

        /** Scans of this shipment find the order from now on, in this transaction too. */
        void shipped(OrderState order, String shipment) {
            orderOfShipment.put(shipment, order.getOrderId());
        }

        void changed(OrderState order) {
            changed.add(order.getOrderId());
        }

        /** Keeps a scan until the manifest naming its AWB arrives. */
        void hold(TrackingScan scan) throws SQLException {
            hold.setString(1, scan.getTenantId());
            hold.setString(2, scan.getCourier().toUpperCase(Locale.ROOT));
            hold.setString(3, scan.getAwb());
            hold.setBytes(4, SCANS.encode(scan));
            hold.executeUpdate();
        }

        /** The scans held for a shipment, in arrival order, no longer held. */
        List<TrackingScan> release(String tenantId, String courier, String awb)
                throws SQLException {
            List<TrackingScan> scans = new ArrayList<>();
            for (PreparedStatement statement : List.of(held, release)) {
                statement.setString(1, tenantId);
                statement.setString(2, awb);
                statement.setString(3, courier.toUpperCase(Locale.ROOT));
            }
            try (ResultSet rs = held.executeQuery()) {
                while (rs.next()) {
                    scans.add(SCANS.decode(rs.getBytes(1)));
                }
            }
            if (!scans.isEmpty()) {
                release.executeUpdate();
            }
            return scans;
        }

        /** Writes every order changed in the transaction, one upsert each, and commits. */
        void commit() throws SQLException {
            for (String orderId : changed) {
                OrderState order = open.get(orderId);
                upsert.setString(1, orderId);
                upsert.setString(2, order.getTenantId());
                upsert.setString(3, order.getAwb());
                upsert.setString(4, Bucket.of(order).name());
                upsert.setLong(5, order.getVersion());
                upsert.setBytes(6, STATES.encode(order));
                upsert.addBatch();
            }
            if (!changed.isEmpty()) {
                upsert.executeBatch();
            }
            connection.commit();
            open.clear();
            orderOfShipment.clear();
            changed.clear();
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement statement :
                    List.of(selectOrder, selectByAwb, upsert, hold, held, release)) {
                statement.close();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = CommandLine.options(args);
        if (!options.containsKey("orders") || !options.containsKey("jdbc")) {
            throw new IllegalArgumentException("usage: --orders N --jdbc URL [--batch B]");
        }
        int orderCount = Integer.parseInt(options.get("orders"));
        int batch = Integer.parseInt(options.getOrDefault("batch", String.valueOf(DEFAULT_BATCH)));
        if (orderCount < 1 || batch < 1) {
            throw new IllegalArgumentException("--orders and --batch must be at least 1");
        }
        long began = System.nanoTime();
        SimulatedFeed feed = simulate(orderCount);
        System.out.printf(
                Locale.ROOT,
                "simulated %,d orders in %.0f s: %,d records, %,d order events and scans to"
                        + " apply%n",
                orderCount,
                (System.nanoTime() - began) / 1e9,
                feed.records(),
                feed.events().size());
        List<SpecificRecord> events = feed.events();

        Map<String, Map<String, Long>> expected = expectedBuckets(feed.oracle());
        StringBuilder table =
                new StringBuilder(
                        "| variant | events | seconds | events/s | bucket query p50 ms | max ms |"
                                + " bucket counts |\n|---|---|---|---|---|---|---|\n");
        for (int perTransaction : List.of(1, batch)) {
            Result result = run(options.get("jdbc"), events, perTransaction);
            table.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %,d | %.1f | %,.0f | %.2f | %.2f | %s |%n",
                            perTransaction == 1
                                    ? "one transaction per event"
                                    : perTransaction + " events per transaction, batched upserts",
                            result.events(),
                            result.seconds(),
                            result.eventsPerSecond(),
                            result.bucketQueryP50Millis(),
                            result.bucketQueryMaxMillis(),
                            result.bucketCounts().equals(expected)
                                    ? "equal to the oracle's"
                                    : "DIFFER from the oracle's: " + result.bucketCounts()));
        }
        System.out.println();
        System.out.print(table);
        System.out.println("oracle's bucket counts: " + expected);
    }

    /** A simulator run decoded for the peer: its events, how many records it sent, its oracle. */
    private record SimulatedFeed(List<SpecificRecord> events, int records, Oracle oracle) {}

    private static SimulatedFeed simulate(int orderCount) {
        Simulation simulation =
                Simulation.of(SimulationOptions.defaults(SIMULATION_SEED, orderCount));
        List<SimulatedRecord> records = new ArrayList<>();
        simulation.forEachRemaining(records::add);
        return new SimulatedFeed(decode(records), records.size(), simulation.oracle());
    }

    private static Map<String, Map<String, Long>> expectedBuckets(Oracle oracle) {
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        for (Oracle.OrderTruth order : oracle.orders()) {
            expected.computeIfAbsent(order.tenantId(), t -> new TreeMap<>())
                    .merge(order.truth().bucket(), 1L, Long::sum);
        }
        return expected;
    }
}
