package io.ordertrack.schemas;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12.2 refuses to instantiate generated classes outside trusted packages, and a Flink job
 * that hits the refusal restarts in a loop. Trusting our own package in code means no JVM (test,
 * task manager, tool) depends on remembering a {@code -D} flag.
 */
public final class TrustedAvroClasses {
    /** The package the Avro schemas generate their classes into. */
    public static final String PACKAGE = "io.ordertrack.avro";

    private static boolean trusted;

    private TrustedAvroClasses() {}

    /** Adds the generated package to Avro's global trust; idempotent. */
    public static synchronized void trust() {
        if (trusted) {
            return;
        }
        ClassSecurityValidator.ClassSecurityPredicate existing = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(
                ClassSecurityValidator.composite(
                        existing, type -> type.getPackageName().equals(PACKAGE)));
        trusted = true;
    }
}
