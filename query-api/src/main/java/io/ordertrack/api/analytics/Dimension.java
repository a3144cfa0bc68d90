package io.ordertrack.api.analytics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What the shipments of the analytics can be grouped and filtered by: a parameter and a field. */
enum Dimension {
    TENANT("tenant", "tenantId"),
    COURIER("courier", "courier"),
    PINCODE("pincode", "pincode"),
    STATE("state", "state"),
    CITY("city", "city"),
    CHANNEL("channel", "channel"),
    PAYMENT_MODE("paymentMode", "paymentMode"),
    WAREHOUSE("warehouse", "warehouseId");

    /** The parameter naming it in requests and answers. */
    final String parameter;

    /** The field of the order-metrics index. */
    final String field;

    Dimension(String parameter, String field) {
        this.parameter = parameter;
        this.field = field;
    }

    static Optional<Dimension> ofParameter(String name) {
        return Arrays.stream(values()).filter(d -> d.parameter.equals(name)).findFirst();
    }

    static List<String> parameters() {
        return Arrays.stream(values()).map(d -> d.parameter).toList();
    }
}
