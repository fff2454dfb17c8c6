package dialer.core.portrait;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PortraitFiguresTest {

    private static final Instant NOW = Instant.parse("2026-12-06T15:00:00Z");

    private static Portrait.Account account(long id, String bucket) {
        return new Portrait.Account(id, "A" + id, null, java.math.BigDecimal.TEN, 30, bucket, List.of());
    }

    private static Portrait.BucketChange change(long account, String from, String to, int daysAgo) {
        return new Portrait.BucketChange(account, from, to, NOW.minus(Duration.ofDays(daysAgo)));
    }

    @Test
    void bucketTrendCountsTheRecentMovesAndACureIsRemembered() {
        List<Portrait.Account> accounts = List.of(account(1, "M3"), account(2, "M1"));
        Portrait.Buckets worsening = PortraitFigures.buckets(accounts,
                List.of(change(1, "M2", "M3", 5), change(1, "M1", "M2", 40), change(1, null, "M1", 70)), NOW);
        assertThat(worsening.worst()).isEqualTo("M3");
        assertThat(worsening.trend()).isEqualTo("WORSENING");
        assertThat(worsening.everCured()).isFalse();

        Portrait.Buckets improving = PortraitFigures.buckets(accounts,
                List.of(change(1, "M4", "M3", 10), change(1, "M3", "M4", 200)), NOW);
        assertThat(improving.trend()).as("the old worsening is outside the 90 days").isEqualTo("IMPROVING");
        assertThat(improving.everCured()).isTrue();

        assertThat(PortraitFigures.buckets(accounts, List.of(change(1, "M2", "M3", 100)), NOW).trend()).isEqualTo("STABLE");
        assertThat(PortraitFigures.buckets(accounts, List.of(change(1, null, "M3", 1)), NOW).trend())
                .as("a first bucket seen is no move").isEqualTo("STABLE");
        assertThat(PortraitFigures.buckets(List.of(account(1, null)), List.of(), NOW).trend()).isEqualTo("UNKNOWN");
        assertThat(PortraitFigures.rank("M6+")).isEqualTo(6);
    }

    @Test
    void brokenInARowCountsBackToTheLastKeptPromise() {
        assertThat(PortraitFigures.brokenInARow(List.of("OPEN", "BROKEN", "CANCELLED", "BROKEN", "KEPT", "BROKEN"))).isEqualTo(2);
        assertThat(PortraitFigures.brokenInARow(List.of("KEPT", "BROKEN", "BROKEN"))).isZero();
        assertThat(PortraitFigures.brokenInARow(List.of())).isZero();
    }

    private static PortraitFigures.AttemptFact attempt(long phone, int hour, boolean talked, boolean rpc, int minutesAgo) {
        return new PortraitFigures.AttemptFact(phone, "+1212***000" + phone, "OWN_MOBILE", NOW.minus(Duration.ofMinutes(minutesAgo)),
                hour, "Sun " + hour + ":00", talked, rpc, "Agent " + phone, rpc ? "RPC" : talked ? "WRONG_NUMBER" : null);
    }

    @Test
    void contactsByNumberAndLocalHourAndTheLastConversation() {
        List<PortraitFigures.AttemptFact> attempts = List.of(attempt(1, 18, true, true, 10), attempt(1, 18, false, false, 100),
                attempt(2, 9, true, false, 50), attempt(1, 9, false, false, 2000));
        Portrait.Contacts c = PortraitFigures.contacts(attempts);
        assertThat(c.attempts()).isEqualTo(4);
        assertThat(c.conversations()).isEqualTo(2);
        assertThat(c.rightPartyContacts()).isEqualTo(1);
        assertThat(c.byNumber()).containsExactly(new Portrait.NumberContacts(1, "+1212***0001", "OWN_MOBILE", 3, 1, 1),
                new Portrait.NumberContacts(2, "+1212***0002", "OWN_MOBILE", 1, 1, 0));
        assertThat(c.byLocalHour()).containsExactly(new Portrait.HourContacts(9, 2, 1, 0), new Portrait.HourContacts(18, 2, 1, 1));
        assertThat(c.last().agent()).isEqualTo("Agent 1");
        assertThat(c.last().disposition()).isEqualTo("RPC");
        assertThat(PortraitFigures.contacts(List.of()).last()).isNull();
    }

    @Test
    void bestHoursFollowTheListWithoutHistoryAndTheDebtorWithIt() {
        long[] listAttempts = new long[24];
        long[] listRpc = new long[24];
        for (int h = 9; h <= 20; h++) {
            listAttempts[h] = 1000;
            listRpc[h] = h == 19 ? 300 : h == 12 ? 200 : 100;
        }
        List<Portrait.BestHour> fresh = PortraitFigures.bestHours(7, List.of(), listAttempts, listRpc);
        assertThat(fresh).extracting(Portrait.BestHour::hour).containsExactly(19, 12, 9);
        assertThat(fresh.get(0).chance()).isBetween(0.29, 0.31);

        // a debtor reached only at 10 in the morning, never in the evening
        List<PortraitFigures.AttemptFact> own = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            own.add(attempt(1, 10, true, true, i * 1440));
            own.add(attempt(1, 19, false, false, i * 1440 + 600));
        }
        List<Portrait.BestHour> learned = PortraitFigures.bestHours(7, own, listAttempts, listRpc);
        assertThat(learned.get(0).hour()).isEqualTo(10);
        assertThat(learned.get(0).ownAttempts()).isEqualTo(6);
        assertThat(learned.get(0).ownRightPartyContacts()).isEqualTo(6);
        assertThat(learned).extracting(Portrait.BestHour::hour).doesNotContain(19);

        // the list not read yet: the usual hours are offered beside the debtor's own, and an hour that never answered sinks
        List<PortraitFigures.AttemptFact> unanswered = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            unanswered.add(attempt(1, 14, false, false, i * 1440));
        }
        List<Portrait.BestHour> noList = PortraitFigures.bestHours(7, unanswered, new long[24], new long[24]);
        assertThat(noList).extracting(Portrait.BestHour::hour).containsExactly(8, 9, 10);

        // nobody ever called: the usual day hours, all alike, earliest first
        assertThat(PortraitFigures.bestHours(7, List.of(), new long[24], new long[24])).extracting(Portrait.BestHour::hour)
                .containsExactly(8, 9, 10);
    }
}
