package dialer.pacing;

/**
 * A call in flight that has no agent yet.
 *
 * @param stage         ringing, being screened by answering-machine detection, or answered and waiting
 *                      for an agent
 * @param elapsedMillis for {@link CallStage#RINGING}: time since the dial was placed; for
 *                      {@link CallStage#SCREENING} and {@link CallStage#WAITING_FOR_AGENT}: time since the
 *                      callee answered
 * @param ringMillis    for {@link CallStage#SCREENING}: how long the call rang before it was answered
 *                      (machines tend to answer later than people), or -1 when unknown; otherwise -1
 */
public record CallView(CallStage stage, long elapsedMillis, long ringMillis) {

    public CallView {
        if (stage == null) {
            throw new IllegalArgumentException("stage is required");
        }
        if (elapsedMillis < 0) {
            throw new IllegalArgumentException("elapsed time cannot be negative");
        }
        if (ringMillis < 0) {
            ringMillis = -1;
        }
    }

    /** A call with no ring time known. */
    public CallView(CallStage stage, long elapsedMillis) {
        this(stage, elapsedMillis, -1);
    }

    public static CallView ringing(long sinceDialMillis) {
        return new CallView(CallStage.RINGING, sinceDialMillis);
    }

    public static CallView waitingForAgent(long sinceAnswerMillis) {
        return new CallView(CallStage.WAITING_FOR_AGENT, sinceAnswerMillis);
    }

    /** Answered {@code sinceAnswerMillis} ago and being screened by answering-machine detection. */
    public static CallView screening(long sinceAnswerMillis) {
        return new CallView(CallStage.SCREENING, sinceAnswerMillis);
    }

    /**
     * Answered {@code sinceAnswerMillis} ago after ringing for {@code rangMillis}, and being screened by
     * answering-machine detection. The ring time sharpens the guess of person or machine.
     */
    public static CallView screening(long sinceAnswerMillis, long rangMillis) {
        return new CallView(CallStage.SCREENING, sinceAnswerMillis, Math.max(0, rangMillis));
    }
}
