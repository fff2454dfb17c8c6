package dialer.core.engine;

import dialer.ami.CallEvent;
import dialer.ami.CallOutcome;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignSchedule;
import dialer.core.campaign.DialMode;
import dialer.core.call.DispositionRequest;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pacing loop and what feeds the pacer: when it dials, how much, and which calls its
 * statistics learn from. The pacers themselves are tested in the pacing library.
 */
class PacingLoopTest {

    private final EngineFixture f = new EngineFixture();

    @Test
    void aProgressiveStartDialsOneCallPerReadyAgent() {
        f.running(1, 50, 0, 1, 2, 3);
        f.tick();
        f.tick();
        assertThat(f.pbx.calleeCalls()).hasSize(3);
        DialerEngine.CampaignLive live = f.await(f.engine.campaignLive(1));
        assertThat(live.callsByStage()).containsEntry("ringing", 3);
        assertThat(live.linesPerAgent()).isEqualTo(1.0);
        f.tick();
        assertThat(f.pbx.calleeCalls()).as("nobody is free: no more calls").hasSize(3);
    }

    @Test
    void nothingIsDialedOutsideTheCampaignsScheduleOrOnAnUnreachablePbx() {
        Campaign c = EngineFixture.campaign(1, DialMode.PREDICTIVE, 0);
        LocalTime now = LocalTime.ofInstant(f.clock.instant(), ZoneOffset.UTC);
        CampaignSchedule closed = new CampaignSchedule(ZoneOffset.UTC, EnumSet.allOf(DayOfWeek.class), now.plusHours(2),
                now.plusHours(3));
        f.db.campaigns.put(1L, new Campaign(1, c.name(), c.dialMode(), c.status(), c.dialString(), c.callerId(), c.defaultRegion(),
                c.ringTimeoutSeconds(), c.detectMachines(), c.holdLimitMs(), c.safeHarborPrompt(), c.maxAttempts(),
                c.maxAbandonRate(), c.simulatedCallees(), c.compliance(), c.ownListId(), closed, c.priority(),
                c.maxAttemptsPerNumber(), c.wrapUpLimitSeconds(), c.createdAt()));
        f.addLeads(1, 10);
        f.login(1, 1, true);
        f.await(f.engine.startCampaign(1));
        for (int i = 0; i < 8; i++) {
            f.tick();
        }
        assertThat(f.pbx.calleeCalls()).isEmpty();
        assertThat(f.await(f.engine.campaignLive(1)).pacing()).isEqualTo("outside the campaign's schedule");

        f.addCampaign(2, DialMode.PREDICTIVE, 0);
        f.addLeads(2, 10);
        f.login(2, 2, true);
        f.emit(new CallEvent.ConnectionLost("test", f.clock.instant()));
        f.await(f.engine.startCampaign(2));
        for (int i = 0; i < 8; i++) {
            f.tick();
        }
        assertThat(f.pbx.calleeCalls()).as("the PBX is unreachable").isEmpty();
        f.emit(new CallEvent.Resynchronized(List.of(new dialer.ami.LiveChannel("dlr-" + f.session(2).legCallId + "-1", "x", "Up",
                "dialer-agent", "7002", "ConfBridge", java.util.Optional.of(f.session(2).legCallId))), f.clock.instant()));
        f.tick();
        assertThat(f.pbx.calleeCalls()).as("back: dialing resumes").hasSize(1);
    }

    @Test
    void onlyTheCallsThePacerPlacedFeedItsStatistics() {
        f.running(1, 50, 0, 1);
        String paced = f.nextCall();
        f.person(paced);
        f.joined(paced, 1);
        f.advance(Duration.ofSeconds(30));
        f.hungUp(paced);
        f.await(f.engine.disposition(EngineFixture.attemptOf(paced), new DispositionRequest(1, "RPC", null, null, null)));
        CampaignRun run = f.engine.runs().get(1);
        long dialsAfterPaced = run.statistics.dialsPlaced();
        assertThat(dialsAfterPaced).isPositive();

        f.await(f.engine.pause(1, "by hand"));
        DialResult manual = f.await(f.engine.manualDial(1, null, "+12125550123"));
        f.outcome("c" + manual.attemptId(), CallOutcome.ANSWERED_HUMAN);
        f.joined("c" + manual.attemptId(), 1);
        f.hungUp("c" + manual.attemptId());
        assertThat(run.statistics.dialsPlaced()).as("a call dialed by hand is not the pacer's").isEqualTo(dialsAfterPaced);
    }

    @Test
    void theDialOutcomesThePacerLearnsAreTheBridgesOutcomes() {
        assertThat(PacerFeed.dialOutcome(CallOutcome.ANSWERED_HUMAN)).isEqualTo(dialer.pacing.DialOutcome.LIVE);
        assertThat(PacerFeed.dialOutcome(CallOutcome.ANSWERED_MACHINE)).isEqualTo(dialer.pacing.DialOutcome.MACHINE);
        assertThat(PacerFeed.dialOutcome(CallOutcome.BUSY)).isEqualTo(dialer.pacing.DialOutcome.BUSY);
        assertThat(PacerFeed.dialOutcome(CallOutcome.NO_ANSWER)).isEqualTo(dialer.pacing.DialOutcome.NO_ANSWER);
        assertThat(PacerFeed.dialOutcome(CallOutcome.INVALID_NUMBER)).isEqualTo(dialer.pacing.DialOutcome.INVALID);
    }

    @Test
    void eventTimesAreMovedOntoTheEngineClock() {
        // the engine's clock reads 14:00 in New York while Asterisk stamps events with the wall clock
        FakeClock wall = new FakeClock(f.clock.instant().plus(Duration.ofHours(3)));
        FakeCallControl pbx = new FakeCallControl();
        InMemoryLedgers db = new InMemoryLedgers(f.thread, f.clock, DialerEngine.MAX_DECISION_AGE);
        DialerEngine engine = new DialerEngine(f.thread, f.clock, wall, List.of(new Pbx(EngineFixture.PBX, pbx)),
                "node-1", CallVariables.NONE, t -> new DialerEngine.Ledgers(db, db));
        db.campaigns.put(1L, EngineFixture.campaign(1, DialMode.PREDICTIVE, 0));
        db.addLead(EngineFixture.lead(1001, 1, 1001));
        db.agents.put(1L, new dialer.core.agent.Agent(1, "A", "7001", dialer.core.agent.Agent.SIMULATED_PHONE, EngineFixture.PBX, true));
        f.thread.await(engine.start());
        pbx.emit(new CallEvent.Resynchronized(List.of(), wall.instant()));
        f.thread.await(engine.login(1, 1, true));
        String leg = pbx.originates.get(0).callId();
        pbx.emit(new CallEvent.Outcome(leg, dialer.ami.CallOutcome.ANSWERED_HUMAN, 4, 0, null, wall.instant()));
        f.thread.await(engine.startCampaign(1));
        for (int i = 0; i < 4 && pbx.calleeCalls().isEmpty(); i++) {
            f.thread.advance(Duration.ofMillis(250));
            wall.advance(Duration.ofMillis(250));
        }
        String call = pbx.calleeCalls().get(0);
        wall.advance(Duration.ofSeconds(2));
        f.clock.advance(Duration.ofSeconds(2));
        pbx.emit(new CallEvent.Answered(call, wall.instant()));
        f.thread.drain();
        assertThat(engine.flow().get(call).answeredAt).isEqualTo(f.clock.instant());
    }

    @Test
    void aPersonAbandonedToTheSafeHarborMessageIsNotSeenAsWaitingForTheReadyAgent() {
        f.running(1, 10, 0, 1);
        String call = f.nextCall();
        java.time.Instant detected = f.clock.instant();
        f.advance(Duration.ofSeconds(15));
        // heard late (after an outage or a restart): too late to connect; the dialplan abandoned the person
        f.emit(new dialer.ami.CallEvent.Outcome(call, dialer.ami.CallOutcome.ANSWERED_HUMAN, 4, 0, "AMD HUMAN", detected));
        f.emit(new dialer.ami.CallEvent.Abandoned(call, detected.plusSeconds(1)));
        assertThat(f.status(1).state()).isEqualTo(AgentState.READY);
        // the message still plays: the call is up, but nobody waits for the ready agent
        String next = f.nextCall();
        assertThat(next).isNotEqualTo(call);
    }
}
