package io.ordertrack.simulator;

import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.ShipmentStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each courier's API sends for each state of a shipment: its own status code and text ({@code
 * courier-vocabularies.csv}). ordertrack sees only these raw codes and has to normalise them.
 */
public final class CourierVocabulary {
    private static final String RESOURCE = "courier-vocabularies.csv";
    private static final String NDR_PREFIX = "NDR:";
    private static Map<String, CourierVocabulary> all;

    /** A courier's raw code and text. */
    public record RawStatus(String code, String text) {}

    private final String courier;
    private final Map<String, RawStatus> byMeaning;

    private CourierVocabulary(String courier, Map<String, RawStatus> byMeaning) {
        this.courier = courier;
        this.byMeaning = byMeaning;
    }

    /** The couriers the simulator knows, in file order. */
    public static synchronized List<String> couriers() {
        return new ArrayList<>(vocabularies().keySet());
    }

    /** The vocabulary of one courier. */
    public static CourierVocabulary of(String courier) {
        CourierVocabulary vocabulary = vocabularies().get(courier);
        if (vocabulary == null) {
            throw new IllegalArgumentException("unknown courier " + courier);
        }
        return vocabulary;
    }

    /** How this courier reports a shipment status. */
    public RawStatus of(ShipmentStatus status) {
        return lookup(status.name());
    }

    /** How this courier reports a failed delivery for a reason. */
    public RawStatus of(NdrReason reason) {
        return lookup(NDR_PREFIX + reason.name());
    }

    private RawStatus lookup(String meaning) {
        RawStatus raw = byMeaning.get(meaning);
        if (raw == null) {
            throw new IllegalArgumentException(courier + " has no code for " + meaning);
        }
        return raw;
    }

    private static synchronized Map<String, CourierVocabulary> vocabularies() {
        if (all == null) {
            all = read();
        }
        return all;
    }

    private static Map<String, CourierVocabulary> read() {
        Map<String, Map<String, RawStatus>> table = new LinkedHashMap<>();
        try (InputStream in = CourierVocabulary.class.getResourceAsStream(RESOURCE);
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine(); // header
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.split(",", 4);
                table.computeIfAbsent(fields[0], c -> new LinkedHashMap<>())
                        .put(fields[1], new RawStatus(fields[2], fields[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        Map<String, CourierVocabulary> vocabularies = new LinkedHashMap<>();
        table.forEach(
                (courier, codes) ->
                        vocabularies.put(courier, new CourierVocabulary(courier, codes)));
        return vocabularies;
    }
}
