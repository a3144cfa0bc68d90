/**
 * Whether an order was shipped from the warehouse the fulfilment planner would have chosen
 * (RoutingJudge).
 */
package io.ordertrack.domain.routing;
