package dialer.pacing.sim;

/**
 * A change of staffing at a moment of the shift.
 *
 * @param atMillis       when, from the start of the shift
 * @param action         what happens
 * @param agents         how many agents
 * @param durationMillis for {@link Action#PAUSE}: how long the break lasts
 */
public record AgentEvent(long atMillis, Action action, int agents, long durationMillis) {

    public enum Action {
        /** Agents log in and are ready. */
        LOGIN,
        /** Agents log out: at once if idle, after their call and wrap-up otherwise. */
        LOGOUT,
        /** Agents take a break: at once if idle, after their call and wrap-up otherwise. */
        PAUSE
    }

    public AgentEvent {
        if (atMillis < 0 || agents < 1 || durationMillis < 0) {
            throw new IllegalArgumentException("invalid agent event");
        }
    }
}
