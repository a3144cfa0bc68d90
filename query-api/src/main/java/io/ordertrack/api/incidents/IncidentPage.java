package io.ordertrack.api.incidents;

import java.util.List;

/**
 * A page of incidents, newest first; {@code total} incidents in all (exact when {@code
 * totalExact}), {@code next} null on the last page.
 */
public record IncidentPage(List<Incident> incidents, long total, boolean totalExact, String next) {}
