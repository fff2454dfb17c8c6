package dialer.ami;

import java.util.Optional;

/**
 * A channel as Asterisk lists it (CoreShowChannels), with the call id when the channel belongs
 * to a call we placed.
 *
 * @param applicationData the arguments of the application the channel runs now (e.g. ChanSpy's
 *                        {@code dlr-...-1,qEu}); empty when none or not known
 * @param bridgeId        the bridge the channel is in (a ConfBridge conference is one), empty when none
 */
public record LiveChannel(String channelId, String name, String state, String context, String exten,
                          String application, Optional<String> callId, String applicationData, String bridgeId) {

    public LiveChannel {
        applicationData = applicationData == null ? "" : applicationData;
        bridgeId = bridgeId == null ? "" : bridgeId;
    }

    /** A channel listed without its application's data or its bridge. */
    public LiveChannel(String channelId, String name, String state, String context, String exten, String application,
                       Optional<String> callId) {
        this(channelId, name, state, context, exten, application, callId, "", "");
    }
}
