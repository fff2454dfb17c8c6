package dialer.pacing;

/**
 * A call in flight that has no agent yet.
 *
 * @param stage         ringing, or answered and waiting for an agent
 * @param elapsedMillis for {@link CallStage#RINGING}: time since the dial was placed; for
 *                      {@link CallStage#WAITING_FOR_AGENT}: time since the callee answered
 */
public record CallView(CallStage stage, long elapsedMillis) {

    public CallView {
        if (stage == null) {
            throw new IllegalArgumentException("stage is required");
        }
        if (elapsedMillis < 0) {
            throw new IllegalArgumentException("elapsed time cannot be negative");
        }
    }

    public static CallView ringing(long sinceDialMillis) {
        return new CallView(CallStage.RINGING, sinceDialMillis);
    }

    public static CallView waitingForAgent(long sinceAnswerMillis) {
        return new CallView(CallStage.WAITING_FOR_AGENT, sinceAnswerMillis);
    }
}
