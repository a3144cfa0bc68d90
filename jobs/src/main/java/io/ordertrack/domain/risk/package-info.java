/**
 * The RTO risk of an order: its score from the rates learned per signal (RtoRisk), and when an
 * outcome is learned so that replays score alike (RtoLearning, RecentOutcomes).
 */
package io.ordertrack.domain.risk;
