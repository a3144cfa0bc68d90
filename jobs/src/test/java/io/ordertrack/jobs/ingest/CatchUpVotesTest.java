package io.ordertrack.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CatchUpVotesTest {
    private final CatchUpVotes votes = new CatchUpVotes();

    @Test
    void aSourceNobodyReportedForIsNotCatchingUp() {
        assertThat(votes.catchingUp(1_000)).isFalse();
    }

    @Test
    void oneReaderCatchingUpIsEnoughWhateverTheOthersSay() {
        votes.report(0, false, 1_000);
        votes.report(1, true, 1_000);

        assertThat(votes.catchingUp(2_000)).isTrue();

        votes.report(1, false, 3_000);

        assertThat(votes.catchingUp(3_000)).isFalse();
    }

    @Test
    void aReaderThatFellSilentHasDrainedItsBacklog() {
        votes.report(0, true, 1_000);

        assertThat(votes.catchingUp(1_000 + CatchUpVotes.STALE_MILLIS)).isTrue();
        assertThat(votes.catchingUp(1_001 + CatchUpVotes.STALE_MILLIS)).isFalse();
    }

    @Test
    void aReaderStillReportingKeepsTheSourceCatchingUp() {
        for (long now = 0; now <= 20_000; now += 1_000) {
            votes.report(0, true, now);
            assertThat(votes.catchingUp(now + 500)).as("at %d ms", now).isTrue();
        }
    }
}
