package dialer.core.bench;

import dialer.core.call.PlacedCall;
import dialer.core.campaign.Campaign;
import dialer.core.engine.CallVariables;
import dialer.pacing.sim.Lead;
import dialer.pacing.sim.Traffic;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Simulated callees that behave as a scenario's traffic says: for each placed call, the simulator's own
 * draw ({@link Lead#draw}: outcome, ring time, right party or not, talk and wrap-up times) from a random
 * stream of the call's own (seed and attempt), told to Asterisk's [sim-carrier] as channel variables.
 * The draw is kept for {@link ScenarioAgents}, who talk and wrap up for the drawn times.
 */
final class ScenarioCallees implements CallVariables {

    /** A person stays this long past the drawn talk time: the agent ends the call, as in the simulator. */
    static final double TALK_MARGIN_SECONDS = 60;

    private final Traffic traffic;
    private final long seed;
    /** Attempt -> its draw; written on the engine thread, read on the agents' timer thread. */
    private final Map<Long, Lead> drawn = new ConcurrentHashMap<>();

    ScenarioCallees(Traffic traffic, long seed) {
        this.traffic = traffic;
        this.seed = seed;
    }

    @Override
    public Map<String, String> forCall(Campaign campaign, PlacedCall call) {
        if (!campaign.simulatedCallees()) {
            return Map.of();
        }
        Lead lead = draw(call.attemptId());
        drawn.put(call.attemptId(), lead);
        return variablesFor(lead);
    }

    /** The draw of one attempt: the same for the same seed and attempt. */
    Lead draw(long attemptId) {
        return Lead.draw(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + attemptId), traffic);
    }

    /** What was drawn for a placed call; null for a call this run did not place. */
    Lead drawnFor(long attemptId) {
        return drawn.get(attemptId);
    }

    /**
     * [sim-carrier]'s variables for a draw. A person (an AMD false positive too: Asterisk's AMD decides for
     * itself) answers after the ring time; a machine likewise; a busy line rings for the busy time; an
     * invalid number fails at once (the dialplan has no delay for it); nobody answers a no-answer.
     */
    static Map<String, String> variablesFor(Lead lead) {
        Map<String, String> v = new HashMap<>();
        switch (lead.outcome()) {
            case LIVE -> person(v, lead);
            case MACHINE -> {
                if (lead.falsePositive()) {
                    person(v, lead);
                } else {
                    v.put("SIM_OUTCOME", "machine");
                    v.put("SIM_RING", seconds(lead.answerMillis()));
                }
            }
            case BUSY -> {
                v.put("SIM_OUTCOME", "busy");
                v.put("SIM_RING", seconds(lead.resolveMillis()));
            }
            case INVALID -> v.put("SIM_OUTCOME", "unallocated");
            case NO_ANSWER -> v.put("SIM_OUTCOME", "noanswer");
        }
        return Map.copyOf(v);
    }

    private static void person(Map<String, String> v, Lead lead) {
        v.put("SIM_OUTCOME", "human");
        v.put("SIM_RING", seconds(lead.answerMillis()));
        v.put("SIM_TALK", seconds(lead.talkMillis() + (long) (TALK_MARGIN_SECONDS * 1000)));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
