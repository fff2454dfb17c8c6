package dialer.pacing.predictive;

import dialer.pacing.estimate.Tally;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WindowGuardTest {

    private static final WindowGuard.Window TEN = new WindowGuard.Window(600_000, 0.05);
    private static final WindowGuard.Window THIRTY = new WindowGuard.Window(1_800_000, 0.04);

    /** Past counts for each span of {@link WindowGuard#pastSpans}: {@code answersPerMinute} steady, abandons as given per span. */
    private static Tally[] steady(WindowGuard.Window[] windows, double answersPerMinute, long... abandonsPerSpan) {
        long[] spans = WindowGuard.pastSpans(windows);
        Tally[] past = new Tally[spans.length];
        for (int i = 0; i < spans.length; i++) {
            past[i] = new Tally(0, Math.round(answersPerMinute * spans[i] / 60_000.0), abandonsPerSpan[i]);
        }
        return past;
    }

    @Test
    void roomIsWhatTheTightestWindowEndingSoonCanStillTake() {
        WindowGuard.Window[] windows = {TEN, THIRTY};
        assertThat(WindowGuard.pastSpans(windows)).hasSize(2 * WindowGuard.ENDS_IN_MILLIS.length)
                .startsWith(600_000, 585_000).endsWith(1_680_000);
        // 20 answers a minute; 8 abandons in the last 8 minutes (every 10-minute window ending within two
        // minutes holds them all), 12 in the last 30 minutes
        long[] abandons = new long[14];
        java.util.Arrays.fill(abandons, 0, 7, 8);
        java.util.Arrays.fill(abandons, 7, 14, 12);
        double perMilli = 20 / 60_000.0;
        // 10 minutes: 5% of 200 answers less 8 = 2; 30 minutes: 4% of 600 less 12 = 12
        assertThat(WindowGuard.room(windows, steady(windows, 20, abandons), perMilli, 2)).isCloseTo(2, within(1e-9));
        // one more abandon leaves one
        long[] more = abandons.clone();
        for (int i = 0; i < more.length; i++) {
            more[i]++;
        }
        assertThat(WindowGuard.room(windows, steady(windows, 20, more), perMilli, 2)).isCloseTo(1, within(1e-9));
        // abandons of 9 minutes ago leave the windows that end a minute from now or later: the room grows
        long[] older = abandons.clone();
        for (int i = 4; i < 7; i++) {
            older[i] = 4;
        }
        assertThat(WindowGuard.room(windows, steady(windows, 20, older), perMilli, 2)).isCloseTo(2, within(1e-9));
        older[0] = 11;
        older[1] = 11;
        assertThat(WindowGuard.room(windows, steady(windows, 20, older), perMilli, 2)).isCloseTo(-1, within(1e-9));
    }

    @Test
    void windowsWithTooFewAnswersForTheirLevelAreNotGuarded() {
        WindowGuard.Window[] windows = {TEN, THIRTY};
        long[] abandons = new long[14];
        java.util.Arrays.fill(abandons, 3);
        // 4 answers a minute: 40 in ten minutes (2 abandons at 5%), 120 in thirty (4.8 at 4%)
        Tally[] past = steady(windows, 4, abandons);
        double perMilli = 4 / 60_000.0;
        assertThat(WindowGuard.room(windows, past, perMilli, 5)).isEqualTo(WindowGuard.UNLIMITED);
        assertThat(WindowGuard.room(windows, past, perMilli, 4)).isCloseTo(4.8 - 3, within(1e-9));
        assertThat(WindowGuard.room(windows, past, perMilli, 1)).isCloseTo(2 - 3, within(1e-9));
        WindowGuard.Window[] off = {new WindowGuard.Window(600_000, 0), new WindowGuard.Window(1_800_000, 0)};
        assertThat(WindowGuard.room(off, past, perMilli, 0)).isEqualTo(WindowGuard.UNLIMITED);
    }
}
