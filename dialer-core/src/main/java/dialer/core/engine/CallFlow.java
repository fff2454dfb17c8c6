package dialer.core.engine;

import dialer.ami.CallEvent;
import dialer.ami.CallOutcome;
import dialer.core.call.DispositionWritten;
import dialer.core.call.PlacedCall;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The callee's side of every call this node placed: each AMI fact moves the call along
 * {@link CallPhase}'s table, is written to the attempt in order, and tells the agent, the pacer and
 * the listeners what follows from it.
 */
final class CallFlow {

    private static final Logger log = LoggerFactory.getLogger(CallFlow.class);

    private final EngineThread thread;
    private final Clock clock;
    private final AgentSessions agents;
    private final Matchmaker matchmaker;
    private final PacerFeed feed;
    private final AttemptWrites writes;
    private final AttemptLedger ledger;
    private final EngineEvents events;
    private final PbxLinks pbxs;
    private final InboundLedger inbound;
    /** Engine thread: the calls in progress, by call id, in the order they were placed. */
    private final Map<String, LiveCall> calls = new LinkedHashMap<>();
    /** Told each call a trunk failed (its trunk's health hears of it). */
    private java.util.function.BiConsumer<LiveCall, CallEvent.Outcome> trunkFailures = (call, o) -> { };

    CallFlow(EngineThread thread, Clock clock, AgentSessions agents, Matchmaker matchmaker, PacerFeed feed, AttemptWrites writes,
             AttemptLedger ledger, EngineEvents events, PbxLinks pbxs, InboundLedger inbound) {
        this.pbxs = pbxs;
        this.inbound = inbound;
        this.thread = thread;
        this.clock = clock;
        this.agents = agents;
        this.matchmaker = matchmaker;
        this.feed = feed;
        this.writes = writes;
        this.ledger = ledger;
        this.events = events;
    }

    void onTrunkFailure(java.util.function.BiConsumer<LiveCall, CallEvent.Outcome> listener) {
        this.trunkFailures = listener;
    }

    void track(LiveCall call) {
        thread.check();
        calls.put(call.callId(), call);
    }

    LiveCall get(String callId) {
        thread.check();
        return calls.get(callId);
    }

    LiveCall ofAttempt(long attemptId) {
        return get(PlacedCall.callIdOf(attemptId));
    }

    Collection<LiveCall> all() {
        thread.check();
        return calls.values();
    }

    // --- facts from the PBX ---------------------------------------------------------------------

    /** The far end answered: machine detection listens now (or the person is reported next). */
    void answered(String callId, Instant at) {
        LiveCall call = get(callId);
        if (call == null) {
            return;
        }
        if (call.answeredAt == null) {
            call.answeredAt = at;
        }
        if (call.phase() == CallPhase.RINGING) {
            call.moveTo(CallPhase.SCREENING);
        }
    }

    void outcome(CallEvent.Outcome o) {
        LiveCall call = get(o.callId());
        if (call == null) {
            return;
        }
        if (o.outcome() == CallOutcome.NOT_PLACED) {
            neverPlaced(call, o);
            return;
        }
        if (o.outcome() == CallOutcome.TRUNK_FAILURE) {
            trunkFailed(call, o);
            return;
        }
        if (o.sipStatus() != 0) {
            long attemptId = call.attemptId();
            writes.then(call.writes, "the SIP status", () -> ledger.sipStatus(attemptId, o.sipStatus()));
        }
        call.outcome = o.outcome();
        feed.resolved(call, o.outcome(), o.at());
        events.callResolved(call.campaign.id(), call.attemptId(), o.outcome());
        switch (o.outcome()) {
            case ANSWERED_HUMAN -> {
                call.moveTo(CallPhase.WAITING_FOR_AGENT);
                call.detectedAt = o.at();
                if (call.answeredAt == null) {
                    call.answeredAt = o.at();
                }
                Instant answeredAt = call.answeredAt;
                writes.then(call.writes, "the answer",
                        () -> ledger.markAnswered(call.attemptId(), o.outcome().name(), o.detail(), answeredAt));
                if (PacerFeed.millis(o.at(), clock.instant()) <= call.holdLimitMs()) {
                    matchmaker.connectOrQueue(call);
                } else {
                    // heard late (after an AMI outage): the dialplan's hold limit has passed, nobody can take the person now
                    log.info("attempt {}: the person was detected {} ms ago; too late to connect", call.attemptId(),
                            PacerFeed.millis(o.at(), clock.instant()));
                }
            }
            case ANSWERED_MACHINE -> {
                Instant answeredAt = call.answeredAt == null ? o.at() : call.answeredAt;
                writes.then(call.writes, "the answer",
                        () -> ledger.markAnswered(call.attemptId(), o.outcome().name(), o.detail(), answeredAt));
                finish(call, o.outcome().name(), o.detail(), null, o.at(), "MACHINE");
            }
            default -> finish(call, o.outcome().name(), o.detail(), o.hangupCause() == 0 ? null : o.hangupCause(),
                    o.at(), systemCode(o.outcome()));
        }
    }

    /** The person reached the agent's conference. */
    void joined(CallEvent.JoinedConference j) {
        LiveCall call = get(j.callId());
        if (call == null) {
            return;
        }
        if (call.adopted && call.phase() == CallPhase.WAITING_FOR_AGENT && !takenOverByAgent(call, j.conference())) {
            return;
        }
        AgentSession agent = call.agentId == null ? null : agents.get(call.agentId);
        if (agent == null || call.phase() != CallPhase.CONNECTING || !j.conference().equals(agent.agent.conference())
                || !agent.in(AgentState.RESERVED) || !agent.holds(call.attemptId())) {
            log.warn("attempt {}: joined {} unexpectedly", call.attemptId(), j.conference());
            return;
        }
        call.moveTo(CallPhase.CONNECTED);
        call.connectedAt = j.at();
        agents.onCall(agent);
        agent.screenWaived = call.screenWaived;
        long waited = PacerFeed.millis(call.detectedAt, j.at());
        feed.connected(call, waited);
        long agentId = agent.agent.id();
        // a call taken back after a restart was detected by the node before: its delay is not known here
        Long connectMillis = call.adopted ? null : waited;
        writes.then(call.writes, "the connection", () -> ledger.markConnected(call.attemptId(), agentId, j.at(), connectMillis));
        log.info("attempt {}: connected to agent {} {} ms after the person was detected", call.attemptId(), agentId, waited);
        if (!call.adopted && call.redirectedAtMillis > 0) {
            // the PBX's part only: a wait for a free agent is the pacer's, not a sign of a slow PBX
            long now = pbxs.millis();
            pbxs.governor(call.pbx).connected(now - call.redirectedAtMillis, now);
        }
        if (call.inbound) {
            writes.then(call.writes, "the debtor's conversation", () -> inbound.connected(call.attemptId(), j.at()));
        }
        events.callConnected(call.campaign.id(), call.attemptId(), agentId);
        if (!call.adopted) {
            events.connectDelay(call.campaign.id(), waited);
        }
    }

    /**
     * A call followed again after a restart whose person the earlier run had put into an agent's
     * conference without it being stored: the agent of that conference, if their session was taken
     * back and holds no other call, is on it now (the rest of {@link #joined} follows).
     */
    private boolean takenOverByAgent(LiveCall call, String conference) {
        AgentSession agent = agents.ofConference(conference);
        if (agent == null || agent.attemptId != null || !(agent.in(AgentState.READY) || agent.in(AgentState.PAUSED))) {
            log.warn("attempt {}: in conference {} after the restart, with no agent session there to take it", call.attemptId(),
                    conference);
            return false;
        }
        matchmaker.remove(call);
        call.moveTo(CallPhase.CONNECTING);
        call.agentId = agent.agent.id();
        if (agent.in(AgentState.PAUSED)) {
            agent.pauseAfterCall = agent.pauseReason;
        }
        agents.reserve(agent, call.attemptId(), call.debtorId(), call.phoneId());
        return true;
    }

    /** The dialplan's hold limit passed before an agent took the person: the safe-harbor message plays. */
    void abandoned(String callId, Instant at) {
        LiveCall call = get(callId);
        if (call == null || call.abandoned || call.phase() == CallPhase.CONNECTED || call.ended()) {
            return;
        }
        matchmaker.remove(call);
        if (call.inbound) {
            missed(call, at);
            return;
        }
        if (call.phase() == CallPhase.CONNECTING && !call.adopted) {
            // an agent was there and the person was on their way: the PBX was too slow to move them
            pbxs.governor(call.pbx).abandonedOnTheWay(pbxs.millis());
        }
        countAbandoned(call, at);
        log.info("attempt {}: abandoned, no agent within the hold limit", call.attemptId());
    }

    /** Recorded on the attempt, which may have ended already (the callee hung up during the message). */
    void safeHarborPlayed(CallEvent.SafeHarborPlayed s) {
        Long attemptId = PlacedCall.attemptIdOf(s.callId());
        if (attemptId == null) {
            return;
        }
        LiveCall call = get(s.callId());
        if (call != null) {
            writes.then(call.writes, "the safe-harbor message", () -> ledger.safeHarbor(attemptId, s.played(), s.status()));
        } else {
            writes.once(attemptId, "the safe-harbor message", () -> ledger.safeHarbor(attemptId, s.played(), s.status()));
        }
        if (!s.played()) {
            log.warn("attempt {}: the safe-harbor message did not play to the end ({})", attemptId, s.status());
        }
    }

    void hungUp(CallEvent.HungUp h) {
        LiveCall call = get(h.callId());
        if (call == null) {
            return;
        }
        switch (call.phase()) {
            case CONNECTED -> connectedCallEnded(call, h);
            case WAITING_FOR_AGENT, CONNECTING -> {
                matchmaker.remove(call);
                if (call.agentId != null) {
                    AgentSession agent = agents.get(call.agentId);
                    if (agent != null) {
                        agents.release(agent, call.attemptId());
                    }
                }
                long waited = call.detectedAt == null ? 0 : PacerFeed.millis(call.detectedAt, h.at());
                if (!call.inbound && !call.abandoned && waited > call.holdLimitMs()) {
                    countAbandoned(call, h.at());
                }
                if (call.inbound) {
                    if (!call.abandoned) {
                        feed.inboundAbandoned(call, h.at());
                    }
                    String code = call.abandoned ? "INBOUND_MISSED" : "INBOUND_HUNG_UP";
                    finish(call, null, (call.abandoned ? "nobody free in " : "hung up after ") + waited
                            + " ms waiting for an agent", h.cause(), h.at(), code);
                    return;
                }
                String code = call.abandoned ? "ABANDONED" : "CALLEE_HUNG_UP";
                finish(call, call.abandoned ? "ABANDONED" : null, call.abandoned ? null : "hung up after " + waited
                        + " ms waiting for an agent", h.cause(), h.at(), code);
            }
            default -> finish(call, null, null, h.cause(), h.at(), call.outcome == null ? "FAILED" : systemCode(call.outcome));
        }
    }

    private void connectedCallEnded(LiveCall call, CallEvent.HungUp h) {
        long talk = PacerFeed.millis(call.connectedAt, h.at());
        feed.talkCompleted(call, talk);
        if (call.handedOutside) {
            // the agent left the call to an outside party and wraps it up (or did): the call just ends
            finish(call, null, null, h.cause(), h.at(), null);
            return;
        }
        AgentSession agent = agents.get(call.agentId);
        if (agent != null && agent.holds(call.attemptId())) {
            agent.lastTalkMillis = talk;
            if (agent.disposed) {
                // the disposition came during the call: no wrap-up at all
                if (call.inbound) {
                    feed.inboundWrapCompleted(call.campaign.id(), 0, talk);
                } else if (call.teachesPacer()) {
                    feed.wrapCompleted(call.campaign.id(), 0, talk);
                }
                agents.afterCall(agent);
            } else {
                agents.startWrapUp(agent, call.campaign);
            }
            finish(call, null, null, h.cause(), h.at(), null);
            return;
        }
        // no agent holds the call any more (they logged out during it, or did not come back after a
        // restart): nobody will give its disposition
        finish(call, null, null, h.cause(), h.at(), null);
        long attemptId = call.attemptId();
        writes.then(call.writes, "NO_DISPOSITION", () -> ledger.noDisposition(attemptId)).onSuccess(written ->
                events.dispositionWritten(written.campaignId(), attemptId, "NO_DISPOSITION", call.agentId));
    }

    /**
     * Nobody could take a caller to us within the campaign's wait: they hear the campaign's message
     * and the debtor gets a callback task. Not an abandoned call (nothing was dialed): it counts in
     * the inbound service level, not in the outbound abandonment rate.
     */
    private void missed(LiveCall call, Instant at) {
        call.abandoned = true;
        feed.inboundAbandoned(call, at);
        if (call.agentId != null) {
            AgentSession agent = agents.get(call.agentId);
            if (agent != null) {
                agents.release(agent, call.attemptId());
            }
            call.agentId = null;
        }
        if (call.phase() == CallPhase.CONNECTING) {
            call.moveTo(CallPhase.WAITING_FOR_AGENT);
        }
        writes.then(call.writes, "the missed call's callback task", () -> inbound.missed(call.attemptId(), at));
        log.info("inbound call {}: nobody free within {} ms", call.attemptId(), call.holdLimitMs());
    }

    private void countAbandoned(LiveCall call, Instant at) {
        call.abandoned = true;
        feed.abandoned(call, at);
        writes.then(call.writes, "the abandonment", () -> ledger.markAbandoned(call.attemptId(), at));
        // told once it is stored, so what reads the database (the dashboard) sees it
        call.writes.settled().onComplete(v -> events.callAbandoned(call.campaign.id(), call.attemptId()));
    }

    /**
     * Asterisk never created the call (a run stopped between its records and the originate):
     * nobody was called, so nothing is counted, neither by the pacer nor by the guard.
     */
    private void neverPlaced(LiveCall call, CallEvent.Outcome o) {
        stopFollowing(call);
        log.warn("attempt {}: not dialed after all: {}", call.attemptId(), o.detail());
        long attemptId = call.attemptId();
        long reservationId = call.placed.reservationId();
        writes.then(call.writes, "the end of the call never placed",
                () -> ledger.neverPlaced(attemptId, reservationId, o.detail(), o.at()));
        call.writes.settled().onComplete(v -> events.callEnded(call.campaign.id(), attemptId));
    }

    /**
     * The trunk, not the callee, failed the call (no response to the INVITE, credentials refused):
     * nobody was reached, so the lead loses no attempt and the guard frees the slot it granted; the
     * trunk's health hears of it (its dialing stops).
     */
    private void trunkFailed(LiveCall call, CallEvent.Outcome o) {
        stopFollowing(call);
        log.warn("attempt {}: trunk failure: {}", call.attemptId(), o.detail());
        long attemptId = call.attemptId();
        long reservationId = call.placed.reservationId();
        Integer cause = o.hangupCause() == 0 ? null : o.hangupCause();
        writes.then(call.writes, "the end of a call the trunk failed",
                () -> ledger.trunkFailed(attemptId, reservationId, o.detail(), cause, o.sipStatus(), o.at()));
        trunkFailures.accept(call, o);
        call.writes.settled().onComplete(v -> events.callEnded(call.campaign.id(), attemptId));
    }

    /** The call is over here: no longer followed, and an agent reserved for it who never got it is free again. */
    private void stopFollowing(LiveCall call) {
        call.moveTo(CallPhase.ENDED);
        calls.remove(call.callId());
        if (call.reservedAgentId != null && call.connectedAt == null) {
            AgentSession owner = agents.get(call.reservedAgentId);
            if (owner != null) {
                agents.release(owner, call.attemptId());
            }
        }
    }

    /** Ends the attempt in the database (with a system disposition, or awaiting the agent's). */
    private void finish(LiveCall call, String outcome, String detail, Integer cause, Instant at, String systemCode) {
        stopFollowing(call);
        // whether the call left is known by now, except when Asterisk refused it a moment ago
        Boolean dialed = call.dialed.future().isComplete() ? call.dialed.future().result() : null;
        Future<DispositionWritten> ended = writes.then(call.writes, "the end of the call",
                () -> ledger.end(call.attemptId(), outcome, detail, cause, at, systemCode, dialed));
        ended.onSuccess(written -> {
            if (written != null && dialed == null) {
                call.dialed.future().onSuccess(d -> writes.then(call.writes, "the guard's settlement",
                        () -> ledger.settle(written, d)));
            }
        });
        call.writes.settled().onComplete(v -> {
            events.callEnded(call.campaign.id(), call.attemptId());
            if (systemCode != null) {
                events.dispositionWritten(call.campaign.id(), call.attemptId(), systemCode, null);
            }
        });
    }

    static String systemCode(CallOutcome outcome) {
        return switch (outcome) {
            case ANSWERED_MACHINE -> "MACHINE";
            case BUSY -> "BUSY";
            case NO_ANSWER -> "NO_ANSWER";
            case CONGESTION -> "CONGESTION";
            case INVALID_NUMBER -> "INVALID_NUMBER";
            case DECLINED -> "DECLINED";
            case REJECTED -> "REJECTED";
            case REDIRECTED -> "REDIRECTED";
            case NUMBER_FORMAT_REFUSED -> "NUMBER_FORMAT_REFUSED";
            default -> "FAILED";
        };
    }
}
