/**
 * When an order needs a seller's attention: the conditions of each alert type (OrderAlerts) with
 * their thresholds, how late courier feeds are waited for (FeedClock, FeedWaits), and how alerts
 * open, change and resolve (AlertBook).
 */
package io.ordertrack.domain.alerts;
