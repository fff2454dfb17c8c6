package dialer.core.demo;

import dialer.core.call.PlacedCall;
import dialer.core.campaign.Campaign;
import dialer.core.engine.CallVariables;

import java.util.Map;

/**
 * How a simulated callee behaves, read from its number so that a list decides its own mix and a
 * test can pick a behaviour: the last digit says what happens, the digit before it how long it
 * rings and talks. Only campaigns marked {@code simulatedCallees} get these variables; the
 * dialplan's [sim-carrier] acts them out.
 *
 * <pre>
 * last digit  0-3 person (talks 20-65 s)   4-5 answering machine   6 busy
 *             7 no answer                   8 person who hangs up after 4 s
 *             9 unallocated number
 * </pre>
 */
public final class SimulatedCallees implements CallVariables {

    @Override
    public Map<String, String> forCall(Campaign campaign, PlacedCall call) {
        if (!campaign.simulatedCallees()) {
            return Map.of();
        }
        return variablesFor(call.e164());
    }

    public static Map<String, String> variablesFor(String e164) {
        int last = e164.charAt(e164.length() - 1) - '0';
        int tens = e164.charAt(e164.length() - 2) - '0';
        String ring = String.valueOf(1 + tens % 5);
        return switch (last) {
            case 0, 1, 2, 3 -> Map.of("SIM_OUTCOME", "human", "SIM_RING", ring, "SIM_TALK", String.valueOf(20 + tens * 5));
            case 4, 5 -> Map.of("SIM_OUTCOME", "machine", "SIM_RING", ring);
            case 6 -> Map.of("SIM_OUTCOME", "busy", "SIM_RING", "1");
            case 7 -> Map.of("SIM_OUTCOME", "noanswer");
            case 8 -> Map.of("SIM_OUTCOME", "human", "SIM_RING", ring, "SIM_TALK", "4");
            default -> Map.of("SIM_OUTCOME", "unallocated");
        };
    }
}
