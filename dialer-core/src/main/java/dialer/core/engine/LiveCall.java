package dialer.core.engine;

import dialer.ami.CallOutcome;
import dialer.core.call.PlacedCall;
import dialer.core.campaign.Campaign;
import io.vertx.core.Promise;

import java.time.Instant;

/** A call the engine placed and still follows. Owned by the engine thread (held in {@link CallFlow}). */
final class LiveCall {

    final PlacedCall placed;
    final Campaign campaign;
    final String pbx;
    final Instant placedAt;
    /** The pacer placed this call (not an agent's preview or manual dial); only paced calls feed the pacer. */
    final boolean paced;
    private CallPhase phase = CallPhase.RINGING;
    CallOutcome outcome;
    Instant answeredAt;
    /**
     * When the person was recognised (machine detection done, or the answer when detection is off):
     * the regulators' clock for connecting an agent starts at the end of the greeting, so waits and
     * abandonment are measured from here.
     */
    Instant detectedAt;
    /** When the person was sent to an agent's conference (PBX clock of the governor, ms); 0 before. */
    long redirectedAtMillis;
    Instant connectedAt;
    /** The agent taking (or about to take) the call. */
    Long agentId;
    /** The agent this call was placed for (a callback owned by them, a preview or manual dial): only they take it. */
    Long reservedAgentId;
    boolean abandoned;
    /** Placed by an earlier run of this node and followed again after a restart ({@link Readoption}). */
    boolean adopted;
    /** Moves into an agent's conference that Asterisk refused (the channel was gone, say). */
    int redirectFailures;
    /** Whether the call left: true once Asterisk accepted the originate (or may have), false if it refused. */
    final Promise<Boolean> dialed = Promise.promise();
    /** The attempt's database writes, in the order they happened (see {@link AttemptWrites}). */
    final AttemptWrites.Chain writes;

    LiveCall(PlacedCall placed, Campaign campaign, String pbx, Instant placedAt, boolean paced) {
        this.placed = placed;
        this.campaign = campaign;
        this.pbx = pbx;
        this.placedAt = placedAt;
        this.paced = paced;
        this.writes = new AttemptWrites.Chain(placed.attemptId());
    }

    CallPhase phase() {
        return phase;
    }

    /** Moves the call along its table ({@link CallPhase}); anything else is a bug and throws. */
    void moveTo(CallPhase to) {
        if (!phase.canMoveTo(to)) {
            throw new IllegalTransition("attempt " + attemptId(), phase, to);
        }
        phase = to;
    }

    boolean ended() {
        return phase == CallPhase.ENDED;
    }

    String callId() {
        return placed.callId();
    }

    long attemptId() {
        return placed.attemptId();
    }
}
