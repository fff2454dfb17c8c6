package dialer.core.engine;

import dialer.ami.CallEvent;
import dialer.ami.CallOutcome;
import dialer.ami.LiveChannel;
import dialer.core.agent.SessionStore.SavedSession;
import dialer.core.call.DispositionRequest;
import dialer.core.call.OpenAttempts.OpenAttempt;
import dialer.core.call.PlacedCall;
import dialer.core.campaign.DialMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine of a node restarted after a crash: what the earlier run left (agents' sessions, calls
 * still open, a conversation awaiting its disposition) is taken back before anything is dialed, and
 * each call then ends with what Asterisk reports, not as a failure of the restart.
 */
class ReadoptionTest {

    private static final Instant EARLIER = Instant.parse("2026-12-01T18:59:30Z");

    private static OpenAttempt left(EngineFixture f, long attemptId, String state, String outcome, Long agentId) {
        PlacedCall placed = new PlacedCall(attemptId, 1, 1000 + attemptId, 2000 + attemptId, 3000 + attemptId, "+12125550" + attemptId,
                "HOME", "Debtor", 4000 + attemptId, "AUTOMATIC");
        f.db.attempts.put(attemptId, placed);
        f.db.reservationsOpen.add(placed.reservationId());
        boolean answered = outcome != null;
        boolean connected = agentId != null;
        return new OpenAttempt(placed, EngineFixture.PBX, state, outcome, agentId, EARLIER, answered ? EARLIER.plusSeconds(3) : null,
                connected ? EARLIER.plusSeconds(4) : null, null, "ENDED".equals(state) ? EARLIER.plusSeconds(20) : null);
    }

    private static SavedSession saved(long agentId, String pause) {
        return new SavedSession(agentId, "node-1", 1, "a" + agentId + "xold", pause, false, 10 + agentId);
    }

    private final EngineFixture f = new EngineFixture(f -> {
        f.addCampaign(1, DialMode.PREDICTIVE, 30);
        for (long agent = 1; agent <= 4; agent++) {
            f.addAgent(agent);
        }
        f.db.sessions.put(1L, saved(1, null));
        f.db.sessions.put(2L, saved(2, "lunch"));
        f.db.sessions.put(3L, saved(3, null));
        f.db.sessions.put(4L, saved(4, null));
        f.db.leftOpen.add(left(f, 501, "CONNECTED", "ANSWERED_HUMAN", 1L));
        f.db.leftOpen.add(left(f, 502, "DIALING", null, null));
        f.db.leftOpen.add(left(f, 503, "ENDED", "ANSWERED_HUMAN", 3L));
        f.db.leftOpen.add(left(f, 504, "ANSWERED", "ANSWERED_HUMAN", null));
        // agent 4's phone is gone; the other legs and the conversation are up
        List.of("a1xold", "a2xold", "a3xold", "c501").forEach(id -> f.liveAtStart.add(channel(id)));
    });

    private static LiveChannel channel(String callId) {
        return new LiveChannel("dlr-" + callId + "-1", "Local/x", "Up", "dialer-agent", "s", "ConfBridge", Optional.of(callId));
    }

    @Test
    void agentsAndCallsLeftByACrashedRunAreTakenBackBeforeAnythingIsDialed() {
        assertThat(f.pbx.adopted).containsExactlyInAnyOrder("a1xold classified joined", "a2xold classified joined",
                "a3xold classified joined", "a4xold classified joined", "c501 classified joined", "c502", "c504 classified");
        assertThat(f.status(1).state()).as("on the call they were on").isEqualTo(AgentState.ON_CALL);
        assertThat(f.status(1).attemptId()).isEqualTo(501L);
        assertThat(f.heard).contains("connected 501 to 1");
        assertThat(f.status(2).state()).isEqualTo(AgentState.PAUSED);
        assertThat(f.status(2).pauseReason()).isEqualTo("lunch");
        assertThat(f.status(3).state()).as("back in the wrap-up of the call that ended meanwhile").isEqualTo(AgentState.WRAP_UP);
        assertThat(f.status(3).attemptId()).isEqualTo(503L);
        assertThat(f.db.dispositions).as("nothing written off for the restart").isEmpty();
        // the durable copy of each session is rewritten above the versions found
        assertThat(f.db.sessions.get(2L).version()).isGreaterThan(12);
        assertThat(f.db.sessions.get(2L).pauseReason()).isEqualTo("lunch");
        // a leg the earlier run's stop told to end after its conversation is this run's again: the order is withdrawn
        assertThat(f.pbx.variablesSet).contains("dlr-a1xold-1 DIALER_LEG_AFTER_CALL=");
    }

    @Test
    void whatAsteriskReportsAtTheFirstLogInSettlesEachCall() {
        // 502 and 504 ended while the node was down
        f.emit(new CallEvent.Outcome("c502", CallOutcome.FAILED, 0, 0, "ended while the AMI connection was down", f.clock.instant()));
        f.emit(new CallEvent.Abandoned("c504", EARLIER.plusSeconds(5)));
        f.emit(new CallEvent.HungUp("c504", "dlr-c504-1", 16, EARLIER.plusSeconds(12)));
        assertThat(f.pbx.originates).extracting(o -> o.callId().substring(0, 3))
                .as("the phone that is gone is rung again").containsExactly("a4x");
        assertThat(f.db.dispositions.get(502L)).isEqualTo("FAILED");
        assertThat(f.db.dispositions.get(504L)).as("the person the dialplan abandoned is counted").isEqualTo("ABANDONED");

        // the conversation goes on and ends as usual, with the agent's disposition
        f.hungUp("c501");
        assertThat(f.status(1).state()).isEqualTo(AgentState.WRAP_UP);
        f.await(f.engine.disposition(501, new DispositionRequest(1, "PTP", null, null, null)));
        assertThat(f.db.dispositions.get(501L)).isEqualTo("PTP");
        assertThat(f.status(1).state()).isEqualTo(AgentState.READY);
        f.await(f.engine.disposition(503, new DispositionRequest(3, "RPC", null, null, null)));
        assertThat(f.db.dispositions.get(503L)).isEqualTo("RPC");
        assertThat(f.db.reservationsOpen).as("every reservation settled with its call")
                .doesNotContain(4501L, 4502L, 4503L, 4504L);
    }

    @Test
    void aCallTheEarlierRunRecordedButNeverOriginatedEndsNotDialedAndCostsNothing() {
        // killed between its records (and the guard's dial mark) and the originate: Asterisk never had it
        f.emit(new CallEvent.Outcome("c502", CallOutcome.NOT_PLACED, 0, 0, "no channel was ever created", f.clock.instant()));
        assertThat(f.db.writesOf(502)).containsExactly("never placed");
        assertThat(f.db.dispositions).as("no disposition: nobody was called").doesNotContainKey(502L);
        assertThat(f.db.reservationsOpen).as("the guard's slot is freed").doesNotContain(4502L);
        assertThat(f.await(f.engine.campaignLive(1)).callsByStage().values()).as("not followed any more; 501 and 504 are")
                .containsOnly(0, 1);
        assertThat(f.await(f.engine.campaignLive(1)).callsByStage().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
    }

    @Test
    void aPersonTheEarlierRunPutWithAnAgentUnrecordedIsTheirConversation() {
        // 504: the dialplan put the person in agent 2's conference just before the crash
        f.emit(new CallEvent.JoinedConference(f.db.agents.get(2L).conference(), "dlr-c504-1", "c504", EARLIER.plusSeconds(4)));
        assertThat(f.status(2).state()).isEqualTo(AgentState.ON_CALL);
        assertThat(f.db.writesOf(504)).contains("connected to agent 2");
        f.advance(Duration.ofSeconds(5));
        f.hungUp("c504");
        assertThat(f.status(2).state()).isEqualTo(AgentState.WRAP_UP);
        f.advance(Duration.ofSeconds(31));
        assertThat(f.db.dispositions.get(504L)).isEqualTo("NO_DISPOSITION");
        assertThat(f.status(2).state()).as("back to the pause they were in").isEqualTo(AgentState.PAUSED);
        assertThat(f.status(2).pauseReason()).isEqualTo("lunch");
    }
}
