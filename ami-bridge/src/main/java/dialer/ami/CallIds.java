package dialer.ami;

import java.util.Optional;

/**
 * The channel ids we pre-assign to every call (AMI Originate's ChannelId and OtherChannelId),
 * so that each channel's events name their call: {@code dlr-<call id>-1} and {@code dlr-<call id>-2}.
 */
public final class CallIds {

    private static final String PREFIX = "dlr-";

    private CallIds() {
    }

    public static String channelId(String callId) {
        return PREFIX + callId + "-1";
    }

    public static String otherChannelId(String callId) {
        return PREFIX + callId + "-2";
    }

    /** The call a channel belongs to, if it is one of ours. */
    public static Optional<String> callIdOf(String channelId) {
        if (channelId == null || !channelId.startsWith(PREFIX) || channelId.length() <= PREFIX.length() + 2) {
            return Optional.empty();
        }
        String tail = channelId.substring(channelId.length() - 2);
        if (!tail.equals("-1") && !tail.equals("-2")) {
            return Optional.empty();
        }
        return Optional.of(channelId.substring(PREFIX.length(), channelId.length() - 2));
    }

    /** True for the first half (the channel the dialer talks to). */
    public static boolean isPrimary(String channelId) {
        return channelId != null && channelId.startsWith(PREFIX) && channelId.endsWith("-1");
    }
}
