package dialer.core.engine;

import dialer.compliance.CallPath;
import dialer.core.Conflict;
import dialer.core.call.QueuedLead;
import dialer.core.campaign.Campaign;
import dialer.pacing.PacingDecision;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Calls agents dial themselves: the lead they preview (dial or skip), or a number of one of the
 * campaign's debtors typed or picked by hand. The guard decides as for any call; machine
 * detection is off and the call comes to that agent.
 */
final class HandDialing {

    /** A lead skipped in preview is offered again after this long. */
    static final Duration SKIPPED_LEAD_DELAY = Duration.ofHours(1);

    private final EngineThread thread;
    private final Clock clock;
    private final AgentSessions agents;
    private final CampaignRuns runs;
    private final LeadSupply leads;
    private final PbxLinks pbxs;
    private final CampaignLedger ledger;
    private final CallPlacer placer;
    private final TrunkHealth trunks;

    HandDialing(EngineThread thread, Clock clock, AgentSessions agents, CampaignRuns runs, LeadSupply leads, PbxLinks pbxs,
                CampaignLedger ledger, CallPlacer placer, TrunkHealth trunks) {
        this.thread = thread;
        this.clock = clock;
        this.agents = agents;
        this.runs = runs;
        this.leads = leads;
        this.pbxs = pbxs;
        this.ledger = ledger;
        this.placer = placer;
        this.trunks = trunks;
    }

    /** Why the campaign's trunk takes no call now (an agent's own dial too), or null. */
    private Conflict trunkDown(Campaign campaign) {
        String why = campaign == null ? null : trunks.down(campaign.trunk(), clock.instant());
        return why == null ? null : new Conflict("trunk " + campaign.trunk() + " is down (" + why + "); try again when it is back");
    }

    /** Shows a preview campaign's next leads to its ready agents, longest ready first. */
    void offerPreviews(CampaignRun run) {
        thread.check();
        List<AgentSession> ready = agents.inCampaign(run.campaign.id()).stream().filter(s -> s.in(AgentState.READY))
                .sorted(Comparator.comparing(s -> s.readySince)).toList();
        for (AgentSession s : ready) {
            QueuedLead lead = leads.next(run);
            if (lead == null) {
                run.lastDecision = PacingDecision.none("preview: no lead due");
                return;
            }
            agents.preview(s, lead);
        }
        run.lastDecision = PacingDecision.none("preview: the agents dial");
    }

    Future<DialResult> previewDial(long agentId) {
        AgentSession s = agents.require(agentId);
        if (!s.in(AgentState.PREVIEWING) || s.preview == null) {
            return Future.failedFuture(new Conflict("agent " + agentId + " has no lead in preview"));
        }
        CampaignRun run = runs.get(s.campaignId);
        String pbx = s.agent.pbx();
        if (run == null || !pbxs.connected(pbx)) {
            return Future.failedFuture(new Conflict(run == null ? "campaign " + s.campaignId + " is not running"
                    : "PBX " + pbx + " is unreachable; try again when it is back"));
        }
        Conflict trunkDown = trunkDown(run.campaign);
        if (trunkDown != null) {
            return Future.failedFuture(trunkDown);
        }
        QueuedLead lead = s.preview;
        s.preview = null;
        s.manual = true;
        agents.reserve(s, null, lead.debtorId(), lead.phoneId());
        // an agent dialing a callback by hand is a preview call, not a system-dialed (automated) callback
        CallPath path = CallPath.PREVIEW;
        return placer.place(run, DialRequest.byAgent(run.campaign, pbx, lead, path, agentId, null, clock.instant()));
    }

    Future<AgentStatus> previewSkip(long agentId, String reason) {
        AgentSession s = agents.require(agentId);
        if (!s.in(AgentState.PREVIEWING) || s.preview == null) {
            return Future.failedFuture(new Conflict("agent " + agentId + " has no lead in preview"));
        }
        QueuedLead lead = s.preview;
        s.preview = null;
        return ledger.skipped(lead, agentId, reason, clock.instant()).map(v -> {
            if (s.in(AgentState.PREVIEWING)) {
                agents.becomeReady(s);
            }
            return s.status();
        });
    }

    /**
     * A call the agent dials by hand, to one of the numbers of the debtor they look at
     * ({@code phoneId}) or to a number they type, which must be a number of one of the campaign's
     * debtors. An agent dials from pause (and pauses again after the call), from ready, or while
     * previewing.
     */
    Future<DialResult> manualDial(long agentId, Long phoneId, String number) {
        AgentSession s = agents.require(agentId);
        if (!mayDialByHand(s)) {
            return Future.failedFuture(new Conflict("agent " + agentId + " cannot dial while " + s.state()));
        }
        String pbx = s.agent.pbx();
        if (!pbxs.connected(pbx)) {
            return Future.failedFuture(new Conflict("PBX " + pbx + " is unreachable; try again when it is back"));
        }
        String pausedFor = s.in(AgentState.PAUSED) ? s.pauseReason : null;
        QueuedLead previewed = s.preview;
        Instant now = clock.instant();
        // read on the engine thread, before the database work: the worker never sees engine state
        CampaignRun running = runs.get(s.campaignId);
        return ledger.findHandDialed(s.campaignId, running == null ? null : running.campaign, phoneId, number, s.debtorId)
                .compose(found -> {
                    if (!mayDialByHand(s) || agents.get(agentId) != s) {
                        return Future.failedFuture(new Conflict("agent " + agentId + " is now " + s.state() + "; not dialed"));
                    }
                    Campaign campaign = found.campaign();
                    Conflict trunkDown = trunkDown(campaign);
                    if (trunkDown != null) {
                        return Future.failedFuture(trunkDown);
                    }
                    long leadId = found.target().leadId();
                    // the lead must not be dialed twice: out of this node's queue (and this agent's preview) first
                    boolean wasPreviewed = previewed != null && s.preview == previewed && previewed.leadId() == leadId;
                    if (s.in(AgentState.PREVIEWING) && !wasPreviewed) {
                        agents.givePreviewBack(s);
                    }
                    s.preview = null;
                    leads.remove(campaign.id(), leadId);
                    s.manual = true;
                    s.pauseAfterCall = pausedFor;
                    agents.reserve(s, null, found.target().debtorId(), found.target().phoneId());
                    return ledger.claimHandDialed(found.target(), now).recover(error -> {
                        agents.afterCall(s);
                        return Future.failedFuture(error);
                    }).compose(claimed -> {
                        CampaignRun run = runs.get(campaign.id());
                        return placer.place(run != null ? run : new CampaignRun(campaign), DialRequest.byAgent(campaign, pbx,
                                claimed.lead(), CallPath.MANUAL, agentId, claimed, now));
                    });
                });
    }

    private static boolean mayDialByHand(AgentSession s) {
        return s.in(AgentState.PAUSED) || s.in(AgentState.READY) || s.in(AgentState.PREVIEWING);
    }
}
