package dialer.core.testing;

import dialer.ami.testing.AsteriskForTests;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * RTP counters of a live PJSIP channel as the test Asterisk reports them ({@code pjsip show
 * channelstats}): packets it received from the phone and sent to it.
 *
 * @param channel the channel's name (e.g. agent12345-00000004)
 */
public record ChannelStats(String channel, String codec, long received, long sent) {

    /** The first live channel of this PJSIP endpoint, if it has one now. */
    public static Optional<ChannelStats> ofEndpoint(String endpoint) {
        return parse(AsteriskForTests.cli("pjsip show channelstats"), endpoint);
    }

    /**
     * One row is {@code BridgeId ChannelId UpTime Codec RxCount RxLost RxPct RxJitter TxCount TxLost
     * TxPct TxJitter RTT} (the bridge id may be missing for a channel outside any bridge).
     */
    static Optional<ChannelStats> parse(String output, String endpoint) {
        for (String line : output.split("\n")) {
            List<String> t = Arrays.stream(line.trim().split("\\s+")).toList();
            for (int i = 0; i < t.size(); i++) {
                if (t.get(i).startsWith(endpoint + "-") && t.size() >= i + 8) {
                    try {
                        return Optional.of(new ChannelStats(t.get(i), t.get(i + 2), Long.parseLong(t.get(i + 3)),
                                Long.parseLong(t.get(i + 7))));
                    } catch (NumberFormatException e) {
                        throw new AssertionError("cannot read the counters of " + endpoint + " in: " + line, e);
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return channel + " (" + codec + "): received " + received + ", sent " + sent + " RTP packets";
    }
}
