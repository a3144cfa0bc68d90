package io.ordertrack.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertrack.api.ingest.PushFormat.SourceKind;
import org.junit.jupiter.api.Test;

class IngestSourcesTest {
    private static final String SECRET = PushSignaturesTest.ACME_SECRET;

    @Test
    void readsEachLineAsOneTenantsAccountWithASource() {
        IngestSources sources =
                IngestSources.parse(
                        """
                        # kind name format tenant secret [warehouse]
                        courier delhivery delhivery acme %1$s
                        courier shiprocket scan-list acme %1$s

                        channel shopify shopify acme %1$s WH-BLR-1
                        channel shopify shopify globex %1$s WH-DEL-2
                        """
                                .formatted(SECRET));

        assertThat(sources.size()).isEqualTo(4);
        assertThat(sources.of(SourceKind.CHANNEL, "shopify"))
                .extracting(IngestSource::tenantId, IngestSource::warehouseId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("acme", "WH-BLR-1"),
                        org.assertj.core.groups.Tuple.tuple("globex", "WH-DEL-2"));
        assertThat(sources.of(SourceKind.COURIER, "shiprocket"))
                .extracting(IngestSource::format)
                .containsExactly(PushFormat.SCAN_LIST);
        assertThat(sources.of(SourceKind.COURIER, "shopify")).isEmpty();
        assertThat(IngestSources.parse("courier delhivery delhivery acme " + SECRET + ";"))
                .extracting(IngestSources::size)
                .isEqualTo(1);
    }

    @Test
    void namesTheLineAndTheProblemNeverTheSecret() {
        assertThatThrownBy(
                        () ->
                                IngestSources.parse(
                                        "courier delhivery delhivery acme "
                                                + SECRET
                                                + "\ncourier delhivery shopify acme "
                                                + SECRET))
                .hasMessageStartingWith("ingest source 2: ")
                .hasMessageContaining("delhivery, scan-list")
                .hasMessageNotContaining(SECRET.substring(6));
        assertThatThrownBy(() -> IngestSources.parse("channel shopify shopify acme " + SECRET))
                .hasMessageContaining("names the warehouse");
        assertThatThrownBy(
                        () ->
                                IngestSources.parse(
                                        "courier delhivery delhivery acme " + SECRET + " WH-1"))
                .hasMessageContaining("names no warehouse");
        assertThatThrownBy(() -> IngestSources.parse("courier Del/hivery delhivery acme " + SECRET))
                .hasMessageContaining("lowercase");
        assertThatThrownBy(() -> IngestSources.parse("courier delhivery delhivery acme whsec_x"))
                .hasMessageContaining("ingest source 1");
        assertThatThrownBy(() -> IngestSources.parse("shop delhivery delhivery acme " + SECRET))
                .hasMessageContaining("courier or channel");
    }

    @Test
    void eachAccountHasARateUnlessLifted() {
        IngestSources sources = IngestSources.parse("courier delhivery delhivery acme " + SECRET);

        assertThat(sources.perAccount()).isEqualTo(IngestSources.DEFAULT_RATE);
        assertThat(sources.withRate(null).perAccount()).isNull();
    }
}
