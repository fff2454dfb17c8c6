package dialer.core.engine;

import dialer.core.call.PastCalls.PastCall;
import dialer.core.campaign.DialMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A run that starts afresh learns from the campaign's recent calls instead of dialing progressively. */
class PacerWarmStartTest {

    /** {@code count} paced calls, one every 20 s up to {@code end}: every third a person who talks 60 s and is disposed 10 s later. */
    private static List<PastCall> calls(Instant end, int count) {
        List<PastCall> out = new ArrayList<>();
        for (int i = count; i > 0; i--) {
            Instant dialed = end.minusSeconds(20L * i + 120);
            if (i % 3 == 0) {
                Instant answered = dialed.plusSeconds(8);
                Instant connected = answered.plusSeconds(2);
                Instant ended = connected.plusSeconds(60);
                out.add(new PastCall(dialed, "ANSWERED_HUMAN", answered, connected, ended, ended.plusSeconds(10)));
            } else {
                out.add(new PastCall(dialed, i % 3 == 1 ? "NO_ANSWER" : "BUSY", null, null, dialed.plusSeconds(25), null));
            }
        }
        return out;
    }

    private static CampaignRun startedAt(Instant now, List<PastCall> stored) {
        return new CampaignRun(EngineFixture.campaign(1, DialMode.PREDICTIVE, 30),
                new CampaignLedger.ToRun(EngineFixture.campaign(1, DialMode.PREDICTIVE, 30), List.of(), stored), now);
    }

    @Test
    void aCampaignThatWasDialingAMomentAgoStartsWarm() {
        Instant now = Instant.parse("2026-12-01T19:00:00Z");
        CampaignRun run = startedAt(now, calls(now, 150));
        assertThat(run.statistics.warmedUp()).as("predicts at once").isTrue();
        assertThat(run.statistics.liveAnswerRate()).isCloseTo(1.0 / 3, within(0.05));
    }

    @Test
    void callsOlderThanTheWindowAreNotReplayedSoALongPauseStartsCold() {
        Instant now = Instant.parse("2026-12-01T19:00:00Z");
        CampaignRun run = startedAt(now, calls(now.minus(PacerWarmStart.WINDOW).minusSeconds(60), 150));
        assertThat(run.statistics.warmedUp()).isFalse();
        assertThat(PacerWarmStart.replay(run.statistics, calls(now.minus(Duration.ofHours(3)), 150), now)).isZero();
    }

    @Test
    void aRestartedEngineResumesItsCampaignWarm() {
        EngineFixture f = new EngineFixture(fixture -> {
            fixture.addCampaign(1, DialMode.PREDICTIVE, 30);
            fixture.db.pastCalls.addAll(calls(fixture.clock.instant(), 150));
        });
        f.await(f.engine.startCampaign(1));
        assertThat(f.await(f.engine.pacingState(1)).orElseThrow().warmedUp()).isTrue();
    }
}
