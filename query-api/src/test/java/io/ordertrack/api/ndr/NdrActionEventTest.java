package io.ordertrack.api.ndr;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.Address;
import io.ordertrack.avro.CustomerUpdate;
import io.ordertrack.avro.NdrAction;
import io.ordertrack.avro.NdrActionType;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.RecordKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdrActionEventTest {
    private static final FailedDelivery FIRST_ATTEMPT =
            new FailedDelivery(
                    "acme:SHOPIFY:1001", "acme", "SHOPIFY", "1001", "DELHIVERY", "AWB123", 1);
    private static final DeliveryAddress NEW_ADDRESS =
            new DeliveryAddress("14 Residency Road", null, "Bengaluru", "Karnataka", "560025");
    private static final NdrInstruction REATTEMPT_WITH_NEW_DETAILS =
            new NdrInstruction(
                    NdrActionType.REATTEMPT,
                    LocalDate.of(2026, 12, 7),
                    "+919876543210",
                    NEW_ADDRESS);
    private static final Instant DECEMBER_5_NOON = Instant.parse("2026-12-05T06:30:00.123456Z");

    @Test
    void theEventCarriesTheInstructionTheAttemptAndTheShipment() {
        OrderEvent event =
                NdrActionEvent.of(FIRST_ATTEMPT, REATTEMPT_WITH_NEW_DETAILS, DECEMBER_5_NOON);

        assertThat(event)
                .isEqualTo(
                        OrderEvent.newBuilder()
                                .setEventId(
                                        NdrActionEvent.idOf(
                                                FIRST_ATTEMPT, REATTEMPT_WITH_NEW_DETAILS))
                                .setEventTime(Instant.parse("2026-12-05T06:30:00.123Z"))
                                .setTenantId("acme")
                                .setChannel("SHOPIFY")
                                .setClientOrderId("1001")
                                .setType(OrderEventType.NDR_ACTION)
                                .setDetails(null)
                                .setNdrAction(
                                        new NdrAction(
                                                NdrActionType.REATTEMPT,
                                                1,
                                                "DELHIVERY",
                                                "AWB123",
                                                LocalDate.of(2026, 12, 7),
                                                new CustomerUpdate(
                                                        "+919876543210",
                                                        new Address(
                                                                "14 Residency Road",
                                                                null,
                                                                "Bengaluru",
                                                                "Karnataka",
                                                                "560025"))))
                                .build());
        assertThat(RecordKeys.of(event)).as("its key").isEqualTo(FIRST_ATTEMPT.orderId());
    }

    @Test
    void aReturnCarriesNoCustomerUpdate() {
        NdrAction action =
                NdrActionEvent.of(
                                FIRST_ATTEMPT,
                                new NdrInstruction(NdrActionType.RETURN, null, null, null),
                                DECEMBER_5_NOON)
                        .getNdrAction();

        assertThat(action.getAction()).isEqualTo(NdrActionType.RETURN);
        assertThat(action.getReattemptOn()).isNull();
        assertThat(action.getCustomer()).isNull();
    }

    @Test
    void theEventReadsBackAsWrittenThroughTheTopicsCodec() {
        AvroCodec<OrderEvent> codec = AvroCodec.of(OrderEvent.class);
        OrderEvent event =
                NdrActionEvent.of(FIRST_ATTEMPT, REATTEMPT_WITH_NEW_DETAILS, DECEMBER_5_NOON);

        assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
    }

    @Test
    void theSameInstructionWrittenAnotherWayIsTheSameAction() {
        String written = "{\"action\":\"REATTEMPT\",\"customer\":{\"phone\":\"+91 98765-43210\"}}";
        String rewritten =
                "{ \"customer\": {\"phone\": \"09876543210\", \"address\": null},"
                        + " \"action\": \"REATTEMPT\" }";

        assertThat(idOf(FIRST_ATTEMPT, written))
                .isEqualTo(idOf(FIRST_ATTEMPT, rewritten))
                .matches("ndr-[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void anotherInstructionOrderOrAttemptIsAnotherAction() {
        FailedDelivery secondAttempt =
                new FailedDelivery(
                        "acme:SHOPIFY:1001", "acme", "SHOPIFY", "1001", "DELHIVERY", "AWB123", 2);
        FailedDelivery otherOrder =
                new FailedDelivery(
                        "acme:SHOPIFY:1002", "acme", "SHOPIFY", "1002", "DELHIVERY", "AWB124", 1);
        NdrInstruction r = REATTEMPT_WITH_NEW_DETAILS;
        List<String> ids =
                List.of(
                        NdrActionEvent.idOf(FIRST_ATTEMPT, r),
                        NdrActionEvent.idOf(secondAttempt, r),
                        NdrActionEvent.idOf(otherOrder, r),
                        NdrActionEvent.idOf(
                                FIRST_ATTEMPT,
                                new NdrInstruction(NdrActionType.RETURN, null, null, null)),
                        NdrActionEvent.idOf(
                                FIRST_ATTEMPT,
                                new NdrInstruction(NdrActionType.REATTEMPT, null, null, null)),
                        NdrActionEvent.idOf(
                                FIRST_ATTEMPT,
                                new NdrInstruction(
                                        r.action(),
                                        r.reattemptOn().plusDays(1),
                                        r.phone(),
                                        r.address())),
                        NdrActionEvent.idOf(
                                FIRST_ATTEMPT,
                                new NdrInstruction(
                                        r.action(), r.reattemptOn(), "+919876543211", r.address())),
                        NdrActionEvent.idOf(
                                FIRST_ATTEMPT,
                                new NdrInstruction(r.action(), r.reattemptOn(), r.phone(), null)),
                        NdrActionEvent.idOf(
                                FIRST_ATTEMPT,
                                new NdrInstruction(
                                        r.action(),
                                        r.reattemptOn(),
                                        r.phone(),
                                        new DeliveryAddress(
                                                "14 Residency Road",
                                                "Flat 2",
                                                "Bengaluru",
                                                "Karnataka",
                                                "560025"))));

        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void valuesThatWouldRunTogetherStayApart() {
        NdrInstruction newDelhi =
                new NdrInstruction(
                        NdrActionType.REATTEMPT,
                        null,
                        null,
                        new DeliveryAddress("1 Janpath", null, "New Delhi", "Delhi", "110001"));
        NdrInstruction shifted =
                new NdrInstruction(
                        NdrActionType.REATTEMPT,
                        null,
                        null,
                        new DeliveryAddress("1 Janpath", null, "New", "Delhi Delhi", "110001"));

        assertThat(NdrActionEvent.idOf(FIRST_ATTEMPT, newDelhi))
                .isNotEqualTo(NdrActionEvent.idOf(FIRST_ATTEMPT, shifted));
    }

    private static String idOf(FailedDelivery delivery, String body) {
        return NdrActionEvent.idOf(
                delivery,
                NdrInstructionReader.read(
                        body.getBytes(StandardCharsets.UTF_8), LocalDate.of(2026, 12, 5)));
    }
}
