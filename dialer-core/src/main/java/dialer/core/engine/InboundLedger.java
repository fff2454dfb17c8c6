package dialer.core.engine;

import dialer.core.call.PlacedCall;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.Collection;

/**
 * What the engine records about calls debtors make to us: each returns on the engine thread (see
 * {@link SqlInboundLedger}).
 */
interface InboundLedger {

    /** Someone called one of our numbers, on {@code pbx}; their channel is {@code channelId}. */
    record Arrival(String pbx, String channelId, String from, String to, Instant at) {
    }

    /**
     * A caller this node takes: the inbound attempt (its debtor and number when the caller's number
     * is one debtor's, else 0), how many debtors the number matched, the agent who should take it
     * first (the owner of the debtor's scheduled callback, else of their case), how long the caller
     * may wait for an agent and what they hear when nobody comes.
     */
    record Taken(PlacedCall placed, int matches, Long preferredAgentId, int waitSeconds, String overflowPrompt) {
    }

    /**
     * Records the caller as an inbound attempt of one of {@code campaignIds} (campaigns this node runs)
     * that takes inbound calls. Null when none of them does, or when another node recorded the same
     * caller first (every node on the PBX hears the call).
     */
    Future<Taken> take(Arrival arrival, Collection<Long> campaignIds, String node);

    /** The agent took the call: a conversation the debtor started, when it is known who they are (the guard's cool-downs count it). */
    Future<Void> connected(long attemptId, Instant at);

    /** Nobody could take the call in time: a callback task for the debtor, when the number is one debtor's. */
    Future<Void> missed(long attemptId, Instant at);

    /** The agent says who is on the line (the number matched several debtors, or none): the attempt becomes theirs. */
    Future<PlacedCall> choose(long attemptId, long agentId, long debtorId, Instant at);

    /** A node that takes no inbound calls (unit tests of other parts). */
    InboundLedger NONE = new InboundLedger() {
        @Override
        public Future<Taken> take(Arrival arrival, Collection<Long> campaignIds, String node) {
            return Future.succeededFuture(null);
        }

        @Override
        public Future<Void> connected(long attemptId, Instant at) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> missed(long attemptId, Instant at) {
            return Future.succeededFuture();
        }

        @Override
        public Future<PlacedCall> choose(long attemptId, long agentId, long debtorId, Instant at) {
            return Future.failedFuture(new IllegalStateException("this node takes no inbound calls"));
        }
    };
}
