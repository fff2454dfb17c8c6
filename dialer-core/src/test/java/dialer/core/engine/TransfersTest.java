package dialer.core.engine;

import dialer.ami.DialplanLocation;
import dialer.core.Conflict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Transfers of a connected call from agent 1 (extension 7001) to agent 2 (7002), through the whole
 * engine on the fake PBX: which channels go where, in which redirects; the agents' states and the
 * call's agent; the legs recorded.
 */
class TransfersTest {

    private final EngineFixture f = new EngineFixture();
    private String call;
    private long attempt;

    /** Agent 1 on a call, agent 2 ready (predictive campaign 1; agent 1 was ready first, so takes the first person). */
    private void onCall() {
        f.running(1, 5, 60, 1, 2);
        call = f.conversationWith(1);
        attempt = EngineFixture.attemptOf(call);
        f.pbx.redirects.clear();
        assertThat(f.status(1).state()).isEqualTo(AgentState.ON_CALL);
        assertThat(f.status(2).state()).isEqualTo(AgentState.READY);
    }

    private String leg(long agentId) {
        return "dlr-" + f.session(agentId).legCallId + "-1";
    }

    private String person() {
        return "dlr-" + call + "-1";
    }

    private static DialplanLocation at(String context, long agentId) {
        return DialplanLocation.of(context, String.valueOf(7000 + agentId));
    }

    @Test
    void aBlindTransferToAnOutsideNumberCallsItIntoTheAgentsConferenceAndTheAgentWrapsUpOnceItAnswers() {
        onCall();
        TransferStatus dialing = f.await(f.engine.transferOutside(1, 9, "Creditor line", "+442071234567", true, "agent one"));
        assertThat(dialing.phase()).isEqualTo("DIALING");
        assertThat(dialing.targetName()).isEqualTo("Creditor line");
        dialer.ami.OriginateRequest out = f.pbx.originates.get(f.pbx.originates.size() - 1);
        assertThat(out.answeredAt()).isEqualTo(at("dialer-outside-talk", 1));
        assertThat(out.detectMachine()).isFalse();
        // nothing moves before the outside party answers: the person stays with the agent
        assertThat(f.pbx.redirects).isEmpty();
        assertThat(f.status(1).state()).isEqualTo(AgentState.ON_CALL);
        // a second transfer meanwhile is refused
        assertThatThrownBy(() -> f.await(f.engine.transfer(1, 2, true, "agent one"))).hasMessageContaining("outside number");

        f.outcome(out.callId(), dialer.ami.CallOutcome.ANSWERED_HUMAN);
        assertThat(f.pbx.redirects).containsExactly(new FakeCallControl.Redirect(leg(1), at("dialer-agent-idle", 1), null, null));
        assertThat(f.status(1).state()).isEqualTo(AgentState.WRAP_UP);
        assertThat(f.call(call).phase()).isEqualTo(CallPhase.CONNECTED);
        assertThat(f.transferLegs.all()).containsExactly(attempt + " BLIND 1>+442071234567 COMPLETED agent one");

        // the person hangs up later: the call just ends (no second wrap-up, no NO_DISPOSITION over the agent's)
        f.await(f.engine.disposition(attempt, new dialer.core.call.DispositionRequest(1, "RPC", null, null, null)));
        assertThat(f.status(1).state()).isEqualTo(AgentState.READY);
        f.hungUp(call);
        assertThat(f.call(call)).isNull();
        assertThat(f.db.dispositions).containsEntry(attempt, "RPC");
        assertThat(f.status(1).state()).isEqualTo(AgentState.READY);
    }

    @Test
    void aTransferToASupervisorRingsTheirOwnPhoneNotTheCampaignsTrunk() {
        onCall();
        TransferStatus dialing = f.await(f.engine.transferToSupervisor(1, 31, "Sue Supervisor", "PJSIP/2001", false, "agent one"));
        assertThat(dialing.supervisorId()).isEqualTo(31L);
        assertThat(dialing.targetId()).isNull();
        assertThat(dialing.outside()).isTrue();
        dialer.ami.OriginateRequest out = f.pbx.originates.get(f.pbx.originates.size() - 1);
        assertThat(out.dialString()).isEqualTo("PJSIP/2001");
        assertThat(out.answeredAt()).isEqualTo(DialplanLocation.of("dialer-consult", String.valueOf(attempt)));
        f.outcome(out.callId(), dialer.ami.CallOutcome.ANSWERED_HUMAN);
        assertThat(f.await(f.engine.transferOf(1))).get().extracting(TransferStatus::phase).isEqualTo("CONSULTING");
        f.await(f.engine.completeTransfer(1));
        assertThat(f.status(1).state()).isEqualTo(AgentState.WRAP_UP);
        assertThat(f.transferLegs.all()).containsExactly(attempt + " WARM 1>user 31 COMPLETED agent one");
    }

    @Test
    void anOutsideNumberThatDoesNotAnswerLeavesTheCallWithTheAgent() {
        onCall();
        f.await(f.engine.transferOutside(1, 9, "Interpreter", "+442071234568", false, "agent one"));
        // warm: the person waits with music, the agent's leg waits for the outside party in the call's consultation
        assertThat(f.pbx.redirects).containsExactly(
                new FakeCallControl.Redirect(leg(1), DialplanLocation.of("dialer-consult", String.valueOf(attempt)), null, null),
                new FakeCallControl.Redirect(person(), at("dialer-transfer-wait", 1), null, null));
        String outside = f.pbx.originates.get(f.pbx.originates.size() - 1).callId();
        f.pbx.redirects.clear();
        f.outcome(outside, dialer.ami.CallOutcome.NO_ANSWER);
        assertThat(f.pbx.redirects).containsExactly(new FakeCallControl.Redirect(leg(1), at("dialer-agent-talk", 1), null, null));
        assertThat(f.status(1).state()).isEqualTo(AgentState.ON_CALL);
        assertThat(f.await(f.engine.transferOf(1))).isEmpty();
        assertThat(f.transferLegs.all()).containsExactly(attempt + " WARM 1>+442071234568 FAILED agent one");
    }

    @Test
    void aBlindTransferMovesThePersonAndTheOtherAgentsLegInOneRedirectAndTheCallIsTheirs() {
        onCall();
        assertThat(f.await(f.engine.transferCandidates(1))).extracting(AgentStatus::agentId).containsExactly(2L);
        TransferStatus done = f.await(f.engine.transfer(1, 2, true, "agent one"));
        assertThat(done.mode()).isEqualTo("BLIND");
        assertThat(done.phase()).isEqualTo("COMPLETED");
        assertThat(f.pbx.redirects).containsExactly(new FakeCallControl.Redirect(person(), at("dialer-agent", 2), leg(2),
                at("dialer-agent-talk", 2)));
        assertThat(f.call(call).agentId).isEqualTo(2L);
        assertThat(f.call(call).phase()).isEqualTo(CallPhase.CONNECTED);
        AgentStatus b = f.status(2);
        assertThat(b.state()).isEqualTo(AgentState.ON_CALL);
        assertThat(b.attemptId()).isEqualTo(attempt);
        assertThat(b.debtorId()).as("the screen pop follows the call").isNotNull();
        assertThat(f.await(f.engine.debtorOfAgent(2))).contains(b.debtorId());
        AgentStatus a = f.status(1);
        assertThat(a.attemptId()).isNull();
        assertThat(a.state()).isIn(AgentState.READY, AgentState.RESERVED);
        assertThat(f.await(f.engine.debtorOfAgent(1))).isNotEqualTo(java.util.Optional.of(b.debtorId()));
        assertThat(f.await(f.engine.transferOf(1))).isEmpty();
        assertThat(f.transferLegs.all()).containsExactly(attempt + " BLIND 1>2 COMPLETED agent one");
        assertThat(f.transferLegs.handovers).as("the attempt is agent 2's now").containsExactly(attempt + ">2");

        // the person hangs up: agent 2 wraps the call up and gives its disposition
        f.hungUp(call);
        assertThat(f.status(2).state()).isEqualTo(AgentState.WRAP_UP);
        assertThat(f.await(f.engine.agentHolds(2, attempt))).isTrue();
        assertThat(f.await(f.engine.agentHolds(1, attempt))).isFalse();
    }

    @Test
    void aWarmTransferConsultsWhileThePersonWaitsThenCompletes() {
        onCall();
        TransferStatus consult = f.await(f.engine.transfer(1, 2, false, "agent one"));
        assertThat(consult.phase()).isEqualTo("CONSULTING");
        // both agents' legs in agent 2's conference; the person stays alone in agent 1's, with music on hold
        assertThat(f.pbx.redirects).containsExactly(new FakeCallControl.Redirect(leg(1), at("dialer-agent-talk", 2), leg(2),
                at("dialer-agent-talk", 2)), new FakeCallControl.Redirect(person(), at("dialer-transfer-wait", 1)));
        assertThat(f.status(1).state()).isEqualTo(AgentState.ON_CALL);
        assertThat(f.status(2).state()).isEqualTo(AgentState.RESERVED);
        assertThat(f.await(f.engine.transferOf(2))).contains(consult);
        assertThat(f.call(call).agentId).isEqualTo(1L);
        f.pbx.redirects.clear();

        TransferStatus done = f.await(f.engine.completeTransfer(1));
        assertThat(done.phase()).isEqualTo("COMPLETED");
        assertThat(f.pbx.redirects).containsExactly(new FakeCallControl.Redirect(person(), at("dialer-agent", 2), leg(1),
                at("dialer-agent-idle", 1)));
        assertThat(f.status(2).state()).isEqualTo(AgentState.ON_CALL);
        assertThat(f.call(call).agentId).isEqualTo(2L);
        assertThat(f.status(1).attemptId()).isNull();
        assertThat(f.transferLegs.all()).containsExactly(attempt + " WARM 1>2 COMPLETED agent one");
        assertThat(f.await(f.engine.transferOf(1))).isEmpty();
    }

    @Test
    void aCancelledConsultationBringsTheFirstAgentBackAndFreesTheOther() {
        onCall();
        f.await(f.engine.transfer(1, 2, false, "sup"));
        f.pbx.redirects.clear();
        f.await(f.engine.cancelTransfer(2));
        assertThat(f.pbx.redirects).containsExactly(new FakeCallControl.Redirect(leg(1), at("dialer-agent-talk", 1), leg(2),
                at("dialer-agent-idle", 2)));
        assertThat(f.status(1).state()).isEqualTo(AgentState.ON_CALL);
        assertThat(f.status(1).attemptId()).isEqualTo(attempt);
        assertThat(f.status(2).attemptId()).isNull();
        assertThat(f.status(2).state()).isIn(AgentState.READY, AgentState.RESERVED);
        assertThat(f.call(call).agentId).isEqualTo(1L);
        assertThat(f.transferLegs.all()).containsExactly(attempt + " WARM 1>2 CANCELLED sup");
    }

    @Test
    void aThreeWayConferenceThenTheFirstAgentLeaves() {
        onCall();
        f.await(f.engine.transfer(1, 2, false, "agent one"));
        f.pbx.redirects.clear();
        TransferStatus three = f.await(f.engine.conferenceTransfer(1));
        assertThat(three.phase()).isEqualTo("CONFERENCE");
        assertThat(f.pbx.redirects).containsExactly(new FakeCallControl.Redirect(person(), at("dialer-agent", 2)));
        assertThat(f.status(1).state()).isEqualTo(AgentState.ON_CALL);
        assertThat(f.status(2).state()).isEqualTo(AgentState.RESERVED);
        assertThat(f.thread.failure(f.engine.conferenceTransfer(1))).isInstanceOf(Conflict.class);
        f.pbx.redirects.clear();

        f.await(f.engine.completeTransfer(1));
        assertThat(f.pbx.redirects).containsExactly(new FakeCallControl.Redirect(leg(1), at("dialer-agent-idle", 1)));
        assertThat(f.status(2).state()).isEqualTo(AgentState.ON_CALL);
        assertThat(f.call(call).agentId).isEqualTo(2L);
        assertThat(f.transferLegs.all()).containsExactly(attempt + " WARM 1>2 CONFERENCED agent one",
                attempt + " CONFERENCE 1>2 COMPLETED agent one");
    }

    @Test
    void aConferenceCancelledSendsThePersonAndTheFirstAgentBackToTheirConference() {
        onCall();
        f.await(f.engine.transfer(1, 2, false, "agent one"));
        f.await(f.engine.conferenceTransfer(1));
        f.pbx.redirects.clear();
        f.await(f.engine.cancelTransfer(1));
        assertThat(f.pbx.redirects).containsExactly(new FakeCallControl.Redirect(person(), at("dialer-agent", 1), leg(1),
                at("dialer-agent-talk", 1)));
        assertThat(f.status(1).attemptId()).isEqualTo(attempt);
        assertThat(f.status(2).attemptId()).isNull();
    }

    @Test
    void thePersonHangingUpDuringTheConsultationSendsBothLegsBackToWaiting() {
        onCall();
        f.await(f.engine.transfer(1, 2, false, "agent one"));
        f.pbx.redirects.clear();
        f.hungUp(call);
        assertThat(f.pbx.redirects).containsExactlyInAnyOrder(new FakeCallControl.Redirect(leg(1), at("dialer-agent-idle", 1)),
                new FakeCallControl.Redirect(leg(2), at("dialer-agent-idle", 2)));
        assertThat(f.status(1).state()).isEqualTo(AgentState.WRAP_UP);
        assertThat(f.status(2).attemptId()).isNull();
        assertThat(f.transferLegs.all()).containsExactly(attempt + " WARM 1>2 CALL_ENDED agent one");
        assertThat(f.thread.failure(f.engine.completeTransfer(1))).isInstanceOf(Conflict.class);
    }

    @Test
    void theOtherAgentsPhoneHangingUpDuringTheConsultationKeepsTheCallWithTheFirst() {
        onCall();
        f.await(f.engine.transfer(1, 2, false, "agent one"));
        String bLeg = f.session(2).legCallId;
        f.pbx.redirects.clear();
        f.emit(new dialer.ami.CallEvent.HungUp(bLeg, "dlr-" + bLeg + "-1", 16, f.clock.instant()));
        assertThat(f.pbx.hangups).as("the person is not hung up").doesNotContain(person());
        assertThat(f.pbx.redirects).containsExactly(new FakeCallControl.Redirect(leg(1), at("dialer-agent-talk", 1)));
        assertThat(f.status(1).state()).isEqualTo(AgentState.ON_CALL);
        assertThat(f.status(2).attemptId()).isNull();
        assertThat(f.transferLegs.all()).containsExactly(attempt + " WARM 1>2 AGENT_GONE agent one");
        // the grace time passes and agent 2's session ends: still nothing hangs the call up
        f.advance(java.time.Duration.ofSeconds(5));
        assertThat(f.pbx.hangups).doesNotContain(person());
        assertThat(f.call(call).agentId).isEqualTo(1L);
    }

    @Test
    void theFirstAgentLeavingDuringTheConsultationLeavesTheCallToTheOther() {
        onCall();
        f.await(f.engine.transfer(1, 2, false, "agent one"));
        String aLeg = f.session(1).legCallId;
        f.pbx.redirects.clear();
        f.emit(new dialer.ami.CallEvent.HungUp(aLeg, "dlr-" + aLeg + "-1", 16, f.clock.instant()));
        assertThat(f.pbx.hangups).doesNotContain(person());
        assertThat(f.pbx.redirects).containsExactly(new FakeCallControl.Redirect(person(), at("dialer-agent", 2)));
        assertThat(f.status(2).state()).isEqualTo(AgentState.ON_CALL);
        assertThat(f.call(call).agentId).isEqualTo(2L);
    }

    @Test
    void aTransferTheStatesDoNotAllowIsRefusedAndChangesNothing() {
        onCall();
        assertThat(f.thread.failure(f.engine.transfer(2, 1, true, "x"))).isInstanceOf(Conflict.class)
                .hasMessageContaining("not on a connected call");
        assertThat(f.thread.failure(f.engine.transfer(1, 1, true, "x"))).isInstanceOf(Conflict.class);
        f.await(f.engine.pause(2, "lunch"));
        assertThat(f.thread.failure(f.engine.transfer(1, 2, true, "x"))).isInstanceOf(Conflict.class)
                .hasMessageContaining("not ready");
        assertThat(f.thread.failure(f.engine.completeTransfer(1))).isInstanceOf(Conflict.class)
                .hasMessageContaining("no transfer");
        assertThat(f.pbx.redirects).isEmpty();
        assertThat(f.transferLegs.all()).isEmpty();
        assertThat(f.status(1).state()).isEqualTo(AgentState.ON_CALL);
    }

    @Test
    void aConsultationWhoseCallTheFirstAgentDisposedMeanwhileIsNotCompleted() {
        onCall();
        f.await(f.engine.transfer(1, 2, false, "agent one"));
        f.await(f.engine.disposition(attempt, new dialer.core.call.DispositionRequest(1, "PTP", null, null, null)));
        f.pbx.redirects.clear();
        assertThat(f.thread.failure(f.engine.completeTransfer(1))).isInstanceOf(Conflict.class)
                .hasMessageContaining("disposition");
        assertThat(f.pbx.redirects).isEmpty();
        f.await(f.engine.cancelTransfer(1));
        assertThat(f.status(1).state()).isEqualTo(AgentState.ON_CALL);
    }

    @Test
    void aRedirectAsteriskRefusesLeavesTheCallWithTheFirstAgentAndFreesTheOther() {
        onCall();
        f.pbx.failRedirects = true;
        assertThat(f.thread.failure(f.engine.transfer(1, 2, true, "x"))).isInstanceOf(Conflict.class);
        assertThat(f.status(1).state()).isEqualTo(AgentState.ON_CALL);
        assertThat(f.status(2).attemptId()).isNull();
        assertThat(f.call(call).agentId).isEqualTo(1L);
        assertThat(f.transferLegs.all()).containsExactly(attempt + " BLIND 1>2 FAILED x");
        assertThat(List.of(f.await(f.engine.transferOf(1)).isPresent())).containsExactly(false);
    }
}
