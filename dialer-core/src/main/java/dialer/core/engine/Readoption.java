package dialer.core.engine;

import dialer.ami.CallOutcome;
import dialer.compliance.CallPath;
import dialer.core.call.OpenAttempts.OpenAttempt;
import dialer.core.campaign.Campaign;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * A node restarted after a crash (kill -9, a power cut) takes back what its earlier run left,
 * before it dials anything: the agents' sessions (their phones still on the line, or rung
 * again), the calls still open (followed again in Asterisk; what the dialplan recorded meanwhile and
 * whether they are still up is told at the first log-in, see {@code CallControl.adopt}), and
 * conversations that ended with no disposition (back to their agent's wrap-up). Nothing is written
 * off as failed for the restart itself: each call ends with the outcome Asterisk saw, and its
 * reservation is settled with it.
 */
final class Readoption {

    private static final Logger log = LoggerFactory.getLogger(Readoption.class);

    private final EngineThread thread;
    private final AgentSessions agents;
    private final CallFlow flow;
    private final PbxLinks pbxs;
    private final AttemptWrites writes;
    private final AttemptLedger ledger;
    private final EngineEvents events;

    Readoption(EngineThread thread, AgentSessions agents, CallFlow flow, PbxLinks pbxs, AttemptWrites writes, AttemptLedger ledger,
               EngineEvents events) {
        this.thread = thread;
        this.agents = agents;
        this.flow = flow;
        this.pbxs = pbxs;
        this.writes = writes;
        this.ledger = ledger;
        this.events = events;
    }

    void apply(CampaignLedger.Recovery recovery) {
        thread.check();
        Map<Long, Campaign> campaigns = new HashMap<>();
        recovery.campaigns().forEach(c -> campaigns.put(c.id(), c));
        Map<Long, String> comeBackPaused = new HashMap<>();
        for (CampaignLedger.RestoredAgent r : recovery.agents()) {
            if (!pbxs.exists(r.agent().pbx()) || !campaigns.containsKey(r.saved().campaignId())) {
                log.warn("agent {}: the session of the earlier run cannot be taken back (its PBX or campaign is gone)", r.agent().id());
                continue;
            }
            AgentSession s = agents.restore(r.agent(), r.saved().campaignId(), r.saved().legCallId());
            pbxs.adopt(r.agent().pbx(), s.legCallId, null, false, true, true);
            // a leg the earlier run kept through its stop for a conversation was told to end with it: it is ours again
            pbxs.setVariable(r.agent().pbx(), s.legCallId, GracefulStop.LEG_AFTER_CALL, "")
                    .onFailure(e -> log.info("agent {}: the leg taken back was not told to stay past its call ({}); if it ends"
                            + " with it, the phone is rung again", r.agent().id(), e.getMessage()));
            comeBackPaused.put(r.agent().id(), r.saved().pauseReason());
        }
        int calls = 0;
        for (OpenAttempt open : recovery.calls()) {
            Campaign campaign = campaigns.get(open.placed().campaignId());
            AgentSession agent = open.agentId() == null ? null : agents.get(open.agentId());
            if (open.ended()) {
                wrapUpAgain(open, campaign, agent);
            } else if (adoptCall(open, campaign, agent)) {
                calls++;
            }
        }
        for (CampaignLedger.RestoredAgent r : recovery.agents()) {
            AgentSession s = agents.get(r.agent().id());
            if (s == null || !comeBackPaused.containsKey(r.agent().id())) {
                continue;
            }
            String pause = comeBackPaused.get(r.agent().id());
            if (s.attemptId != null) {
                s.pauseAfterCall = pause;
                agents.changed(s);
            } else if (pause == null) {
                agents.becomeReady(s);
            } else {
                agents.pauseNow(s, pause);
            }
        }
        if (!recovery.agents().isEmpty() || calls > 0) {
            log.info("taken back after a restart: {} agent session(s), {} call(s) in progress", comeBackPaused.size(), calls);
        }
    }

    /** A conversation that ended while the node was down, with no disposition: its agent's wrap-up again, or NO_DISPOSITION. */
    private void wrapUpAgain(OpenAttempt open, Campaign campaign, AgentSession agent) {
        long attemptId = open.placed().attemptId();
        if (agent != null && campaign != null && agent.attemptId == null) {
            agent.inbound = "INBOUND".equals(open.placed().callPath());
            // an inbound caller nobody chose has no debtor (0): none on screen
            agents.reserve(agent, attemptId, open.placed().debtorId() == 0 ? null : open.placed().debtorId(),
                    open.placed().phoneId() == 0 ? null : open.placed().phoneId());
            agents.onCall(agent);
            agent.manual = isManual(open);
            agents.startWrapUp(agent, campaign);
            log.info("attempt {}: agent {} is back in the wrap-up of the call", attemptId, agent.agent.id());
            return;
        }
        writes.once(attemptId, "NO_DISPOSITION", () -> ledger.noDisposition(attemptId)).onSuccess(written ->
                events.dispositionWritten(written.campaignId(), attemptId, "NO_DISPOSITION", open.agentId()));
    }

    /** A call still open: followed again, in the phase its stored facts put it. */
    private boolean adoptCall(OpenAttempt open, Campaign campaign, AgentSession agent) {
        long attemptId = open.placed().attemptId();
        if (campaign == null || !pbxs.exists(open.pbx())) {
            log.warn("attempt {}: its campaign or PBX is gone; it cannot be followed again", attemptId);
            return false;
        }
        boolean inbound = "INBOUND".equals(open.placed().callPath());
        // a caller to us stays one: nobody coming for them is a missed call, never an outbound abandonment (the
        // wait they were given runs in the dialplan, which ends it with the campaign's message)
        LiveCall call = inbound ? LiveCall.inbound(open.placed(), campaign, open.pbx(), open.originatedAt(), 0)
                : new LiveCall(open.placed(), campaign, open.pbx(), open.originatedAt(), !isManual(open));
        call.adopted = true;
        call.dialed.complete(true);
        call.answeredAt = open.answeredAt();
        call.outcome = outcomeOf(open.outcome());
        call.abandoned = open.abandonedAt() != null;
        if (call.answeredAt != null) {
            call.moveTo(CallPhase.SCREENING);
        }
        if (call.outcome == CallOutcome.ANSWERED_HUMAN) {
            call.moveTo(CallPhase.WAITING_FOR_AGENT);
            call.detectedAt = open.answeredAt();
        }
        boolean joined = open.connectedAt() != null && open.agentId() != null;
        if (joined) {
            call.moveTo(CallPhase.CONNECTING);
            call.moveTo(CallPhase.CONNECTED);
            call.agentId = open.agentId();
            call.connectedAt = open.connectedAt();
            if (agent != null && agent.attemptId == null) {
                agent.inbound = inbound;
                agents.reserve(agent, attemptId, call.debtorId(), call.phoneId());
                agents.onCall(agent);
                agent.manual = isManual(open);
            }
        }
        flow.track(call);
        pbxs.adopt(open.pbx(), call.callId(), open.originatedAt(), campaign.detectMachines() && !isManual(open) && !inbound,
                call.outcome != null, joined);
        if (joined) {
            events.callConnected(campaign.id(), attemptId, open.agentId());
        }
        log.info("attempt {}: followed again after the restart ({})", attemptId, call.phase());
        return true;
    }

    private static CallOutcome outcomeOf(String stored) {
        try {
            return stored == null ? null : CallOutcome.valueOf(stored);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isManual(OpenAttempt open) {
        String path = open.placed().callPath();
        return CallPath.MANUAL.name().equals(path) || CallPath.PREVIEW.name().equals(path);
    }
}
