package io.ordertrack.schemas;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
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

    private final Class<T> type;
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
     * Decodes one message.
     *
     * @throws UndecodableRecordException naming why the bytes are not a readable {@code T}: missing
     *     bytes, a foreign header, an unknown writer schema or a truncated body
     */
    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new UndecodableRecordException("empty record value");
        }
        try {
            return decoder().decode(bytes);
        } catch (BadHeaderException e) {
            throw new UndecodableRecordException(
                    "not Avro single-object encoding: " + e.getMessage());
        } catch (MissingSchemaException e) {
            throw new UndecodableRecordException(
                    "written with a schema unknown to "
                            + type.getSimpleName()
                            + ": "
                            + e.getMessage());
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new UndecodableRecordException(
                    "unreadable " + type.getSimpleName() + " body: " + describe(e));
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
        }
        return decoder;
    }
}
