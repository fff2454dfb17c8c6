package dialer.core.engine;

import dialer.ami.CallEvent;
import dialer.ami.CallOutcome;
import dialer.core.agent.Agent;
import dialer.core.call.QueuedLead;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignStatus;
import dialer.core.campaign.ComplianceSettings;
import dialer.core.campaign.DialMode;
import dialer.core.campaign.PriorityOrder;
import io.vertx.core.Future;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine with its real parts on a manual thread and a fake clock, a fake PBX and in-memory
 * ledgers: no Asterisk, no database. Event helpers play what Asterisk sends, in the orders the
 * integration tests have met (see ami-bridge's CallTrackerTest for the protocol side).
 */
final class EngineFixture {

    static final String PBX = "local";

    final FakeClock clock = new FakeClock(Instant.parse("2026-12-01T19:00:00Z"));
    final ManualEngineThread thread = new ManualEngineThread(clock);
    final FakeCallControl pbx = new FakeCallControl();
    /** The transfer legs the engine recorded, as "kind from>to outcome" (outcome "open" until closed). */
    final RecordedTransferLegs transferLegs = new RecordedTransferLegs();
    final InMemoryLedgers db = new InMemoryLedgers(thread, clock, DialerEngine.MAX_DECISION_AGE);
    /** The PBXs' clock (what the governors time Asterisk by): the business clock, or apart from it. */
    final Clock wallClock;
    final DialerEngine engine;
    final List<String> heard = new ArrayList<>();

    EngineFixture() {
        this(f -> { });
    }

    /** The same, with {@code beforeStart} run first (to set what an earlier run of the node left). */
    EngineFixture(java.util.function.Consumer<EngineFixture> beforeStart) {
        this(beforeStart, Duration.ZERO);
    }

    /**
     * The same, with the PBXs' clock {@code wallClockApart} from the business clock (as on a test server
     * whose business clock is set to a time of day): what is timed against Asterisk must use the former.
     */
    EngineFixture(java.util.function.Consumer<EngineFixture> beforeStart, Duration wallClockApart) {
        wallClock = wallClockApart.isZero() ? clock : Clock.offset(clock, wallClockApart);
        engine = new DialerEngine(thread, clock, wallClock, List.of(new Pbx(PBX, pbx)), "node-1", CallVariables.NONE,
                t -> new DialerEngine.Ledgers(db, db, InboundLedger.NONE, transferLegs));
        beforeStart.accept(this);
        engine.addListener(new EngineListener() {
            @Override
            public void callAbandoned(long campaignId, long attemptId) {
                heard.add("abandoned " + attemptId);
            }

            @Override
            public void callConnected(long campaignId, long attemptId, long agentId) {
                heard.add("connected " + attemptId + " to " + agentId);
            }

            @Override
            public void callEnded(long campaignId, long attemptId) {
                heard.add("ended " + attemptId);
            }

            @Override
            public void dispositionWritten(long campaignId, long attemptId, String code, Long agentId) {
                heard.add("disposition " + attemptId + " " + code);
            }

            @Override
            public void recordingChanged(boolean healthy, long failedWrites) {
                heard.add("recording " + (healthy ? "healthy" : "failing"));
            }
        });
        thread.await(engine.start());
        emit(new CallEvent.Resynchronized(List.copyOf(liveAtStart), wallClock.instant()));
    }

    /** The channels Asterisk lists at the engine's first log-in (none unless set before start). */
    final List<dialer.ami.LiveChannel> liveAtStart = new ArrayList<>();

    static Campaign campaign(long id, DialMode mode, int wrapUpLimitSeconds) {
        return new Campaign(id, "Campaign " + id, mode, CampaignStatus.STOPPED, "Local/{number}@sim", "+12125550100", "US",
                25, mode != DialMode.PREVIEW, 1200, null, 5, new BigDecimal("0.03"), true, ComplianceSettings.US, null, null,
                PriorityOrder.DEFAULT, 3, wrapUpLimitSeconds, Instant.EPOCH);
    }

    static QueuedLead lead(long leadId, long campaignId, long debtorId) {
        return new QueuedLead(leadId, campaignId, debtorId, "Debtor " + debtorId, 0, List.of(debtorId), List.of(),
                leadId * 10, "+1212555" + String.format("%04d", leadId % 10_000), "MOBILE", false, "America/New_York", "US",
                "NY", "10001", null, null, null, null, null);
    }

    Campaign addCampaign(long id, DialMode mode, int wrapUpLimitSeconds) {
        Campaign c = campaign(id, mode, wrapUpLimitSeconds);
        db.campaigns.put(id, c);
        return c;
    }

    /** A campaign dialing through the carrier trunk {@code trunk} ({@code PJSIP/{number}@trunk}). */
    Campaign addCampaignOnTrunk(long id, DialMode mode, String trunk) {
        Campaign c = new Campaign(id, "Campaign " + id, mode, CampaignStatus.STOPPED, "PJSIP/{number}@" + trunk, "+12125550100", "US",
                25, mode != DialMode.PREVIEW, 1200, null, 5, new BigDecimal("0.03"), true, ComplianceSettings.US, null, null,
                PriorityOrder.DEFAULT, 3, 0, Instant.EPOCH);
        db.campaigns.put(id, c);
        return c;
    }

    void addLeads(long campaignId, int count) {
        for (int i = 1; i <= count; i++) {
            long leadId = campaignId * 1000 + i;
            db.addLead(lead(leadId, campaignId, leadId));
        }
    }

    Agent addAgent(long id) {
        Agent a = new Agent(id, "Agent " + id, String.valueOf(7000 + id), Agent.SIMULATED_PHONE, PBX, true);
        db.agents.put(id, a);
        return a;
    }

    /** Logs the agent in and their phone answers, as Asterisk reports it. */
    AgentStatus login(long agentId, long campaignId, boolean ready) {
        Agent agent = db.agents.containsKey(agentId) ? db.agents.get(agentId) : addAgent(agentId);
        thread.await(engine.login(agentId, campaignId, ready));
        String leg = pbx.originates.get(pbx.originates.size() - 1).callId();
        emit(new CallEvent.Outcome(leg, CallOutcome.ANSWERED_HUMAN, 4, 0, null, wallClock.instant()));
        return status(agentId);
    }

    AgentStatus status(long agentId) {
        return thread.await(engine.agentStatus(agentId)).orElseThrow();
    }

    <T> T await(Future<T> f) {
        return thread.await(f);
    }

    void emit(CallEvent event) {
        pbx.emit(event);
        thread.drain();
    }

    void tick() {
        thread.advance(Duration.ofMillis(PacingLoop.TICK_MILLIS));
    }

    void advance(Duration d) {
        thread.advance(d);
    }

    // --- what Asterisk says about a callee's call ----------------------------------------------

    void answered(String callId) {
        emit(new CallEvent.Answered(callId, wallClock.instant()));
    }

    void outcome(String callId, CallOutcome outcome) {
        emit(new CallEvent.Outcome(callId, outcome, outcome.answered() ? 4 : 5, outcome.answered() ? 0 : 17, null, wallClock.instant()));
    }

    /** A person answers and machine detection says so. */
    void person(String callId) {
        answered(callId);
        outcome(callId, CallOutcome.ANSWERED_HUMAN);
    }

    void joined(String callId, long agentId) {
        emit(new CallEvent.JoinedConference(db.agents.get(agentId).conference(), "dlr-" + callId + "-1", callId, wallClock.instant()));
    }

    void hungUp(String callId) {
        emit(new CallEvent.HungUp(callId, "dlr-" + callId + "-1", 16, wallClock.instant()));
    }

    void abandonedByDialplan(String callId) {
        emit(new CallEvent.Abandoned(callId, wallClock.instant()));
    }

    /** The pacer's next call, answered by a person who is put in this agent's conference; its call id. */
    String conversationWith(long agentId) {
        String call = nextCall();
        person(call);
        joined(call, agentId);
        return call;
    }

    /** Ticks until the pacer places one more callee call (at most two seconds); its call id. */
    String nextCall() {
        for (int i = 0; i < 8 && pbx.calleeCalls().size() <= callsTaken; i++) {
            tick();
        }
        if (pbx.calleeCalls().size() <= callsTaken) {
            throw new AssertionError("the pacer placed no call");
        }
        return pbx.calleeCalls().get(callsTaken++);
    }

    private int callsTaken;

    /** A predictive campaign with its leads, started, and these agents logged in and ready. */
    void running(long campaignId, int leads, int wrapUpLimitSeconds, long... agentIds) {
        addCampaign(campaignId, DialMode.PREDICTIVE, wrapUpLimitSeconds);
        addLeads(campaignId, leads);
        for (long agentId : agentIds) {
            login(agentId, campaignId, true);
        }
        await(engine.startCampaign(campaignId));
    }

    static long attemptOf(String callId) {
        return Long.parseLong(callId.substring(1));
    }

    LiveCall call(String callId) {
        return engine.flow().get(callId);
    }

    AgentSession session(long agentId) {
        return engine.agents().get(agentId);
    }
}
