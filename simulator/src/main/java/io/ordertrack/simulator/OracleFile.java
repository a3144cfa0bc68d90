package io.ordertrack.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes an oracle as JSON Lines: one {@code summary} line, then one line per {@code order}, {@code
 * stock} level, expected {@code alert}, {@code alertTruth} of the alert timeline and {@code cod}
 * parcel's cash, and, only in runs that inject them, one per {@code incident} (last, so readers of
 * the other lines can skip them). Field order and map keys are fixed, so the same run always writes
 * the same bytes.
 */
public final class OracleFile {
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private OracleFile() {}

    public static void write(Oracle oracle, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(oracle, out);
        }
    }

    public static void write(Oracle oracle, Writer out) throws IOException {
        line(out, "summary", oracle.summary());
        for (Oracle.OrderTruth order : oracle.orders()) {
            line(out, "order", order);
        }
        for (Oracle.StockTruth level : oracle.stock()) {
            line(out, "stock", level);
        }
        for (ExpectedAlert alert : oracle.alerts()) {
            line(out, "alert", alert);
        }
        for (AlertTruth truth : oracle.alertTimeline()) {
            line(out, "alertTruth", truth);
        }
        for (Oracle.CodTruth parcel : oracle.cod()) {
            line(out, "cod", parcel);
        }
        for (InjectedIncident incident : oracle.incidents()) {
            line(out, "incident", incident);
        }
        out.flush();
    }

    private static void line(Writer out, String kind, Object value) throws IOException {
        JSON.writeValue(out, Map.of(kind, value));
        out.write('\n');
    }
}
