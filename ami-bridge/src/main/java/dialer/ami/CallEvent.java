package dialer.ami;

import java.time.Instant;
import java.util.List;

/**
 * What happens to calls, in our own terms. {@code at} is when Asterisk says it happened (its
 * event timestamp) or, if it gave none, when the bridge received it.
 */
public sealed interface CallEvent {

    Instant at();

    /** The call is ringing at the far end. */
    record Ringing(String callId, Instant at) implements CallEvent {
    }

    /** The far end answered; when the request asked for machine detection, a {@link Classified} follows. */
    record Answered(String callId, Instant at) implements CallEvent {
    }

    /**
     * The call's outcome is known: once per call, for answered and unanswered calls alike.
     * {@code sipStatus} is the far end's SIP final response when the call went over SIP and one came
     * (e.g. 486, 603, 302), else 0.
     */
    record Outcome(String callId, CallOutcome outcome, int originateReason, int hangupCause, int sipStatus, String detail,
                   Instant at) implements CallEvent {

        /** An outcome with no SIP status known. */
        public Outcome(String callId, CallOutcome outcome, int originateReason, int hangupCause, String detail, Instant at) {
            this(callId, outcome, originateReason, hangupCause, 0, detail, at);
        }
    }

    /** The dialplan put the answered person on hold for an agent (dialer-hold). */
    record WaitingForAgent(String callId, Instant at) implements CallEvent {
    }

    /** The dialplan gave up waiting for an agent and plays the safe-harbor message. */
    record Abandoned(String callId, Instant at) implements CallEvent {
    }

    /**
     * The safe-harbor message to an abandoned callee ended: {@code played} when it played to the
     * end, otherwise {@code status} says why (e.g. INTERRUPTED when the callee hung up during it).
     */
    record SafeHarborPlayed(String callId, boolean played, String status, Instant at) implements CallEvent {
    }

    /** A channel joined an agent conference ({@code agent-<agent id>}). */
    record JoinedConference(String conference, String channelId, String callId, Instant at) implements CallEvent {
    }

    /** A channel left an agent conference. */
    record LeftConference(String conference, String channelId, String callId, Instant at) implements CallEvent {
    }

    /** The primary channel of one of our calls hung up (the call is over). */
    record HungUp(String callId, String channelId, int cause, Instant at) implements CallEvent {
    }

    /**
     * Asterisk announced that it shuts down or restarts: the channels it hangs up from now on end
     * because of that, not because anyone hung up. The connection is lost next.
     */
    record ShuttingDown(boolean restart, Instant at) implements CallEvent {
    }

    /**
     * Someone called one of our numbers and waits in the dialplan ([dialer-inbound]) for the dialer
     * to take the call: {@code channelName} and {@code channelId} are the caller's channel (not one of
     * ours: it carries no call id), {@code from} the number they call from, {@code to} the number they
     * called. Every AMI session hears it; the dialer nodes settle who takes it.
     */
    record InboundArrived(String channelName, String channelId, String from, String to, Instant at) implements CallEvent {
    }

    /**
     * What Asterisk says of a SIP peer's health: a qualify (OPTIONS) result of one of an endpoint's
     * contacts ({@code source} CONTACT, {@code name} its aor, {@code status} Reachable or
     * Unreachable), or an outbound registration's state ({@code source} REGISTRATION, {@code name}
     * the registrar's URI, {@code status} Registered, Rejected, Unregistered...). {@code healthy}
     * says whether the peer can carry calls.
     */
    record PeerHealth(Source source, String name, String status, boolean healthy, String detail, Instant at)
            implements CallEvent {

        public enum Source { CONTACT, REGISTRATION }
    }

    /** The AMI connection broke; events may be missed until {@link Resynchronized}. */
    record ConnectionLost(String reason, Instant at) implements CallEvent {
    }

    /**
     * Logged in again (or for the first time): here is every channel Asterisk has now, so any
     * call or agent whose channel is gone can be settled.
     */
    record Resynchronized(List<LiveChannel> channels, Instant at) implements CallEvent {
    }
}
