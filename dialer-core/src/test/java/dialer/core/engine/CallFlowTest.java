package dialer.core.engine;

import dialer.ami.CallEvent;
import dialer.ami.CallOutcome;
import dialer.core.call.DispositionRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The callee's call through {@link CallFlow}, driven by the event sequences Asterisk 22 sends for
 * each kind of call (as the integration tests have met them), with the agent and the attempt's
 * writes checked at each step.
 */
class CallFlowTest {

    private final EngineFixture f = new EngineFixture();

    @Test
    void aPersonIsConnectedToTheReadyAgentAndTheAgentWrapsUp() {
        f.running(1, 10, 0, 1);
        String call = f.nextCall();
        long attempt = EngineFixture.attemptOf(call);
        assertThat(f.call(call).phase()).isEqualTo(CallPhase.RINGING);

        f.answered(call);
        assertThat(f.call(call).phase()).isEqualTo(CallPhase.SCREENING);
        f.outcome(call, CallOutcome.ANSWERED_HUMAN);
        assertThat(f.call(call).phase()).isEqualTo(CallPhase.CONNECTING);
        assertThat(f.pbx.redirects).extracting(FakeCallControl.Redirect::channelId).containsExactly("dlr-" + call + "-1");
        assertThat(f.status(1).state()).isEqualTo(AgentState.RESERVED);
        assertThat(f.status(1).attemptId()).isEqualTo(attempt);

        f.joined(call, 1);
        assertThat(f.call(call).phase()).isEqualTo(CallPhase.CONNECTED);
        assertThat(f.status(1).state()).isEqualTo(AgentState.ON_CALL);

        f.advance(Duration.ofSeconds(20));
        f.hungUp(call);
        assertThat(f.call(call)).isNull();
        assertThat(f.status(1).state()).isEqualTo(AgentState.WRAP_UP);
        assertThat(f.db.writesOf(attempt)).containsExactly("opened", "dialed", "answered ANSWERED_HUMAN",
                "connected to agent 1", "ended");

        f.await(f.engine.disposition(attempt, new DispositionRequest(1, "PTP", null, null, null)));
        assertThat(f.status(1).state()).isEqualTo(AgentState.READY);
        assertThat(f.db.dispositions).containsEntry(attempt, "PTP");
    }

    @Test
    void eachCallCarriesItsCampaignsAmdSettingsToTheDialplan() {
        dialer.core.campaign.Campaign base = f.addCampaign(1, dialer.core.campaign.DialMode.PREDICTIVE, 0);
        dialer.core.campaign.AmdSettings own = new dialer.core.campaign.AmdSettings(3000, 2200, 900, 4500, 80, 60, 4, 700, 4000);
        f.db.campaigns.put(1L, new dialer.core.campaign.Campaign(base.id(), base.name(), base.dialMode(), base.status(),
                base.dialString(), base.callerId(), base.defaultRegion(), base.ringTimeoutSeconds(), base.detectMachines(),
                base.holdLimitMs(), base.safeHarborPrompt(), base.maxAttempts(), base.maxAbandonRate(), base.simulatedCallees(),
                base.compliance(), base.ownListId(), base.schedule(), base.priority(), base.maxAttemptsPerNumber(),
                base.wrapUpLimitSeconds(), base.createdAt(), base.amdFalsePositiveRate(), own));
        f.addLeads(1, 10);
        f.login(1, 1, true);
        f.await(f.engine.startCampaign(1));
        String call = f.nextCall();
        assertThat(f.pbx.originates.stream().filter(o -> o.callId().equals(call)).findFirst().orElseThrow().variables())
                .containsEntry("DIALER_AMD_SETTINGS", "3000:2200:900:4500:80:60:4:700:4000")
                .doesNotContainKey("DIALER_AMD");
    }

    @Test
    void aSmallTeamWhoseCampaignExpectsAmdFalsePositivesIsDialedWithoutAmdAndTeachesThePacerNothing() {
        dialer.core.campaign.Campaign base = f.addCampaign(1, dialer.core.campaign.DialMode.PREDICTIVE, 0);
        f.db.campaigns.put(1L, new dialer.core.campaign.Campaign(base.id(), base.name(), base.dialMode(), base.status(),
                base.dialString(), base.callerId(), base.defaultRegion(), base.ringTimeoutSeconds(), base.detectMachines(),
                base.holdLimitMs(), base.safeHarborPrompt(), base.maxAttempts(), base.maxAbandonRate(), base.simulatedCallees(),
                base.compliance(), base.ownListId(), base.schedule(), base.priority(), base.maxAttemptsPerNumber(),
                base.wrapUpLimitSeconds(), base.createdAt(), new java.math.BigDecimal("0.015"), base.amd()));
        f.addLeads(1, 10);
        f.login(1, 1, true);
        f.login(2, 1, true);
        f.await(f.engine.startCampaign(1));
        String call = f.nextCall();
        assertThat(f.pbx.originates.stream().filter(o -> o.callId().equals(call)).findFirst().orElseThrow().variables())
                .containsEntry("DIALER_AMD", "off");
        assertThat(f.engine.runs().get(1).lastDecision.reason()).contains("without AMD");
        assertThat(f.engine.runs().get(1).lastDecision.screenForMachines()).isFalse();

        f.answered(call);
        f.outcome(call, CallOutcome.ANSWERED_HUMAN);
        f.joined(call, 1);
        f.advance(Duration.ofSeconds(8));
        f.hungUp(call);
        long attempt = EngineFixture.attemptOf(call);
        f.await(f.engine.disposition(attempt, new DispositionRequest(1, "PTP", null, null, null)));
        assertThat(f.status(1).state()).isEqualTo(AgentState.READY);
        // a machine or a person, the answer is not the live answer the pacer's estimates count
        dialer.pacing.CampaignStatistics stats = f.engine.runs().get(1).statistics;
        assertThat(stats.dialsPlaced()).isZero();
        assertThat(stats.warmedUp()).isFalse();
        // stored as such: a warm start after a restart leaves it out too
        assertThat(f.db.writesOf(attempt)).first().isEqualTo("opened without AMD");
    }

    @Test
    void aMachineEndsWithItsDispositionAndTheAgentStaysReady() {
        f.running(1, 10, 0, 1);
        String call = f.nextCall();
        f.answered(call);
        f.outcome(call, CallOutcome.ANSWERED_MACHINE);
        f.hungUp(call);
        long attempt = EngineFixture.attemptOf(call);
        assertThat(f.db.writesOf(attempt)).containsExactly("opened", "dialed", "answered ANSWERED_MACHINE", "ended MACHINE");
        assertThat(f.heard).contains("ended " + attempt, "disposition " + attempt + " MACHINE");
        assertThat(f.status(1).state()).isEqualTo(AgentState.READY);
    }

    @Test
    void unansweredCallsEndWithTheirSystemCodes() {
        f.running(1, 10, 0, 1, 2, 3, 4);
        List<String> calls = List.of(f.nextCall(), f.nextCall(), f.nextCall(), f.nextCall());
        f.outcome(calls.get(0), CallOutcome.BUSY);
        f.outcome(calls.get(1), CallOutcome.NO_ANSWER);
        f.outcome(calls.get(2), CallOutcome.INVALID_NUMBER);
        f.outcome(calls.get(3), CallOutcome.CONGESTION);
        calls.forEach(f::hungUp);
        assertThat(calls).map(c -> f.db.dispositions.get(EngineFixture.attemptOf(c)))
                .containsExactly("BUSY", "NO_ANSWER", "INVALID_NUMBER", "CONGESTION");
    }

    @Test
    void aCalleeWhoHangsUpWhileMachineDetectionListensIsAFailedCall() {
        f.running(1, 10, 0, 1);
        String call = f.nextCall();
        f.answered(call);
        f.hungUp(call);
        assertThat(f.db.dispositions.get(EngineFixture.attemptOf(call))).isEqualTo("FAILED");
    }

    @Test
    void withDetectionOffThePersonIsReportedWithoutAScreeningPhase() {
        f.running(1, 10, 0, 1);
        String call = f.nextCall();
        f.outcome(call, CallOutcome.ANSWERED_HUMAN);
        assertThat(f.call(call).phase()).isEqualTo(CallPhase.CONNECTING);
        assertThat(f.call(call).answeredAt).isNotNull();
    }

    @Test
    void aCallThatHangsUpWhileRingingWithNoOutcomeYetIsAFailedCall() {
        f.running(1, 10, 0, 1);
        String call = f.nextCall();
        f.hungUp(call);
        assertThat(f.db.dispositions.get(EngineFixture.attemptOf(call))).isEqualTo("FAILED");
        // the outcome the bridge reports after its grace period finds the call ended: nothing changes
        f.outcome(call, CallOutcome.NO_ANSWER);
        assertThat(f.db.dispositions.get(EngineFixture.attemptOf(call))).isEqualTo("FAILED");
    }

    @Test
    void aCallAsteriskRefusedEndsWithItsReservationReleasedNotCounted() {
        f.running(1, 10, 0, 1);
        f.pbx.refuseOriginates = true;
        f.tick();
        f.tick();
        assertThat(f.db.attempts).isNotEmpty();
        long attempt = f.db.attempts.keySet().iterator().next();
        assertThat(f.db.writesOf(attempt)).containsExactly("opened", "dialed", "ended FAILED", "released"); // the dial mark precedes the originate
        assertThat(f.db.reservationsOpen).doesNotContain(1000 + attempt);
    }

    @Test
    void aPersonHeardOfOnlyAfterAnOutageIsNotConnectedButCountedAsTheDialplanRecorded() {
        f.running(1, 10, 0, 1);
        String call = f.nextCall();
        java.time.Instant detected = f.clock.instant();
        f.advance(Duration.ofSeconds(15));
        // what the bridge tells after the link came back, with the dialplan's times
        f.emit(new CallEvent.Outcome(call, CallOutcome.ANSWERED_HUMAN, 4, 0, "AMD HUMAN (recorded by the dialplan)", detected));
        f.emit(new CallEvent.Abandoned(call, detected.plusSeconds(1)));
        f.emit(new CallEvent.SafeHarborPlayed(call, true, "SUCCESS", detected.plusSeconds(9)));
        f.hungUp(call);
        assertThat(f.pbx.redirects).as("too late to move the person").isEmpty();
        assertThat(f.status(1).state()).isEqualTo(AgentState.READY);
        long attempt = EngineFixture.attemptOf(call);
        assertThat(f.db.dispositions.get(attempt)).isEqualTo("ABANDONED");
        assertThat(f.heard).contains("abandoned " + attempt);
    }

    @Test
    void aPersonNobodyTakesIsAbandonedWhenTheDialplanGivesUpAndCountedOnce() {
        f.running(1, 10, 0, 1);
        String call = f.nextCall();
        f.await(f.engine.pause(1, "coffee"));
        f.person(call);
        assertThat(f.call(call).phase()).isEqualTo(CallPhase.WAITING_FOR_AGENT);
        f.advance(Duration.ofMillis(1200));
        f.abandonedByDialplan(call);
        f.abandonedByDialplan(call);
        f.advance(Duration.ofSeconds(9));
        f.hungUp(call);
        long attempt = EngineFixture.attemptOf(call);
        assertThat(f.db.writesOf(attempt)).containsExactly("opened", "dialed", "answered ANSWERED_HUMAN", "abandoned",
                "ended ABANDONED");
        assertThat(f.heard).containsOnlyOnce("abandoned " + attempt);
        // the safe-harbor message's end is reported after the call: recorded on the attempt all the same
        f.emit(new CallEvent.SafeHarborPlayed(call, true, "PLAYED", f.clock.instant()));
        assertThat(f.db.writesOf(attempt)).endsWith("safe harbor PLAYED");
    }

    @Test
    void aPersonWhoHangsUpWhileWaitingIsAbandonedOnlyPastTheHoldLimit() {
        f.running(1, 10, 0, 1, 2);
        String early = f.nextCall();
        String late = f.nextCall();
        f.await(f.engine.pause(1, "x"));
        f.await(f.engine.pause(2, "x"));
        f.person(early);
        f.person(late);
        f.advance(Duration.ofMillis(500));
        f.hungUp(early);
        f.advance(Duration.ofMillis(1000));
        f.hungUp(late);
        assertThat(f.db.dispositions.get(EngineFixture.attemptOf(early))).isEqualTo("CALLEE_HUNG_UP");
        assertThat(f.db.dispositions.get(EngineFixture.attemptOf(late))).isEqualTo("ABANDONED");
    }

    @Test
    void aWaitingPersonGoesToTheFirstAgentWhoBecomesReady() {
        f.running(1, 10, 0, 1);
        String call = f.nextCall();
        f.await(f.engine.pause(1, "x"));
        f.person(call);
        assertThat(f.pbx.redirects).isEmpty();
        f.await(f.engine.ready(1));
        assertThat(f.call(call).phase()).isEqualTo(CallPhase.CONNECTING);
        assertThat(f.pbx.redirects).hasSize(1);
        assertThat(f.status(1).state()).isEqualTo(AgentState.RESERVED);
    }

    @Test
    void aFailedRedirectPutsThePersonFirstInLineAndFreesTheAgent() {
        f.running(1, 10, 0, 1);
        String call = f.nextCall();
        f.pbx.failRedirects = true;
        f.person(call);
        // the agent freed by the failure is offered the same person again at once, once
        assertThat(f.pbx.redirects).hasSize(Matchmaker.MAX_REDIRECT_FAILURES);
        assertThat(f.call(call).phase()).isEqualTo(CallPhase.WAITING_FOR_AGENT);
        assertThat(f.status(1).state()).isEqualTo(AgentState.READY);
        f.pbx.failRedirects = false;
        f.await(f.engine.pause(1, "x"));
        f.await(f.engine.ready(1));
        assertThat(f.call(call).phase()).isEqualTo(CallPhase.CONNECTING);
        f.joined(call, 1);
        assertThat(f.call(call).phase()).isEqualTo(CallPhase.CONNECTED);
    }

    @Test
    void joiningAnotherAgentsConferenceChangesNothing() {
        f.running(1, 10, 0, 1, 2);
        String call = f.nextCall();
        f.person(call);
        long taker = f.call(call).agentId;
        long other = taker == 1 ? 2 : 1;
        f.joined(call, other);
        assertThat(f.call(call).phase()).isEqualTo(CallPhase.CONNECTING);
        assertThat(f.status(taker).state()).isEqualTo(AgentState.RESERVED);
    }

    @Test
    void theDispositionDuringTheCallMeansNoWrapUp() {
        f.running(1, 10, 30, 1);
        String call = f.conversationWith(1);
        long attempt = EngineFixture.attemptOf(call);
        f.await(f.engine.disposition(attempt, new DispositionRequest(1, "PTP", null, null, null)));
        assertThat(f.status(1).disposed()).isTrue();
        f.hungUp(call);
        assertThat(f.status(1).state()).isEqualTo(AgentState.READY);
    }

    @Test
    void theWrapUpLimitWritesNoDisposition() {
        f.running(1, 10, 30, 1);
        String call = f.conversationWith(1);
        f.hungUp(call);
        assertThat(f.status(1).wrapUpEndsAt()).isNotNull();
        f.await(f.engine.pause(1, "after this call"));
        f.advance(Duration.ofSeconds(31));
        assertThat(f.db.dispositions.get(EngineFixture.attemptOf(call))).isEqualTo("NO_DISPOSITION");
        assertThat(f.status(1).state()).isEqualTo(AgentState.PAUSED);
        assertThat(f.status(1).pauseReason()).isEqualTo("after this call");
    }

    @Test
    void theAgentsPhoneHangingUpMidCallEndsTheSessionAndTheCallee() {
        f.running(1, 10, 0, 1);
        String call = f.conversationWith(1);
        String leg = f.session(1).legCallId;
        f.emit(new CallEvent.HungUp(leg, "dlr-" + leg + "-1", 16, f.clock.instant()));
        assertThat(f.pbx.hangups).as("the person is not left alone in the conference").contains("dlr-" + call + "-1");
        f.hungUp(call);
        f.advance(Duration.ofMillis(AgentPhones.LEG_GRACE_MILLIS));
        assertThat(f.session(1)).isNull();
        assertThat(f.db.dispositions.get(EngineFixture.attemptOf(call))).as("no disposition will come from the agent")
                .isEqualTo("NO_DISPOSITION");
    }

    @Test
    void eventsOfCallsThisNodeDoesNotFollowAreIgnored() {
        f.running(1, 10, 0, 1);
        f.person("c999");
        f.hungUp("c999");
        assertThat(f.db.writes).noneMatch(w -> w.attemptId() == 999);
    }

    @Test
    void theCallPhaseTableRefusesWhatCannotHappen() {
        assertThat(CallPhase.RINGING.canMoveTo(CallPhase.SCREENING)).isTrue();
        assertThat(CallPhase.RINGING.canMoveTo(CallPhase.WAITING_FOR_AGENT)).isTrue();
        assertThat(CallPhase.RINGING.canMoveTo(CallPhase.CONNECTED)).isFalse();
        assertThat(CallPhase.SCREENING.canMoveTo(CallPhase.CONNECTING)).isFalse();
        assertThat(CallPhase.CONNECTING.canMoveTo(CallPhase.WAITING_FOR_AGENT)).isTrue();
        assertThat(CallPhase.CONNECTED.canMoveTo(CallPhase.WAITING_FOR_AGENT)).isFalse();
        for (CallPhase p : CallPhase.values()) {
            assertThat(CallPhase.ENDED.canMoveTo(p)).isFalse();
            assertThat(p == CallPhase.ENDED || p.canMoveTo(CallPhase.ENDED)).as("%s can end", p).isTrue();
        }
        f.running(1, 10, 0, 1);
        String call = f.nextCall();
        LiveCall live = f.call(call);
        assertThatThrownBy(() -> live.moveTo(CallPhase.CONNECTED)).isInstanceOf(IllegalTransition.class)
                .hasMessageContaining("RINGING to CONNECTED");
    }

    @Test
    void anAgentWhoLogsOutDuringACallDoesSoOnceItAndItsDispositionAreOver() {
        f.running(1, 10, 0, 1);
        String call = f.conversationWith(1);
        AgentStatus asked = f.await(f.engine.logout(1));
        assertThat(asked.state()).isEqualTo(AgentState.ON_CALL);
        assertThat(asked.logOutAfterCall()).isTrue();
        String leg = f.session(1).legCallId;
        assertThat(f.pbx.hangups).as("the call goes on").doesNotContain("dlr-" + leg + "-1");
        f.hungUp(call);
        assertThat(f.status(1).state()).isEqualTo(AgentState.WRAP_UP);
        f.await(f.engine.disposition(EngineFixture.attemptOf(call), new dialer.core.call.DispositionRequest(1, "PTP", null, null, null)));
        assertThat(f.pbx.hangups).as("then the phone leg is hung up").contains("dlr-" + leg + "-1");
        f.emit(new CallEvent.HungUp(leg, "dlr-" + leg + "-1", 16, f.clock.instant()));
        assertThat(f.session(1)).isNull();
        assertThat(f.pbx.calleeCalls()).as("no call for an agent logging out").hasSize(1);
    }
}
