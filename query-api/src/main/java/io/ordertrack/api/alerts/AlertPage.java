package io.ordertrack.api.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A page of alert documents as stored; {@code next} is null on the last page. */
public record AlertPage(List<ObjectNode> alerts, long total, boolean totalExact, String next) {}
