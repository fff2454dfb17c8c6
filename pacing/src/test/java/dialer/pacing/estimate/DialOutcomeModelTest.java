package dialer.pacing.estimate;

import dialer.pacing.DialOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DialOutcomeModelTest {

    /** 20% of dials answered live at 10 s; the rest resolve at 25 s. */
    private static DialOutcomeModel.Forecast model() {
        DialOutcomeModel m = new DialOutcomeModel(3_600_000, 300_000);
        for (int i = 0; i < 500; i++) {
            boolean live = i % 5 == 0;
            m.dialResolved(i * 100L, live ? DialOutcome.LIVE : DialOutcome.NO_ANSWER, live ? 10_000 : 25_000);
        }
        assertThat(m.liveAnswers()).isEqualTo(100);
        assertThat(m.resolvedDials()).isEqualTo(500);
        return m.forecast();
    }

    @Test
    void newDialsAnswerWithTheLiveRateOnTheLiveTimeDistribution() {
        DialOutcomeModel.Forecast f = model();
        assertThat(f.liveRate()).isEqualTo(0.2, within(0.01));
        assertThat(f.newDialLiveWithin(9_000)).isZero();
        assertThat(f.newDialLiveWithin(11_000)).isEqualTo(0.2, within(0.01));
    }

    @Test
    void aCallStillRingingIsJudgedByItsElapsedTime() {
        DialOutcomeModel.Forecast f = model();
        assertThat(f.ringingLiveWithin(5_000, 10_000)).isEqualTo(0.2, within(0.01));
        // past the live answers' time, what still rings is a no-answer
        assertThat(f.ringingLiveWithin(12_000, 30_000)).isZero();
        assertThat(f.ringingLiveWithin(60_000, 10_000)).isZero();
    }

    @Test
    void noForecastUntilBothKindsOfResolutionWereSeen() {
        DialOutcomeModel m = new DialOutcomeModel(60_000, 60_000);
        m.dialResolved(0, DialOutcome.BUSY, 4_000);
        assertThat(m.forecast()).isNull();
        m.dialResolved(0, DialOutcome.LIVE, 9_000);
        assertThat(m.forecast()).isNotNull();
    }
}
