package io.ordertrack.api.analytics;

/**
 * The RTO rate of a courier's shipments.
 *
 * @param courier the courier, e.g. DELHIVERY
 * @param ended its shipments that ended, delivered or RTO
 * @param rtoRate RTO ÷ ended
 */
public record CourierRto(String courier, long ended, Rate rtoRate) {}
