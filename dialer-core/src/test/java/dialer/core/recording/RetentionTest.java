package dialer.core.recording;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which recordings the purge deletes: those past their own campaign's retention. */
class RetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void aRecordingIsDueOnceItsCampaignsRetentionHasPassed() {
        assertThat(Retention.expired(NOW.minus(Duration.ofDays(30)), 30, NOW)).isTrue();
        assertThat(Retention.expired(NOW.minus(Duration.ofDays(30)).plusSeconds(1), 30, NOW)).isFalse();
        assertThat(Retention.expired(NOW.minus(Duration.ofDays(400)), 3650, NOW)).isFalse();
    }

    @Test
    void eachRecordingIsJudgedByItsOwnCampaign() {
        Retention.Kept shortOld = new Retention.Kept(1, "attempt-1.wav", NOW.minus(Duration.ofDays(8)), 7);
        Retention.Kept longOld = new Retention.Kept(2, "attempt-2.wav", NOW.minus(Duration.ofDays(8)), 90);
        Retention.Kept shortNew = new Retention.Kept(3, "attempt-3.wav", NOW.minus(Duration.ofDays(6)), 7);
        Retention.Kept longAncient = new Retention.Kept(4, "attempt-4.wav", NOW.minus(Duration.ofDays(91)), 90);
        assertThat(Retention.due(List.of(shortOld, longOld, shortNew, longAncient), NOW)).containsExactly(shortOld, longAncient);
        assertThat(Retention.due(List.of(), NOW)).isEmpty();
    }
}
