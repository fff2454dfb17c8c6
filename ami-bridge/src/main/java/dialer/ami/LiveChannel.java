package dialer.ami;

import java.util.Optional;

/**
 * A channel as Asterisk lists it (CoreShowChannels), with the call id when the channel belongs
 * to a call we placed.
 */
public record LiveChannel(String channelId, String name, String state, String context, String exten,
                          String application, Optional<String> callId) {
}
