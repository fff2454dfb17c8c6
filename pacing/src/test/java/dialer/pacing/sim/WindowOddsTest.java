package dialer.pacing.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WindowOddsTest {

    @Test
    void aWindowAtItsLevelIsNotOverItAndOneMoreAbandonIs() {
        // 10 answers a minute: a 10-minute window holds 100, and 5% of it is 5 abandons
        int[] five = new int[30];
        five[12] = 3;
        five[20] = 2;
        assertThat(WindowOdds.anyWindowOver(five, 10, 10, 0.05)).isFalse();
        five[21] = 1;
        assertThat(WindowOdds.anyWindowOver(five, 10, 10, 0.05)).isTrue();
        // the same six abandons spread over more than ten minutes fill no window
        int[] spread = new int[30];
        spread[0] = 3;
        spread[10] = 3;
        assertThat(WindowOdds.anyWindowOver(spread, 10, 10, 0.05)).isFalse();
        // the 30-minute window of 300 answers: 4% is 12
        int[] thirty = new int[30];
        thirty[0] = 12;
        assertThat(WindowOdds.anyWindowOver(thirty, 10, 30, 0.04)).isFalse();
        thirty[29] = 1;
        assertThat(WindowOdds.anyWindowOver(thirty, 10, 30, 0.04)).isTrue();
    }
}
