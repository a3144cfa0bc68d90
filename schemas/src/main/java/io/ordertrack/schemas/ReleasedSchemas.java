package io.ordertrack.schemas;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.CohortMetrics;
import io.ordertrack.avro.CustomerHistory;
import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.MetricChange;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderRisk;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.OutcomeReport;
import io.ordertrack.avro.RoutingQueue;
import io.ordertrack.avro.ShipmentFacts;
import io.ordertrack.avro.StockChange;
import io.ordertrack.avro.StockState;
import io.ordertrack.avro.TrackingScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The schema-compatibility gate. The released version of every topic schema is kept in {@code
 * schemas/released/}; a current schema may change only in ways that let new readers read old data
 * and old readers read new data (full compatibility).
 *
 * <p>Run {@code main} with the released folder as argument to release the current schemas, once a
 * change has passed the gate.
 */
public final class ReleasedSchemas {
    /**
     * The schemas of the topics, and of the job state that savepoints carry from one release to the
     * next: every one of them is released and gated.
     */
    public static final List<Schema> GATED_SCHEMAS =
            List.of(
                    OrderEvent.getClassSchema(),
                    TrackingScan.getClassSchema(),
                    InventoryEvent.getClassSchema(),
                    Alert.getClassSchema(),
                    OrderState.getClassSchema(),
                    StockChange.getClassSchema(),
                    StockState.getClassSchema(),
                    OutcomeReport.getClassSchema(),
                    OrderRisk.getClassSchema(),
                    CustomerHistory.getClassSchema(),
                    ShipmentFacts.getClassSchema(),
                    MetricChange.getClassSchema(),
                    CohortMetrics.getClassSchema(),
                    RoutingQueue.getClassSchema());

    private ReleasedSchemas() {}

    /** Where the released version of a schema is kept. */
    public static Path releasedFile(Path releasedDir, Schema schema) {
        return releasedDir.resolve(schema.getName() + ".avsc");
    }

    /** Reads a released schema, self-contained (named types expanded). */
    public static Schema readReleased(Path releasedDir, Schema current) throws IOException {
        return new Schema.Parser().parse(releasedFile(releasedDir, current).toFile());
    }

    /**
     * What breaks between a released and a current schema, both ways; empty when they are fully
     * compatible.
     */
    public static List<String> incompatibilities(Schema released, Schema current) {
        List<String> problems = new ArrayList<>();
        describe(
                "new reader on old data",
                SchemaCompatibility.checkReaderWriterCompatibility(current, released),
                problems);
        describe(
                "old reader on new data",
                SchemaCompatibility.checkReaderWriterCompatibility(released, current),
                problems);
        return problems;
    }

    private static void describe(
            String direction, SchemaPairCompatibility result, List<String> problems) {
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            result.getResult()
                    .getIncompatibilities()
                    .forEach(
                            i ->
                                    problems.add(
                                            direction
                                                    + ": "
                                                    + i.getType()
                                                    + " at "
                                                    + i.getLocation()
                                                    + " ("
                                                    + i.getMessage()
                                                    + ")"));
        }
    }

    /** Releases the current schemas into the folder given as first argument. */
    public static void main(String[] args) throws IOException {
        Path releasedDir = Path.of(args.length > 0 ? args[0] : "schemas/released");
        Files.createDirectories(releasedDir);
        for (Schema schema : GATED_SCHEMAS) {
            Files.writeString(releasedFile(releasedDir, schema), schema.toString(true) + "\n");
        }
    }
}
