package dialer.core.engine;

import dialer.ami.CallOutcome;
import dialer.ami.DialplanLocation;
import dialer.ami.OriginateRequest;
import dialer.core.Conflict;
import dialer.core.Masked;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Transfers of a connected call from the agent on it (A) to a number of the administrators'
 * transfer directory (a creditor's payment line, an interpreter), dialed through the campaign's
 * trunk with its caller id, or to a supervisor of the campaign on their own phone (the one they
 * listen in with):
 *
 * <ul>
 * <li>BLIND: the outside party is called straight into A's conference ({@code [dialer-outside-talk]});
 * once they answer, A's leg goes back to waiting and A to wrap-up: the person and the outside party
 * talk on, and the call ends when the person hangs up (the outside party leaves with them).</li>
 * <li>WARM: the person waits alone in A's conference with music ({@code [dialer-transfer-wait]}), A's
 * leg and the outside party meet in a consultation conference of the call ({@code [dialer-consult]}).
 * Complete: the outside party into A's conference, A's leg to waiting, A to wrap-up. Cancel: the
 * outside party hung up, A back with the person. Conference: all three in A's conference; then
 * complete (A leaves) or cancel (the outside party is hung up).</li>
 * </ul>
 *
 * A gives the call's disposition (the attempt stays theirs); the outside party's leg is recorded
 * with its number ({@link TransferLedger}), never logged in full. Owned by the engine thread.
 */
final class OutsideTransfers {

    private static final Logger log = LoggerFactory.getLogger(OutsideTransfers.class);
    static final String PREFIX = "xo";
    static final Duration RING = Duration.ofSeconds(40);

    /**
     * Where the call goes: a number of the transfer directory ({@code e164}, dialed through the
     * campaign's trunk), or a supervisor's own phone ({@code supervisorUserId} and {@code phone}, a dial string).
     */
    record Target(long id, String name, String e164, Long supervisorUserId, String phone) {

        static Target number(long id, String name, String e164) {
            return new Target(id, name, e164, null, null);
        }

        static Target supervisor(long userId, String name, String phone) {
            return new Target(userId, name, null, userId, phone);
        }

        String dialString(dialer.core.campaign.Campaign campaign) {
            return phone != null ? phone : campaign.dialStringFor(e164);
        }

        /** For logs: a directory number by its last digits; a supervisor's phone by its technology. */
        String masked() {
            return phone != null ? phone.substring(0, phone.indexOf('/') + 1) + "…" : Masked.phone(e164);
        }
    }

    enum Phase { DIALING, CONSULTING, CONFERENCE, MOVING }

    /** One outside transfer in progress. */
    private static final class Leg {
        final long attemptId;
        final long agentId;
        final Target target;
        final String callId;
        final boolean blind;
        Phase phase = Phase.DIALING;
        Transfer.Kind legKind;
        Future<Long> legId;
        boolean answered;

        Leg(long attemptId, long agentId, Target target, String callId, boolean blind) {
            this.attemptId = attemptId;
            this.agentId = agentId;
            this.target = target;
            this.callId = callId;
            this.blind = blind;
            this.legKind = blind ? Transfer.Kind.BLIND : Transfer.Kind.WARM;
        }

        TransferStatus status(String phase) {
            return new TransferStatus(attemptId, agentId, 0, blind ? "BLIND" : "WARM", phase,
                    target.supervisorUserId() == null ? target.id() : null, target.name(), target.supervisorUserId());
        }
    }

    private final EngineThread thread;
    private final Clock clock;
    private final AgentSessions agents;
    private final CallFlow flow;
    private final PbxLinks pbxs;
    private final TransferLedger ledger;
    /** Engine thread: the outside transfers in progress, by attempt and by the outside leg's call id. */
    private final Map<Long, Leg> byAttempt = new HashMap<>();
    private final Map<String, Leg> byCall = new HashMap<>();
    private long sequence;

    OutsideTransfers(EngineThread thread, Clock clock, AgentSessions agents, CallFlow flow, PbxLinks pbxs, TransferLedger ledger) {
        this.thread = thread;
        this.clock = clock;
        this.agents = agents;
        this.flow = flow;
        this.pbxs = pbxs;
        this.ledger = ledger;
    }

    boolean isLeg(String callId) {
        return callId != null && byCall.containsKey(callId);
    }

    boolean busy(long agentId) {
        return find(agentId) != null;
    }

    Optional<TransferStatus> of(long agentId) {
        thread.check();
        Leg l = find(agentId);
        return Optional.ofNullable(l).map(x -> x.status(x.phase.name()));
    }

    /** Agent {@code agentId} transfers their connected call to {@code target}. */
    Future<TransferStatus> start(long agentId, Target target, boolean blind, String by) {
        thread.check();
        AgentSession a = agents.require(agentId);
        LiveCall call = a.attemptId == null ? null : flow.ofAttempt(a.attemptId);
        if (!a.in(AgentState.ON_CALL) || call == null || call.phase() != CallPhase.CONNECTED || call.agentId == null
                || call.agentId != agentId) {
            throw new Conflict("agent " + agentId + " is not on a connected call");
        }
        if (byAttempt.containsKey(call.attemptId())) {
            throw new Conflict("attempt " + call.attemptId() + " is being transferred already");
        }
        if (a.disposed) {
            throw new Conflict("agent " + agentId + " gave the disposition already; the call cannot be transferred");
        }
        Leg l = new Leg(call.attemptId(), agentId, target, PREFIX + call.attemptId() + "n" + (++sequence), blind);
        byAttempt.put(l.attemptId, l);
        byCall.put(l.callId, l);
        l.legId = openLeg(l, l.legKind, by);
        String aExt = a.agent.extension();
        DialplanLocation answeredAt = blind ? outsideTalk(aExt) : consult(l.attemptId);
        OriginateRequest request = new OriginateRequest(l.callId, target.dialString(call.campaign), answeredAt, RING,
                call.campaign.callerId(), false, Map.of("DIALER_ROLE", "outside"));
        log.info("attempt {}: {} transfer from agent {} to {} ({})", l.attemptId, blind ? "blind" : "warm", agentId, target.name(),
                target.masked());
        // warm: A's leg waits for the outside party in the consultation, then the person (alone now) joins A's
        // conference again with music on hold; one after the other, as Transfers does, not in one redirect
        Future<Void> before = blind ? Future.succeededFuture()
                : pbxs.redirect(call.pbx, a.legCallId, consult(l.attemptId))
                        .compose(v -> pbxs.redirect(call.pbx, call.callId(), waiting(aExt)));
        return before.compose(v -> pbxs.originate(call.pbx, request)).transform(ar -> {
            if (ar.failed()) {
                log.warn("attempt {}: the outside transfer could not be placed: {}", l.attemptId, ar.cause().getMessage());
                end(l, Transfer.Outcome.FAILED);
                if (!blind) {
                    backToPerson(l);
                }
                return Future.failedFuture(new Conflict("could not call " + target.name() + ": " + ar.cause().getMessage()));
            }
            return Future.succeededFuture(l.status("DIALING"));
        });
    }

    /** The outside party answered (or did not). */
    void outcome(String callId, CallOutcome outcome) {
        thread.check();
        Leg l = byCall.get(callId);
        if (l == null) {
            return;
        }
        if (outcome != CallOutcome.ANSWERED_HUMAN) {
            log.info("attempt {}: {} did not answer ({})", l.attemptId, l.target.name(), outcome);
            end(l, Transfer.Outcome.FAILED);
            if (!l.blind) {
                backToPerson(l);
            }
            return;
        }
        l.answered = true;
        if (l.blind) {
            // the outside party is in A's conference with the person: A leaves
            handOver(l);
        } else {
            l.phase = Phase.CONSULTING;
            touch(l);
        }
    }

    /** The outside party goes to the person (a consultation), or A leaves (a conference). */
    Future<TransferStatus> complete(long agentId) {
        Leg l = settled(agentId);
        AgentSession a = agents.require(agentId);
        LiveCall call = flow.ofAttempt(l.attemptId);
        Future<Void> moved = l.phase == Phase.CONSULTING
                ? pbxs.redirect(call.pbx, l.callId, outsideTalk(a.agent.extension()), a.legCallId, idle(a))
                : pbxs.redirect(call.pbx, a.legCallId, idle(a));
        return moving(l, moved, () -> handOver(l));
    }

    /** The outside party is hung up; A is back with the person. */
    Future<TransferStatus> cancel(long agentId) {
        Leg l = settled(agentId);
        LiveCall call = flow.ofAttempt(l.attemptId);
        Phase was = l.phase;
        end(l, Transfer.Outcome.CANCELLED);
        pbxs.hangup(call.pbx, l.callId);
        if (was == Phase.CONSULTING) {
            backToPerson(l);
        }
        return Future.succeededFuture(l.status("CANCELLED"));
    }

    /** The person, A and the outside party together in A's conference. */
    Future<TransferStatus> conference(long agentId) {
        Leg l = settled(agentId);
        if (l.phase != Phase.CONSULTING) {
            throw new Conflict("attempt " + l.attemptId + " is in a conference already");
        }
        AgentSession a = agents.require(agentId);
        LiveCall call = flow.ofAttempt(l.attemptId);
        String aExt = a.agent.extension();
        return moving(l, pbxs.redirect(call.pbx, l.callId, outsideTalk(aExt), a.legCallId, Matchmaker.legTo(aExt)), () -> {
            close(l, Transfer.Outcome.CONFERENCED);
            l.legKind = Transfer.Kind.CONFERENCE;
            l.legId = openLeg(l, Transfer.Kind.CONFERENCE, "agent " + l.agentId);
            l.phase = Phase.CONFERENCE;
            touch(l);
        });
    }

    /** The outside party's leg hung up. Before the hand-over: the transfer is over, A back with the person. */
    void legHungUp(String callId) {
        thread.check();
        Leg l = byCall.remove(callId);
        if (l == null || byAttempt.get(l.attemptId) != l) {
            return;
        }
        Phase was = l.phase;
        end(l, l.answered ? Transfer.Outcome.CANCELLED : Transfer.Outcome.FAILED);
        if (!l.blind && was == Phase.CONSULTING) {
            backToPerson(l);
        }
    }

    /** Any call's hang-up: an outside party's leg, or a person whose call had an outside transfer. */
    void hungUp(String callId) {
        thread.check();
        Leg l = byCall.get(callId);
        if (l != null && byAttempt.get(l.attemptId) != l) {
            // handed over already: the outside party left, so the person (alone now) is hung up too
            byCall.remove(callId);
            LiveCall call = flow.ofAttempt(l.attemptId);
            if (call != null && !call.ended()) {
                pbxs.hangup(call.pbx, call.callId());
            }
            return;
        }
        if (l != null) {
            legHungUp(callId);
            return;
        }
        Long attemptId = dialer.core.call.PlacedCall.attemptIdOf(callId);
        if (attemptId != null) {
            callHungUp(attemptId);
        }
    }

    /** The person's call ended: an outside leg still dialing or consulting is hung up. */
    void callHungUp(long attemptId) {
        thread.check();
        Leg l = byAttempt.get(attemptId);
        if (l == null) {
            return;
        }
        end(l, Transfer.Outcome.CALL_ENDED);
        LiveCall call = flow.ofAttempt(attemptId);
        String pbx = call != null ? call.pbx : null;
        if (pbx != null) {
            pbxs.hangup(pbx, l.callId);
        }
        AgentSession a = agents.get(l.agentId);
        if (a != null && a.legUp) {
            pbxs.redirect(a.agent.pbx(), a.legCallId, idle(a)).onFailure(e -> log.debug("agent {}: leg not moved: {}", a.agent.id(),
                    e.getMessage()));
        }
    }

    // --- the parts ------------------------------------------------------------------------------

    /** The call goes on without A: A wraps it up (the disposition is theirs), the person stays with the outside party. */
    private void handOver(Leg l) {
        end(l, Transfer.Outcome.COMPLETED);
        LiveCall call = flow.ofAttempt(l.attemptId);
        AgentSession a = agents.get(l.agentId);
        if (call == null || call.ended()) {
            return;
        }
        call.handedOutside = true;
        if (a != null && a.holds(l.attemptId) && a.in(AgentState.ON_CALL)) {
            if (l.blind) {
                pbxs.redirect(call.pbx, a.legCallId, idle(a)).onFailure(e -> log.warn("attempt {}: agent {}'s leg not moved back: {}",
                        l.attemptId, a.agent.id(), e.getMessage()));
            }
            agents.startWrapUp(a, call.campaign);
        }
        log.info("attempt {}: transferred from agent {} to {}", l.attemptId, l.agentId, l.target.name());
    }

    /** A's leg back into A's conference with the person (who waits there). */
    private void backToPerson(Leg l) {
        AgentSession a = agents.get(l.agentId);
        LiveCall call = flow.ofAttempt(l.attemptId);
        if (a == null || call == null || call.ended()) {
            return;
        }
        pbxs.redirect(call.pbx, a.legCallId, Matchmaker.legTo(a.agent.extension())).onFailure(e -> log.warn(
                "attempt {}: could not bring agent {} back to the person: {}", l.attemptId, a.agent.id(), e.getMessage()));
    }

    private Future<TransferStatus> moving(Leg l, Future<Void> moved, Runnable then) {
        Phase was = l.phase;
        l.phase = Phase.MOVING;
        return moved.transform(ar -> {
            if (byAttempt.get(l.attemptId) != l) {
                return Future.failedFuture(new Conflict("the call ended during the transfer"));
            }
            if (ar.failed()) {
                l.phase = was;
                return Future.failedFuture(new Conflict("could not move the call: " + ar.cause().getMessage()));
            }
            then.run();
            return Future.succeededFuture(l.status(byAttempt.get(l.attemptId) == l ? l.phase.name() : "COMPLETED"));
        });
    }

    private Leg settled(long agentId) {
        thread.check();
        Leg l = find(agentId);
        if (l == null) {
            throw new Conflict("agent " + agentId + " has no transfer in progress");
        }
        if (l.phase == Phase.DIALING || l.phase == Phase.MOVING) {
            throw new Conflict("the outside party of attempt " + l.attemptId + " has not answered yet; wait, or cancel when they do");
        }
        return l;
    }

    private Leg find(long agentId) {
        for (Leg l : byAttempt.values()) {
            if (l.agentId == agentId) {
                return l;
            }
        }
        return null;
    }

    private void end(Leg l, Transfer.Outcome outcome) {
        if (byAttempt.remove(l.attemptId, l)) {
            close(l, outcome);
            touch(l);
        }
        if (outcome != Transfer.Outcome.COMPLETED && outcome != Transfer.Outcome.CONFERENCED) {
            byCall.remove(l.callId);
        }
    }

    private Future<Long> openLeg(Leg l, Transfer.Kind kind, String by) {
        return l.target.supervisorUserId() != null
                ? ledger.openedSupervisor(l.attemptId, kind, l.agentId, l.target.supervisorUserId(), clock.instant(), by)
                : ledger.openedOutside(l.attemptId, kind, l.agentId, l.target.e164(), clock.instant(), by);
    }

    private void close(Leg l, Transfer.Outcome outcome) {
        java.time.Instant at = clock.instant();
        l.legId.compose(id -> ledger.closed(id, at, outcome)).onFailure(e -> log.error(
                "attempt {}: the end of the outside transfer leg could not be recorded: {}", l.attemptId, e.getMessage()));
    }

    /** The agent's live view shows the transfer's new state. */
    private void touch(Leg l) {
        AgentSession a = agents.get(l.agentId);
        if (a != null) {
            agents.changed(a);
        }
    }

    static DialplanLocation outsideTalk(String agentExtension) {
        return DialplanLocation.of("dialer-outside-talk", agentExtension);
    }

    static DialplanLocation consult(long attemptId) {
        return DialplanLocation.of("dialer-consult", String.valueOf(attemptId));
    }

    private static DialplanLocation waiting(String agentExtension) {
        return DialplanLocation.of("dialer-transfer-wait", agentExtension);
    }

    private static DialplanLocation idle(AgentSession s) {
        return DialplanLocation.of("dialer-agent-idle", s.agent.extension());
    }
}
