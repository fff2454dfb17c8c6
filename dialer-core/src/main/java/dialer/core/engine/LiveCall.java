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
    /** The pacer placed this call (not an agent's preview or manual dial); only paced calls feed the pacer ({@link #teachesPacer()}). */
    final boolean paced;
    /**
     * The pacer placed this call without the campaign's AMD (a small team's, {@link dialer.pacing.PacingDecision#screenForMachines()}):
     * machines reach agents too, so it does not feed the pacer's statistics. Set once, before the call is tracked.
     */
    boolean screenWaived;
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

    /**
     * A debtor's call to us ({@link InboundCalls}): no lead dialed, no reservation, never paced; the
     * caller waits up to {@link #holdLimitMs()} for an agent with music, and nobody coming is a missed
     * call, not an abandoned one.
     */
    final boolean inbound;
    /** Inbound: how long the caller may wait for an agent. */
    private final int inboundWaitMs;
    /** Inbound: the agent the caller goes to when they are ready (their callback's or case's owner); null: anyone. */
    Long preferredAgentId;
    /** Transferred to an outside number: the person talks on with them, the agent has left (and wraps up). */
    boolean handedOutside;
    /** Inbound: the debtor the agent said is on the line (the number matched several, or none). */
    PlacedCall chosen;

    /** What the pacer's statistics learn from: its own calls, placed as the campaign places them. */
    boolean teachesPacer() {
        return paced && !screenWaived;
    }

    LiveCall(PlacedCall placed, Campaign campaign, String pbx, Instant placedAt, boolean paced) {
        this(placed, campaign, pbx, placedAt, paced, false, 0);
    }

    private LiveCall(PlacedCall placed, Campaign campaign, String pbx, Instant placedAt, boolean paced, boolean inbound,
                     int inboundWaitMs) {
        this.placed = placed;
        this.campaign = campaign;
        this.pbx = pbx;
        this.placedAt = placedAt;
        this.paced = paced;
        this.inbound = inbound;
        this.inboundWaitMs = inboundWaitMs;
        this.writes = new AttemptWrites.Chain(placed.attemptId());
    }

    static LiveCall inbound(PlacedCall placed, Campaign campaign, String pbx, Instant at, int waitMs) {
        return new LiveCall(placed, campaign, pbx, at, false, true, waitMs);
    }

    /** How long the person may wait for an agent after they were recognised (or picked up, inbound). */
    int holdLimitMs() {
        return inbound ? inboundWaitMs : campaign.holdLimitMs();
    }

    /** The debtor on the line, null when not known (an inbound caller nobody chose yet). */
    Long debtorId() {
        PlacedCall p = chosen != null ? chosen : placed;
        return p.debtorId() == 0 ? null : p.debtorId();
    }

    /** The number on the line as the debtor's number, null when not known. */
    Long phoneId() {
        PlacedCall p = chosen != null ? chosen : placed;
        return p.phoneId() == 0 ? null : p.phoneId();
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
