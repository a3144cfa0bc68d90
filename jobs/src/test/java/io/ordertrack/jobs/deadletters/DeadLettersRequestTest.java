package io.ordertrack.jobs.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLettersRequestTest {
    @Test
    void listTakesAReasonATimeRangeAndTheJobsKafkaSettings() {
        DeadLettersRequest request =
                DeadLettersRequest.parse(
                        new String[] {
                            "list",
                            "--reason",
                            "not Avro",
                            "--from",
                            "2026-12-03T08:00:00Z",
                            "--topic.dead-letters",
                            "dlq",
                            "--kafka.bootstrap.servers",
                            "broker:9092"
                        });

        assertThat(request.resend()).isFalse();
        assertThat(request.filter())
                .isEqualTo(
                        new LetterFilter("not Avro", Instant.parse("2026-12-03T08:00:00Z"), null));
        assertThat(request.limit()).isEqualTo(100);
        assertThat(request.jobArguments())
                .containsExactly(
                        "--topic.dead-letters", "dlq", "--kafka.bootstrap.servers", "broker:9092");
    }

    @Test
    void resendTakesLettersByPartitionAndOffset() {
        DeadLettersRequest request =
                DeadLettersRequest.parse(new String[] {"resend", "--letters", "0:17, 1:4,0:17"});

        assertThat(request.letters()).containsExactly(new LetterId(0, 17), new LetterId(1, 4));
    }

    @Test
    void resendNeverTakesEveryLetterAtOnce() {
        assertThatThrownBy(() -> DeadLettersRequest.parse(new String[] {"resend"}))
                .hasMessageContaining("never re-sends every letter at once");
    }

    @Test
    void resendTakesLettersOrAFilterButNotBoth() {
        assertThatThrownBy(
                        () ->
                                DeadLettersRequest.parse(
                                        new String[] {
                                            "resend", "--letters", "0:1", "--reason", "invalid"
                                        }))
                .hasMessageContaining("either --letters or --reason/--from/--to");
    }

    @Test
    void aMistypedOptionOrValueIsNamed() {
        assertThatThrownBy(() -> DeadLettersRequest.parse(new String[] {"list", "--reasn", "x"}))
                .hasMessage("unknown option --reasn");
        assertThatThrownBy(() -> DeadLettersRequest.parse(new String[] {"list", "--from", "today"}))
                .hasMessageContaining("--from must be an instant like 2026-12-03T08:00:00Z");
        assertThatThrownBy(
                        () -> DeadLettersRequest.parse(new String[] {"resend", "--letters", "17"}))
                .hasMessageContaining("partition:offset, like 0:17");
        assertThatThrownBy(() -> DeadLettersRequest.parse(new String[] {"show"}))
                .hasMessageContaining("list or resend");
    }

    @Test
    void resendRecordsRoundTrip() {
        Resend resend = new Resend(new LetterId(1, 4), "orders", 0, 2040, Letters.NOON);

        assertThat(Resend.fromValue(resend.value())).isEqualTo(resend);
        assertThat(List.of(new String(resend.key()))).containsExactly("1:4");
    }
}
