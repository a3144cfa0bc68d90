package io.ordertrack.api.ndr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ordertrack.avro.Address;
import io.ordertrack.avro.CustomerUpdate;
import io.ordertrack.avro.NdrAction;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The {@code NDR_ACTION} order event of a seller's instruction, and its id.
 *
 * <p>The id is derived, not drawn: a name-based UUID of the tenant, the order, the attempt answered
 * and the canonical instruction. The same request sent again (a retry after a timeout, a double
 * click) is the same event, which every consumer ignores the second time; another instruction for
 * the same attempt, sent before the job applied the first, is another event (see {@link
 * FailedDelivery#stillToPublish} for the one answer per attempt).
 */
public final class NdrActionEvent {
    private static final String ID_PREFIX = "ndr-";

    /** Names the id's derivation, so that another one would never give the same ids. */
    private static final String ID_NAMESPACE = "ordertrack/ndr-action/v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private NdrActionEvent() {}

    /** The event of {@code instruction} for {@code delivery}, taken at {@code now}. */
    public static OrderEvent of(FailedDelivery delivery, NdrInstruction instruction, Instant now) {
        return OrderEvent.newBuilder()
                .setEventId(idOf(delivery, instruction))
                .setEventTime(now.truncatedTo(ChronoUnit.MILLIS))
                .setTenantId(delivery.tenantId())
                .setChannel(delivery.channel())
                .setClientOrderId(delivery.clientOrderId())
                .setType(OrderEventType.NDR_ACTION)
                .setDetails(null)
                .setNdrAction(
                        NdrAction.newBuilder()
                                .setAction(instruction.action())
                                .setAttempt(delivery.attempt())
                                .setCourier(delivery.courier())
                                .setAwb(delivery.awb())
                                .setReattemptOn(instruction.reattemptOn())
                                .setCustomer(customerUpdateOf(instruction))
                                .build())
                .build();
    }

    /** The action's id: {@code ndr-<name-based UUID>}. */
    public static String idOf(FailedDelivery delivery, NdrInstruction instruction) {
        // A JSON array: every value quoted and escaped, so no two instructions share a name.
        ArrayNode name =
                JSON.createArrayNode()
                        .add(ID_NAMESPACE)
                        .add(delivery.tenantId())
                        .add(delivery.orderId())
                        .add(delivery.attempt())
                        .add(instruction.action().name())
                        .add(
                                instruction.reattemptOn() == null
                                        ? null
                                        : instruction.reattemptOn().toString())
                        .add(instruction.phone());
        DeliveryAddress address = instruction.address();
        if (address != null) {
            name.add(address.line1())
                    .add(address.line2())
                    .add(address.city())
                    .add(address.state())
                    .add(address.pincode());
        }
        return ID_PREFIX + UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static CustomerUpdate customerUpdateOf(NdrInstruction instruction) {
        if (!instruction.updatesCustomer()) {
            return null;
        }
        DeliveryAddress address = instruction.address();
        return new CustomerUpdate(
                instruction.phone(),
                address == null
                        ? null
                        : new Address(
                                address.line1(),
                                address.line2(),
                                address.city(),
                                address.state(),
                                address.pincode()));
    }
}
