package io.ordertrack.benchmarks.risk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a report command puts its table: on the console and in a Markdown file. */
final class ReportTable {
    private ReportTable() {}

    static void publish(String table, Path out) throws IOException {
        System.out.println(table);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table);
        System.out.println("written to " + out);
    }
}
