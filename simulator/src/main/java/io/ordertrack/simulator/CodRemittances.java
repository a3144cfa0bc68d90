package io.ordertrack.simulator;

import io.ordertrack.avro.PaymentMode;
import io.ordertrack.avro.Remittance;
import io.ordertrack.avro.RemittanceLine;
import io.ordertrack.documents.SellersTime;
import io.ordertrack.simulator.Oracle.CodTruth;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What couriers remit of the cash they collect: every three days at 11:00 IST each courier pays
 * each seller, in one remittance, the COD parcels it delivered at least two days before. Most
 * parcels are paid in full on time; some late (past the cycle), short (never made good, or made
 * good late), split over two lines, in excess, or never; a few parcels returned to origin are paid
 * as if delivered; and now and then a remittance is sent again the next day. Each parcel's fate is
 * drawn from a random of its own: the orders' stories are the same with or without remittances.
 */
final class CodRemittances {
    /** The job's default {@code cod.remittance-cycle}. */
    static final Duration CYCLE = Duration.ofDays(7);

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long RUN_EVERY = 3 * DAY;
    private static final long RUN_HOUR = 11 * HOUR;
    private static final long PAID_AFTER = 2 * DAY;
    private static final long LATE_AFTER = 10 * DAY;
    private static final double RESENT = 0.05;
    private static final double RTO_PAID = 0.04;
    private static final DateTimeFormatter UTR_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    /** How one delivered COD parcel's cash is remitted, with its share of parcels. */
    enum Fate {
        ON_TIME(0.76),
        SPLIT_LINES(0.04),
        LATE(0.07),
        SHORT(0.04),
        SHORT_THEN_SETTLED(0.03),
        EXCESS(0.01),
        NEVER(0.05);

        private final double share;

        Fate(double share) {
            this.share = share;
        }

        static Fate draw(SplittableRandom random) {
            double draw = random.nextDouble();
            for (Fate fate : values()) {
                draw -= fate.share;
                if (draw < 0) {
                    return fate;
                }
            }
            return ON_TIME;
        }
    }

    /** One remittance of a courier to a seller: its lines grow until it is sent. */
    static final class Run {
        final String tenantId;
        final String courier;
        final String remittanceId;
        final long at;
        final List<RemittanceLine> lines = new ArrayList<>();

        Run(String tenantId, String courier, String remittanceId, long at) {
            this.tenantId = tenantId;
            this.courier = courier;
            this.remittanceId = remittanceId;
            this.at = at;
        }

        Remittance remittance(String eventId) {
            return new Remittance(
                    eventId,
                    Instant.ofEpochMilli(at),
                    tenantId,
                    courier,
                    remittanceId,
                    List.copyOf(lines));
        }
    }

    private record Payment(Run run, long paise) {}

    private final long seed;
    private final long firstRun;
    private final Map<String, Run> runs = new HashMap<>();
    private final List<CodTruth> truths = new ArrayList<>();

    CodRemittances(SimulationOptions options) {
        this.seed = options.seed() * 7_919L;
        LocalDate firstDay = Timeline.dayOf(options.start().toEpochMilli());
        this.firstRun =
                firstDay.atStartOfDay(SellersTime.ZONE).toInstant().toEpochMilli() + RUN_HOUR;
    }

    /**
     * Decides what the story's courier remits for it; returns the remittances it is the first to
     * join, to send when their time comes. Every parcel joins a remittance after it was delivered,
     * so one is complete by its time as long as stories are told in placement order.
     */
    List<Run> settle(OrderStory story) {
        if (story.paymentMode() != PaymentMode.COD || story.awb() == null) {
            return List.of();
        }
        SplittableRandom random =
                new SplittableRandom(seed ^ (0xD1B54A32D192ED03L * story.number()));
        Instant deliveredAt = story.truth().deliveredAt();
        List<Payment> payments = new ArrayList<>();
        List<Run> opened = new ArrayList<>();
        if (deliveredAt == null) {
            if (story.outcome() == Outcome.RTO && random.nextDouble() < RTO_PAID) {
                long end = story.events().get(story.events().size() - 1).at();
                payments.add(pay(story, end + PAID_AFTER, story.amountPaise(), opened));
            }
        } else {
            payments.addAll(paymentsOf(story, deliveredAt.toEpochMilli(), random, opened));
        }
        if (deliveredAt != null || !payments.isEmpty()) {
            truths.add(truthOf(story, deliveredAt, payments));
        }
        return opened;
    }

    /** Each parcel's cash as the job must end with it, by AWB. */
    List<CodTruth> truths() {
        List<CodTruth> sorted = new ArrayList<>(truths);
        sorted.sort(Comparator.comparing(CodTruth::tenantId).thenComparing(CodTruth::awb));
        return sorted;
    }

    /** Whether a remittance is sent again the next day, as a courier's report resent. */
    boolean resent(Run run) {
        return new SplittableRandom(seed ^ run.remittanceId.hashCode() ^ run.tenantId.hashCode())
                        .nextDouble()
                < RESENT;
    }

    private List<Payment> paymentsOf(
            OrderStory story, long deliveredAt, SplittableRandom random, List<Run> opened) {
        long amount = story.amountPaise();
        long shortBy = Math.max(100, amount / 10);
        Fate fate = Fate.draw(random);
        if (amount <= shortBy && (fate == Fate.SHORT || fate == Fate.SHORT_THEN_SETTLED)) {
            fate = Fate.NEVER;
        }
        long onTime = deliveredAt + PAID_AFTER;
        long late = deliveredAt + LATE_AFTER;
        return switch (fate) {
            case ON_TIME -> List.of(pay(story, onTime, amount, opened));
            case SPLIT_LINES ->
                    List.of(
                            pay(story, onTime, amount / 2, opened),
                            pay(story, onTime, amount - amount / 2, opened));
            case LATE -> List.of(pay(story, late, amount, opened));
            case SHORT -> List.of(pay(story, onTime, amount - shortBy, opened));
            case SHORT_THEN_SETTLED ->
                    List.of(
                            pay(story, onTime, amount - shortBy, opened),
                            pay(story, late, shortBy, opened));
            case EXCESS -> List.of(pay(story, onTime, amount + 10_000, opened));
            case NEVER -> List.of();
        };
    }

    private Payment pay(OrderStory story, long notBefore, long paise, List<Run> opened) {
        long at = firstRun + Math.max(0, ceilDiv(notBefore - firstRun, RUN_EVERY)) * RUN_EVERY;
        String tenant = story.tenant().id();
        String remittanceId = "UTR" + UTR_DAY.format(Timeline.dayOf(at)) + "-" + story.courier();
        Run run =
                runs.computeIfAbsent(
                        tenant + "|" + remittanceId,
                        k -> {
                            Run created = new Run(tenant, story.courier(), remittanceId, at);
                            opened.add(created);
                            return created;
                        });
        run.lines.add(new RemittanceLine(story.awb(), paise));
        return new Payment(run, paise);
    }

    private static CodTruth truthOf(OrderStory story, Instant deliveredAt, List<Payment> payments) {
        long remitted = payments.stream().mapToLong(Payment::paise).sum();
        if (deliveredAt == null) {
            return new CodTruth(
                    story.tenant().id(),
                    story.courier(),
                    story.awb(),
                    story.orderId(),
                    "NOT_DELIVERED",
                    null,
                    remitted,
                    null,
                    null,
                    false,
                    null);
        }
        long expected = story.amountPaise();
        Instant dueBy = deliveredAt.plus(CYCLE);
        long byDue =
                payments.stream()
                        .filter(p -> p.run().at <= dueBy.toEpochMilli())
                        .mapToLong(Payment::paise)
                        .sum();
        Instant paidInFullAt = null;
        long cumulative = 0;
        for (Payment payment :
                payments.stream().sorted(Comparator.comparingLong(p -> p.run().at)).toList()) {
            cumulative += payment.paise();
            if (cumulative >= expected && paidInFullAt == null) {
                paidInFullAt = Instant.ofEpochMilli(payment.run().at);
            }
        }
        String state =
                remitted == 0
                        ? "PENDING"
                        : remitted < expected
                                ? "SHORT"
                                : remitted == expected ? "REMITTED" : "EXCESS";
        return new CodTruth(
                story.tenant().id(),
                story.courier(),
                story.awb(),
                story.orderId(),
                state,
                expected,
                remitted,
                deliveredAt,
                dueBy,
                byDue < expected,
                byDue < expected ? paidInFullAt : null);
    }

    private static long ceilDiv(long a, long b) {
        return Math.floorDiv(a + b - 1, b);
    }
}
