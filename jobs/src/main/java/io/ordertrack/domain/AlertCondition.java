package io.ordertrack.domain;

import io.ordertrack.avro.AlertSeverity;
import java.util.List;

/** Why an alert's condition holds, and how bad it is. */
public record AlertCondition(AlertSeverity severity, List<String> reasons) {}
