package dialer.core.engine;

import dialer.ami.CallEvent;
import dialer.ami.OriginateRequest;
import dialer.core.Conflict;
import dialer.core.Masked;
import dialer.core.campaign.Campaign;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Debtors calling back the number we show: the caller waits in the dialplan's [dialer-inbound];
 * this node records them as an inbound attempt of a campaign it runs that takes inbound calls (the
 * first node to record the caller takes the call), matches them to debtors by number, and picks
 * them up with a Local call of its own into [dialer-inbound-pickup]. From then on the caller is a
 * {@link LiveCall} like a person we called ({@link CallFlow}: on hold with music for the campaign's
 * wait, then to an agent through {@link Matchmaker}, with the debtor's screen pop), except that no
 * lead was dialed, nothing is paced, and nobody coming in time is a missed call with a callback task.
 * Owned by the engine thread.
 */
final class InboundCalls {

    private static final Logger log = LoggerFactory.getLogger(InboundCalls.class);
    static final String PICKUP_CONTEXT = "dialer-inbound-pickup";
    /** The pickup is a Local call inside Asterisk: it answers at once or something is wrong. */
    static final Duration PICKUP_RING = Duration.ofSeconds(10);
    /** Music on hold class of [dialer-hold] for callers (docker/asterisk/etc/musiconhold.conf). */
    static final String MUSIC = "default";

    private final EngineThread thread;
    private final Clock clock;
    private final CampaignRuns runs;
    private final PbxLinks pbxs;
    private final CallFlow flow;
    private final AgentSessions agents;
    private final InboundLedger ledger;
    private final RecordingHealth health;
    private final String node;

    InboundCalls(EngineThread thread, Clock clock, CampaignRuns runs, PbxLinks pbxs, CallFlow flow, AgentSessions agents,
                 InboundLedger ledger, RecordingHealth health, String node) {
        this.thread = thread;
        this.clock = clock;
        this.runs = runs;
        this.pbxs = pbxs;
        this.flow = flow;
        this.agents = agents;
        this.ledger = ledger;
        this.health = health;
        this.node = node;
    }

    /** Someone called one of our numbers on {@code pbx}: recorded and picked up if a campaign here takes them. */
    void arrived(String pbx, CallEvent.InboundArrived a) {
        thread.check();
        if (!health.healthy()) {
            // nothing is taken that cannot be recorded; the dialplan tells the caller nobody can answer
            log.warn("inbound call on {}: not taken, the database cannot record it", pbx);
            return;
        }
        ledger.take(new InboundLedger.Arrival(pbx, a.channelId(), a.from(), a.to(), a.at()), runs.ids(), node)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        log.warn("inbound call on {}: could not be recorded: {}", pbx, ar.cause().getMessage());
                        return;
                    }
                    InboundLedger.Taken taken = ar.result();
                    if (taken == null) {
                        log.debug("inbound call on {}: taken by another node, or no campaign here takes inbound calls", pbx);
                        return;
                    }
                    CampaignRun run = runs.get(taken.placed().campaignId());
                    if (run == null || !pbxs.connected(pbx)) {
                        log.warn("inbound call {}: its campaign stopped or its PBX went away meanwhile; not picked up",
                                taken.placed().attemptId());
                        return;
                    }
                    pickUp(pbx, a.channelName(), run.campaign, taken);
                });
    }

    private void pickUp(String pbx, String callerChannel, Campaign campaign, InboundLedger.Taken taken) {
        LiveCall call = LiveCall.inbound(taken.placed(), campaign, pbx, clock.instant(), taken.waitSeconds() * 1000);
        call.preferredAgentId = taken.preferredAgentId();
        flow.track(call);
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("DIALER_AMD", "off");
        variables.put("DIALER_HOLD", String.format(Locale.ROOT, "%d", taken.waitSeconds()));
        variables.put("DIALER_MOH", MUSIC);
        String prompt = taken.overflowPrompt() != null ? taken.overflowPrompt() : campaign.safeHarborPrompt();
        if (prompt != null) {
            variables.put("DIALER_SAFE_HARBOR", prompt);
        }
        variables.put("DIALER_INBOUND_CHANNEL", callerChannel);
        OriginateRequest pickup = new OriginateRequest(call.callId(),
                "Local/s@" + PICKUP_CONTEXT + "/n", CallPlacer.ANSWERED, PICKUP_RING, null, false, variables);
        log.info("inbound call {}: from {} for campaign {}, {} debtor(s) matched{}", call.attemptId(),
                Masked.phone(taken.placed().e164()), campaign.id(), taken.matches(),
                taken.preferredAgentId() == null ? "" : ", for agent " + taken.preferredAgentId() + " first");
        pbxs.originate(pbx, pickup).onComplete(ar -> {
            if (ar.failed()) {
                log.warn("inbound call {}: the pickup was not placed: {}", call.attemptId(), ar.cause().getMessage());
            }
            call.dialed.complete(ar.succeeded());
        });
    }

    /** The agent says which of the debtors the number matched is on the line: the screen pop follows. */
    Future<AgentStatus> choose(long agentId, long debtorId) {
        thread.check();
        AgentSession s = agents.require(agentId);
        if (!s.inbound || s.attemptId == null || !(s.in(AgentState.ON_CALL) || s.in(AgentState.WRAP_UP))) {
            return Future.failedFuture(new Conflict("agent " + agentId + " is not on an inbound call"));
        }
        long attemptId = s.attemptId;
        return ledger.choose(attemptId, agentId, debtorId, clock.instant()).map(placed -> {
            LiveCall call = flow.ofAttempt(attemptId);
            if (call != null) {
                call.chosen = placed;
            }
            if (agents.get(agentId) == s && s.holds(attemptId)) {
                s.debtorId = placed.debtorId();
                s.phoneId = placed.phoneId();
                agents.changed(s);
            }
            return s.status();
        });
    }
}
