package io.ordertrack.api.feeds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A page of feed health documents as stored; {@code next} is null on the last page. */
public record FeedHealthPage(List<ObjectNode> feeds, long total, boolean totalExact, String next) {}
