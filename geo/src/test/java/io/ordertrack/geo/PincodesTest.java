package io.ordertrack.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PincodesTest {
    @Test
    void everyIndianPinCodeOfTheDirectoryHasAPlace() {
        Place delhi = Pincodes.all().place("110001");

        assertThat(Pincodes.all().places()).hasSizeGreaterThan(19_000);
        assertThat(delhi.state()).isEqualTo("Delhi");
        assertThat(Pincodes.all().find("999999")).isEmpty();
    }

    @Test
    void distancesAreGreatCircleKilometres() {
        Place delhi = Pincodes.all().place("110001");
        Place mumbai = Pincodes.all().place("400001");

        assertThat(delhi.distanceKm(mumbai)).isBetween(1130.0, 1170.0);
        assertThat(mumbai.distanceKm(delhi)).isEqualTo(delhi.distanceKm(mumbai));
        assertThat(delhi.distanceKm(delhi)).isZero();
    }

    @Test
    void quotedPlaceNamesKeepTheirCommas() {
        Place place = Pincodes.parse("123456,\"Fort, Old Town\",District,State,12.5,77.25,3");

        assertThat(place.name()).isEqualTo("Fort, Old Town");
        assertThat(place.longitude()).isEqualTo(77.25);
        assertThat(place.postOffices()).isEqualTo(3);
    }
}
