package io.ordertrack.schemas;

import org.apache.avro.Schema;

/**
 * Walks an Avro binary body along its writer's schema before anything decodes it, and refuses a
 * body that declares more than it holds: a string or bytes length longer than the bytes left, more
 * array items or map entries than bytes left, a union branch or enum symbol the schema lacks, an
 * over-long varint.
 *
 * <p>Avro's own decoder allocates a declared length before reading it, so an 18-byte record that
 * declares a 2 GB string takes 2 GB of heap (or throws past the array limit). Once a body has
 * passed this walk, decoding it allocates at most a small multiple of its size. The walk itself
 * allocates nothing and visits each byte once; the items of all arrays and maps together may not
 * outnumber the body's bytes, so even zero-width items cannot make it loop for long.
 */
final class DeclaredLengths {
    private final byte[] bytes;
    private int position;
    private long itemsLeft;

    private DeclaredLengths(byte[] bytes, int offset) {
        this.bytes = bytes;
        this.position = offset;
        this.itemsLeft = bytes.length - (long) offset;
    }

    /**
     * Checks the body that starts at {@code offset} of {@code bytes}.
     *
     * @throws UndecodableRecordException naming the first declaration the body cannot hold
     */
    static void check(Schema writer, byte[] bytes, int offset) {
        new DeclaredLengths(bytes, offset).value(writer);
    }

    private void value(Schema schema) {
        switch (schema.getType()) {
            case NULL -> {}
            case BOOLEAN -> skip(1, "boolean");
            case INT -> varint(5, "int");
            case LONG -> varint(10, "long");
            case FLOAT -> skip(4, "float");
            case DOUBLE -> skip(8, "double");
            case FIXED -> skip(schema.getFixedSize(), schema.getName());
            case STRING -> skip(length("string"), "string");
            case BYTES -> skip(length("bytes"), "bytes");
            case ENUM ->
                    index(schema.getEnumSymbols().size(), "symbol of enum " + schema.getName());
            case UNION -> value(schema.getTypes().get(index(schema.getTypes().size(), "branch")));
            case RECORD -> schema.getFields().forEach(field -> value(field.schema()));
            case ARRAY -> blocks(schema.getElementType(), false);
            case MAP -> blocks(schema.getValueType(), true);
        }
    }

    /** Array items or map entries come in blocks: a count (negative: followed by a byte size). */
    private void blocks(Schema item, boolean keyed) {
        String what = keyed ? "map entries" : "array items";
        for (long count = varint(10, what); count != 0; count = varint(10, what)) {
            if (count < 0) {
                count = -count;
                length(what + " block"); // its byte size only has to fit: items are walked anyway
            }
            if (count < 0 || count > remaining() || count > itemsLeft) {
                throw refused(count + " " + what, remaining());
            }
            itemsLeft -= count;
            for (long i = 0; i < count; i++) {
                if (keyed) {
                    skip(length("map key"), "map key");
                }
                value(item);
            }
        }
    }

    private long length(String what) {
        long length = varint(10, what + " length");
        if (length < 0 || length > remaining()) {
            throw refused("a " + what + " of " + length + " bytes", remaining());
        }
        return length;
    }

    private int index(int size, String what) {
        long index = varint(5, what);
        if (index < 0 || index >= size) {
            throw new UndecodableRecordException("declares " + what + " " + index + " of " + size);
        }
        return (int) index;
    }

    private void skip(long count, String what) {
        if (count > remaining()) {
            throw refused("a " + what + " of " + count + " bytes", remaining());
        }
        position += (int) count;
    }

    /** Reads a zig-zag varint of at most {@code maxBytes} bytes. */
    private long varint(int maxBytes, String what) {
        long raw = 0;
        for (int shift = 0, read = 0; ; shift += 7, read++) {
            if (read == maxBytes) {
                throw new UndecodableRecordException("declares an over-long " + what);
            }
            if (position >= bytes.length) {
                throw new UndecodableRecordException("ends inside " + what);
            }
            int b = bytes[position++] & 0xFF;
            raw |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
    }

    private int remaining() {
        return bytes.length - position;
    }

    private static UndecodableRecordException refused(String declared, int left) {
        return new UndecodableRecordException(
                "declares " + declared + " with " + left + " bytes left");
    }
}
