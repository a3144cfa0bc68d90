/**
 * Incidents no single order shows: a courier hub that stopped moving parcels on (HubStalls) and a
 * courier feed that went quiet or changed (FeedHealth), decided on the feeds' own clocks, so a
 * replay decides alike. Not yet wired into the job.
 */
package io.ordertrack.domain.incidents;
