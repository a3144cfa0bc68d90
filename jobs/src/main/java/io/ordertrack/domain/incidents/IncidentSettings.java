package io.ordertrack.domain.incidents;

import java.io.Serializable;
import java.time.Duration;

/**
 * The thresholds of hub stalls and feed silence. Both compare a silence with what the usual rate
 * would have brought: the hub's onward scans (or the courier's arriving scans) per waiting (or
 * live) parcel, for each hour of the day, over the last {@code historyDays}, times the parcels
 * there now. So a busy hub is judged in hours and a quiet one never on a handful of parcels, and
 * nights, when destination hubs move nothing, are not mistaken for stalls.
 *
 * @param stallMoves HUB_STALL: no onward scan while the usual rate would have moved this many of
 *     its waiting parcels [15]
 * @param minWaitingParcels HUB_STALL: a hub with fewer parcels due to move on is never stalled [20]
 * @param resumeMoves HUB_STALL: resolves once this many parcels moved on from the hub within an
 *     hour (one parcel whose earlier scans arrive late can look as if it moved) [3]
 * @param catchUp HUB_STALL: after its scans stopped arriving for {@code minSilence}, a courier's
 *     hubs are not judged for this long, while the held scans arrive and its clock jumps [1 h]
 * @param silentScans FEED_SILENT: no scan arriving while the usual rate would have brought this
 *     many [20]
 * @param minSilence FEED_SILENT: never for a shorter silence [30 min]
 * @param minLiveParcels FEED_SILENT: a courier with fewer live parcels is never silent [20]
 * @param liveFor a parcel not delivered, returned or lost counts as live this long after its last
 *     scan [48 h]
 * @param forgetAfter a parcel waiting at a hub (or ended) is forgotten this long after its last
 *     scan: the bound on memory for parcels that never move again [7 days]
 * @param historyDays days of hourly history the usual rates come from [3]
 * @param reviewEvery how often, on the feeds' clock, silences are reviewed [5 min]
 * @param parcelsListed the parcels an incident names; the others are only counted [100]
 * @param unknownCodesKept distinct unknown codes counted per courier; later ones are not [500]
 * @param lagsKept arrival lags per courier the percentiles are taken from (the latest) [1000]
 */
public record IncidentSettings(
        double stallMoves,
        int minWaitingParcels,
        int resumeMoves,
        Duration catchUp,
        double silentScans,
        Duration minSilence,
        int minLiveParcels,
        Duration liveFor,
        Duration forgetAfter,
        int historyDays,
        Duration reviewEvery,
        int parcelsListed,
        int unknownCodesKept,
        int lagsKept)
        implements Serializable {

    public static final IncidentSettings DEFAULT =
            new IncidentSettings(
                    15,
                    20,
                    3,
                    Duration.ofHours(1),
                    20,
                    Duration.ofMinutes(30),
                    20,
                    Duration.ofHours(48),
                    Duration.ofDays(7),
                    3,
                    Duration.ofMinutes(5),
                    100,
                    500,
                    1000);

    public IncidentSettings {
        if (!(stallMoves > 0) || !(silentScans > 0)) {
            throw new IllegalArgumentException("stallMoves and silentScans must be positive");
        }
        if (minWaitingParcels < 1 || minLiveParcels < 1 || resumeMoves < 1) {
            throw new IllegalArgumentException("minimum parcels must be at least 1");
        }
        if (historyDays < 1 || parcelsListed < 1 || unknownCodesKept < 1 || lagsKept < 1) {
            throw new IllegalArgumentException("history and list sizes must be at least 1");
        }
    }
}
