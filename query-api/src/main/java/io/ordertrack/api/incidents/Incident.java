package io.ordertrack.api.incidents;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An incident as a caller sees it: for a tenant, its own incident alert (its parcels only); for an
 * analyst, the incident alerts of every tenant it concerns taken together. Times are ISO instants
 * as stored; fields an incident does not have (a hub for a silent feed, say) are left out.
 *
 * @param incidentId the incident, shared by its alerts and by the order alerts it explains
 * @param type HUB_STALL or FEED_SILENT
 * @param state OPEN while any of its alerts is open, else RESOLVED
 * @param severity as the alerts say (CRITICAL)
 * @param courier the courier whose hub stalled or whose feed went silent
 * @param hub the stalled hub
 * @param city the stalled hub's city
 * @param channel a silent sales channel
 * @param warehouseId a warehouse whose stock feed went silent
 * @param since when it began
 * @param openedAt when it was detected
 * @param resolvedAt when it was resolved, once resolved
 * @param parcelCount the parcels it concerns (of the caller's tenant, or of all)
 * @param parcels shipment keys ({@code tenant:COURIER:awb}) of up to 100 of them
 * @param tenants the sellers concerned (the caller's own for a tenant; at most 100 named)
 * @param tenantCount how many sellers it concerns
 * @param orderAlerts the order alerts (STUCK_IN_TRANSIT, say) that point at it
 * @param reasons what the seller was told; only for a tenant (they speak to one seller)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Incident(
        String incidentId,
        String type,
        String state,
        String severity,
        String courier,
        String hub,
        String city,
        String channel,
        String warehouseId,
        String since,
        String openedAt,
        String resolvedAt,
        long parcelCount,
        List<String> parcels,
        List<String> tenants,
        long tenantCount,
        long orderAlerts,
        List<String> reasons) {}
