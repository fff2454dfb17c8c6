package dialer.core.engine;

import dialer.ami.CallOutcome;
import dialer.core.Conflict;
import dialer.core.campaign.DialMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls agents dial themselves: previewed leads and numbers dialed by hand, each coming to that agent. */
class HandDialingTest {

    private final EngineFixture f = new EngineFixture();

    /** A preview campaign with five leads, running, its one agent ready and shown the first lead. */
    private void previewCampaign() {
        f.addCampaign(1, DialMode.PREVIEW, 0);
        f.addLeads(1, 5);
        f.login(1, 1, true);
        f.await(f.engine.startCampaign(1));
        f.tick();
        f.tick();
    }

    @Test
    void aPreviewCampaignShowsTheNextLeadAndTheAgentDialsItWithoutMachineDetection() {
        previewCampaign();
        AgentStatus previewing = f.status(1);
        assertThat(previewing.state()).isEqualTo(AgentState.PREVIEWING);
        assertThat(previewing.previewLeadId()).isEqualTo(1001L);
        assertThat(f.pbx.calleeCalls()).as("nothing is dialed before the agent says so").isEmpty();

        DialResult result = f.await(f.engine.previewDial(1));
        assertThat(result.wasPlaced()).isTrue();
        assertThat(f.pbx.originates.get(f.pbx.originates.size() - 1).variables()).containsEntry("DIALER_AMD", "off");
        assertThat(f.status(1).state()).isEqualTo(AgentState.RESERVED);
        assertThat(f.status(1).attemptId()).isEqualTo(result.attemptId());
        String call = "c" + result.attemptId();
        f.outcome(call, CallOutcome.ANSWERED_HUMAN);
        assertThat(f.call(call).agentId).as("the person goes to the agent who dialed").isEqualTo(1L);
        f.joined(call, 1);
        assertThat(f.status(1).state()).isEqualTo(AgentState.ON_CALL);
    }

    @Test
    void aSkippedPreviewIsRecordedAndTheNextLeadShown() {
        previewCampaign();
        f.await(f.engine.previewSkip(1, "wrong person"));
        assertThat(f.db.writes).anyMatch(w -> w.what().equals("skipped lead 1001"));
        f.tick();
        assertThat(f.status(1).previewLeadId()).isEqualTo(1002L);
    }

    @Test
    void anUnansweredPreviewCallFreesTheAgentAgain() {
        previewCampaign();
        DialResult result = f.await(f.engine.previewDial(1));
        f.outcome("c" + result.attemptId(), CallOutcome.NO_ANSWER);
        assertThat(f.status(1).state()).isIn(AgentState.READY, AgentState.PREVIEWING);
    }

    @Test
    void aManualCallFromPauseComesToTheAgentWhoIsPausedAgainAfterIt() {
        f.addCampaign(1, DialMode.PREDICTIVE, 0);
        f.login(1, 1, false);
        f.await(f.engine.pause(1, "research"));
        DialResult result = f.await(f.engine.manualDial(1, null, "+12125550199"));
        assertThat(result.wasPlaced()).isTrue();
        AgentStatus reserved = f.status(1);
        assertThat(reserved.state()).isEqualTo(AgentState.RESERVED);
        assertThat(reserved.manual()).isTrue();
        String call = "c" + result.attemptId();
        f.outcome(call, CallOutcome.BUSY);
        assertThat(f.status(1).state()).isEqualTo(AgentState.PAUSED);
        assertThat(f.status(1).pauseReason()).isEqualTo("research");
    }

    @Test
    void aManualCallTheGuardBlocksTellsTheAgentWhyAndLeavesThemAsTheyWere() {
        f.addCampaign(1, DialMode.PREDICTIVE, 0);
        f.login(1, 1, true);
        f.db.blockedByGuard.put(900L, "do-not-call");
        DialResult result = f.await(f.engine.manualDial(1, null, "+12125550199"));
        assertThat(result.wasPlaced()).isFalse();
        assertThat(result.blocked()).extracting(DialResult.Block::rule).containsExactly("do-not-call");
        assertThat(f.status(1).state()).isEqualTo(AgentState.READY);
        assertThat(f.pbx.calleeCalls()).isEmpty();
    }

    @Test
    void anAgentCannotDialThroughATrunkThatIsDownAndKeepsTheirPreview() {
        f.addCampaignOnTrunk(1, DialMode.PREVIEW, "carrier");
        f.addLeads(1, 2);
        f.await(f.engine.trunksConfigured(java.util.List.of(new dialer.core.trunk.Trunk(1, "carrier", "sip.carrier.example", 5060,
                "udp", null, null, false, "sip.carrier.example", "CAMPAIGN", null, 10, 5, "ulaw", null, 60, 10, "admin",
                java.time.Instant.EPOCH, java.time.Instant.EPOCH))));
        f.login(1, 1, true);
        f.await(f.engine.startCampaign(1));
        f.tick();
        f.tick();
        assertThat(f.status(1).state()).isEqualTo(AgentState.PREVIEWING);
        f.emit(new dialer.ami.CallEvent.PeerHealth(dialer.ami.CallEvent.PeerHealth.Source.CONTACT, "carrier-aor", "Unreachable",
                false, "qualify of sip:sip.carrier.example:5060: Unreachable", f.clock.instant()));

        assertThat(f.thread.failure(f.engine.previewDial(1))).isInstanceOf(Conflict.class).hasMessageContaining("trunk carrier is down");
        assertThat(f.status(1).state()).as("the lead stays in the agent's preview").isEqualTo(AgentState.PREVIEWING);
        assertThat(f.status(1).previewLeadId()).isEqualTo(1001L);
        assertThat(f.thread.failure(f.engine.manualDial(1, null, "+12125550199"))).isInstanceOf(Conflict.class)
                .hasMessageContaining("trunk carrier is down");
        assertThat(f.pbx.calleeCalls()).as("nothing dialed into the dead trunk").isEmpty();

        f.emit(new dialer.ami.CallEvent.PeerHealth(dialer.ami.CallEvent.PeerHealth.Source.CONTACT, "carrier-aor", "Reachable",
                true, "", f.clock.instant()));
        assertThat(f.await(f.engine.previewDial(1)).wasPlaced()).as("dialed once the trunk is back").isTrue();
    }

    @Test
    void anAgentOnACallCannotDialByHand() {
        f.running(1, 10, 0, 1);
        String call = f.nextCall();
        f.person(call);
        assertThat(f.thread.failure(f.engine.manualDial(1, null, "+12125550199"))).isInstanceOf(Conflict.class);
    }
}
