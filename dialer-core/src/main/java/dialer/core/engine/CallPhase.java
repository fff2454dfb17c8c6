package dialer.core.engine;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a placed call stands, as the engine follows it. The dialplan and the AMI bridge's
 * {@code CallTracker} report facts; this is the one table of what those facts may move a call to.
 *
 * <pre>
 * RINGING ──answered──▶ SCREENING ──person──▶ WAITING_FOR_AGENT ──redirect──▶ CONNECTING ──joined──▶ CONNECTED
 *    │                     │                      ▲                              │                      │
 *    │ person (no AMD)     │ machine, hang-up     └────── redirect failed ───────┘                      │
 *    └──────────▶ WAITING_FOR_AGENT                                                                     │
 * any phase ──────────────────────────────── outcome / hang-up ─────────────────────────────────▶ ENDED ◀┘
 * </pre>
 */
enum CallPhase {
    /** Placed; the far end has not answered. */
    RINGING,
    /** Answered; machine detection is still listening. */
    SCREENING,
    /** A person was detected and waits on hold for an agent (the dialplan's hold timer runs). */
    WAITING_FOR_AGENT,
    /** The person is being moved into an agent's conference. */
    CONNECTING,
    /** The person is in the agent's conference. */
    CONNECTED,
    ENDED;

    private Set<CallPhase> next() {
        return switch (this) {
            case RINGING -> EnumSet.of(SCREENING, WAITING_FOR_AGENT, ENDED);
            case SCREENING -> EnumSet.of(WAITING_FOR_AGENT, ENDED);
            case WAITING_FOR_AGENT -> EnumSet.of(CONNECTING, ENDED);
            case CONNECTING -> EnumSet.of(CONNECTED, WAITING_FOR_AGENT, ENDED);
            case CONNECTED -> EnumSet.of(ENDED);
            case ENDED -> EnumSet.noneOf(CallPhase.class);
        };
    }

    boolean canMoveTo(CallPhase to) {
        return next().contains(to);
    }

    /** How the pages and metrics name the phase of a call in progress; null once it ended. */
    String stage() {
        return switch (this) {
            case RINGING -> "ringing";
            case SCREENING -> "screening";
            case WAITING_FOR_AGENT, CONNECTING -> "waiting";
            case CONNECTED -> "connected";
            case ENDED -> null;
        };
    }
}
