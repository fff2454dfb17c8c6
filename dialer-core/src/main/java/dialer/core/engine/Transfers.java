package dialer.core.engine;

import dialer.ami.DialplanLocation;
import dialer.core.Conflict;
import dialer.core.call.PlacedCall;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Transfers of a connected call from the agent on it (A) to another ready agent (B), built on the
 * agents' conferences ({@code agent-<extension>}, the person its marked member, see {@link Matchmaker}):
 *
 * <ul>
 * <li>BLIND: B is reserved, the person and B's leg go to B's conference in one redirect; A's leg
 * leaves A's conference with the person (end_marked) and waits; B is on the call, A is free.</li>
 * <li>WARM: A's and B's legs go to B's conference (the consultation), the person waits alone in A's,
 * joining it again with music on hold ({@code [dialer-transfer-wait]}).
 * Complete: the person to B's conference, A's leg to waiting. Cancel: A's leg back to the person,
 * B's to waiting. Conference: the person joins the two agents; then complete (A leaves) or cancel
 * (the person and A go back to A's conference, B's leg leaves with them).</li>
 * </ul>
 *
 * Until the call is handed over A holds it ({@link LiveCall#agentId}, ON_CALL) and B is RESERVED
 * for it; at the hand-over B is ON_CALL and gives the disposition, A is free at once (no wrap-up:
 * the call is not A's to dispose any more). Every leg is recorded ({@link TransferLedger}). Only
 * agents' states and this class's own map change here, all on the engine thread; the call's
 * {@link CallPhase} stays CONNECTED throughout.
 */
final class Transfers {

    private static final Logger log = LoggerFactory.getLogger(Transfers.class);

    private final EngineThread thread;
    private final Clock clock;
    private final AgentSessions agents;
    private final CallFlow flow;
    private final PbxLinks pbxs;
    private final TransferLedger ledger;
    /** Engine thread: the transfers in progress, by attempt. */
    private final Map<Long, Transfer> byAttempt = new HashMap<>();

    Transfers(EngineThread thread, Clock clock, AgentSessions agents, CallFlow flow, PbxLinks pbxs, TransferLedger ledger) {
        this.thread = thread;
        this.clock = clock;
        this.agents = agents;
        this.flow = flow;
        this.pbxs = pbxs;
        this.ledger = ledger;
    }

    // --- what the agents ask for ----------------------------------------------------------------

    /** Agent {@code fromAgentId} transfers their connected call to ready agent {@code toAgentId}. */
    Future<TransferStatus> start(long fromAgentId, long toAgentId, Transfer.Kind mode, String by) {
        thread.check();
        if (mode == Transfer.Kind.CONFERENCE) {
            throw new IllegalArgumentException("a transfer starts BLIND or WARM");
        }
        AgentSession a = agents.require(fromAgentId);
        LiveCall call = connectedCallOf(a);
        if (byAttempt.containsKey(call.attemptId())) {
            throw new Conflict("attempt " + call.attemptId() + " is being transferred already");
        }
        if (a.disposed) {
            throw new Conflict("agent " + fromAgentId + " gave the disposition already; the call cannot be transferred");
        }
        if (toAgentId == fromAgentId) {
            throw new Conflict("agent " + fromAgentId + " cannot transfer a call to themself");
        }
        AgentSession b = agents.get(toAgentId);
        if (b == null || !b.in(AgentState.READY) || !b.legUp) {
            throw new Conflict("agent " + toAgentId + " is not ready to take a call");
        }
        if (b.campaignId != call.campaign.id() || !b.agent.pbx().equals(call.pbx)) {
            throw new Conflict("agent " + toAgentId + " does not work campaign " + call.campaign.id() + " on this PBX");
        }
        Transfer t = new Transfer(call.attemptId(), fromAgentId, toAgentId, mode, by);
        byAttempt.put(t.attemptId, t);
        // as Matchmaker.connect does: a caller to us stays an inbound call with the receiving agent
        b.inbound = call.inbound;
        agents.reserve(b, call.attemptId(), call.debtorId(), call.phoneId());
        open(t, mode);
        String bExt = b.agent.extension();
        log.info("attempt {}: {} transfer from agent {} to agent {}", t.attemptId, mode, fromAgentId, toAgentId);
        Future<Void> moved = mode == Transfer.Kind.BLIND
                ? pbxs.redirect(call.pbx, call.callId(), Matchmaker.personTo(bExt), b.legCallId, Matchmaker.legTo(bExt))
                : pbxs.redirect(call.pbx, a.legCallId, Matchmaker.legTo(bExt), b.legCallId, Matchmaker.legTo(bExt));
        return moved.transform(ar -> {
            if (byAttempt.get(t.attemptId) != t || t.over) {
                // the call ended or B left meanwhile (settled by callHungUp / agentGone): A back with the person
                if (ar.succeeded() && !call.ended()) {
                    bringBack(t, call);
                }
                return Future.failedFuture(new Conflict("the call ended during the transfer"));
            }
            if (ar.failed()) {
                log.warn("attempt {}: the transfer to agent {} failed: {}", t.attemptId, toAgentId, ar.cause().getMessage());
                forget(t, Transfer.Outcome.FAILED);
                release(b, t.attemptId);
                return Future.failedFuture(new Conflict("could not move the call: " + ar.cause().getMessage()));
            }
            if (mode == Transfer.Kind.BLIND) {
                handOver(t, call, Transfer.Outcome.COMPLETED);
            } else {
                t.phase = Transfer.Phase.CONSULTING;
                // the debtor, alone now, joins A's conference again with music on hold (sent before any later move)
                pbxs.redirect(call.pbx, call.callId(), waiting(a)).onFailure(e -> log.info(
                        "attempt {}: no music on hold for the waiting debtor: {}", t.attemptId, e.getMessage()));
                touch(t);
            }
            return Future.succeededFuture(t.status());
        });
    }

    /** The person goes to the receiving agent (a consultation), or the first agent leaves (a conference). */
    Future<TransferStatus> complete(long agentId) {
        Transfer t = settled(agentId);
        LiveCall call = flow.ofAttempt(t.attemptId);
        AgentSession a = agents.require(t.fromAgentId);
        if (a.disposed) {
            // the call's one disposition is written already: the receiving agent could not give theirs
            throw new Conflict("agent " + t.fromAgentId + " gave the disposition during the transfer; cancel it instead");
        }
        Future<Void> moved = t.phase == Transfer.Phase.CONSULTING
                ? pbxs.redirect(call.pbx, call.callId(), Matchmaker.personTo(agents.require(t.toAgentId).agent.extension()),
                        a.legCallId, idle(a))
                : pbxs.redirect(call.pbx, a.legCallId, idle(a));
        return moving(t, moved, () -> handOver(t, call, Transfer.Outcome.COMPLETED));
    }

    /** The receiving agent is not taking the call: the first agent is back with the person, the other one free again. */
    Future<TransferStatus> cancel(long agentId) {
        Transfer t = settled(agentId);
        LiveCall call = flow.ofAttempt(t.attemptId);
        AgentSession a = agents.require(t.fromAgentId);
        AgentSession b = agents.require(t.toAgentId);
        String aExt = a.agent.extension();
        // in a conference the person goes back to A's conference; B's leg leaves B's with them (end_marked)
        Future<Void> moved = t.phase == Transfer.Phase.CONSULTING
                ? pbxs.redirect(call.pbx, a.legCallId, Matchmaker.legTo(aExt), b.legCallId, idle(b))
                : pbxs.redirect(call.pbx, call.callId(), Matchmaker.personTo(aExt), a.legCallId, Matchmaker.legTo(aExt));
        return moving(t, moved, () -> {
            forget(t, Transfer.Outcome.CANCELLED);
            release(b, t.attemptId);
            touch(t);
            log.info("attempt {}: transfer to agent {} cancelled", t.attemptId, t.toAgentId);
        });
    }

    /** The person joins the two agents of a consultation. */
    Future<TransferStatus> conference(long agentId) {
        Transfer t = settled(agentId);
        if (t.phase != Transfer.Phase.CONSULTING) {
            throw new Conflict("attempt " + t.attemptId + " is in a conference already");
        }
        LiveCall call = flow.ofAttempt(t.attemptId);
        AgentSession b = agents.require(t.toAgentId);
        return moving(t, pbxs.redirect(call.pbx, call.callId(), Matchmaker.personTo(b.agent.extension())), () -> {
            close(t, Transfer.Outcome.CONFERENCED);
            open(t, Transfer.Kind.CONFERENCE);
            t.phase = Transfer.Phase.CONFERENCE;
            touch(t);
            log.info("attempt {}: three-way conference with agents {} and {}", t.attemptId, t.fromAgentId, t.toAgentId);
        });
    }

    /** The transfer the agent takes part in (as either agent), if any. */
    Optional<TransferStatus> of(long agentId) {
        thread.check();
        return Optional.ofNullable(find(agentId)).map(Transfer::status);
    }

    /** The agents a call of this agent may be transferred to now: ready, of the same campaign and PBX. */
    List<AgentStatus> candidates(long agentId) {
        AgentSession a = agents.require(agentId);
        return agents.all().stream().filter(s -> s != a && s.in(AgentState.READY) && s.legUp && s.campaignId == a.campaignId
                && s.agent.pbx().equals(a.agent.pbx())).map(AgentSession::status)
                .sorted(java.util.Comparator.comparingLong(AgentStatus::agentId)).toList();
    }

    // --- what happens to the call and the agents ------------------------------------------------

    /** A callee's call hung up (after {@link CallFlow} took it): a transfer of it ends, and legs left consulting go back to waiting. */
    void callHungUp(String callId) {
        thread.check();
        Long attemptId = PlacedCall.attemptIdOf(callId);
        Transfer t = attemptId == null ? null : byAttempt.get(attemptId);
        if (t == null) {
            return;
        }
        t.over = true;
        forget(t, Transfer.Outcome.CALL_ENDED);
        AgentSession b = agents.get(t.toAgentId);
        // during a consultation nobody marked leaves B's conference, and a move on its way may land a leg
        // in a conference after the person left: both legs are sent back to waiting (after any move, in order)
        legsToIdle(t);
        if (b != null) {
            release(b, t.attemptId);
        }
        log.info("attempt {}: the call ended during its transfer to agent {}", t.attemptId, t.toAgentId);
    }

    /**
     * An agent's session ended or their phone leg went while they held {@code attemptId}: true when a
     * transfer took care of it (the call goes on with the other agent), false when the engine must
     * do as for any call whose agent is gone (hang it up).
     */
    boolean agentGone(AgentSession s, long attemptId) {
        thread.check();
        Transfer t = byAttempt.get(attemptId);
        if (t == null) {
            return false;
        }
        LiveCall call = flow.ofAttempt(attemptId);
        t.over = true;
        if (s.agent.id() == t.toAgentId) {
            forget(t, Transfer.Outcome.AGENT_GONE);
            detach(s, attemptId);
            AgentSession a = agents.get(t.fromAgentId);
            if (call != null && a != null && a.holds(attemptId) && t.phase != Transfer.Phase.MOVING) {
                // A back to the person: in A's conference (consultation), or both back there (conference)
                String aExt = a.agent.extension();
                (t.phase == Transfer.Phase.CONSULTING ? pbxs.redirect(call.pbx, a.legCallId, Matchmaker.legTo(aExt))
                        : pbxs.redirect(call.pbx, call.callId(), Matchmaker.personTo(aExt), a.legCallId, Matchmaker.legTo(aExt)))
                        .onFailure(e -> log.warn("attempt {}: could not bring agent {} back: {}", attemptId, a.agent.id(), e.getMessage()));
            }
            log.info("attempt {}: agent {} left during the transfer; the call stays with agent {}", attemptId, t.toAgentId,
                    t.fromAgentId);
            return true;
        }
        AgentSession b = agents.get(t.toAgentId);
        if (call == null || b == null || t.phase == Transfer.Phase.MOVING) {
            forget(t, Transfer.Outcome.AGENT_GONE);
            if (b != null) {
                release(b, attemptId);
            }
            return false;
        }
        // A left: the call is B's now (a consultation's person is sent to B first)
        if (t.phase == Transfer.Phase.CONSULTING) {
            pbxs.redirect(call.pbx, call.callId(), Matchmaker.personTo(b.agent.extension()))
                    .onFailure(e -> log.warn("attempt {}: could not move the person to agent {}: {}", attemptId, b.agent.id(),
                            e.getMessage()));
        }
        detach(s, attemptId);
        forget(t, Transfer.Outcome.AGENT_GONE);
        call.agentId = b.agent.id();
        handedOver(attemptId, b.agent.id());
        agents.onCall(b);
        log.info("attempt {}: agent {} left during the transfer; agent {} has the call", attemptId, t.fromAgentId, t.toAgentId);
        return true;
    }

    // --- the parts ------------------------------------------------------------------------------

    /** The call is B's: B on it, A free (ready, or paused as asked). */
    private void handOver(Transfer t, LiveCall call, Transfer.Outcome outcome) {
        forget(t, outcome);
        AgentSession b = agents.get(t.toAgentId);
        AgentSession a = agents.get(t.fromAgentId);
        if (call.ended() || b == null || !b.in(AgentState.RESERVED) || !b.holds(t.attemptId)) {
            if (b != null) {
                release(b, t.attemptId);
            }
            return;
        }
        call.agentId = b.agent.id();
        handedOver(t.attemptId, b.agent.id());
        agents.onCall(b);
        if (a != null && a.holds(t.attemptId) && a.in(AgentState.ON_CALL)) {
            agents.afterCall(a);
        }
        log.info("attempt {}: transferred from agent {} to agent {}", t.attemptId, t.fromAgentId, t.toAgentId);
    }

    /** The attempt becomes the receiving agent's (their disposition; the legs keep who had it). */
    private void handedOver(long attemptId, long toAgentId) {
        ledger.handedOver(attemptId, toAgentId).onFailure(e -> log.error("attempt {}: could not record that agent {} has the call: {}",
                attemptId, toAgentId, e.getMessage()));
    }

    /** Runs {@code then} once the redirect succeeded; while it is on its way nothing else may be asked. */
    private Future<TransferStatus> moving(Transfer t, Future<Void> moved, Runnable then) {
        Transfer.Phase was = t.phase;
        t.phase = Transfer.Phase.MOVING;
        return moved.transform(ar -> {
            if (byAttempt.get(t.attemptId) != t || t.over) {
                return Future.failedFuture(new Conflict("the call ended during the transfer"));
            }
            if (ar.failed()) {
                t.phase = was;
                log.warn("attempt {}: could not move the transfer's channels: {}", t.attemptId, ar.cause().getMessage());
                return Future.failedFuture(new Conflict("could not move the call: " + ar.cause().getMessage()));
            }
            then.run();
            return Future.succeededFuture(t.status());
        });
    }

    /** The agent's transfer that may be completed, cancelled or made a conference now. */
    private Transfer settled(long agentId) {
        thread.check();
        agents.require(agentId);
        Transfer t = find(agentId);
        if (t == null) {
            throw new Conflict("agent " + agentId + " has no transfer in progress");
        }
        if (t.phase == Transfer.Phase.MOVING) {
            throw new Conflict("the call of attempt " + t.attemptId + " is being moved; try again");
        }
        LiveCall call = flow.ofAttempt(t.attemptId);
        if (call == null || call.ended()) {
            throw new Conflict("the call of attempt " + t.attemptId + " is over");
        }
        return t;
    }

    private Transfer find(long agentId) {
        for (Transfer t : byAttempt.values()) {
            if (t.fromAgentId == agentId || t.toAgentId == agentId) {
                return t;
            }
        }
        return null;
    }

    private LiveCall connectedCallOf(AgentSession a) {
        LiveCall call = a.attemptId == null ? null : flow.ofAttempt(a.attemptId);
        if (!a.in(AgentState.ON_CALL) || call == null || call.phase() != CallPhase.CONNECTED || call.agentId == null
                || call.agentId != a.agent.id()) {
            throw new Conflict("agent " + a.agent.id() + " is not on a connected call");
        }
        return call;
    }

    private void open(Transfer t, Transfer.Kind kind) {
        t.legKind = kind;
        t.legId = ledger.opened(t.attemptId, kind, t.fromAgentId, t.toAgentId, clock.instant(), t.requestedBy);
        t.legId.onFailure(e -> log.error("attempt {}: the transfer leg could not be recorded: {}", t.attemptId, e.getMessage()));
    }

    private void close(Transfer t, Transfer.Outcome outcome) {
        java.time.Instant at = clock.instant();
        t.legId.compose(id -> ledger.closed(id, at, outcome))
                .onFailure(e -> log.error("attempt {}: the end of the transfer leg could not be recorded: {}", t.attemptId,
                        e.getMessage()));
    }

    /** The transfer is over: no longer followed, its open leg closed. */
    private void forget(Transfer t, Transfer.Outcome outcome) {
        if (byAttempt.remove(t.attemptId, t)) {
            t.ended = outcome;
            close(t, outcome);
        }
    }

    /** B, reserved for the transfer, is free again. */
    private void release(AgentSession b, long attemptId) {
        if (agents.get(b.agent.id()) == b) {
            agents.release(b, attemptId);
        }
    }

    /**
     * The agent no longer has the call: a session still kept goes on (free again, or rung again if its
     * leg is gone); one that is ending just lets go of the attempt, so nothing hangs the call up for it.
     */
    private void detach(AgentSession s, long attemptId) {
        if (!s.holds(attemptId)) {
            return;
        }
        if (agents.get(s.agent.id()) == s && (s.in(AgentState.RESERVED) || s.in(AgentState.ON_CALL))) {
            agents.afterCall(s);
        } else {
            s.attemptId = null;
            s.debtorId = null;
            s.phoneId = null;
        }
    }

    private void legsToIdle(Transfer t) {
        for (long agentId : new long[]{t.fromAgentId, t.toAgentId}) {
            AgentSession s = agents.get(agentId);
            if (s != null && s.legUp) {
                pbxs.redirect(s.agent.pbx(), s.legCallId, idle(s)).onFailure(e -> log.debug("attempt {}: agent {}'s leg not sent back: {}",
                        t.attemptId, agentId, e.getMessage()));
            }
        }
    }

    /** B left while the call was moving to them: A (still holding the call) and the person together again in A's conference. */
    private void bringBack(Transfer t, LiveCall call) {
        AgentSession a = agents.get(t.fromAgentId);
        if (a == null || !a.holds(t.attemptId)) {
            return;
        }
        String aExt = a.agent.extension();
        (t.mode == Transfer.Kind.BLIND
                ? pbxs.redirect(call.pbx, call.callId(), Matchmaker.personTo(aExt), a.legCallId, Matchmaker.legTo(aExt))
                : pbxs.redirect(call.pbx, a.legCallId, Matchmaker.legTo(aExt)))
                .onFailure(e -> log.warn("attempt {}: could not bring agent {} back: {}", t.attemptId, a.agent.id(), e.getMessage()));
    }

    /** Tells the consoles of both agents that the transfer changed (their states may not have). */
    private void touch(Transfer t) {
        AgentSession a = agents.get(t.fromAgentId);
        AgentSession b = agents.get(t.toAgentId);
        if (a != null) {
            agents.changed(a);
        }
        if (b != null) {
            agents.changed(b);
        }
    }

    /** Where a debtor waits, with music, in their agent's conference while the agent consults. */
    static DialplanLocation waiting(AgentSession a) {
        return DialplanLocation.of("dialer-transfer-wait", a.agent.extension());
    }

    /** Where an agent's leg waits between calls. */
    static DialplanLocation idle(AgentSession s) {
        return DialplanLocation.of("dialer-agent-idle", s.agent.extension());
    }
}
