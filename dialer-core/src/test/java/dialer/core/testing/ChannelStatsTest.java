package dialer.core.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelStatsTest {

    /** As Asterisk 22 printed it in DeskPhoneIT's first run (a channel outside any bridge has no bridge id). */
    private static final String OUTPUT = """

                                                     ...........Receive......... .........Transmit..........
             BridgeId ChannelId ........ UpTime.. Codec.   Count    Lost Pct  Jitter   Count    Lost Pct  Jitter RTT....
             ===========================================================================================================

                      agent99003-0000031 00:00:03 ulaw      149       0    0   0.000    153       0    0   0.001   0.000
             1a2b3c4d agent12345-0000032 00:00:09 opus      417       0    0   0.000     22       0    0   0.001   0.000

            Objects found: 2
            """;

    @Test
    void readsTheCountersOfTheEndpointsChannelWithOrWithoutABridge() {
        ChannelStats outside = ChannelStats.parse(OUTPUT, "agent99003").orElseThrow();
        assertThat(outside.codec()).isEqualTo("ulaw");
        assertThat(outside.received()).isEqualTo(149);
        assertThat(outside.sent()).isEqualTo(153);
        ChannelStats bridged = ChannelStats.parse(OUTPUT, "agent12345").orElseThrow();
        assertThat(bridged.received()).isEqualTo(417);
        assertThat(bridged.sent()).isEqualTo(22);
        assertThat(ChannelStats.parse(OUTPUT, "agent1")).isEmpty();
    }
}
