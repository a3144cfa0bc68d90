package io.ordertrack.domain.risk;

import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.FirstAttempt;
import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.avro.StatusReport;
import io.ordertrack.domain.alerts.AlertCondition;
import io.ordertrack.domain.input.PhoneNumbers;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import io.ordertrack.domain.lifecycle.ShipmentProgress;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The risk that an order returns to origin (RTO), as an explainable score from 0 to 100.
 *
 * <p>Each signal is a rate observed so far among the orders that shared it: the payment mode, the
 * destination PIN code (or its state, while the PIN code has fewer than the minimum sample) and the
 * courier by their share of failed first delivery attempts once the seller has the minimum sample
 * of them, else by their RTO rate among finished orders; the failed delivery attempts so far with
 * the latest reason, and the customer's own past orders, by their RTO rate. Each rate is shrunk
 * towards the overall one by the minimum sample, so a small sample pulls weakly. The score adds up,
 * in log-odds, how far each signal's rate lies from the overall rate, so each reason is worth as
 * many points as it moved the score; the reasons are the signals that raised it most, each with the
 * orders its rate is over. Rates are learned per tenant: a seller's score never reveals another
 * seller's orders.
 */
public final class RtoRisk {
    /** How many finished orders of a tenant's customer count as one observation each. */
    private static final double CUSTOMER_PRIOR_ORDERS = 2;

    private static final int MAX_REASONS = 3;
    private static final int MAX_NDR_ATTEMPTS = 3;

    /**
     * The RTO rate of each payment mode assumed for a new seller, from the field's figures: Indian
     * e-commerce returns 20–25% of its cash-on-delivery orders to origin and 2–5% of its prepaid
     * ones (with 60% COD, a mix near the overall prior). A new seller's orders are ranked by it
     * from the first, days before any of them has been offered for delivery.
     */
    private static final Map<PaymentMode, Double> PAYMENT_PRIOR =
            Map.of(PaymentMode.COD, 0.225, PaymentMode.PREPAID, 0.035);

    /** How many minimum samples of returns the tenant's own RTO rate needs to be trusted fully. */
    private static final int RETURNS_TO_TRUST = 10;

    /**
     * @param minSamples the orders (finished, or first attempts) a signal's rate is shrunk towards
     *     the tenant's by, and needs before its first attempts measure it or a PIN code counts
     *     instead of its state
     * @param prior RTO rate assumed until the overall rate has the minimum sample
     * @param alertThreshold RTO_RISK opens from this score on
     */
    public record Settings(int minSamples, double prior, int alertThreshold)
            implements Serializable {
        public static final Settings DEFAULT = new Settings(30, 0.15, 60);

        public Settings {
            if (minSamples < 1 || !(prior > 0 && prior < 1)) {
                throw new IllegalArgumentException("min samples ≥ 1 and 0 < prior < 1");
            }
            if (alertThreshold < 1 || alertThreshold > 100) {
                throw new IllegalArgumentException("alert threshold must be 1 to 100");
            }
        }
    }

    /** Finished orders sharing a signal, and how many of them went RTO. */
    public record Tally(long orders, long rto) {
        public static final Tally NONE = new Tally(0, 0);

        public Tally plus(boolean wentRto) {
            return new Tally(orders + 1, rto + (wentRto ? 1 : 0));
        }

        public Tally plus(Tally other) {
            return new Tally(orders + other.orders, rto + other.rto);
        }
    }

    /** The tallies learned from the stream so far, by signal. */
    public interface Tallies {
        Tally get(String signal) throws Exception;
    }

    /** How an order ended, as far as its RTO risk is concerned. */
    public enum Outcome {
        OPEN,
        DELIVERED,
        RTO,
        /** Cancelled, lost or damaged: neither delivered nor returned. */
        NEITHER;

        /** Whether the order ended delivered or returned to origin: what the model learns from. */
        public boolean teaches() {
            return this == DELIVERED || this == RTO;
        }
    }

    /** A score with its reasons, strongest first. */
    public record Assessment(int score, List<String> reasons) {}

    /**
     * What an order's first delivery attempt teaches.
     *
     * @param failed whether it failed (an NDR) rather than delivered the parcel
     * @param knownAt when the job knew it, on the feeds' clock
     */
    public record AttemptLesson(boolean failed, Instant knownAt) {}

    /** A signal's pull on the score; its reason is worded only if it ends up among the reasons. */
    private record Contribution(double logOdds, Supplier<String> reason) {}

    private final Settings settings;

    public RtoRisk(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** The customer an order's history belongs to: tenant and phone; null before details. */
    public static String customerOf(OrderState order) {
        OrderDetails details = order.getDetails();
        return details == null
                ? null
                : order.getTenantId()
                        + ":"
                        + PhoneNumbers.normalise(details.getCustomer().getPhone());
    }

    public static Outcome outcomeOf(OrderState order) {
        if (order.getDetails() == null) {
            return Outcome.OPEN;
        }
        Map<String, ?> milestones = order.getMilestones();
        if (milestones.keySet().stream().anyMatch(ShipmentProgress::isRtoMilestone)) {
            return Outcome.RTO;
        }
        if (milestones.containsKey("DELIVERED")) {
            return Outcome.DELIVERED;
        }
        return OrderLifecycle.isFinished(order) ? Outcome.NEITHER : Outcome.OPEN;
    }

    /**
     * When a delivered or returned order finished, as far as the risk model is concerned: the event
     * time it was delivered, or first returned to origin (its earliest RTO milestone); null for any
     * other order. It depends on the order's events alone, not on the order they arrived in, so
     * every replay learns the outcome as of the same time.
     */
    public static Instant finishedAt(OrderState order) {
        Outcome outcome = outcomeOf(order);
        if (outcome == Outcome.DELIVERED) {
            return order.getMilestones().get("DELIVERED");
        }
        if (outcome != Outcome.RTO) {
            return null;
        }
        return order.getMilestones().entrySet().stream()
                .filter(milestone -> ShipmentProgress.isRtoMilestone(milestone.getKey()))
                .map(Map.Entry::getValue)
                .min(Comparator.naturalOrder())
                .orElseThrow();
    }

    /**
     * When the job knew a delivered or returned order's outcome: the latest of when it finished
     * ({@link #finishedAt}), when the report or event that finished it reached the job, when the
     * order's placement did (its details name most signals) and when its manifest did (it names the
     * courier; scans can come before it, and the outcome is reported only once it is there).
     * Arrivals are on the feeds' clock, so this is a function of the feeds, not of the order the
     * job read its inputs in; null for an open order.
     */
    public static Instant knownAt(OrderState order) {
        Instant finished = finishedAt(order);
        if (finished == null) {
            return null;
        }
        Instant known = finished;
        for (Map.Entry<String, Instant> milestone : order.getMilestones().entrySet()) {
            if (finishing(milestone.getKey()) && milestone.getValue().equals(finished)) {
                known = latest(known, arrivalOf(order, milestone.getKey(), finished));
            }
        }
        for (OrderEventType needed : List.of(OrderEventType.PLACED, OrderEventType.MANIFESTED)) {
            Instant arrived = order.getMilestonesArrivedAt().get(needed.name());
            known = arrived == null ? known : latest(known, arrived);
        }
        return known;
    }

    /** Whether a milestone finishes an order for the risk model: delivered, or any RTO one. */
    private static boolean finishing(String milestone) {
        return milestone.equals("DELIVERED") || ShipmentProgress.isRtoMilestone(milestone);
    }

    /** When a milestone reached at {@code at} first arrived: by a courier report, or an event. */
    private static Instant arrivalOf(OrderState order, String milestone, Instant at) {
        Instant arrived = order.getMilestonesArrivedAt().get(milestone);
        for (StatusReport report : order.getStatusHistory()) {
            if (report.getStatus().name().equals(milestone)
                    && report.getAt().equals(at)
                    && report.getArrivedAt() != null
                    && (arrived == null || report.getArrivedAt().isBefore(arrived))) {
                arrived = report.getArrivedAt();
            }
        }
        return arrived == null ? at : arrived;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isBefore(b) ? b : a;
    }

    /**
     * The signals a finished order teaches: each rate it counts towards. An order with failed
     * attempts counts towards "at least one attempt", "at least two", and so on, since an open
     * order is scored by the attempts it has had so far.
     */
    public static List<String> signalsOf(OrderState order) {
        OrderDetails details = order.getDetails();
        List<String> signals = new ArrayList<>();
        signals.add(overall());
        signals.add(payment(details.getPaymentMode()));
        signals.add(pincode(details));
        signals.add(state(details));
        if (order.getCourier() != null) {
            signals.add(courier(order.getCourier()));
        }
        List<NdrReason> reasons = order.getNdrReasons();
        for (int attempts = 1; attempts <= Math.min(reasons.size(), MAX_NDR_ATTEMPTS); attempts++) {
            signals.add(ndr(attempts, null));
            signals.add(ndr(attempts, reasons.get(attempts - 1)));
        }
        return signals.stream().map(signal -> ofTenant(order, signal)).toList();
    }

    /**
     * What the order's first delivery attempt teaches, once its courier reported one ({@link
     * OrderState#getFirstAttempt}): whether it failed, known from the latest of its time, its
     * arrival and the arrivals of the order's placement and manifest (as {@link #knownAt} is), a
     * function of the feeds. Null before, and while the order's details or manifest, which name the
     * signals it teaches, are still to come.
     */
    public static AttemptLesson firstAttemptOf(OrderState order) {
        FirstAttempt attempt = order.getFirstAttempt();
        if (attempt == null || order.getDetails() == null || OrderLifecycle.awaitsManifest(order)) {
            return null;
        }
        Instant known = latest(attempt.getAt(), attempt.getArrivedAt());
        for (OrderEventType needed : List.of(OrderEventType.PLACED, OrderEventType.MANIFESTED)) {
            Instant arrived = order.getMilestonesArrivedAt().get(needed.name());
            known = arrived == null ? known : latest(known, arrived);
        }
        return new AttemptLesson(attempt.getFailed(), known);
    }

    /**
     * The signals an order's first attempt teaches: the share of first attempts that failed, by the
     * signals known before dispatch. An NDR is known days before the RTO it may end in, so these
     * rank a new seller's orders while few of its returns have come back.
     */
    public static List<String> firstAttemptSignalsOf(OrderState order) {
        OrderDetails details = order.getDetails();
        List<String> signals = new ArrayList<>();
        signals.add(overall());
        signals.add(payment(details.getPaymentMode()));
        signals.add(pincode(details));
        signals.add(state(details));
        if (order.getCourier() != null) {
            signals.add(courier(order.getCourier()));
        }
        return signals.stream().map(signal -> ofTenant(order, firstAttempts(signal))).toList();
    }

    /**
     * The part of an order the risk model, the expected delivery and their alerts read (who, where,
     * how paid, which courier, the failed attempts, the milestones, the courier's reports, when,
     * and when its outcome was known: {@link #knownAt} of it is that of the whole order), sharing
     * the order's values: not its timeline, stock changes or remembered event ids.
     */
    public static OrderState inputsOf(OrderState order) {
        // Set one by one: the Avro builder would copy the schema's default of every field not set.
        OrderState inputs = new OrderState();
        inputs.setOrderId(order.getOrderId());
        inputs.setTenantId(order.getTenantId());
        inputs.setChannel(order.getChannel());
        inputs.setClientOrderId(order.getClientOrderId());
        inputs.setDetails(order.getDetails());
        inputs.setStage(order.getStage());
        inputs.setCourier(order.getCourier());
        inputs.setAwb(order.getAwb());
        inputs.setShipmentStatus(order.getShipmentStatus());
        inputs.setMilestones(order.getMilestones());
        inputs.setMilestonesArrivedAt(order.getMilestonesArrivedAt());
        inputs.setNdrReasons(order.getNdrReasons());
        inputs.setLastEventAt(order.getLastEventAt());
        inputs.setVersion(order.getVersion());
        inputs.setSeenEventIds(List.of());
        inputs.setStatusHistory(order.getStatusHistory());
        inputs.setStockChanges(List.of());
        inputs.setTimeline(List.of());
        inputs.setTimedFlags(List.of());
        inputs.setNdrActions(List.of());
        return inputs;
    }

    /** The order's risk now, from what the stream taught so far and the customer's history. */
    public Assessment assess(OrderState order, Tallies learned, Tally customer) throws Exception {
        OrderDetails details = order.getDetails();
        Tallies tallies =
                signal -> {
                    Tally tally = learned.get(ofTenant(order, signal));
                    return tally == null ? Tally.NONE : tally;
                };
        Tally overall = tallies.get(overall());
        Tally firstAttempts = tallies.get(firstAttempts(overall()));
        // The tenant's rate each signal's pull is measured from: until returns come back, the
        // finished orders are mostly the quickly delivered ones, so the prior stands in for it.
        double base =
                overall.rto() >= settings.minSamples()
                        ? (overall.rto() + 1.0) / (overall.orders() + 2.0)
                        : settings.prior();
        Signals signals = new Signals(base, tallies, firstAttempts);
        String mode = details.getPaymentMode() == PaymentMode.COD ? "cash on delivery" : "prepaid";
        if (overall.orders() < settings.minSamples()
                && firstAttempts.orders() < settings.minSamples()) {
            addPaymentPrior(
                    signals.contributions,
                    details.getPaymentMode(),
                    mode,
                    tallies.get(payment(details.getPaymentMode())));
        } else {
            signals.add(payment(details.getPaymentMode()), mode);
        }
        String pin = details.getCustomer().getAddress().getPincode();
        if (!signals.addIfSampled(pincode(details), "PIN code " + pin)) {
            signals.add(
                    state(details),
                    details.getCustomer().getAddress().getState()
                            + " (PIN code "
                            + pin
                            + " too new)");
        }
        if (order.getCourier() != null) {
            signals.add(courier(order.getCourier()), order.getCourier());
        }
        List<Contribution> contributions = signals.contributions;
        addNdr(contributions, base, order.getNdrReasons(), tallies);
        addCustomer(contributions, base, customer);

        double logOdds = startingLogOdds(overall, base);
        for (Contribution contribution : contributions) {
            logOdds += contribution.logOdds();
        }
        int score = (int) Math.round(100 / (1 + Math.exp(-logOdds)));
        List<String> reasons =
                contributions.stream()
                        .filter(c -> c.logOdds() > 0)
                        .sorted(Comparator.comparingDouble(Contribution::logOdds).reversed())
                        .limit(MAX_REASONS)
                        .map(contribution -> contribution.reason().get())
                        .toList();
        return new Assessment(score, reasons);
    }

    /**
     * Where a score starts before the signals pull it: the prior, moving to the tenant's own RTO
     * rate as its returns come back, fully once {@value #RETURNS_TO_TRUST} times the minimum sample
     * have. A rate learned from a seller's first returns is low (its finished orders are mostly the
     * quickly delivered ones); starting from it at once would drop every score the day the first
     * returns count, and rank that day's orders below the day before's whatever their risk.
     */
    private double startingLogOdds(Tally overall, double base) {
        double trust =
                Math.min(1.0, overall.rto() / (RETURNS_TO_TRUST * (double) settings.minSamples()));
        return (1 - trust) * logit(settings.prior()) + trust * logit(base);
    }

    /** RTO_RISK, while an open order's score is at or above the threshold. */
    public Map<AlertType, AlertCondition> conditions(Assessment assessment, Outcome outcome) {
        Map<AlertType, AlertCondition> holding = new EnumMap<>(AlertType.class);
        if (outcome == Outcome.OPEN
                && assessment != null
                && assessment.score() >= settings.alertThreshold()) {
            List<String> reasons = new ArrayList<>();
            reasons.add("RTO risk " + assessment.score());
            reasons.addAll(assessment.reasons());
            AlertSeverity severity =
                    assessment.score() >= (100 + settings.alertThreshold()) / 2
                            ? AlertSeverity.CRITICAL
                            : AlertSeverity.WARNING;
            holding.put(AlertType.RTO_RISK, new AlertCondition(severity, List.copyOf(reasons)));
        }
        return holding;
    }

    private void addNdr(
            List<Contribution> contributions, double base, List<NdrReason> reasons, Tallies tallies)
            throws Exception {
        if (reasons.isEmpty()) {
            return;
        }
        int attempts = Math.min(reasons.size(), MAX_NDR_ATTEMPTS);
        NdrReason latest = reasons.get(attempts - 1);
        String failed =
                reasons.size() == 1 ? "1 failed delivery" : reasons.size() + " failed deliveries";
        Tally withReason = tallies.get(ndr(attempts, latest));
        if (withReason.orders() >= settings.minSamples()) {
            add(contributions, base, withReason, failed + ", latest " + latest);
        } else {
            add(contributions, base, tallies.get(ndr(attempts, null)), failed);
        }
    }

    /**
     * The payment mode's RTO rate for a new seller (while it has the minimum sample of neither
     * finished orders nor first attempts): the field's, moved by the seller's own finished orders
     * of that mode as they come, shrunk towards the field's by the minimum sample.
     */
    private void addPaymentPrior(
            List<Contribution> contributions, PaymentMode mode, String what, Tally own) {
        Double field = PAYMENT_PRIOR.get(mode);
        if (field == null) {
            return;
        }
        double rate =
                (own.rto() + settings.minSamples() * field)
                        / (own.orders() + settings.minSamples());
        contributions.add(
                new Contribution(
                        logit(rate) - logit(settings.prior()),
                        () ->
                                own.orders() == 0
                                        ? String.format(
                                                Locale.ROOT,
                                                "%s: about %.1f%% RTO in Indian e-commerce (none of"
                                                        + " this seller's own yet)",
                                                what,
                                                100 * field)
                                        : String.format(
                                                Locale.ROOT,
                                                "%s: about %.1f%% RTO (%.1f%% in Indian"
                                                        + " e-commerce, %d of this seller's %d"
                                                        + " finished so far returned)",
                                                what,
                                                100 * rate,
                                                100 * field,
                                                own.rto(),
                                                own.orders())));
    }

    private static void addCustomer(List<Contribution> contributions, double base, Tally customer) {
        if (customer.orders() == 0) {
            return;
        }
        double rate =
                (customer.rto() + CUSTOMER_PRIOR_ORDERS * base)
                        / (customer.orders() + CUSTOMER_PRIOR_ORDERS);
        contributions.add(
                new Contribution(
                        logit(rate) - logit(base),
                        () ->
                                "customer returned "
                                        + customer.rto()
                                        + " of "
                                        + customer.orders()
                                        + " past orders"));
    }

    /**
     * The pull of the signals known before dispatch. Each is measured by its share of failed first
     * attempts against the tenant's, once the tenant and the signal have the minimum sample of
     * them: a first attempt is known days before the return it may end in, for every shipped order
     * rather than the finished ones (which, while returns are on their way back, are mostly the
     * quickly delivered), and fails more often, so its rate is sharper; else by its RTO rate.
     */
    private final class Signals {
        private final double base;
        private final Tallies tallies;
        private final Tally firstAttempts;
        private final List<Contribution> contributions = new ArrayList<>();

        Signals(double base, Tallies tallies, Tally firstAttempts) {
            this.base = base;
            this.tallies = tallies;
            this.firstAttempts = firstAttempts;
        }

        /** Adds a signal's pull, however small its sample: the smaller, the weaker. */
        void add(String signal, String what) throws Exception {
            if (!addFirstAttempts(signal, what)) {
                RtoRisk.this.add(contributions, base, tallies.get(signal), what);
            }
        }

        /**
         * Adds a signal's pull only if it has the minimum sample, for a signal that stands in for a
         * coarser one (a PIN code for its state); whether it had.
         */
        boolean addIfSampled(String signal, String what) throws Exception {
            if (addFirstAttempts(signal, what)) {
                return true;
            }
            Tally rto = tallies.get(signal);
            if (rto.orders() < settings.minSamples()) {
                return false;
            }
            RtoRisk.this.add(contributions, base, rto, what);
            return true;
        }

        private boolean addFirstAttempts(String signal, String what) throws Exception {
            Tally attempts = tallies.get(firstAttempts(signal));
            if (firstAttempts.orders() < settings.minSamples()
                    || attempts.orders() < settings.minSamples()) {
                return false;
            }
            double overallRate = (firstAttempts.rto() + 1.0) / (firstAttempts.orders() + 2.0);
            addPull(contributions, overallRate, attempts, what, "% of first attempts failed over ");
            return true;
        }
    }

    /** A signal's RTO rate, shrunk towards the overall rate by the minimum sample. */
    private void add(List<Contribution> contributions, double base, Tally tally, String what) {
        if (tally.orders() > 0) {
            addPull(contributions, base, tally, what, "% RTO over ");
        }
    }

    /**
     * How far a signal's rate, shrunk towards the overall rate by the minimum sample, pulls from
     * the overall rate, in log-odds; its reason says the rate ("40% RTO over 100 orders (overall
     * 15%)"), and over how few orders when its sample is small: the smaller, the weaker its pull.
     */
    private void addPull(
            List<Contribution> contributions,
            double overall,
            Tally tally,
            String what,
            String rateOver) {
        double rate =
                (tally.rto() + settings.minSamples() * overall)
                        / (tally.orders() + settings.minSamples());
        contributions.add(
                new Contribution(
                        logit(rate) - logit(overall),
                        () ->
                                what
                                        + ": "
                                        + Math.round(100.0 * tally.rto() / tally.orders())
                                        + rateOver
                                        + tally.orders()
                                        + " orders (overall "
                                        + Math.round(100 * overall)
                                        + "%)"));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private static String ofTenant(OrderState order, String signal) {
        return order.getTenantId() + "|" + signal;
    }

    private static String overall() {
        return "all";
    }

    private static String payment(PaymentMode mode) {
        return "payment:" + mode;
    }

    private static String pincode(OrderDetails details) {
        return "pincode:" + details.getCustomer().getAddress().getPincode();
    }

    private static String state(OrderDetails details) {
        return "state:" + details.getCustomer().getAddress().getState().toUpperCase(Locale.ROOT);
    }

    private static String courier(String courier) {
        return "courier:" + courier.toUpperCase(Locale.ROOT);
    }

    private static String firstAttempts(String signal) {
        return "first-attempt:" + signal;
    }

    private static String ndr(int attempts, NdrReason reason) {
        return "ndr:" + attempts + (reason == null ? "" : ":" + reason);
    }
}
