package dialer.core.engine;

import dialer.core.call.PlacedCall;
import dialer.core.campaign.Campaign;

import java.util.Map;

/** Extra channel variables for a call; the demo uses it to tell [sim-carrier] how the callee behaves. */
@FunctionalInterface
public interface CallVariables {

    CallVariables NONE = (campaign, call) -> Map.of();

    Map<String, String> forCall(Campaign campaign, PlacedCall call);
}
