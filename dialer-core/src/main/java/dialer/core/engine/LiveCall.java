package dialer.core.engine;

import dialer.ami.CallOutcome;
import dialer.core.call.PlacedCall;
import dialer.core.campaign.Campaign;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.time.Instant;

/** A call the engine placed and still follows. Only the engine's context touches it. */
final class LiveCall {

    enum Phase { RINGING, WAITING_FOR_AGENT, CONNECTING, CONNECTED, ENDED }

    final PlacedCall placed;
    final Campaign campaign;
    final String pbx;
    final Instant placedAt;
    Phase phase = Phase.RINGING;
    CallOutcome outcome;
    Instant answeredAt;
    /**
     * When the person was recognised (machine detection done, or the answer when detection is off):
     * the regulators' clock for connecting an agent starts at the end of the greeting, so waits and
     * abandonment are measured from here.
     */
    Instant detectedAt;
    Instant connectedAt;
    Long agentId;
    /** The agent this call was placed for (a callback owned by them): only they take it. */
    Long reservedAgentId;
    boolean abandoned;
    /**
     * The pacer placed this call (false for calls an agent dialed: preview, manual); only paced
     * calls feed the pacer's statistics.
     */
    boolean paced = true;
    /** Whether the call left: true once Asterisk accepted the originate (or may have), false if it refused. */
    final Promise<Boolean> dialed = Promise.promise();
    /** The attempt's database writes, chained so they land in the order they happened. */
    Future<Void> writes = Future.succeededFuture();

    LiveCall(PlacedCall placed, Campaign campaign, String pbx, Instant placedAt) {
        this.placed = placed;
        this.campaign = campaign;
        this.pbx = pbx;
        this.placedAt = placedAt;
    }

    String callId() {
        return placed.callId();
    }

    long attemptId() {
        return placed.attemptId();
    }
}
