package io.ordertrack.api.returns;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertrack.documents.ReturnStage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One customer return as the returns view lists it, from its order document: the order (no phone or
 * address), where the return stands and how long it has stood there, every step reached with how
 * long it took until the next (the current one until now), the check's verdict, the refund or its
 * refusal.
 *
 * @param ageHours hours at its current stage, while the return is open; null once refunded or
 *     refused
 * @param totalHours hours from the first step to the refund decision, or to now while open
 */
public record ReturnRow(
        String orderId,
        String tenantId,
        String channel,
        String clientOrderId,
        String courier,
        String awb,
        String warehouseId,
        String paymentMode,
        Long amountPaise,
        String customerName,
        String city,
        String pincode,
        String stage,
        Instant since,
        boolean open,
        Double ageHours,
        Double totalHours,
        String reason,
        List<Step> steps,
        Boolean inspectionPassed,
        String inspectionNote,
        Long refundPaise,
        String refusalReason) {

    /** The stages that close a return: the refund is decided. */
    static final Set<String> CLOSED =
            Set.of(ReturnStage.REFUNDED.name(), ReturnStage.REFUND_REFUSED.name());

    /** A step reached, when, and the hours until the next step (the current one: until now). */
    public record Step(String step, Instant at, Double hours) {}

    /** The row of an order document that has a customer return, as of {@code now}. */
    static ReturnRow of(JsonNode order, Instant now) {
        JsonNode ret = order.path("customerReturn");
        // A stage this build does not know (a newer job's) is shown as it is, as open.
        String stage = ret.path("stage").asText();
        boolean open = !CLOSED.contains(stage);
        List<Step> steps = stepsOf(ret, open, now);
        Instant since = time(ret, "since");
        Instant first = steps.isEmpty() ? since : steps.get(0).at();
        JsonNode address = order.path("customer").path("address");
        return new ReturnRow(
                text(order, "orderId"),
                text(order, "tenantId"),
                text(order, "channel"),
                text(order, "clientOrderId"),
                text(order, "courier"),
                text(order, "awb"),
                text(order, "warehouseId"),
                text(order, "paymentMode"),
                number(order, "amountPaise"),
                text(order.path("customer"), "name"),
                text(address, "city"),
                text(address, "pincode"),
                stage,
                since,
                open,
                open ? hours(since, now) : null,
                hours(first, open ? now : since),
                text(ret, "reason"),
                steps,
                ret.hasNonNull("inspectionPassed") ? ret.get("inspectionPassed").asBoolean() : null,
                text(ret, "inspectionNote"),
                number(ret, "refundPaise"),
                text(ret, "refusalReason"));
    }

    private record Reached(String step, Instant at) {}

    private static List<Step> stepsOf(JsonNode ret, boolean open, Instant now) {
        List<Reached> reached = new ArrayList<>();
        addStep(reached, ReturnStage.REQUESTED.name(), time(ret, "requestedAt"));
        addStep(reached, ReturnStage.PICKED_UP.name(), time(ret, "pickedUpAt"));
        addStep(reached, ReturnStage.IN_TRANSIT.name(), time(ret, "inTransitAt"));
        addStep(reached, ReturnStage.RECEIVED.name(), time(ret, "receivedAt"));
        if (ret.hasNonNull("inspectionPassed")) {
            addStep(
                    reached,
                    ret.get("inspectionPassed").asBoolean()
                            ? ReturnStage.QC_PASSED.name()
                            : ReturnStage.QC_FAILED.name(),
                    time(ret, "inspectedAt"));
        }
        addStep(reached, ReturnStage.REFUNDED.name(), time(ret, "refundedAt"));
        addStep(reached, ReturnStage.REFUND_REFUSED.name(), time(ret, "refusedAt"));
        reached.sort(Comparator.comparing(Reached::at));
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < reached.size(); i++) {
            Instant until = i + 1 < reached.size() ? reached.get(i + 1).at() : open ? now : null;
            Reached step = reached.get(i);
            steps.add(
                    new Step(
                            step.step(),
                            step.at(),
                            until == null ? null : hours(step.at(), until)));
        }
        return steps;
    }

    private static void addStep(List<Reached> steps, String step, Instant at) {
        if (at != null) {
            steps.add(new Reached(step, at));
        }
    }

    /** Hours from one time to another, to a tenth; none when either is missing; 0 for one ahead. */
    private static Double hours(Instant from, Instant to) {
        if (from == null || to == null) {
            return null;
        }
        return Math.max(0, Math.round(Duration.between(from, to).toMinutes() / 6.0)) / 10.0;
    }

    private static Instant time(JsonNode node, String field) {
        return node.hasNonNull(field) ? Instant.parse(node.get(field).asText()) : null;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Long number(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asLong() : null;
    }
}
