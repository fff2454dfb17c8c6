package dialer.core.engine;

import dialer.core.portrait.ListHourProfiles;
import dialer.ami.DialplanLocation;
import dialer.ami.OriginateRequest;
import dialer.core.Conflict;
import dialer.core.call.DispositionRequest;
import dialer.core.call.QueuedLead;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignStatus;
import dialer.core.compliance.ComplianceGate;
import dialer.core.db.Sql;
import dialer.pacing.estimate.Tally;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The dialer's engine, as the rest of the server sees it: campaigns, agents' sessions, dispositions,
 * hand dialing, and read-only views. Every method hops onto the engine thread, which owns all live
 * state (see {@link EngineThread}); the parts that hold that state are wired here, and this class
 * reacts to what they report. How a call goes through them: {@code docs/architecture.md}.
 */
public final class DialerEngine {

    private static final Logger log = LoggerFactory.getLogger(DialerEngine.class);
    /** A reservation still open after this long is counted as used (longer than any call and wrap-up). */
    private static final Duration STALE_RESERVATION = Duration.ofMinutes(30);
    /** A decision to dial that waited longer than this for the database is dropped instead of dialed late. */
    static final Duration MAX_DECISION_AGE = Duration.ofSeconds(2);

    /** What a running campaign's pacer is doing, and the abandonment it holds itself to (today, the rolling window). */
    public record PacingState(String mode, int callsToPlace, String reason, double linesPerAgent, double maxLinesPerAgent,
                              boolean warmedUp, double target, Tally countedToday, Tally countedRolling) {
    }

    /** What a campaign's supervisor sees live: its agents, its calls by stage, and how hard the pacer dials. */
    public record CampaignLive(long campaignId, boolean running, List<AgentStatus> agents, Map<String, Integer> callsByStage,
                               double linesPerAgent, double maxLinesPerAgent, String pacing, int queued) {
        /** The stages a call in progress goes through, as shown and measured. */
        public static final List<String> STAGES = List.of("ringing", "screening", "waiting", "connected");
    }

    private final EngineThread thread;
    private final CampaignLedger campaignLedger;
    private final AttemptLedger attemptLedger;
    private final EngineEvents events;
    private final PbxLinks pbxs;
    private final CampaignRuns runs;
    private final AgentSessions agents;
    private final Matchmaker matchmaker;
    private final PacerFeed feed;
    private final AttemptWrites writes;
    private final Dispositions dispositions;
    private final SessionKeeper keeper;
    private final Readoption readoption;
    private final AgentPhones phones;
    private final CallFlow flow;
    private final LeadSupply leads;
    private final HandDialing handDialing;
    private final PacingLoop pacing;
    private final EngineQueries queries;
    private final Transfers transfers;
    private final OutsideTransfers outside;
    private final InboundCalls inbound;
    private final TrunkHealth trunks;

    public DialerEngine(Vertx vertx, Sql sql, Collection<Pbx> pbxs, String node, Clock clock, CallVariables callVariables,
                        ComplianceGate gate, ListHourProfiles hourProfiles) {
        this(new VertxEngineThread(vertx), clock, Clock.systemUTC(), pbxs, node, callVariables, thread -> new Ledgers(
                new SqlAttemptLedger(sql, gate, thread, node, clock, MAX_DECISION_AGE),
                new SqlCampaignLedger(sql, gate, thread, node, clock, hourProfiles),
                new SqlInboundLedger(sql, gate, thread), new SqlTransferLedger(sql, thread)));
    }

    /** The ledgers, built for the engine thread. */
    record Ledgers(AttemptLedger attempts, CampaignLedger campaigns, InboundLedger inbound, TransferLedger transfers) {
        /** A node whose tests take no inbound calls and record no transfers. */
        Ledgers(AttemptLedger attempts, CampaignLedger campaigns) {
            this(attempts, campaigns, InboundLedger.NONE, TransferLedger.NONE);
        }

        /** Without a record of transfers (engine tests that do not look at them). */
        Ledgers(AttemptLedger attempts, CampaignLedger campaigns, InboundLedger inbound) {
            this(attempts, campaigns, inbound, TransferLedger.NONE);
        }
    }

    DialerEngine(EngineThread thread, Clock clock, Clock wallClock, Collection<Pbx> pbxList, String node, CallVariables callVariables,
                 Function<EngineThread, Ledgers> ledgers) {
        Ledgers built = ledgers.apply(thread);
        this.thread = thread;
        this.attemptLedger = built.attempts();
        this.campaignLedger = built.campaigns();
        this.events = new EngineEvents(thread);
        this.pbxs = new PbxLinks(thread, pbxList, wallClock);
        this.runs = new CampaignRuns(thread);
        this.agents = new AgentSessions(thread, clock, events);
        this.matchmaker = new Matchmaker(thread, agents, pbxs);
        this.feed = new PacerFeed(runs, clock);
        RecordingHealth health = new RecordingHealth(thread, events, attemptLedger::probe);
        this.writes = new AttemptWrites(thread, health);
        this.dispositions = new Dispositions(thread, agents, writes, attemptLedger, health, feed, events);
        this.flow = new CallFlow(thread, clock, agents, matchmaker, feed, writes, attemptLedger, events, pbxs, built.inbound());
        this.transfers = new Transfers(thread, clock, agents, flow, pbxs, built.transfers());
        this.leads = new LeadSupply(thread, clock, runs, agents, campaignLedger, writes, events);
        CallPlacer placer = new CallPlacer(thread, clock, attemptLedger, flow, agents, leads, pbxs, feed, writes, health, events,
                callVariables, MAX_DECISION_AGE);
        this.trunks = new TrunkHealth(thread, events);
        this.handDialing = new HandDialing(thread, clock, agents, runs, leads, pbxs, campaignLedger, placer, trunks);
        flow.onTrunkFailure((call, o) -> trunks.callFailed(call.campaign.trunk(), o.detail(), o.at()));
        placer.callerIds(trunks::callerId);
        this.pacing = new PacingLoop(thread, clock, runs, agents, flow, leads, placer, handDialing, pbxs, events, trunks);
        this.queries = new EngineQueries(clock, runs, agents, flow);
        agents.reactTo(new Reactions());
        this.keeper = new SessionKeeper(thread, node, campaignLedger, writes);
        agents.keepWith(keeper::changed);
        this.readoption = new Readoption(thread, agents, flow, pbxs, writes, attemptLedger, events);
        health.onResumed(pacing::tickSoon);
        this.phones = new AgentPhones(thread, agents, pbxs::connected, pbxs::ping);
        this.inbound = new InboundCalls(thread, clock, runs, pbxs, flow, agents, built.inbound(), health, feed, node);
        this.outside = new OutsideTransfers(thread, clock, agents, flow, pbxs, built.transfers());
        CallEventRouter router = new CallEventRouter(thread, clock, wallClock, flow, phones, pbxs, pacing::tickSoon, inbound, outside,
                callId -> {
                    transfers.callHungUp(callId);
                    outside.hungUp(callId);
                });
        router.onPeerHealth(h -> {
            trunks.peer(h);
            pacing.tickSoon();
        });
        router.listen();
    }

    // the parts, for the engine's unit tests
    CallFlow flow() {
        return flow;
    }

    AgentSessions agents() {
        return agents;
    }

    Transfers transfers() {
        return transfers;
    }

    CampaignRuns runs() {
        return runs;
    }

    /** The pacer's settings a campaign runs with (a benchmark gives its simulator the same). */
    public static dialer.pacing.PacingConfig pacingConfig(Campaign campaign) {
        return CampaignRun.pacingConfig(campaign);
    }

    /** The carrier trunks as configured now: their health is watched, their caps and caller-id policy applied. */
    public Future<Void> trunksConfigured(java.util.List<dialer.core.trunk.Trunk> list) {
        return thread.call(() -> {
            trunks.configured(list, agents.now());
            return Future.succeededFuture();
        });
    }

    /** Every configured trunk's health now. */
    public Future<java.util.List<TrunkStatus>> trunkStatuses() {
        return thread.call(() -> Future.succeededFuture(trunks.statuses(agents.now())));
    }

    public void addListener(EngineListener listener) {
        events.add(listener);
    }

    public Set<String> pbxNames() {
        return pbxs.names();
    }

    /** Settles what an earlier run of this node left open, resumes running campaigns, starts pacing. */
    public Future<Void> start() {
        return thread.call(() -> campaignLedger.recover(STALE_RESERVATION).map(recovery -> {
            readoption.apply(recovery);
            keeper.start(recovery.sessionVersion(), agents.all());
            thread.periodic(STALE_RESERVATION.toMillis() / 3, () -> campaignLedger.expireStale(STALE_RESERVATION)
                    .onFailure(e -> writes.failed(null, "the expiry of stale reservations", e)));
            checkPromises();
            thread.periodic(60_000, this::checkPromises);
            for (CampaignLedger.ToRun r : recovery.resumed()) {
                runs.start(new CampaignRun(r.campaign(), r, agents.now()));
                log.info("campaign {} '{}' resumes", r.campaign().id(), r.campaign().name());
            }
            pacing.start();
            return null;
        }));
    }

    /** Stops dialing, lets the conversations in progress end and leaves no agent's phone behind ({@link GracefulStop}). */
    public Future<Void> stop() {
        return thread.call(() -> {
            pacing.stop();
            phones.stopping();
            return new GracefulStop(thread, agents, flow, pbxs).run();
        });
    }

    // --- campaigns ------------------------------------------------------------------------------

    public Future<Campaign> startCampaign(long campaignId) {
        return thread.call(() -> campaignLedger.start(campaignId, !runs.running(campaignId)).map(toRun -> {
            Campaign campaign = toRun.campaign();
            CampaignRun fresh = new CampaignRun(campaign, toRun, agents.now());
            CampaignRun run = runs.start(fresh);
            if (run != fresh) {
                run.retarget(campaign);
            }
            inbound.settingChanged(campaignId);
            log.info("campaign {} '{}' started ({})", campaign.id(), campaign.name(), campaign.dialMode());
            events.campaignChanged(campaignId);
            pacing.tickSoon();
            return campaign;
        }));
    }

    public Future<Campaign> stopCampaign(long campaignId, CampaignStatus status) {
        return thread.call(() -> campaignLedger.setStatus(campaignId, status).map(campaign -> {
            CampaignRun run = runs.stop(campaignId);
            for (AgentSession s : agents.inCampaign(campaignId)) {
                if (s.in(AgentState.PREVIEWING)) {
                    agents.givePreviewBack(s);
                    agents.becomeReady(s);
                }
            }
            if (run != null) {
                leads.stopped(run);
            }
            log.info("campaign {} '{}' {}", campaign.id(), campaign.name(), status.name().toLowerCase());
            events.campaignChanged(campaignId);
            return campaign;
        }));
    }

    /** Rebuilds a campaign's rule set from what is stored (its settings and audited overrides). */
    public Future<Campaign> refreshRules(long campaignId) {
        return thread.call(() -> campaignLedger.reload(campaignId));
    }

    /** Settings of a campaign changed: a running campaign dials by them from now on, keeping what its pacer learned. */
    public Future<Campaign> campaignChanged(long campaignId) {
        return thread.call(() -> campaignLedger.reload(campaignId).map(campaign -> {
            runs.update(campaign);
            events.campaignChanged(campaignId);
            return campaign;
        }));
    }

    /** Marks overdue promises broken and schedules their follow-up calls; completes with how many broke. */
    public Future<Integer> checkPromises() {
        return thread.call(() -> campaignLedger.breakOverduePromises().onSuccess(n -> {
            if (n > 0) {
                log.info("{} promise(s) to pay broken; follow-up calls scheduled", n);
            }
        }).onFailure(e -> writes.failed(null, "broken promises", e)));
    }

    public Future<Optional<PacingState>> pacingState(long campaignId) {
        return thread.call(() -> Future.succeededFuture(queries.pacingState(campaignId)));
    }

    public Future<CampaignLive> campaignLive(long campaignId) {
        return thread.call(() -> Future.succeededFuture(queries.live(campaignId)));
    }

    public Future<List<CampaignLive>> allLive() {
        return thread.call(() -> Future.succeededFuture(queries.allLive()));
    }

    // --- agents ---------------------------------------------------------------------------------

    /** Rings the agent's phone into their conference; the agent is PAUSED (or READY) once it is there. */
    public Future<AgentStatus> login(long agentId, long campaignId, boolean ready) {
        return thread.call(() -> campaignLedger.agentFor(agentId, campaignId).compose(agent -> {
            AgentSession existing = agents.get(agentId);
            if (existing != null) {
                return Future.failedFuture(new Conflict("agent " + agentId + " is already logged in (" + existing.state() + ")"));
            }
            if (!pbxs.exists(agent.pbx())) {
                return Future.failedFuture(new Conflict("agent " + agentId + " is on PBX '" + agent.pbx()
                        + "', which this dialer does not drive"));
            }
            AgentSession s = agents.open(agent, campaignId, ready);
            // a leg an earlier session left in Asterisk (the dialer was killed, say) would be moved into calls too
            return pbxs.hangupLeftovers(agent.pbx(), AgentSessions.legPrefix(agentId), "agent " + agentId)
                    .compose(v -> pbxs.originate(agent.pbx(), legOf(s))).recover(error -> {
                        agents.end(s, "could not ring the agent's phone: " + error.getMessage());
                        return Future.failedFuture(new Conflict("could not ring agent " + agentId + "'s phone: " + error.getMessage()));
                    }).map(v -> s.status());
        }));
    }

    /**
     * The call that rings the agent's phone; its leg then waits in the dialplan for calls. It shows
     * the campaign's name as caller id (engine thread).
     */
    private OriginateRequest legOf(AgentSession s) {
        CampaignRun run = runs.get(s.campaignId);
        String callerId = AgentLegCallerId.of(run == null ? null : run.campaign, s.campaignId, s.agent.extension());
        return new OriginateRequest(s.legCallId, s.agent.phoneDialString(), DialplanLocation.of("dialer-agent", s.agent.extension()),
                Duration.ofSeconds(30), callerId, false, Map.of("DIALER_ROLE", "agent"));
    }

    public Future<AgentStatus> ready(long agentId) {
        return thread.call(() -> Future.succeededFuture(agents.ready(agentId)));
    }

    /**
     * On an inbound call whose number matched several debtors (or none on file), the agent says which
     * of the matched debtors is on the line: the call becomes theirs and the screen pop shows them.
     */
    public Future<AgentStatus> chooseInboundDebtor(long agentId, long debtorId) {
        return thread.call(() -> inbound.choose(agentId, debtorId));
    }

    /** A campaign's inbound setting changed: a running campaign's pacer opens or closes its inbound line. */
    public Future<Void> inboundSettingChanged(long campaignId) {
        return thread.call(() -> {
            if (runs.running(campaignId)) {
                inbound.settingChanged(campaignId);
            }
            return Future.succeededFuture();
        });
    }

    public Future<AgentStatus> pause(long agentId, String reason) {
        return thread.call(() -> Future.succeededFuture(agents.pause(agentId, reason)));
    }

    /**
     * Ends the agent's session by hanging up their phone leg; during a call (or one on its way to
     * them), once it and its disposition are over ({@code logOutAfterCall} in the answer).
     */
    public Future<AgentStatus> logout(long agentId) {
        return thread.call(() -> {
            AgentSession s = agents.require(agentId);
            if (s.in(AgentState.ON_CALL) || s.in(AgentState.RESERVED)) {
                s.logOutAfterCall = true;
                agents.changed(s);
                return Future.succeededFuture(s.status());
            }
            return logOutNow(s).map(v -> s.status());
        });
    }

    private Future<Void> logOutNow(AgentSession s) {
        s.loggingOut = true;
        return pbxs.hangup(s.agent.pbx(), s.legCallId).recover(error -> {
            // the leg is gone already (e.g. the phone hung up): end the session here
            agents.end(s, "logged out");
            return Future.succeededFuture();
        });
    }

    public Future<Optional<AgentStatus>> agentStatus(long agentId) {
        return thread.call(() -> Future.succeededFuture(queries.agent(agentId)));
    }

    public Future<List<AgentStatus>> agentStatuses() {
        return thread.call(() -> Future.succeededFuture(agents.statuses()));
    }

    /** The agent's phone leg (to listen in to it), while they have a session. */
    public Future<Optional<AgentLeg>> agentLeg(long agentId) {
        return thread.call(() -> Future.succeededFuture(queries.agentLeg(agentId)));
    }

    /** The debtor this agent may see now: of their call, wrap-up or preview. */
    public Future<Optional<Long>> debtorOfAgent(long agentId) {
        return thread.call(() -> Future.succeededFuture(queries.debtorOfAgent(agentId)));
    }

    /**
     * An agent's disposition of the call they took: written (and settled with the guard) before it
     * is acknowledged, or, while the database cannot be reached, kept and written when it is back.
     * The agent becomes ready (or pauses, if asked) when the call is over.
     */
    public Future<DispositionAnswer> disposition(long attemptId, DispositionRequest request) {
        return thread.call(() -> dispositions.ofAgent(attemptId, request));
    }

    /** Whether the agent holds this attempt now (on the call, or wrapping it up): theirs to dispose, known without the database. */
    public Future<Boolean> agentHolds(long agentId, long attemptId) {
        return thread.call(() -> {
            AgentSession s = agents.get(agentId);
            return Future.succeededFuture(s != null && s.holds(attemptId));
        });
    }

    /** Hangs up the callee of the agent's current call (the agent's leg goes back to waiting). */
    public Future<Void> hangupCall(long agentId) {
        return thread.call(() -> {
            AgentSession s = agents.require(agentId);
            if (s.attemptId == null || !s.in(AgentState.ON_CALL)) {
                return Future.failedFuture(new Conflict("agent " + agentId + " has no call to hang up"));
            }
            LiveCall call = flow.ofAttempt(s.attemptId);
            return call == null ? Future.succeededFuture() : pbxs.hangup(call.pbx, call.callId());
        });
    }

    // --- transfers (see {@link Transfers}) -------------------------------------------------------

    /**
     * Transfers the agent's connected call to a ready agent of the same campaign: BLIND (at once) or
     * WARM (the two agents talk first; then {@link #completeTransfer}, {@link #cancelTransfer} or
     * {@link #conferenceTransfer}). {@code by}: who asked, for the record of the transfer's legs.
     */
    public Future<TransferStatus> transfer(long fromAgentId, long toAgentId, boolean blind, String by) {
        return thread.call(() -> {
            if (outside.busy(fromAgentId)) {
                throw new dialer.core.Conflict("agent " + fromAgentId + " is transferring the call to an outside number already");
            }
            return transfers.start(fromAgentId, toAgentId, blind ? Transfer.Kind.BLIND : Transfer.Kind.WARM, by);
        });
    }

    /**
     * Transfers the agent's connected call to a number of the transfer directory (see
     * {@link OutsideTransfers}): BLIND or WARM, then complete, cancel or conference as for agents.
     */
    public Future<TransferStatus> transferOutside(long fromAgentId, long targetId, String targetName, String e164, boolean blind,
                                                  String by) {
        return thread.call(() -> {
            if (transfers.of(fromAgentId).isPresent()) {
                throw new dialer.core.Conflict("agent " + fromAgentId + " is transferring the call to an agent already");
            }
            return outside.start(fromAgentId, OutsideTransfers.Target.number(targetId, targetName, e164), blind, by);
        });
    }

    /** Transfers the agent's connected call to a supervisor on their own phone (a dial string), as to an outside number. */
    public Future<TransferStatus> transferToSupervisor(long fromAgentId, long userId, String name, String phone, boolean blind,
                                                       String by) {
        return thread.call(() -> {
            if (transfers.of(fromAgentId).isPresent()) {
                throw new dialer.core.Conflict("agent " + fromAgentId + " is transferring the call to an agent already");
            }
            return outside.start(fromAgentId, OutsideTransfers.Target.supervisor(userId, name, phone), blind, by);
        });
    }

    public Future<TransferStatus> completeTransfer(long agentId) {
        return thread.call(() -> outside.busy(agentId) ? outside.complete(agentId) : transfers.complete(agentId));
    }

    public Future<TransferStatus> cancelTransfer(long agentId) {
        return thread.call(() -> outside.busy(agentId) ? outside.cancel(agentId) : transfers.cancel(agentId));
    }

    public Future<TransferStatus> conferenceTransfer(long agentId) {
        return thread.call(() -> outside.busy(agentId) ? outside.conference(agentId) : transfers.conference(agentId));
    }

    /** The transfer the agent takes part in now (either side, to an agent or an outside number), if any. */
    public Future<Optional<TransferStatus>> transferOf(long agentId) {
        return thread.call(() -> Future.succeededFuture(transfers.of(agentId).or(() -> outside.of(agentId))));
    }

    /** The agents this agent's call may be transferred to now. */
    public Future<List<AgentStatus>> transferCandidates(long agentId) {
        return thread.call(() -> Future.succeededFuture(transfers.candidates(agentId)));
    }

    // --- hand dialing ---------------------------------------------------------------------------

    /** Dials the lead the agent previews: the guard decides, machine detection is off, the agent takes the call. */
    public Future<DialResult> previewDial(long agentId) {
        return thread.call(() -> handDialing.previewDial(agentId));
    }

    /** The agent passes on the lead they preview: it is offered again later, and they get the next one. */
    public Future<AgentStatus> previewSkip(long agentId, String reason) {
        return thread.call(() -> handDialing.previewSkip(agentId, reason));
    }

    /** A call the agent dials by hand to a number of one of the campaign's debtors (see {@link HandDialing}). */
    public Future<DialResult> manualDial(long agentId, Long phoneId, String number) {
        return thread.call(() -> handDialing.manualDial(agentId, phoneId, number));
    }

    /** What the engine does when an agent's session changes (see {@link AgentSessions.Reactions}). */
    private final class Reactions implements AgentSessions.Reactions {

        @Override
        public void agentFree(AgentSession s) {
            if (!matchmaker.offer(s)) {
                pacing.tickSoon();
            }
        }

        @Override
        public void previewReturned(AgentSession s, QueuedLead lead) {
            leads.previewReturned(s.campaignId, lead);
        }

        @Override
        public void agentGone(AgentSession s, long attemptId) {
            if (transfers.agentGone(s, attemptId)) {
                // the call goes on with the other agent of its transfer
                return;
            }
            LiveCall call = flow.ofAttempt(attemptId);
            if (call != null && !call.ended()) {
                pbxs.hangup(call.pbx, call.callId()).onFailure(e -> log.warn("attempt {}: could not hang up after agent {} left: {}",
                        attemptId, s.agent.id(), e.getMessage()));
            }
        }

        @Override
        public void ringAgain(AgentSession s) {
            log.info("agent {}: ringing the phone into the conference again", s.agent.id());
            // a refused originate also comes back as the leg's FAILED outcome, which rings once more
            // a little later (Asterisk takes AMI logins before its dialplan is loaded); that path
            // alone decides when to give up
            pbxs.originate(s.agent.pbx(), legOf(s)).onFailure(error -> log.info("agent {}: the phone could not be rung again yet: {}",
                    s.agent.id(), error.getMessage()));
        }

        @Override
        public void logOut(AgentSession s) {
            logOutNow(s);
        }

        @Override
        public void wrapUpRanOut(AgentSession s, long attemptId) {
            dispositions.wrapUpRanOut(s, attemptId);
        }
    }
}
