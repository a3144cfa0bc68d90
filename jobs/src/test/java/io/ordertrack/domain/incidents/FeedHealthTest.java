package io.ordertrack.domain.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.domain.incidents.FeedHealth.Figures;
import io.ordertrack.domain.incidents.FeedHealth.UnknownCode;
import io.ordertrack.domain.incidents.Incident.IncidentType;
import io.ordertrack.domain.incidents.Incident.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FeedHealthTest {
    private static final Instant MONDAY = Instant.parse("2026-11-02T00:00:00Z");
    private static final Instant WEDNESDAY = MONDAY.plus(Duration.ofDays(2));
    private static final Duration MINUTES_10 = Duration.ofMinutes(10);
    private static final FeedId SHOPIFY = FeedId.channel("acme", "SHOPIFY");
    private static final FeedId PUNE = FeedId.warehouse("acme", "WH-PUNE");

    private final FeedHealth health = new FeedHealth(IncidentSettings.DEFAULT);
    private final List<Incident> changes = new ArrayList<>();
    private final List<Figures> reviewed = new ArrayList<>();

    @Test
    void aCourierWhoseScansStopArrivingWhileItHasLiveParcelsIsSilentUntilTheyArriveAgain() {
        List<CourierScan> scans = steadyFeed("SHADOWFAX", 72);
        scans.addAll(steadyFeed("DTDC", 72));
        Instant outageEnds = WEDNESDAY.plus(Duration.ofHours(4));
        List<CourierScan> held = new ArrayList<>();
        for (CourierScan scan : scans) {
            boolean inOutage =
                    scan.courier().equals("SHADOWFAX")
                            && !scan.arrivedAt().isBefore(WEDNESDAY)
                            && scan.arrivedAt().isBefore(outageEnds);
            held.add(inOutage ? arrivingAt(scan, outageEnds) : scan);
        }
        feed(held);

        assertThat(changes).extracting(Incident::state).containsExactly(State.OPEN, State.RESOLVED);
        Incident silent = changes.get(0);
        assertThat(silent.type()).isEqualTo(IncidentType.FEED_SILENT);
        assertThat(silent.courier()).isEqualTo("SHADOWFAX");
        assertThat(silent.hub()).isNull();
        assertThat(silent.since()).isBefore(WEDNESDAY);
        assertThat(Duration.between(WEDNESDAY, silent.detectedAt()))
                .isLessThanOrEqualTo(Duration.ofMinutes(40));
        assertThat(silent.parcelCount()).isGreaterThanOrEqualTo(20);
        assertThat(changes.get(1).resolvedAt()).isEqualTo(outageEnds);
        assertThat(reviewedAt(FeedId.courier("SHADOWFAX"), null, WEDNESDAY.plusSeconds(3_600)))
                .as("while silent, the feed's figures say since when and which incident")
                .satisfies(
                        figures -> {
                            assertThat(figures.incidentId()).isEqualTo(silent.id());
                            assertThat(figures.silentSince()).isEqualTo(silent.since());
                        });
        assertThat(reviewedAt(FeedId.courier("SHADOWFAX"), null, outageEnds.plusSeconds(600)))
                .extracting(Figures::incidentId)
                .isNull();
    }

    @Test
    void aCourierSendingItsScansInHourlyBatchesIsSilentOnlyWhenABatchFailsToCome() {
        Instant missedFrom = WEDNESDAY.plus(Duration.ofHours(10));
        Instant resumes = missedFrom.plus(Duration.ofHours(3));
        List<CourierScan> batched = new ArrayList<>();
        for (CourierScan scan : steadyFeed("DTDC", 72)) {
            Instant batch = nextBatchAfter(scan.scanAt());
            if (!batch.isBefore(missedFrom) && batch.isBefore(resumes)) {
                batch = resumes;
            }
            batched.add(arrivingAt(scan, batch));
        }

        feedReviewingEvery5Minutes(batched, CourierScan::arrivedAt, health::record);

        assertThat(changes).extracting(Incident::state).containsExactly(State.OPEN, State.RESOLVED);
        Incident silent = changes.get(0);
        Instant lastBatch = missedFrom.minus(Duration.ofMinutes(55));
        assertThat(silent.since()).isEqualTo(lastBatch);
        assertThat(silent.detectedAt())
                .as("twice the hour between batches after the last one")
                .isBetween(
                        lastBatch.plus(Duration.ofHours(2)),
                        lastBatch.plus(Duration.ofMinutes(130)));
        assertThat(changes.get(1).resolvedAt()).isEqualTo(resumes);
    }

    @Test
    void aCourierWithNoLiveParcelsIsNotSilentHoweverLongItSaysNothing() {
        List<CourierScan> scans = steadyFeed("SHADOWFAX", 48);
        scans.addAll(steadyFeed("DTDC", 24 * 5));
        feed(scans);

        assertThat(changes).isEmpty();
        assertThat(
                        health.figures(FeedId.courier("SHADOWFAX"), MONDAY.plus(Duration.ofDays(5)))
                                .live())
                .isZero();
    }

    @Test
    void scansPerHourAreSetAgainstTheSameHourOfTheEarlierDays() {
        feed(steadyFeed("DELHIVERY", 80));

        Figures figures = health.figures(FeedId.courier("DELHIVERY"), hoursIn(72));
        assertThat(figures.eventsLastHour()).isEqualTo(42);
        assertThat(figures.usualEventsPerHour()).isEqualTo(42.0);
        assertThat(health.figures(FeedId.courier("DTDC"), hoursIn(72)).events()).isZero();
    }

    @Test
    void eachSellersShareOfACouriersFeedHasItsOwnFigures() {
        List<CourierScan> scans = steadyFeed("DELHIVERY", 80);
        for (int i = 0; i < 12; i++) {
            Instant at = hoursIn(71).plus(Duration.ofMinutes(5L * i));
            scans.add(scan("DELHIVERY", "zenith:DELHIVERY:Z" + i, "Z" + i, "C-9", null, at, at));
        }
        feed(scans);

        Figures all = reviewedAt(FeedId.courier("DELHIVERY"), null, hoursIn(72));
        Figures acme = reviewedAt(FeedId.courier("DELHIVERY"), "acme", hoursIn(72));
        Figures ofZenith = reviewedAt(FeedId.courier("DELHIVERY"), "zenith", hoursIn(72));
        assertThat(all.eventsLastHour()).isEqualTo(54);
        assertThat(acme.eventsLastHour()).isEqualTo(42);
        assertThat(acme.usualEventsPerHour()).isEqualTo(42.0);
        assertThat(acme.unmappedShare()).isZero();
        assertThat(ofZenith.eventsLastHour()).isEqualTo(12);
        assertThat(ofZenith.usualEventsPerHour()).isZero();
        assertThat(ofZenith.unmappedShare()).isEqualTo(1.0);
        assertThat(ofZenith.unknownCodes())
                .containsExactly(new UnknownCode("C-9", "In transit", 12));
        assertThat(ofZenith.live()).isEqualTo(12);
        assertThat(acme.live() + ofZenith.live()).isEqualTo(all.live());
        assertThat(all.unknownCodes()).containsExactly(new UnknownCode("C-9", "In transit", 12));
    }

    @Test
    void aSellersSharesAddUpToTheWholeFeedWhenAScanArrivesAheadOfTheReview() {
        steadyFeed("DELHIVERY", 72).stream()
                .filter(scan -> scan.arrivedAt().isBefore(hoursIn(72)))
                .sorted(Comparator.comparing(CourierScan::arrivedAt))
                .forEach(health::record);
        Instant ahead = hoursIn(74);
        health.record(scan("DELHIVERY", "zenith:DELHIVERY:Z1", "Z1", "C-1", null, ahead, ahead));

        List<Figures> figures = health.reviewAt(hoursIn(72)).figures();

        assertThat(figures).extracting(Figures::asOf).containsOnly(hoursIn(72));
        assertThat(figures).extracting(Figures::tenant).containsExactly(null, "acme", "zenith");
        assertThat(figures.get(1).events() + figures.get(2).events())
                .isEqualTo(figures.get(0).events());
        assertThat(figures.get(2).events()).isEqualTo(1);
    }

    @Test
    void unmappedCodesAreCountedWithTheMostFrequentFirst() {
        List<CourierScan> scans = steadyFeed("ECOM_EXPRESS", 24);
        for (int i = 0; i < 30; i++) {
            scans.add(unmapped("NC-101", "Shipment connected to sorting line", 600 + i));
        }
        for (int i = 0; i < 5; i++) {
            scans.add(unmapped("ZX-17", "Status update", 700 + i));
        }
        feed(scans);

        Figures figures =
                health.figures(FeedId.courier("ECOM_EXPRESS"), MONDAY.plus(Duration.ofHours(24)));
        assertThat(figures.unknownCodes())
                .containsExactly(
                        new UnknownCode("NC-101", "Shipment connected to sorting line", 30),
                        new UnknownCode("ZX-17", "Status update", 5));
        assertThat(figures.unmappedShare()).isEqualTo(35.0 / figures.events());
    }

    @Test
    void duplicatesRegressionsAndLateArrivalsAreToldFromWhatEachParcelReached() {
        String one = "acme:BLUEDART:1";
        CourierScan first =
                scan(
                        "BLUEDART",
                        one,
                        "e1",
                        "001",
                        ShipmentStatus.IN_TRANSIT,
                        hoursIn(0),
                        hoursIn(0));
        CourierScan late =
                scan(
                        "BLUEDART",
                        "acme:BLUEDART:2",
                        "e2",
                        "001",
                        ShipmentStatus.IN_TRANSIT,
                        hoursIn(0),
                        hoursIn(30));
        CourierScan again = arrivingAt(first, hoursIn(31));
        CourierScan delivered =
                scan(
                        "BLUEDART",
                        one,
                        "e3",
                        "000",
                        ShipmentStatus.DELIVERED,
                        hoursIn(32),
                        hoursIn(32));
        CourierScan stale =
                scan(
                        "BLUEDART",
                        one,
                        "e4",
                        "002",
                        ShipmentStatus.OUT_FOR_DELIVERY,
                        hoursIn(33),
                        hoursIn(33));
        CourierScan filledIn =
                scan(
                        "BLUEDART",
                        one,
                        "e5",
                        "002",
                        ShipmentStatus.OUT_FOR_DELIVERY,
                        hoursIn(31),
                        hoursIn(33));
        feed(List.of(first, late, again, delivered, stale, filledIn));

        Figures figures = health.figures(FeedId.courier("BLUEDART"), hoursIn(34));
        assertThat(figures.events()).isEqualTo(6);
        assertThat(figures.duplicates()).as("the same event id again").isEqualTo(1);
        assertThat(figures.regressions())
                .as("out for delivery reported after delivered; not the late scan from before it")
                .isEqualTo(1);
        assertThat(figures.live()).isEqualTo(1);
        assertThat(figures.lagP99()).isEqualTo(Duration.ofHours(30));
        assertThat(figures.lagP50()).isZero();
        assertThat(figures.lastArrivalAt()).isEqualTo(hoursIn(33));
        assertThat(health.figures(FeedId.courier("BLUEDART"), "acme", hoursIn(34)).regressions())
                .isEqualTo(1);
    }

    @Test
    void aDeliveryArrivingAfterTheStaleScanThatFollowedItShowsTheRegressionThen() {
        String parcel = "acme:BLUEDART:1";
        feed(
                List.of(
                        scan(
                                "BLUEDART",
                                parcel,
                                "e1",
                                "002",
                                ShipmentStatus.OUT_FOR_DELIVERY,
                                hoursIn(1),
                                hoursIn(1)),
                        scan(
                                "BLUEDART",
                                parcel,
                                "e3",
                                "002",
                                ShipmentStatus.OUT_FOR_DELIVERY,
                                hoursIn(4),
                                hoursIn(4)),
                        scan(
                                "BLUEDART",
                                parcel,
                                "e2",
                                "000",
                                ShipmentStatus.DELIVERED,
                                hoursIn(2),
                                hoursIn(5)),
                        scan(
                                "BLUEDART",
                                parcel,
                                "e4",
                                "002",
                                ShipmentStatus.OUT_FOR_DELIVERY,
                                hoursIn(6),
                                hoursIn(6)),
                        scan(
                                "BLUEDART",
                                parcel,
                                "e0",
                                "001",
                                ShipmentStatus.IN_TRANSIT,
                                hoursIn(0),
                                hoursIn(7))));

        assertThat(health.figures(FeedId.courier("BLUEDART"), hoursIn(8)).regressions())
                .as("both stale out-for-delivery scans after the delivery; not the late in-transit")
                .isEqualTo(2);
    }

    @Test
    void aFailedAttemptGoingOutForDeliveryAgainIsNoRegression() {
        String parcel = "acme:BLUEDART:1";
        feed(
                List.of(
                        scan(
                                "BLUEDART",
                                parcel,
                                "e1",
                                "002",
                                ShipmentStatus.OUT_FOR_DELIVERY,
                                hoursIn(1),
                                hoursIn(1)),
                        scan(
                                "BLUEDART",
                                parcel,
                                "e2",
                                "004",
                                ShipmentStatus.DELIVERY_FAILED,
                                hoursIn(2),
                                hoursIn(2)),
                        scan(
                                "BLUEDART",
                                parcel,
                                "e3",
                                "002",
                                ShipmentStatus.OUT_FOR_DELIVERY,
                                hoursIn(20),
                                hoursIn(20)),
                        scan(
                                "BLUEDART",
                                parcel,
                                "e4",
                                "001",
                                ShipmentStatus.IN_TRANSIT,
                                hoursIn(21),
                                hoursIn(21))));

        assertThat(health.figures(FeedId.courier("BLUEDART"), hoursIn(22)).regressions())
                .as("only in transit after out for delivery is")
                .isEqualTo(1);
    }

    @Test
    void aChannelThatStopsSendingOrdersIsSilentUntilItsNextOrder() {
        Instant resumes = WEDNESDAY.plus(Duration.ofHours(8));
        List<FeedEvent> events = steadyEvents(SHOPIFY, MONDAY, WEDNESDAY, MINUTES_10);
        events.addAll(steadyEvents(PUNE, MONDAY, resumes, MINUTES_10));
        events.add(new FeedEvent(SHOPIFY, "late-order", resumes, resumes));
        feedEvents(events);

        assertThat(changes).extracting(Incident::state).containsExactly(State.OPEN, State.RESOLVED);
        Incident silent = changes.get(0);
        assertThat(silent.type()).isEqualTo(IncidentType.FEED_SILENT);
        assertThat(silent.courier()).isNull();
        assertThat(silent.tenant()).isEqualTo("acme");
        assertThat(silent.channel()).isEqualTo("SHOPIFY");
        assertThat(silent.warehouseId()).isNull();
        assertThat(silent.since()).isEqualTo(WEDNESDAY.minus(MINUTES_10));
        // 6 orders an hour: 20 orders missed after 3 h 20 min, found at the next review.
        assertThat(Duration.between(silent.since(), silent.detectedAt()))
                .isBetween(Duration.ofMinutes(200), Duration.ofMinutes(210));
        assertThat(silent.id()).isEqualTo("FEED_SILENT:CHANNEL:SHOPIFY|acme:" + silent.since());
        assertThat(changes.get(1).resolvedAt()).isEqualTo(resumes);
        Figures during = reviewedAt(SHOPIFY, "acme", WEDNESDAY.plus(Duration.ofHours(5)));
        assertThat(during.incidentId()).isEqualTo(silent.id());
        assertThat(during.usualEventsPerHour()).isEqualTo(6.0);
        assertThat(during.eventsLastHour()).isZero();
    }

    @Test
    void aWarehouseWhoseStockFeedStopsIsSilentUntilItsNextEvent() {
        Instant resumes = WEDNESDAY.plus(Duration.ofHours(4));
        List<FeedEvent> events = steadyEvents(PUNE, MONDAY, WEDNESDAY, Duration.ofMinutes(5));
        events.addAll(steadyEvents(SHOPIFY, MONDAY, resumes, MINUTES_10));
        events.add(new FeedEvent(PUNE, "count", resumes, resumes));
        feedEvents(events);

        assertThat(changes).extracting(Incident::state).containsExactly(State.OPEN, State.RESOLVED);
        assertThat(changes.get(0).warehouseId()).isEqualTo("WH-PUNE");
        assertThat(changes.get(0).channel()).isNull();
        assertThat(changes.get(0).tenant()).isEqualTo("acme");
        assertThat(Duration.between(changes.get(0).since(), changes.get(0).detectedAt()))
                .isBetween(Duration.ofMinutes(100), Duration.ofMinutes(105));
        assertThat(changes.get(1).resolvedAt()).isEqualTo(resumes);
    }

    @Test
    void aWarehouseWhoseFirstStockArrivedAtOnceIsNotSilentTheNextNightForLackOfAnother() {
        List<FeedEvent> events = new ArrayList<>();
        Instant load = MONDAY.plus(Duration.ofHours(23));
        for (int sku = 0; sku < 20; sku++) {
            events.add(new FeedEvent(PUNE, "load-" + sku, load, load));
        }
        // Then a sale every three hours, one half an hour after another, none on Tuesday night.
        Instant firstSale = MONDAY.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(110));
        Instant nightFrom = hoursIn(40);
        Instant nightUntil = hoursIn(50);
        for (FeedEvent sale : steadyEvents(PUNE, firstSale, hoursIn(96), Duration.ofHours(3))) {
            if (sale.arrivedAt().isBefore(nightFrom) || sale.arrivedAt().isAfter(nightUntil)) {
                events.add(sale);
            }
        }
        Instant soonAfter = firstSale.plus(Duration.ofMinutes(210));
        events.add(new FeedEvent(PUNE, "sale-soon-after", soonAfter, soonAfter));

        feedReviewingEvery5Minutes(events, FeedEvent::arrivedAt, health::record);

        assertThat(changes)
                .as("its first hour, a load of every SKU at once, is not its usual")
                .isEmpty();
    }

    @Test
    void aChannelThatNeverHadAUsualRateIsNotSilentUntilItMissesOrdersItUsuallyHas() {
        Instant opened = MONDAY.plus(Duration.ofHours(8));
        List<FeedEvent> events =
                steadyEvents(
                        SHOPIFY, opened, opened.plus(Duration.ofHours(5)), Duration.ofMinutes(2));
        events.addAll(steadyEvents(PUNE, MONDAY, WEDNESDAY, MINUTES_10));
        feedEvents(events);

        List<Incident> onItsFirstDay =
                changes.stream()
                        .filter(i -> i.detectedAt().isBefore(opened.plus(Duration.ofHours(24))))
                        .toList();
        assertThat(onItsFirstDay).as("no earlier day to know its usual rate from").isEmpty();
        assertThat(changes)
                .as("the next morning it misses the orders it had the day before")
                .singleElement()
                .satisfies(
                        silent -> {
                            assertThat(silent.channel()).isEqualTo("SHOPIFY");
                            assertThat(silent.detectedAt())
                                    .as("its first hour is no usual hour: from the second on")
                                    .isBetween(
                                            opened.plus(Duration.ofHours(25)),
                                            opened.plus(Duration.ofHours(26)));
                        });
    }

    @Test
    void aSellerThatStoppedShippingDropsOutOfACouriersFiguresAndParcelsAreLetGo() {
        List<CourierScan> scans = steadyFeed("DELHIVERY", 24 * 5);
        for (int i = 0; i < 30; i++) {
            Instant at = hoursIn(1).plus(Duration.ofMinutes(i));
            scans.add(
                    scan(
                            "DELHIVERY",
                            "zenith:DELHIVERY:Z" + i,
                            "Z" + i,
                            "C-1",
                            ShipmentStatus.IN_TRANSIT,
                            at,
                            at));
        }
        feed(scans);

        assertThat(reviewed)
                .filteredOn(f -> "zenith".equals(f.tenant()))
                .as("reviewed while it had parcels or scans in the days kept")
                .isNotEmpty()
                .allMatch(f -> f.asOf().isBefore(hoursIn(1 + 72 + 1)));
        assertThat(health.live("DELHIVERY"))
                .as("every parcel delivered, the never delivered ones let go 48 h after their scan")
                .isEmpty();
    }

    @Test
    void aFeedWithNoEventForAWeekIsForgottenItsSilenceResolved() {
        feedEvents(steadyEvents(SHOPIFY, MONDAY, WEDNESDAY, MINUTES_10));
        review(WEDNESDAY.plus(Duration.ofHours(4)));
        assertThat(changes).extracting(Incident::state).containsExactly(State.OPEN);
        Instant weekLater = WEDNESDAY.plus(Duration.ofDays(7)).plusSeconds(60);

        FeedHealth.Review review = health.reviewAt(weekLater);

        assertThat(review.changes())
                .singleElement()
                .satisfies(
                        resolved -> {
                            assertThat(resolved.state()).isEqualTo(State.RESOLVED);
                            assertThat(resolved.resolvedAt()).isEqualTo(weekLater);
                            assertThat(resolved.id()).isEqualTo(changes.get(0).id());
                        });
        assertThat(review.figures()).isEmpty();
        assertThat(health.isEmpty()).isTrue();
    }

    @Test
    void aParcelRemembersItsLatestEventIdsOnly() {
        String parcel = "acme:BLUEDART:1";
        List<CourierScan> scans = new ArrayList<>();
        for (int i = 0; i <= FeedHealth.IDS_PER_PARCEL; i++) {
            Instant at = hoursIn(0).plus(Duration.ofMinutes(i));
            scans.add(scan("BLUEDART", parcel, "e" + i, "001", ShipmentStatus.IN_TRANSIT, at, at));
        }
        Instant later = hoursIn(2);
        scans.add(arrivingAt(scans.get(1), later));
        scans.add(arrivingAt(scans.get(0), later));
        feed(scans);

        assertThat(health.figures(FeedId.courier("BLUEDART"), hoursIn(3)).duplicates())
                .as("the second is a duplicate; the first is older than the ids kept")
                .isEqualTo(1);
    }

    /**
     * A courier's feed for {@code hours} hours from Monday: every 10 minutes a new parcel's first
     * scan arrives, and the parcels' later scans every 10 minutes after, each parcel delivered 12
     * hours after its first scan.
     */
    private static List<CourierScan> steadyFeed(String courier, int hours) {
        List<CourierScan> scans = new ArrayList<>();
        for (int i = 0; i < hours * 6; i++) {
            String parcel = "acme:" + courier + ":" + i;
            Instant first = MONDAY.plus(MINUTES_10.multipliedBy(i));
            for (int step = 0; step <= 72; step += 12) {
                Instant at = first.plus(MINUTES_10.multipliedBy(step));
                ShipmentStatus status =
                        step == 72 ? ShipmentStatus.DELIVERED : ShipmentStatus.IN_TRANSIT;
                scans.add(scan(courier, parcel, parcel + "/" + step, "C-1", status, at, at));
            }
        }
        return scans;
    }

    /** Events of a feed every {@code every} from {@code from} until before {@code until}. */
    private static List<FeedEvent> steadyEvents(
            FeedId feed, Instant from, Instant until, Duration every) {
        List<FeedEvent> events = new ArrayList<>();
        for (Instant at = from; at.isBefore(until); at = at.plus(every)) {
            events.add(new FeedEvent(feed, feed.name() + at, at, at));
        }
        return events;
    }

    /** The hourly batch a scan made at {@code at} is sent in: at five past the next hour. */
    private static Instant nextBatchAfter(Instant at) {
        Instant hour = at.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Instant batch = hour.plus(Duration.ofMinutes(5));
        return batch.isAfter(at) ? batch : batch.plus(Duration.ofHours(1));
    }

    private static CourierScan scan(
            String courier,
            String parcel,
            String eventId,
            String rawCode,
            ShipmentStatus status,
            Instant scanAt,
            Instant arrivedAt) {
        return new CourierScan(
                parcel,
                courier,
                eventId,
                "Delhi hub",
                "Delhi",
                rawCode,
                "In transit",
                status,
                scanAt,
                arrivedAt);
    }

    private static CourierScan unmapped(String code, String text, int parcel) {
        Instant at = MONDAY.plus(Duration.ofHours(20)).plus(Duration.ofMinutes(parcel - 600));
        return new CourierScan(
                "acme:ECOM_EXPRESS:" + parcel,
                "ECOM_EXPRESS",
                "u" + parcel,
                null,
                null,
                code,
                text,
                null,
                at,
                at);
    }

    private static CourierScan arrivingAt(CourierScan scan, Instant arrivedAt) {
        return new CourierScan(
                scan.parcel(),
                scan.courier(),
                scan.eventId(),
                scan.hub(),
                scan.city(),
                scan.rawCode(),
                scan.rawText(),
                scan.status(),
                scan.scanAt(),
                arrivedAt);
    }

    private static Instant hoursIn(long hours) {
        return MONDAY.plus(Duration.ofHours(hours));
    }

    /** The figures of the first review at or after {@code at}. */
    private Figures reviewedAt(FeedId feed, String tenant, Instant at) {
        return reviewed.stream()
                .filter(f -> f.feed().equals(feed))
                .filter(
                        f ->
                                tenant == null
                                        ? f.tenant() == feed.tenant()
                                        : tenant.equals(f.tenant()))
                .filter(f -> !f.asOf().isBefore(at))
                .findFirst()
                .orElseThrow();
    }

    /** Feeds the scans in arrival order, reviewing at each arrival as a job would. */
    private void feed(List<CourierScan> scans) {
        scans.stream()
                .sorted(Comparator.comparing(CourierScan::arrivedAt))
                .forEach(
                        scan -> {
                            changes.addAll(health.record(scan));
                            review(scan.arrivedAt());
                        });
    }

    /**
     * Feeds scans or events in arrival order and reviews every 5 minutes of the clock in between,
     * as the job's timer does when nothing arrives.
     */
    private <T> void feedReviewingEvery5Minutes(
            List<T> arrivals, Function<T, Instant> arrivedAt, Function<T, List<Incident>> record) {
        List<T> sorted = arrivals.stream().sorted(Comparator.comparing(arrivedAt)).toList();
        Instant clock = arrivedAt.apply(sorted.get(0));
        for (T arrival : sorted) {
            for (; clock.isBefore(arrivedAt.apply(arrival)); clock = clock.plusSeconds(300)) {
                review(clock);
            }
            changes.addAll(record.apply(arrival));
        }
    }

    /** Feeds channel and warehouse events in arrival order, reviewing at each arrival. */
    private void feedEvents(List<FeedEvent> events) {
        events.stream()
                .sorted(Comparator.comparing(FeedEvent::arrivedAt))
                .forEach(
                        event -> {
                            changes.addAll(health.record(event));
                            review(event.arrivedAt());
                        });
    }

    private void review(Instant clock) {
        FeedHealth.Review review = health.reviewAt(clock);
        changes.addAll(review.changes());
        reviewed.addAll(review.figures());
    }
}
