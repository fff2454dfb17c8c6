package dialer.core.engine;

import dialer.ami.DialplanLocation;
import dialer.ami.OriginateRequest;
import dialer.ami.PbxCommandRefused;
import dialer.core.Masked;
import dialer.core.call.PlacedCall;
import dialer.core.campaign.Campaign;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Places one call: the guard's binding decision and the attempt row in one transaction, then the
 * originate. Nothing is dialed that is not written first, and nothing is placed while the engine
 * cannot record (see {@link RecordingHealth}) or while an earlier placement waits on the database.
 */
final class CallPlacer {

    private static final Logger log = LoggerFactory.getLogger(CallPlacer.class);
    /** The caller id a call goes out with, from its campaign's trunk and caller id (a trunk's FIXED policy). */
    private java.util.function.BinaryOperator<String> callerIds = (trunk, campaignCallerId) -> campaignCallerId;

    void callerIds(java.util.function.BinaryOperator<String> callerIds) {
        this.callerIds = callerIds;
    }
    static final DialplanLocation ANSWERED = DialplanLocation.of("dialer-answered", "s");

    private final EngineThread thread;
    private final Clock clock;
    private final AttemptLedger ledger;
    private final CallFlow flow;
    private final AgentSessions agents;
    private final LeadSupply leads;
    private final PbxLinks pbxs;
    private final PacerFeed feed;
    private final AttemptWrites writes;
    private final RecordingHealth health;
    private final EngineEvents events;
    private final CallVariables callVariables;
    private final Duration maxDecisionAge;
    /** Engine thread: placements waiting on the database, by a sequence number, with when each was decided. */
    private final TreeMap<Long, Instant> pending = new TreeMap<>();
    private long sequence;

    CallPlacer(EngineThread thread, Clock clock, AttemptLedger ledger, CallFlow flow, AgentSessions agents, LeadSupply leads,
               PbxLinks pbxs, PacerFeed feed, AttemptWrites writes, RecordingHealth health, EngineEvents events,
               CallVariables callVariables, Duration maxDecisionAge) {
        this.thread = thread;
        this.clock = clock;
        this.ledger = ledger;
        this.flow = flow;
        this.agents = agents;
        this.leads = leads;
        this.pbxs = pbxs;
        this.feed = feed;
        this.writes = writes;
        this.health = health;
        this.events = events;
        this.callVariables = callVariables;
        this.maxDecisionAge = maxDecisionAge;
    }

    /**
     * Whether new calls may be placed now: attempts can be recorded, and no placement has waited on
     * the database for longer than a decision stays valid (a slow database is not yet a failed one).
     */
    boolean canPlace() {
        thread.check();
        if (!health.healthy()) {
            return false;
        }
        return pending.isEmpty() || Duration.between(pending.firstEntry().getValue(), clock.instant()).compareTo(maxDecisionAge) <= 0;
    }

    /**
     * Places the call of {@code request} for {@code run} (the run whose claim counter counts it).
     * Completes with the attempt, the guard's no, or the failure; the reserved agent, if any, is
     * freed when no call comes of it, and a paced lead not dialed goes back to the front of its queue.
     */
    Future<DialResult> place(CampaignRun run, DialRequest request) {
        thread.check();
        String pbx = request.pbx();
        run.claiming(pbx, +1);
        long id = ++sequence;
        pending.put(id, request.decidedAt());
        return ledger.reserveAndOpen(request).transform(ar -> {
            pending.remove(id);
            if (ar.succeeded() && ar.result() instanceof AttemptLedger.Opened opened) {
                health.succeeded();
                // the guard's dial mark comes first: a reservation past its validity is refused, and then nothing is dialed;
                // the call stays claimed on its PBX until it is originated or dropped
                return ledger.markDialed(opened.call().reservationId()).transform(marked -> {
                    run.claiming(pbx, -1);
                    AgentSession agent = request.reservedAgentId() == null ? null : agents.get(request.reservedAgentId());
                    if (marked.failed()) {
                        freeAgent(agent);
                        notDialed(run, request, opened.call(), marked.cause());
                        return Future.failedFuture(new dialer.core.Conflict("the guard refused to mark the call dialed ("
                                + marked.cause().getMessage() + "); not dialed"));
                    }
                    LiveCall call = originate(request, opened.call());
                    if (agent != null) {
                        call.reservedAgentId = agent.agent.id();
                        agents.placedFor(agent, call.attemptId(), request.lead().debtorId(), request.lead().phoneId());
                    }
                    return Future.succeededFuture(DialResult.placed(call.attemptId()));
                });
            }
            run.claiming(pbx, -1);
            AgentSession agent = request.reservedAgentId() == null ? null : agents.get(request.reservedAgentId());
            freeAgent(agent);
            if (ar.failed()) {
                health.failed(null, "the attempt of lead " + request.lead().leadId(), ar.cause());
                takeBack(run, request);
                return Future.failedFuture(ar.cause());
            }
            if (ar.result() instanceof AttemptLedger.Stale stale) {
                log.warn("lead {}: not dialed, the decision waited {} ms for the database", request.lead().leadId(),
                        stale.heldMillis());
                takeBack(run, request);
                return Future.failedFuture(new dialer.core.Conflict("the database was too slow to record the call; not dialed"));
            }
            AttemptLedger.Blocked blocked = (AttemptLedger.Blocked) ar.result();
            events.leadBlocked(request.lead().campaignId(), blocked.rules());
            return Future.succeededFuture(DialResult.blocked(blocked.blocks()));
        });
    }

    /** The attempt was opened but the call is not dialed: it ends as not dialed and the lead goes back. */
    private void notDialed(CampaignRun run, DialRequest request, PlacedCall placed, Throwable cause) {
        if (cause instanceof dialer.compliance.ReservationExpiredException) {
            log.warn("attempt {}: not dialed, {}", placed.attemptId(), cause.getMessage());
        } else {
            health.failed(null, "the dial mark of attempt " + placed.attemptId(), cause);
        }
        String reason = "not dialed: " + cause.getMessage();
        writes.once(placed.attemptId(), "the end of the undialed attempt",
                () -> ledger.notDialed(placed.attemptId(), placed.reservationId(), reason, clock.instant()));
        takeBack(run, request);
    }

    private void freeAgent(AgentSession agent) {
        if (agent != null && agent.in(AgentState.RESERVED) && agent.attemptId == null) {
            agents.afterCall(agent);
        }
    }

    /** A lead whose call was not placed: a hand-dialed one goes back as it was, a paced one to the front of its queue. */
    private void takeBack(CampaignRun run, DialRequest request) {
        if (request.handClaim() != null) {
            writes.once(null, "the release of hand-dialed lead " + request.lead().leadId(),
                    () -> ledger.releaseHandClaim(request.handClaim()));
        } else {
            leads.putBack(run, request.lead());
        }
    }

    private LiveCall originate(DialRequest request, PlacedCall placed) {
        Campaign campaign = request.campaign();
        Instant now = clock.instant();
        LiveCall call = new LiveCall(placed, campaign, request.pbx(), now, request.paced());
        call.screenWaived = request.amdWaived();
        flow.track(call);
        feed.dialPlaced(call);
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("DIALER_HOLD", String.format(Locale.ROOT, "%.1f", campaign.holdLimitMs() / 1000.0));
        if (campaign.safeHarborPrompt() != null) {
            variables.put("DIALER_SAFE_HARBOR", campaign.safeHarborPrompt());
        }
        if (!request.detectMachines()) {
            variables.put("DIALER_AMD", "off");
        } else {
            // the campaign's AMD() settings, colon-separated ([dialer-answered] cuts them apart)
            variables.put("DIALER_AMD_SETTINGS", campaign.amd().toDialplan());
        }
        variables.putAll(callVariables.forCall(campaign, placed));
        OriginateRequest originate = new OriginateRequest(call.callId(), campaign.dialStringFor(placed.e164()), ANSWERED,
                Duration.ofSeconds(campaign.ringTimeoutSeconds()), callerIds.apply(campaign.trunk(), campaign.callerId()),
                request.detectMachines(), variables);
        log.info("attempt {}: calling {} for campaign {} on {}", placed.attemptId(), Masked.phone(placed.e164()),
                campaign.id(), request.pbx());
        events.callPlaced(campaign.id(), placed.attemptId());
        pbxs.originate(request.pbx(), originate).onComplete(ar -> {
            if (ar.succeeded()) {
                dialed(call, true);
            } else if (ar.cause() instanceof PbxCommandRefused) {
                // Asterisk refused the originate: nothing was dialed, the slot is freed
                log.warn("attempt {}: Asterisk refused the call: {}", placed.attemptId(), ar.cause().getMessage());
                call.dialed.complete(false);
            } else {
                // unknown whether it left (e.g. no answer from AMI in time): count it as dialed
                log.warn("attempt {}: originate unconfirmed: {}", placed.attemptId(), ar.cause().getMessage());
                dialed(call, true);
            }
        });
        return call;
    }

    private void dialed(LiveCall call, boolean dialed) {
        call.dialed.complete(dialed);
    }
}
