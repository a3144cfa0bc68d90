package io.ordertrack.domain.notifications;

import io.ordertrack.avro.CustomerNotification;
import io.ordertrack.avro.CustomerOption;
import io.ordertrack.avro.NdrReason;
import io.ordertrack.documents.Rupees;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The channel-neutral content of a customer notification: its tracking link and a short default
 * message in English, for a sender with no template of its own (SMS length where it can be).
 */
public final class NotificationTexts {
    private static final Locale INDIA = Locale.forLanguageTag("en-IN");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", INDIA);

    private NotificationTexts() {}

    /**
     * The notification with its tracking URL ({@code trackingUrl} followed by the AWB, or the order
     * id before there is one, URL-encoded) and its message.
     */
    public static CustomerNotification complete(
            CustomerNotification notification, String trackingUrl) {
        String reference =
                notification.getAwb() != null
                        ? notification.getAwb()
                        : notification.getClientOrderId();
        String link = trackingUrl + URLEncoder.encode(reference, StandardCharsets.UTF_8);
        CustomerNotification complete = CustomerNotification.newBuilder(notification).build();
        complete.setTrackingUrl(link);
        complete.setMessage(messageOf(complete));
        return complete;
    }

    static String messageOf(CustomerNotification n) {
        String order = "your order " + n.getClientOrderId();
        String greeting = greetingOf(n.getCustomerName());
        String track = " Track it: " + n.getTrackingUrl();
        return switch (n.getMoment()) {
            case SHIPPED ->
                    greeting
                            + capitalised(order)
                            + " has shipped"
                            + (n.getCourier() == null ? "" : " with " + n.getCourier())
                            + (n.getPromisedDeliveryDate() == null
                                    ? ""
                                    : ", due by " + DAY.format(n.getPromisedDeliveryDate()))
                            + "."
                            + track;
            case OUT_FOR_DELIVERY ->
                    greeting
                            + capitalised(order)
                            + " is out for delivery today."
                            + (n.getAmountToCollectPaise() == null
                                    ? ""
                                    : " Please keep "
                                            + rupees(n.getAmountToCollectPaise())
                                            + " ready.")
                            + track;
            case DELIVERY_FAILED ->
                    greeting
                            + "We could not deliver "
                            + order
                            + " today"
                            + because(n.getNdrReason())
                            + ". "
                            + options(n.getCustomerOptions())
                            + track;
            case DELIVERED -> greeting + capitalised(order) + " has been delivered. Thank you!";
            case RETURN_PICKED_UP ->
                    greeting + "The return of " + order + " has been picked up." + track;
            case REFUNDED ->
                    greeting
                            + "A refund"
                            + (n.getRefundPaise() == null
                                    ? ""
                                    : " of " + rupees(n.getRefundPaise()))
                            + " for "
                            + order
                            + " has been issued.";
            default -> greeting + "There is news about " + order + "." + track;
        };
    }

    private static String greetingOf(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        return "Hi " + name.strip().split("\\s+")[0] + "! ";
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String because(NdrReason reason) {
        if (reason == null) {
            return "";
        }
        return switch (reason) {
            case CUSTOMER_UNAVAILABLE -> ": nobody was available to receive it";
            case CUSTOMER_UNREACHABLE -> ": we could not reach you by phone";
            case ADDRESS_INCOMPLETE, ADDRESS_INCORRECT -> ": the address could not be found";
            case PREMISES_CLOSED -> ": the premises were closed";
            case ACCESS_RESTRICTED -> ": the courier could not get in";
            case COD_NOT_READY -> ": the cash was not ready";
            case FUTURE_DELIVERY_REQUESTED -> ", as you asked for a later day";
            default -> "";
        };
    }

    private static String options(List<CustomerOption> options) {
        if (options.isEmpty()) {
            return "";
        }
        return capitalised(
                        options.stream()
                                .map(NotificationTexts::optionText)
                                .collect(Collectors.joining(", or ")))
                + ".";
    }

    private static String optionText(CustomerOption option) {
        return switch (option) {
            case RESCHEDULE -> "reply with a day that suits you";
            case UPDATE_PHONE -> "reply with a number we can call";
            case UPDATE_ADDRESS -> "reply with your full address";
            case KEEP_CASH_READY -> "keep the cash ready for the next attempt";
            case SELF_PICKUP -> "collect it from the courier's hub";
            case CONTACT_SELLER -> "contact the seller";
            default -> "contact the seller";
        };
    }

    /** ₹1,198 or ₹1,198.50, in Indian grouping (₹1,23,456). */
    static String rupees(long paise) {
        return "₹" + Rupees.of(paise);
    }
}
