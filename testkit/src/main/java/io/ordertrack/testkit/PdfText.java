package io.ordertrack.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The text of a PDF as a reader other than the one that wrote it sees it: Debian's {@code
 * pdftotext} (poppler-utils, installed when missing), with the page layout kept so that a table's
 * row stays on one line.
 */
public final class PdfText {
    static final Path PDFTOTEXT = Path.of("/usr/bin/pdftotext");
    static final Path PDFINFO = Path.of("/usr/bin/pdfinfo");

    private PdfText() {}

    /** The text of every page of the PDF, in reading order. */
    public static String of(byte[] pdf) {
        return run(pdf, PDFTOTEXT.toString(), "-layout", "-enc", "UTF-8", "%s", "-");
    }

    /** What {@code pdfinfo} says of the PDF (pages, page size, title, ...). */
    public static String info(byte[] pdf) {
        return run(pdf, PDFINFO.toString(), "%s");
    }

    private static String run(byte[] pdf, String... command) {
        DebianPackages.ensure(List.of(PDFTOTEXT, PDFINFO), "poppler-utils");
        try {
            Path file = Files.createTempFile("ordertrack", ".pdf");
            try {
                Files.write(file, pdf);
                String[] resolved =
                        List.of(command).stream()
                                .map(part -> part.equals("%s") ? file.toString() : part)
                                .toArray(String[]::new);
                Process process = new ProcessBuilder(resolved).redirectErrorStream(true).start();
                String output =
                        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    throw new IllegalStateException(
                            command[0] + " could not read the PDF: " + output);
                }
                return output;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a PDF", e);
        }
    }
}
