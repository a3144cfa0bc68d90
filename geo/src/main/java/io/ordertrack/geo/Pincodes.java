package io.ordertrack.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The 19,238 Indian PIN codes shipped with the simulator (GeoNames postal code data, CC BY 4.0, one
 * row per PIN: representative post office, district, state, mean coordinates, number of post
 * offices).
 */
public final class Pincodes {
    private static final String RESOURCE = "india-pincodes.csv.gz";
    private static Pincodes all;

    private final List<Place> places;
    private final Map<String, Place> byPincode;

    private Pincodes(List<Place> places) {
        this.places = Collections.unmodifiableList(places);
        Map<String, Place> index = new LinkedHashMap<>();
        places.forEach(place -> index.put(place.pincode(), place));
        this.byPincode = Collections.unmodifiableMap(index);
    }

    /** Every PIN code, in file order (ascending PIN). */
    public static synchronized Pincodes all() {
        if (all == null) {
            all = new Pincodes(read());
        }
        return all;
    }

    public List<Place> places() {
        return places;
    }

    /** The place of a PIN code, if the directory has it. */
    public Optional<Place> find(String pincode) {
        return Optional.ofNullable(byPincode.get(pincode));
    }

    /** The place of a PIN code; throws for an unknown one. */
    public Place place(String pincode) {
        Place place = byPincode.get(pincode);
        if (place == null) {
            throw new IllegalArgumentException("unknown PIN code " + pincode);
        }
        return place;
    }

    private static List<Place> read() {
        try (InputStream in = Pincodes.class.getResourceAsStream(RESOURCE);
                BufferedReader reader =
                        new BufferedReader(
                                new InputStreamReader(
                                        new GZIPInputStream(in), StandardCharsets.UTF_8))) {
            List<Place> places = new ArrayList<>();
            reader.readLine(); // header
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                places.add(parse(line));
            }
            return places;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** One CSV row: pincode,place,district,state,lat,lng,post_offices (place may be quoted). */
    static Place parse(String line) {
        List<String> fields = new ArrayList<>(7);
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return new Place(
                fields.get(0),
                fields.get(1),
                fields.get(2),
                fields.get(3),
                Double.parseDouble(fields.get(4)),
                Double.parseDouble(fields.get(5)),
                Integer.parseInt(fields.get(6)));
    }
}
