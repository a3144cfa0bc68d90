package io.ordertrack.api.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A page of low-stock documents as stored, with the number of all of them ({@code total}, exact up
 * to 10,000, past that at least 10,000 and {@code totalExact} false) and the cursor of the next
 * page, null on the last.
 */
public record StockPage(List<ObjectNode> stock, long total, boolean totalExact, String next) {}
