package io.ordertrack.domain.lifecycle;

import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Each courier's raw status codes mapped to the normalised shipment status (and NDR reason). The
 * mapping is data: one table per courier under {@code couriers/} (in the schemas module, which the
 * API's ingest gateway shares for the couriers it knows), listed in {@code couriers/couriers.txt};
 * supporting a courier or a new code means editing a table, not code.
 */
public final class CourierCodes implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String FOLDER = "/couriers/";

    /** What a raw code means. */
    public record Meaning(ShipmentStatus status, NdrReason ndrReason) implements Serializable {}

    private final Map<String, Map<String, Meaning>> byCourier;

    private CourierCodes(Map<String, Map<String, Meaning>> byCourier) {
        this.byCourier = byCourier;
    }

    /** The tables shipped with ordertrack. */
    public static CourierCodes bundled() {
        Map<String, Map<String, Meaning>> tables = new HashMap<>();
        for (String line : lines("couriers.txt")) {
            String[] entry = line.split("\\s+");
            tables.put(entry[0].toUpperCase(Locale.ROOT), table(entry[1]));
        }
        return new CourierCodes(tables);
    }

    /** The meaning of a courier's raw code, or empty when the code (or courier) is unknown. */
    public Optional<Meaning> meaningOf(String courier, String rawCode) {
        Map<String, Meaning> table = byCourier.get(courier.toUpperCase(Locale.ROOT));
        return table == null ? Optional.empty() : Optional.ofNullable(table.get(rawCode));
    }

    /**
     * The meaning of a scan: the normalised status it carries when its courier sends one, else its
     * raw code's by the courier's table; empty when neither says.
     */
    public Optional<Meaning> meaningOf(TrackingScan scan) {
        if (scan.getStatus() != null && scan.getStatus() != ShipmentStatus.UNKNOWN) {
            return Optional.of(new Meaning(scan.getStatus(), scan.getNdrReason()));
        }
        return meaningOf(scan.getCourier(), scan.getRawCode());
    }

    private static Map<String, Meaning> table(String file) {
        Map<String, Meaning> table = new HashMap<>();
        boolean header = true;
        for (String line : lines(file)) {
            if (header) {
                header = false;
                continue;
            }
            String[] fields = line.split(",", -1);
            NdrReason reason = fields[2].isBlank() ? null : NdrReason.valueOf(fields[2]);
            table.put(fields[0], new Meaning(ShipmentStatus.valueOf(fields[1]), reason));
        }
        return table;
    }

    private static java.util.List<String> lines(String file) {
        try (InputStream in = CourierCodes.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("no courier table " + FOLDER + file);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
