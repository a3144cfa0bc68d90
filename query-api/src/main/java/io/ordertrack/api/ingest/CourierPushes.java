package io.ordertrack.api.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.avro.ScanLocation;
import io.ordertrack.avro.TrackingScan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Couriers' tracking webhooks as {@link TrackingScan}s with the courier's own code: the job maps
 * the code to a status by its courier tables, as for every feed.
 *
 * <ul>
 *   <li>{@link PushFormat#DELHIVERY} ({@code {"Shipment": {"AWB", "NSLCode", "Status": {"Status",
 *       "StatusDateTime", "StatusLocation", "Instructions"}}}}): one scan, whose id is the
 *       webhook's.
 *   <li>{@link PushFormat#SCAN_LIST} ({@code {"awb", "courier_name", "scans": [{"date", "status",
 *       "activity", "location"}]}}): an aggregator's push repeats the scans it sent before, so each
 *       scan's id is derived from what it says (courier, AWB, time, code, location): the same scan
 *       in any push, or any redelivery, is the same event.
 * </ul>
 */
final class CourierPushes {
    private static final String DELHIVERY = "DELHIVERY";

    /** Names the derivation of a listed scan's id, so that another one never gives the same ids. */
    private static final String SCAN_ID_NAMESPACE = "ordertrack/scan-list/v1";

    /** {@code Chandigarh_Raiprkln_C (Chandigarh)}: a hub with its city in parentheses. */
    private static final Pattern HUB_CITY = Pattern.compile(".*\\(([^()]+)\\)\\s*");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The couriers of the job's code tables, by their name's letters ({@code ECOMEXPRESS}). */
    private static final List<String> KNOWN_COURIERS = knownCouriers();

    private CourierPushes() {}

    /**
     * The scans of a courier's webhook {@code push}, pushed by {@code source} as {@code webhookId}.
     */
    static List<TrackingScan> scansOf(IngestSource source, String webhookId, JsonNode push)
            throws Unmappable {
        return switch (source.format()) {
            case DELHIVERY -> List.of(delhiveryScan(source, webhookId, push));
            case SCAN_LIST -> listedScans(source, push);
            default -> throw new IllegalArgumentException("not a courier's: " + source.format());
        };
    }

    private static TrackingScan delhiveryScan(IngestSource source, String webhookId, JsonNode push)
            throws Unmappable {
        JsonNode shipment = PushFields.object(push, "Shipment");
        JsonNode status = PushFields.object(shipment, "Status");
        String text = PushFields.optional(status, "Instructions");
        return scan(
                webhookId,
                source.tenantId(),
                DELHIVERY,
                PushFields.required(shipment, "AWB"),
                PushFields.time(status, "StatusDateTime"),
                PushFields.required(shipment, "NSLCode"),
                text != null ? text : PushFields.optional(status, "Status"),
                PushFields.optional(status, "StatusLocation"));
    }

    private static List<TrackingScan> listedScans(IngestSource source, JsonNode push)
            throws Unmappable {
        String awb = PushFields.required(push, "awb");
        String courier = courierNamed(PushFields.required(push, "courier_name"));
        List<TrackingScan> scans = new ArrayList<>();
        for (JsonNode listed : PushFields.array(push, "scans")) {
            Instant time = PushFields.time(listed, "date");
            String code = PushFields.required(listed, "status");
            String location = PushFields.optional(listed, "location");
            String id =
                    "scan-"
                            + UUID.nameUUIDFromBytes(
                                    JSON.createArrayNode()
                                            .add(SCAN_ID_NAMESPACE)
                                            .add(source.tenantId())
                                            .add(courier)
                                            .add(awb)
                                            .add(time.toEpochMilli())
                                            .add(code)
                                            .add(location)
                                            .toString()
                                            .getBytes(StandardCharsets.UTF_8));
            scans.add(
                    scan(
                            id,
                            source.tenantId(),
                            courier,
                            awb,
                            time,
                            code,
                            PushFields.optional(listed, "activity"),
                            location));
        }
        return scans;
    }

    private static TrackingScan scan(
            String id,
            String tenantId,
            String courier,
            String awb,
            Instant time,
            String code,
            String text,
            String location) {
        return TrackingScan.newBuilder()
                .setEventId(id)
                .setEventTime(time)
                .setTenantId(tenantId)
                .setCourier(courier)
                .setAwb(awb)
                .setStatus(null)
                .setNdrReason(null)
                .setRawCode(code)
                .setRawText(text)
                .setLocation(location == null ? null : locationOf(location))
                .build();
    }

    private static ScanLocation locationOf(String location) {
        Matcher city = HUB_CITY.matcher(location);
        return new ScanLocation(location, city.matches() ? city.group(1).strip() : null, null);
    }

    /**
     * The courier an aggregator names ({@code Delhivery Surface}, {@code Blue Dart}, {@code Ecom
     * Express Air}): the known courier its name's letters start with.
     */
    private static String courierNamed(String name) throws Unmappable {
        String letters = lettersOf(name);
        for (String courier : KNOWN_COURIERS) {
            if (letters.startsWith(lettersOf(courier))) {
                return courier;
            }
        }
        throw new Unmappable("courier '" + name + "' is not one ordertrack has codes for");
    }

    private static String lettersOf(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    private static List<String> knownCouriers() {
        try (InputStream in = CourierPushes.class.getResourceAsStream("/couriers/couriers.txt")) {
            if (in == null) {
                throw new IllegalStateException("no courier list /couriers/couriers.txt");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\\s+")[0].toUpperCase(Locale.ROOT))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
