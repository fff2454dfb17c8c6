package dialer.core.engine;

import dialer.core.call.QueuedLead;
import dialer.pacing.AgentView;
import dialer.pacing.CallView;
import dialer.pacing.PacingDecision;
import dialer.pacing.PacingSnapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every 250 ms (and at once when an agent frees up), for each running campaign: keep its lead
 * supply topped up, then ask its pacer how many calls to place on each reachable PBX, from a
 * snapshot of its agents and calls in flight, and place them.
 */
final class PacingLoop {

    static final long TICK_MILLIS = 250;
    static final int MAX_CALLS_PER_TICK = 25;

    private final EngineThread thread;
    private final Clock clock;
    private final CampaignRuns runs;
    private final AgentSessions agents;
    private final CallFlow flow;
    private final LeadSupply leads;
    private final CallPlacer placer;
    private final HandDialing handDialing;
    private final PbxLinks pbxs;
    private final EngineEvents events;
    private final TrunkHealth trunks;
    // engine thread
    private long ticker = -1;
    private boolean tickScheduled;
    /** When the periodic tick last ran (the PBXs' clock): how late the next one is says whether this thread is starved. */
    private long lastPeriodicAt;

    PacingLoop(EngineThread thread, Clock clock, CampaignRuns runs, AgentSessions agents, CallFlow flow, LeadSupply leads,
               CallPlacer placer, HandDialing handDialing, PbxLinks pbxs, EngineEvents events, TrunkHealth trunks) {
        this.trunks = trunks;
        this.thread = thread;
        this.clock = clock;
        this.runs = runs;
        this.agents = agents;
        this.flow = flow;
        this.leads = leads;
        this.placer = placer;
        this.handDialing = handDialing;
        this.pbxs = pbxs;
        this.events = events;
    }

    void start() {
        thread.check();
        lastPeriodicAt = pbxs.millis();
        ticker = thread.periodic(TICK_MILLIS, () -> {
            long now = pbxs.millis();
            long late = now - lastPeriodicAt - TICK_MILLIS;
            lastPeriodicAt = now;
            if (late > 0) {
                pbxs.names().forEach(pbx -> pbxs.governor(pbx).engineLate(late, now));
            }
            tick();
        });
    }

    void stop() {
        thread.check();
        if (ticker >= 0) {
            thread.cancel(ticker);
            ticker = -1;
        }
    }

    /** A tick as soon as the engine thread is free (once, however often it is asked for meanwhile). */
    void tickSoon() {
        thread.check();
        if (!tickScheduled) {
            tickScheduled = true;
            thread.run(() -> {
                tickScheduled = false;
                tick();
            });
        }
    }

    void tick() {
        thread.check();
        Instant now = clock.instant();
        for (CampaignRun run : List.copyOf(runs.all())) {
            if (run.campaign.schedule() != null && !run.campaign.schedule().open(now)) {
                run.lastDecision = PacingDecision.none("outside the campaign's schedule");
                continue;
            }
            leads.topUp(run, now);
            leads.pollCallbacks(run, now);
            ownedCallbacks(run, now);
            if (LeadSupply.previewing(run.campaign)) {
                handDialing.offerPreviews(run);
                continue;
            }
            for (String pbx : pbxs.names()) {
                if (pbxs.connected(pbx)) {
                    paceOn(run, pbx, now);
                }
            }
        }
    }

    /** An agent's own callback is dialed for them (or shown, in preview) when they are ready. */
    private void ownedCallbacks(CampaignRun run, Instant now) {
        if (trunks.down(run.campaign.trunk(), now) != null) {
            // due callbacks wait in the database for the trunk: dialed into it they would only fail
            return;
        }
        for (LeadSupply.OwnedCallback due : leads.ownedCallbacksDue(run, now, s -> pbxs.connected(s.agent.pbx()))) {
            AgentSession owner = due.owner();
            if (LeadSupply.previewing(run.campaign)) {
                agents.preview(owner, due.lead());
            } else if (placer.canPlace()) {
                agents.reserve(owner, null, owner.debtorId, owner.phoneId);
                placer.place(run, DialRequest.paced(run.campaign, owner.agent.pbx(), due.lead(), owner.agent.id(), now));
            } else {
                leads.putBack(run, due.lead());
            }
        }
    }

    private void paceOn(CampaignRun run, String pbx, Instant now) {
        List<AgentView> staff = new ArrayList<>();
        for (AgentSession s : agents.inCampaign(run.campaign.id())) {
            if (s.agent.pbx().equals(pbx) && !s.in(AgentState.CONNECTING)) {
                AgentView view = new AgentView(s.state().activity(), Math.max(0, Duration.between(s.since, now).toMillis()),
                        s.in(AgentState.WRAP_UP) ? s.lastTalkMillis : 0, false, s.inbound);
                staff.add(s.pauseAfterCall != null ? view.leavingAfterThisCall() : view);
            }
        }
        if (staff.isEmpty()) {
            run.lastDecision = PacingDecision.none("no agent logged in on " + pbx);
            return;
        }
        List<CallView> inFlight = callsInFlight(run, pbx, now);
        long decideStart = System.nanoTime();
        PacingDecision decision = run.pacer.decide(PacingSnapshot.blended(now.toEpochMilli(), staff, inFlight, run.statistics,
                callersWaiting(run, pbx)));
        events.pacerDecided(run.campaign.id(), System.nanoTime() - decideStart);
        long staffing = staff.stream().filter(AgentView::staffing).count();
        if (!placer.canPlace()) {
            decision = PacingDecision.none("attempts cannot be recorded now; not dialing until the database takes writes");
        }
        String trunk = run.campaign.trunk();
        String trunkDown = trunks.down(trunk, now);
        if (trunkDown != null) {
            decision = PacingDecision.none("trunk " + trunk + " is down: " + trunkDown);
        } else if (trunk != null) {
            int trunkRoom = trunks.room(trunk, callsUpOnTrunk(trunk), clock.millis());
            if (decision.callsToPlace() > trunkRoom) {
                decision = decision.limitedTo(trunkRoom, "trunk " + trunk
                        + " at its cap (calls up at once, or calls per second)");
            }
        }
        PbxGovernor governor = pbxs.governor(pbx);
        int ready = (int) agents.inCampaign(run.campaign.id()).stream()
                .filter(s -> s.agent.pbx().equals(pbx) && s.in(AgentState.READY)).count();
        int room = governor.room(callsUpOn(pbx), inFlight.size(), ready, pbxs.millis());
        String throttled = governor.throttled();
        if (governor.changedSinceReported()) {
            events.pbxLimit(pbx, governor.limit(), throttled);
        }
        if (decision.callsToPlace() > room) {
            decision = decision.limitedTo(room, throttled != null ? throttled
                    : "PBX " + pbx + " at its cap (" + governor.limit() + " calls up at once, or its calls per second)");
        } else if (throttled != null) {
            decision = decision.noting(throttled);
        }
        run.lastDecision = decision;
        run.linesPerAgent = staffing == 0 ? 0 : (inFlight.size() + decision.callsToPlace()) / (double) staffing;
        run.maxLinesPerAgent = Math.max(run.maxLinesPerAgent, run.linesPerAgent);
        int n = Math.min(decision.callsToPlace(), MAX_CALLS_PER_TICK);
        for (int i = 0; i < n; i++) {
            QueuedLead lead = leads.next(run);
            if (lead == null) {
                break;
            }
            governor.placing(1);
            trunks.placing(trunk, clock.millis());
            placer.place(run, DialRequest.paced(run.campaign, pbx, lead, null, now, decision.screenForMachines()));
        }
    }

    /** Callee calls up through a trunk now, every campaign's. */
    private int callsUpOnTrunk(String trunk) {
        int up = 0;
        for (LiveCall call : flow.all()) {
            if (!call.inbound && trunk.equals(call.campaign.trunk())) {
                up++;
            }
        }
        return up;
    }

    /** Callee calls up on the PBX now, every campaign's, those being placed included. */
    private int callsUpOn(String pbx) {
        int up = 0;
        for (LiveCall call : flow.all()) {
            if (call.pbx.equals(pbx)) {
                up++;
            }
        }
        for (CampaignRun run : runs.all()) {
            up += run.claimingOn(pbx);
        }
        return up;
    }

    /** Debtors who called the campaign on the PBX and wait for an agent (being picked up, or on hold). */
    private int callersWaiting(CampaignRun run, String pbx) {
        int waiting = 0;
        for (LiveCall call : flow.all()) {
            if (call.inbound && call.campaign.id() == run.campaign.id() && call.pbx.equals(pbx) && !call.abandoned
                    && call.agentId == null && call.phase() != CallPhase.CONNECTED && !call.ended()) {
                waiting++;
            }
        }
        return waiting;
    }

    /** The campaign's calls on the PBX as the pacer sees them, calls being placed counted as ringing. */
    private List<CallView> callsInFlight(CampaignRun run, String pbx, Instant now) {
        List<CallView> inFlight = new ArrayList<>();
        for (LiveCall call : flow.all()) {
            if (call.campaign.id() != run.campaign.id() || !call.pbx.equals(pbx) || call.inbound) {
                // callers to us are not calls the pacer placed: they are counted as callers waiting
                continue;
            }
            switch (call.phase()) {
                case RINGING -> inFlight.add(CallView.ringing(Duration.between(call.placedAt, now).toMillis()));
                // answered, machine detection still listening
                case SCREENING -> inFlight.add(CallView.screening(PacerFeed.millis(call.answeredAt, now),
                        PacerFeed.millis(call.placedAt, call.answeredAt)));
                // a person the dialplan gave up on hears the safe-harbor message: nobody waits for an agent there
                case WAITING_FOR_AGENT -> {
                    if (!call.abandoned) {
                        inFlight.add(CallView.waitingForAgent(PacerFeed.millis(call.detectedAt, now)));
                    }
                }
                case CONNECTING -> inFlight.add(CallView.waitingForAgent(PacerFeed.millis(call.detectedAt, now)));
                default -> {
                }
            }
        }
        for (int i = 0; i < run.claimingOn(pbx); i++) {
            inFlight.add(CallView.ringing(0));
        }
        return inFlight;
    }
}
