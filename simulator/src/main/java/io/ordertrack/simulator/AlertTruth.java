package io.ordertrack.simulator;

/**
 * One time an order alert condition truly held, and when a perfect observer of the feeds could
 * first have known that it began: what an alert can be measured against, both how right it was and
 * how late. Event times and send times are epoch milliseconds.
 *
 * <p>{@code evidenceAt} is when everything needed to know that the condition began had been sent:
 *
 * <ul>
 *   <li>NDR and COURIER_ERROR: when the scan that raised it was sent, or the manifest naming its
 *       AWB if that came later (a scan cannot be put down to an order before).
 *   <li>NOT_PICKED, STUCK_IN_TRANSIT, OFD_NOT_DELIVERED and EDD_BREACH, which begin with time: the
 *       latest of {@code startAt}, the sending of every event of the order that happened by {@code
 *       startAt}, and the time the order's courier account (seller × courier) had been heard from
 *       past {@code startAt}: when its first scan that happened at or after {@code startAt} was
 *       sent. Until then a later scan of the order may still come in; for an account sending in
 *       batches that is a batch time. When the account is never heard from past {@code startAt},
 *       the end of the run stands in: the time its last record was sent (a feed that ends says that
 *       nothing more will come).
 * </ul>
 *
 * @param type NOT_PICKED, STUCK_IN_TRANSIT, OFD_NOT_DELIVERED, NDR, COURIER_ERROR or EDD_BREACH
 * @param tenantId the seller
 * @param orderId the order
 * @param courier the order's courier
 * @param startAt the event time the condition began, by the true events (for the alerts the oracle
 *     expects, their {@code dueAt})
 * @param endAt the event time it stopped holding: NOT_PICKED at pickup or cancellation,
 *     STUCK_IN_TRANSIT at the next scan, OFD_NOT_DELIVERED at the outcome, NDR when delivered or
 *     returning (RTO initiated or further), COURIER_ERROR at the next status, EDD_BREACH when the
 *     journey is over (delivered, back at origin, lost); null while it still held at the end of the
 *     story
 * @param evidenceAt when the condition could first be known to have begun (send time, never before
 *     {@code startAt})
 * @param detail NDR: the final number of failed attempts and the severity they come to ({@code
 *     attempts 3, CRITICAL}); EDD_BREACH: the promised date and whether the breach was foreseen as
 *     the day began or found at its end; otherwise null
 */
public record AlertTruth(
        String type,
        String tenantId,
        String orderId,
        String courier,
        long startAt,
        Long endAt,
        long evidenceAt,
        String detail) {}
