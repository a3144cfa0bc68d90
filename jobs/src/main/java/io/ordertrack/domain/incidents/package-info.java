/**
 * Incidents no single order shows: a courier hub that stopped moving parcels on (HubStalls) and an
 * input feed that went quiet or changed (FeedHealth: a courier's scans, a seller's sales channel or
 * warehouse), decided on the feeds' own clocks, so a replay decides alike. Wired into the job by
 * {@code jobs.incidents.IncidentWatch} and {@code jobs.incidents.FeedWatch}.
 */
package io.ordertrack.domain.incidents;
