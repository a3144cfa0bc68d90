package io.ordertrack.schemas;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding of one record type: marker {@code C3 01}, the 8-byte fingerprint of
 * the writer's schema, then the binary body. No schema registry is needed: a reader knows the
 * schemas it can read, and the fingerprint tells which one wrote a message.
 *
 * <p>Instances are serializable (Flink ships them to task managers); the Avro encoder and decoder
 * are rebuilt lazily on the receiving side.
 *
 * @param <T> the generated record class
 */
public final class AvroCodec<T extends SpecificRecord> implements Serializable {
    private static final long serialVersionUID = 1L;

    static {
        TrustedAvroClasses.trust();
    }

    /** Single-object encoding: the marker, then the writer schema's 8-byte fingerprint. */
    private static final byte[] MARKER = {(byte) 0xC3, 0x01};

    private static final int HEADER_LENGTH = MARKER.length + Long.BYTES;

    private final Class<T> type;
    private transient Map<Long, Schema> writers;
    private transient BinaryMessageEncoder<T> encoder;
    private transient BinaryMessageDecoder<T> decoder;

    private AvroCodec(Class<T> type) {
        this.type = type;
    }

    /** The codec of a generated record class. */
    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type) {
        return new AvroCodec<>(type);
    }

    /** The schema this codec writes and reads. */
    public Schema schema() {
        return SpecificData.get().getSchema(type);
    }

    /** Encodes a record with its schema fingerprint in front. */
    public byte[] encode(T record) {
        try {
            ByteBuffer buffer = encoder().encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes one message written with the current schema or any released version of it (resolved
     * to the current one).
     *
     * <p>No message makes this allocate more than a small multiple of its own size: the body is
     * first checked against every length it declares ({@link DeclaredLengths}).
     *
     * @throws UndecodableRecordException naming why the bytes are not a readable {@code T}: missing
     *     bytes, a foreign header, an unknown writer schema, a length the body cannot hold or a
     *     truncated body
     */
    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new UndecodableRecordException("empty record value");
        }
        Schema writer = writerOf(bytes);
        try {
            DeclaredLengths.check(writer, bytes, HEADER_LENGTH);
            return decoder().decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new UndecodableRecordException(
                    "unreadable " + type.getSimpleName() + " body: " + describe(e));
        }
    }

    /** The schema a message names in its header, if this codec knows it. */
    private Schema writerOf(byte[] bytes) {
        if (bytes.length < HEADER_LENGTH || bytes[0] != MARKER[0] || bytes[1] != MARKER[1]) {
            throw new UndecodableRecordException(
                    "not Avro single-object encoding: no C3 01 header of "
                            + HEADER_LENGTH
                            + " bytes");
        }
        long fingerprint =
                ByteBuffer.wrap(bytes, MARKER.length, Long.BYTES)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getLong();
        Schema writer = writers().get(fingerprint);
        if (writer == null) {
            throw new UndecodableRecordException(
                    "written with a schema unknown to "
                            + type.getSimpleName()
                            + ": fingerprint "
                            + Long.toHexString(fingerprint));
        }
        return writer;
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The current schema and every released version, by their 64-bit fingerprints. */
    private Map<Long, Schema> writers() {
        if (writers == null) {
            Map<Long, Schema> known = new HashMap<>();
            ReleasedSchemas.releasedVersions(schema())
                    .forEach(s -> known.put(SchemaNormalization.parsingFingerprint64(s), s));
            known.put(SchemaNormalization.parsingFingerprint64(schema()), schema());
            writers = known;
        }
        return writers;
    }

    private BinaryMessageEncoder<T> encoder() {
        if (encoder == null) {
            encoder = new BinaryMessageEncoder<>(SpecificData.getForClass(type), schema());
        }
        return encoder;
    }

    private BinaryMessageDecoder<T> decoder() {
        if (decoder == null) {
            decoder = new BinaryMessageDecoder<>(SpecificData.getForClass(type), schema());
            writers().values().forEach(decoder::addSchema);
        }
        return decoder;
    }
}
