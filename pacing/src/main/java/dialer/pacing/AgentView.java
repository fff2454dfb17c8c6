package dialer.pacing;

/**
 * One logged-in agent as the dialer sees it.
 *
 * @param activity        what the agent is doing
 * @param elapsedMillis   how long the agent has been in this activity (0 for {@link AgentActivity#PAUSED}
 *                        and when unknown)
 * @param lastTalkMillis  for an agent in {@link AgentActivity#WRAP_UP}: how long the call that just ended
 *                        lasted (the dialer knows it; long talks tend to have long wrap-ups); otherwise 0
 * @param leavingAfterCall the agent asked to pause or log out once the current call and wrap-up are done,
 *                        so the pacer must not expect them back
 * @param inbound         blended campaigns: the agent is {@code TALKING} on, or in {@code WRAP_UP} after, an
 *                        inbound call, whose handle time the pacer takes from the inbound estimates
 */
public record AgentView(AgentActivity activity, long elapsedMillis, long lastTalkMillis, boolean leavingAfterCall,
                        boolean inbound) {

    public AgentView {
        if (activity == null) {
            throw new IllegalArgumentException("activity is required");
        }
        if (elapsedMillis < 0 || lastTalkMillis < 0) {
            throw new IllegalArgumentException("durations cannot be negative");
        }
        if (inbound && activity != AgentActivity.TALKING && activity != AgentActivity.WRAP_UP) {
            inbound = false; // only a call or its wrap-up is inbound or outbound
        }
    }

    /** An agent on (or after) an outbound call, or not on a call. */
    public AgentView(AgentActivity activity, long elapsedMillis, long lastTalkMillis, boolean leavingAfterCall) {
        this(activity, elapsedMillis, lastTalkMillis, leavingAfterCall, false);
    }

    /** Talking to an inbound caller for {@code talkElapsedMillis}. */
    public static AgentView talkingInbound(long talkElapsedMillis) {
        return new AgentView(AgentActivity.TALKING, talkElapsedMillis, 0, false, true);
    }

    /** In wrap-up after an inbound call that lasted {@code lastTalkMillis}. */
    public static AgentView wrapUpInbound(long wrapElapsedMillis, long lastTalkMillis) {
        return new AgentView(AgentActivity.WRAP_UP, wrapElapsedMillis, lastTalkMillis, false, true);
    }

    public static AgentView ready(long idleMillis) {
        return new AgentView(AgentActivity.READY, idleMillis, 0, false);
    }

    public static AgentView talking(long talkElapsedMillis) {
        return new AgentView(AgentActivity.TALKING, talkElapsedMillis, 0, false);
    }

    public static AgentView wrapUp(long wrapElapsedMillis, long lastTalkMillis) {
        return new AgentView(AgentActivity.WRAP_UP, wrapElapsedMillis, lastTalkMillis, false);
    }

    public static AgentView paused() {
        return new AgentView(AgentActivity.PAUSED, 0, 0, false);
    }

    /** The same agent, who has asked to pause or log out after this call. */
    public AgentView leavingAfterThisCall() {
        return new AgentView(activity, elapsedMillis, lastTalkMillis, true, inbound);
    }

    /** True when the agent takes calls now or will after the current call (not paused, not leaving). */
    public boolean staffing() {
        return activity != AgentActivity.PAUSED && !leavingAfterCall;
    }
}
