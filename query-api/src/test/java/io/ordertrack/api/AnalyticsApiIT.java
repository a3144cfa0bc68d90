package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.documents.Index;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The analytics endpoints over HTTP against a real Elasticsearch holding cohorts of two tenants:
 * sums, rates with their intervals, percentiles merged across cohorts, Indian days, paging, tenant
 * scope and bad parameters.
 */
class AnalyticsApiIT {
    private static final String ACME_KEY = "acme-key";
    private static final String ANALYST_KEY = "analyst-key";
    private static final String MARCH_1_IST = "2026-02-28T18:30:00Z";
    private static final String MARCH_2_IST = "2026-03-01T18:30:00Z";

    @RegisterExtension static final TestApi testApi = new TestApi();
    private static ApiClient api;

    @BeforeAll
    static void start() throws IOException {
        String metrics = testApi.newIndex(Index.ORDER_METRICS);
        TestIndices.index(
                testApi.elasticsearch(),
                metrics,
                List.of(
                        // 11:00 IST on 1 March.
                        MetricDocuments.cohort("acme", "2026-03-01T05:30:00Z", "DELHIVERY", "COD")
                                .delivered(600, 1200)
                                .deliveredAfterNdr(1800, "CUSTOMER_UNAVAILABLE")
                                .rto("CUSTOMER_REFUSED", "CUSTOMER_REFUSED")
                                .open(1, 1)
                                .build(),
                        // 00:30 IST on 2 March, still 1 March in UTC.
                        MetricDocuments.cohort(
                                        "acme", "2026-03-01T19:00:00Z", "DELHIVERY", "PREPAID")
                                .delivered(300)
                                .build(),
                        MetricDocuments.cohort("acme", "2026-03-02T05:30:00Z", "BLUEDART", "COD")
                                .rto()
                                .delivered(2400)
                                .build(),
                        MetricDocuments.cohort("globex", "2026-03-01T05:30:00Z", "DELHIVERY", "COD")
                                .rto("ADDRESS_INCORRECT")
                                .build()),
                MetricDocuments::idOf);
        ApiKeys keys =
                ApiKeys.parse(
                        ApiKeys.hash(ACME_KEY)
                                + " acme\n"
                                + ApiKeys.hash(ANALYST_KEY)
                                + " "
                                + ApiKeys.ANALYST_MARKER);
        api =
                testApi.start(
                        new TestApi.Indices(
                                "orders-none",
                                "alerts-none",
                                "inventory-none",
                                metrics,
                                "routing-none"),
                        keys);
    }

    @Test
    void theRtoRateIsRtoOverDeliveredAndRtoPerCourierWithItsConfidenceInterval() {
        JsonNode rows = rows("/api/analytics/rto?groupBy=courier&minSample=1", ACME_KEY);

        assertThat(summary(rows, "courier", "delivered", "rto"))
                .containsExactly("BLUEDART 1 1", "DELHIVERY 4 1");
        JsonNode delhivery = rows.get(1).path("rtoRate");
        assertThat(delhivery.path("value").asDouble()).isEqualTo(0.2);
        assertThat(delhivery.path("sample").asLong()).isEqualTo(5);
        assertThat(delhivery.path("low").asDouble()).isBetween(0.0, 0.2);
        assertThat(delhivery.path("high").asDouble()).isBetween(0.2, 1.0);
        assertThat(rows.get(1).path("open").asLong()).isEqualTo(1);
    }

    @Test
    void underTheMinimumSampleARateIsHiddenButItsCountsAreGiven() {
        JsonNode rate =
                rows("/api/analytics/rto?courier=DELHIVERY", ACME_KEY).get(0).path("rtoRate");

        assertThat(rate.path("enoughSample").asBoolean()).isFalse();
        assertThat(rate.path("value").isNull()).isTrue();
        assertThat(rate.path("count").asLong()).isEqualTo(1);
        assertThat(rate.path("sample").asLong()).isEqualTo(5);
    }

    @Test
    void aPairOfDimensionsByIndianDaysSplitsTheCohortsWhereIndiasDaysEnd() {
        JsonNode rows =
                rows(
                        "/api/analytics/rto?groupBy=courier,paymentMode&interval=day&minSample=1",
                        ACME_KEY);

        assertThat(summary(rows, "period", "courier", "paymentMode", "shipments"))
                .containsExactly(
                        MARCH_1_IST + " DELHIVERY COD 5",
                        MARCH_2_IST + " BLUEDART COD 2",
                        MARCH_2_IST + " DELHIVERY PREPAID 1");
        assertThat(
                        summary(
                                rows("/api/analytics/rto?from=2026-03-02&to=2026-03-02", ACME_KEY),
                                "shipments"))
                .containsExactly("3");
    }

    @Test
    void ndrReasonsAreSharesOfAttemptsAndNdrsEndDeliveredOrRto() {
        JsonNode total = rows("/api/analytics/ndr?minSample=1", ACME_KEY).get(0);

        assertThat(total.path("shipments").asLong()).isEqualTo(8);
        assertThat(total.path("ndrShipments").asLong()).isEqualTo(2);
        assertThat(total.path("ndrRate").path("value").asDouble()).isEqualTo(0.25);
        assertThat(total.path("ndrAttempts").asLong()).isEqualTo(3);
        assertThat(summary(total.path("reasons"), "reason"))
                .containsExactly("CUSTOMER_REFUSED", "CUSTOMER_UNAVAILABLE");
        assertThat(total.path("reasons").get(0).path("share").path("value").asDouble())
                .isCloseTo(2 / 3.0, within(1e-9));
        assertThat(total.path("endedDelivered").path("value").asDouble()).isEqualTo(0.5);
        assertThat(total.path("endedRto").path("value").asDouble()).isEqualTo(0.5);
    }

    /**
     * The rescue rate per reason: of the shipments whose first failed attempt had the reason, the
     * share delivered in the end. The shipment refused twice counts once.
     */
    @Test
    void eachReasonHasTheShipmentsItFirstFailedAndTheShareOfThemRescued() {
        JsonNode reasons = rows("/api/analytics/ndr?minSample=1", ACME_KEY).get(0).path("reasons");

        assertThat(summary(reasons, "reason", "shipments"))
                .containsExactly("CUSTOMER_REFUSED 1", "CUSTOMER_UNAVAILABLE 1");
        assertThat(reasons.get(0).path("endedDelivered").path("value").asDouble()).isZero();
        assertThat(reasons.get(1).path("endedDelivered").path("value").asDouble()).isEqualTo(1.0);
        assertThat(reasons.get(1).path("endedDelivered").path("count").asLong()).isEqualTo(1);
    }

    @Test
    void turnaroundPercentilesMergeTheCohortsAtTheirNearestRank() {
        JsonNode delhivery =
                rows("/api/analytics/turnaround?courier=DELHIVERY&minSample=1", ACME_KEY).get(0);

        // 300, 600, 1200, 1800 minutes.
        JsonNode minutes = delhivery.path("turnaroundMinutes");
        assertThat(minutes.path("sample").asLong()).isEqualTo(4);
        assertThat(minutes.path("p50").asDouble()).isCloseTo(600, withinPercentage(0.1));
        assertThat(minutes.path("p90").asDouble()).isCloseTo(1800, withinPercentage(0.1));
        assertThat(minutes.path("p99").asDouble()).isCloseTo(1800, withinPercentage(0.1));
        assertThat(delhivery.path("firstAttemptRate").path("value").asDouble()).isEqualTo(0.75);
    }

    @Test
    void theCourierScorecardGroupsByCourierAndTheDimensionsAsked() {
        JsonNode rows = rows("/api/analytics/couriers?minSample=1", ACME_KEY);

        assertThat(summary(rows, "courier", "shipments", "stuck", "open"))
                .containsExactly("BLUEDART 2 0 0", "DELHIVERY 6 1 1");
        assertThat(rows.get(1).path("ndrRate").path("value").asDouble())
                .isCloseTo(2 / 6.0, within(1e-9));
        assertThat(rows.get(0).path("turnaroundMinutes").path("p50").asDouble())
                .isCloseTo(2400, withinPercentage(0.1));
        assertThat(
                        summary(
                                rows("/api/analytics/couriers?groupBy=paymentMode", ACME_KEY),
                                "courier",
                                "paymentMode"))
                .containsExactly("BLUEDART COD", "DELHIVERY COD", "DELHIVERY PREPAID");
    }

    @Test
    void groupsComePageByPageEachOnce() {
        List<String> seen = new ArrayList<>();
        String call = "/api/analytics/couriers?groupBy=paymentMode&size=2";
        String next = null;
        do {
            var answer = api.get(call + (next == null ? "" : "&after=" + next), ACME_KEY).body();
            assertThat(answer.path("rows").size()).isLessThanOrEqualTo(2);
            seen.addAll(summary(answer.path("rows"), "courier", "paymentMode"));
            next = answer.path("next").isNull() ? null : answer.path("next").asText();
        } while (next != null);

        assertThat(seen).containsExactly("BLUEDART COD", "DELHIVERY COD", "DELHIVERY PREPAID");
        String firstPage = api.get(call, ACME_KEY).body().path("next").asText();
        assertThat(
                        api.get("/api/analytics/couriers?after=" + firstPage, ACME_KEY)
                                .body()
                                .path("parameter")
                                .asText())
                .as("a cursor of another grouping")
                .isEqualTo("after");
    }

    @Test
    void aTenantSeesItsOwnShipmentsOnlyAndAnAnalystSeesEveryTenant() {
        assertThat(summary(rows("/api/analytics/rto?groupBy=tenant", ACME_KEY), "tenant"))
                .containsExactly("acme");
        assertThat(rows("/api/analytics/rto?tenant=globex", ACME_KEY)).isEmpty();
        assertThat(summary(rows("/api/analytics/rto?groupBy=tenant", ANALYST_KEY), "tenant", "rto"))
                .containsExactly("acme 2", "globex 1");
        assertThat(api.get("/api/analytics/rto", null).status()).isEqualTo(401);
    }

    @Test
    void badParametersAnswer400NamingTheParameter() {
        for (String[] bad :
                new String[][] {
                    {"/api/analytics/rto?groupBy=planet", "groupBy"},
                    {"/api/analytics/rto?groupBy=courier,courier", "groupBy"},
                    {"/api/analytics/ndr?groupBy=courier,pincode,state,city", "groupBy"},
                    {"/api/analytics/couriers?groupBy=pincode,state,city", "groupBy"},
                    {"/api/analytics/turnaround?interval=month", "interval"},
                    {"/api/analytics/rto?minSample=0", "minSample"},
                    {"/api/analytics/rto?paymentMode=CASH", "paymentMode"},
                    {"/api/analytics/rto?size=1001", "size"},
                    {"/api/analytics/rto?from=yesterday", "from"},
                    {"/api/analytics/rto?after=bm90LWEtY3Vyc29y", "after"}
                }) {
            var answer = api.get(bad[0], ACME_KEY);
            assertThat(answer.status()).as(bad[0]).isEqualTo(400);
            assertThat(answer.body().path("parameter").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
    }

    private static JsonNode rows(String call, String key) {
        var answer = api.get(call, key);
        assertThat(answer.status()).as(call + " " + answer.body()).isEqualTo(200);
        return answer.body().path("rows");
    }

    private static List<String> summary(JsonNode rows, String... fields) {
        return StreamSupport.stream(rows.spliterator(), false)
                .map(
                        row -> {
                            List<String> values = new ArrayList<>();
                            for (String field : fields) {
                                values.add(row.path(field).asText());
                            }
                            return String.join(" ", values);
                        })
                .toList();
    }
}
