package io.ordertrack.api.manifests;

import io.javalin.http.Context;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.api.security.TenantScope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * HTTP I/O of {@code GET /api/manifests}: the manifest of one warehouse × courier × pickup day, as
 * JSON, CSV or a printable PDF ({@code format}); the parcels are read by {@link
 * ManifestRepository}, written by {@link ManifestCsv} and {@link ManifestPdf}.
 */
public final class ManifestController {
    private static final List<String> FORMATS = List.of("json", "csv", "pdf");

    private final ManifestRepository repository;
    private final Clock clock;

    public ManifestController(ManifestRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public void manifest(Context ctx) {
        TenantScope scope = ApiKeyAuthentication.scope(ctx);
        String tenant = ApiKeyAuthentication.tenantOf(ctx);
        String warehouse = required(ctx, "warehouse");
        String courier = required(ctx, "courier");
        LocalDate day = day(ctx);
        String format = Parameters.queryChoice(ctx, "format", FORMATS).orElse("json");
        List<Manifest.Parcel> parcels;
        try {
            parcels = repository.parcels(scope, tenant, warehouse, courier, day);
        } catch (ManifestRepository.TooManyParcels e) {
            throw Parameters.invalid(
                    "day", "the manifest holds " + e.getMessage() + "; ask the courier's own file");
        }
        Manifest manifest = Manifest.of(tenant, warehouse, courier, day, clock.instant(), parcels);
        switch (format) {
            case "csv" -> {
                attachment(ctx, manifest.fileName("csv"));
                ctx.contentType("text/csv; charset=utf-8")
                        .result(ManifestCsv.of(manifest).getBytes(StandardCharsets.UTF_8));
            }
            case "pdf" -> {
                attachment(ctx, manifest.fileName("pdf"));
                ctx.contentType("application/pdf").result(ManifestPdf.of(manifest));
            }
            default -> ctx.json(manifest);
        }
    }

    private static void attachment(Context ctx, String fileName) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }

    private static String required(Context ctx, String name) {
        return Parameters.queryText(ctx, name)
                .orElseThrow(() -> Parameters.invalid(name, name + " is required"));
    }

    private static LocalDate day(Context ctx) {
        String text = required(ctx, "day");
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw Parameters.invalid("day", "day must be a date like 2026-12-06");
        }
    }
}
