package io.ordertrack.api.feeds;

import java.util.Optional;

/**
 * Which feeds a page is about. Every field is optional and they all combine.
 *
 * @param kind COURIER (tracking scans), CHANNEL (a sales channel's orders) or WAREHOUSE (a
 *     warehouse's stock events)
 * @param name the courier, channel or warehouse
 * @param state OK or SILENT
 */
public record FeedFilter(Optional<String> kind, Optional<String> name, Optional<String> state) {}
