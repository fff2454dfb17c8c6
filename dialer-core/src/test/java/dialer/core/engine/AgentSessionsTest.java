package dialer.core.engine;

import dialer.ami.CallOutcome;
import dialer.core.Conflict;
import dialer.core.agent.Agent;
import dialer.core.call.QueuedLead;
import dialer.core.campaign.DialMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Agents' sessions on their own ({@link AgentSessions}, {@link AgentPhones}): the state table, the phone leg, wrap-up timers, and what they report. */
class AgentSessionsTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-01T19:00:00Z"));
    private final ManualEngineThread thread = new ManualEngineThread(clock);
    private final List<String> reported = new ArrayList<>();
    private final List<AgentStatus> told = new ArrayList<>();
    /** Whether the PBX is up, as the engine's links would say. */
    private boolean pbxUp = true;
    private final AgentSessions sessions = new AgentSessions(thread, clock, events());
    private final List<String> checked = new java.util.ArrayList<>();
    private final AgentPhones phones = new AgentPhones(thread, sessions, pbx -> pbxUp, checked::add);

    private EngineEvents events() {
        EngineEvents events = new EngineEvents(thread);
        events.add(new EngineListener() {
            @Override
            public void agentChanged(AgentStatus status) {
                told.add(status);
            }
        });
        return events;
    }

    AgentSessionsTest() {
        sessions.reactTo(new AgentSessions.Reactions() {
            @Override
            public void agentFree(AgentSession s) {
                reported.add("free " + s.agent.id());
            }

            @Override
            public void previewReturned(AgentSession s, QueuedLead lead) {
                reported.add("preview back " + lead.leadId());
            }

            @Override
            public void agentGone(AgentSession s, long attemptId) {
                reported.add("gone with " + attemptId);
            }

            @Override
            public void wrapUpRanOut(AgentSession s, long attemptId) {
                reported.add("wrap-up ran out " + attemptId);
            }

            @Override
            public void ringAgain(AgentSession s) {
                reported.add("ring again " + s.agent.id());
            }

            @Override
            public void logOut(AgentSession s) {
                reported.add("log out " + s.agent.id());
            }
        });
    }

    private AgentSession loggedIn(long id, boolean ready) {
        AgentSession s = sessions.open(new Agent(id, "A" + id, String.valueOf(7000 + id), Agent.SIMULATED_PHONE, "local", true), 1, ready);
        phones.outcome(s.legCallId, CallOutcome.ANSWERED_HUMAN);
        return s;
    }

    @Test
    void anAgentIsPausedOrReadyOnceTheirPhoneAnswers() {
        AgentSession paused = sessions.open(new Agent(1, "A", "7001", Agent.SIMULATED_PHONE, "local", true), 1, false);
        assertThat(paused.state()).isEqualTo(AgentState.CONNECTING);
        phones.outcome(paused.legCallId, dialer.ami.CallOutcome.ANSWERED_HUMAN);
        assertThat(paused.state()).isEqualTo(AgentState.PAUSED);
        assertThat(paused.pauseReason).isEqualTo("logged in");
        AgentSession ready = loggedIn(2, true);
        assertThat(ready.state()).isEqualTo(AgentState.READY);
        assertThat(reported).containsExactly("free 2");
        assertThatThrownBy(() -> sessions.open(ready.agent, 1, true)).isInstanceOf(Conflict.class);
    }

    @Test
    void aPauseAskedForWhileThePhoneIsRungKeepsItsReason() {
        AgentSession s = sessions.open(new Agent(1, "A", "7001", Agent.SIMULATED_PHONE, "local", true), 1, true);
        sessions.pause(1, "training");
        phones.outcome(s.legCallId, dialer.ami.CallOutcome.ANSWERED_HUMAN);
        assertThat(s.state()).isEqualTo(AgentState.PAUSED);
        assertThat(s.pauseReason).isEqualTo("training");
    }

    @Test
    void aPhoneThatDoesNotAnswerEndsTheSession() {
        AgentSession s = sessions.open(new Agent(1, "A", "7001", Agent.SIMULATED_PHONE, "local", true), 1, true);
        phones.outcome(s.legCallId, CallOutcome.NO_ANSWER);
        assertThat(s.state()).isEqualTo(AgentState.LOGGED_OUT);
        assertThat(s.pauseReason).contains("did not answer");
        assertThat(sessions.get(1)).isNull();
        assertThat(told.get(told.size() - 1).state()).isEqualTo(AgentState.LOGGED_OUT);
    }

    @Test
    void readyAndPauseFollowTheTable() {
        AgentSession s = loggedIn(1, false);
        sessions.ready(1);
        assertThat(s.state()).isEqualTo(AgentState.READY);
        sessions.pause(1, "lunch");
        assertThat(s.state()).isEqualTo(AgentState.PAUSED);
        assertThat(s.pauseReason).isEqualTo("lunch");
        sessions.ready(1);
        sessions.reserve(s, 5L, 50L, 500L);
        sessions.onCall(s);
        sessions.pause(1, "after this one");
        assertThat(s.state()).as("no pause in the middle of a call").isEqualTo(AgentState.ON_CALL);
        sessions.startWrapUp(s, EngineFixture.campaign(1, DialMode.PREDICTIVE, 0));
        assertThatThrownBy(() -> sessions.ready(1)).isInstanceOf(Conflict.class).hasMessageContaining("disposition of attempt 5");
        sessions.afterCall(s);
        assertThat(s.state()).isEqualTo(AgentState.PAUSED);
        assertThat(s.pauseReason).isEqualTo("after this one");
        assertThat(s.debtorId).isNull();
        assertThatThrownBy(() -> sessions.ready(9)).isInstanceOf(Conflict.class).hasMessageContaining("not logged in");
    }

    @Test
    void theStateTableRefusesWhatCannotHappen() {
        AgentSession s = loggedIn(1, true);
        assertThatThrownBy(() -> sessions.onCall(s)).isInstanceOf(IllegalTransition.class).hasMessageContaining("READY to ON_CALL");
        assertThat(AgentState.LOGGED_OUT.canMoveTo(AgentState.READY)).isFalse();
        assertThat(AgentState.WRAP_UP.canMoveTo(AgentState.ON_CALL)).isFalse();
        assertThat(AgentState.CONNECTING.canMoveTo(AgentState.RESERVED)).isFalse();
        for (AgentState state : AgentState.values()) {
            assertThat(state == AgentState.LOGGED_OUT || state.canMoveTo(AgentState.LOGGED_OUT)).as("%s can log out", state).isTrue();
        }
    }

    @Test
    void theWrapUpTimerReportsOnceAndIsCancelledByTheDisposition() {
        AgentSession s = loggedIn(1, true);
        sessions.reserve(s, 5L, 50L, 500L);
        sessions.onCall(s);
        sessions.startWrapUp(s, EngineFixture.campaign(1, DialMode.PREDICTIVE, 30));
        assertThat(s.wrapUpEndsAt).isEqualTo(clock.instant().plusSeconds(30));
        thread.advance(Duration.ofSeconds(29));
        assertThat(reported).doesNotContain("wrap-up ran out 5");
        thread.advance(Duration.ofSeconds(2));
        assertThat(reported).containsOnlyOnce("wrap-up ran out 5");

        sessions.afterCall(s);
        sessions.reserve(s, 6L, 60L, 600L);
        sessions.onCall(s);
        sessions.startWrapUp(s, EngineFixture.campaign(1, DialMode.PREDICTIVE, 30));
        sessions.afterCall(s);
        thread.advance(Duration.ofSeconds(60));
        assertThat(reported).doesNotContain("wrap-up ran out 6");
        assertThat(thread.timersPending()).isZero();
    }

    @Test
    void anEndedSessionGivesBackItsPreviewAndItsCall() {
        AgentSession s = loggedIn(1, true);
        sessions.preview(s, EngineFixture.lead(77, 1, 7));
        phones.hungUp(s.legCallId);
        assertThat(reported).contains("preview back 77");
        assertThat(s.state()).as("no call for an agent without a phone").isEqualTo(AgentState.CONNECTING);
        AgentSession t = loggedIn(2, true);
        sessions.reserve(t, 8L, 80L, 800L);
        phones.hungUp(t.legCallId);
        assertThat(reported).as("the person is not left alone in the conference").contains("gone with 8");
        thread.advance(Duration.ofMillis(AgentPhones.LEG_GRACE_MILLIS));
        assertThat(t.state()).isEqualTo(AgentState.LOGGED_OUT);
        assertThat(s.state()).isEqualTo(AgentState.LOGGED_OUT);
        assertThat(s.pauseReason).isEqualTo("the agent's phone hung up");
    }

    @Test
    void aPhoneThatHangsUpDuringTheWrapUpLeavesNoAttemptWithoutADisposition() {
        // a campaign with no wrap-up limit: only the session's end can write NO_DISPOSITION
        AgentSession s = loggedIn(1, true);
        sessions.reserve(s, 9L, 90L, 900L);
        sessions.onCall(s);
        sessions.startWrapUp(s, EngineFixture.campaign(1, DialMode.PREDICTIVE, 0));
        phones.hungUp(s.legCallId);
        assertThat(reported).as("nothing is written while the phone may still come back").doesNotContain("wrap-up ran out 9");
        thread.advance(Duration.ofMillis(AgentPhones.LEG_GRACE_MILLIS));
        assertThat(s.state()).isEqualTo(AgentState.LOGGED_OUT);
        assertThat(reported).containsOnlyOnce("wrap-up ran out 9");

        // the agent's own disposition came first: nothing more to write
        AgentSession t = loggedIn(2, true);
        sessions.reserve(t, 10L, 100L, 1000L);
        sessions.onCall(t);
        sessions.startWrapUp(t, EngineFixture.campaign(1, DialMode.PREDICTIVE, 0));
        t.disposed = true;
        phones.hungUp(t.legCallId);
        thread.advance(Duration.ofMillis(AgentPhones.LEG_GRACE_MILLIS));
        assertThat(t.state()).isEqualTo(AgentState.LOGGED_OUT);
        assertThat(reported).doesNotContain("wrap-up ran out 10");
    }

    @Test
    void aPhoneRungAgainThatDoesNotAnswerIsRungOnceMoreUntilItDoes() {
        AgentSession s = loggedIn(1, true);
        phones.resynchronized("local", Set.of());
        // Asterisk is back but not placing calls yet
        phones.outcome(s.legCallId, CallOutcome.FAILED);
        assertThat(sessions.get(1)).isSameAs(s);
        thread.advance(Duration.ofMillis(AgentPhones.RING_AGAIN_MILLIS));
        assertThat(reported.stream().filter(r -> r.equals("ring again 1"))).hasSize(2);
        phones.outcome(s.legCallId, dialer.ami.CallOutcome.ANSWERED_HUMAN);
        assertThat(s.state()).isEqualTo(AgentState.READY);
        // a phone that never answers again ends the session in the end
        phones.resynchronized("local", Set.of());
        for (int i = 0; i < AgentPhones.MAX_RINGS_AGAIN; i++) {
            phones.outcome(s.legCallId, CallOutcome.NO_ANSWER);
            thread.advance(Duration.ofMillis(AgentPhones.RING_AGAIN_MILLIS));
        }
        assertThat(s.state()).isEqualTo(AgentState.LOGGED_OUT);
    }

    @Test
    void aLogOutEndsTheSessionAsSoonAsThePhoneLegHangsUp() {
        AgentSession s = loggedIn(1, true);
        s.loggingOut = true;
        phones.hungUp(s.legCallId);
        assertThat(s.state()).isEqualTo(AgentState.LOGGED_OUT);
        assertThat(s.pauseReason).isEqualTo("logged out");
    }

    @Test
    void afterAReconnectAPhoneLegThatIsGoneIsRungAgainAndTheAgentComesBackAsTheyWere() {
        AgentSession kept = loggedIn(1, true);
        AgentSession ready = loggedIn(2, true);
        AgentSession paused = loggedIn(4, false);
        sessions.pause(4, "training");
        AgentSession connecting = sessions.open(new Agent(3, "C", "7003", Agent.SIMULATED_PHONE, "local", true), 1, true);
        String oldLeg = ready.legCallId;
        phones.resynchronized("local", Set.of("dlr-" + kept.legCallId + "-1"));
        assertThat(kept.state()).isEqualTo(AgentState.READY);
        assertThat(ready.state()).as("not offered calls until the phone is back").isEqualTo(AgentState.CONNECTING);
        assertThat(paused.state()).isEqualTo(AgentState.CONNECTING);
        assertThat(connecting.state()).as("its phone is still being rung").isEqualTo(AgentState.CONNECTING);
        assertThat(reported).contains("ring again 2", "ring again 4").doesNotContain("ring again 1", "ring again 3");
        assertThat(ready.legCallId).isNotEqualTo(oldLeg);
        assertThat(sessions.isLeg(oldLeg)).isFalse();
        phones.outcome(ready.legCallId, dialer.ami.CallOutcome.ANSWERED_HUMAN);
        phones.outcome(paused.legCallId, dialer.ami.CallOutcome.ANSWERED_HUMAN);
        assertThat(ready.state()).isEqualTo(AgentState.READY);
        assertThat(paused.state()).isEqualTo(AgentState.PAUSED);
        assertThat(paused.pauseReason).isEqualTo("training");
        assertThat(sessions.get(2)).isSameAs(ready);
    }

    @Test
    void phoneLegsHungUpByAnAsteriskThatShutsDownAreRungAgainWhenItIsBack() {
        AgentSession s = loggedIn(1, true);
        AgentSession wrapping = loggedIn(2, true);
        sessions.reserve(wrapping, 9L, 90L, 900L);
        sessions.onCall(wrapping);
        sessions.startWrapUp(wrapping, EngineFixture.campaign(1, DialMode.PREDICTIVE, 0));
        // Asterisk hangs every channel up first, then says it shuts down
        phones.hungUp(s.legCallId);
        phones.hungUp(wrapping.legCallId);
        assertThat(checked).as("asked at once whether the PBX is still there (it refuses a ping while it shuts down)")
                .containsOnly("local").isNotEmpty();
        thread.advance(Duration.ofMillis(1000));
        pbxUp = false;
        thread.advance(Duration.ofMillis(AgentPhones.LEG_GRACE_MILLIS));
        assertThat(sessions.get(1)).as("the session stays").isSameAs(s);
        assertThat(reported).doesNotContain("ring again 1");
        pbxUp = true;
        phones.resynchronized("local", Set.of());
        assertThat(s.state()).isEqualTo(AgentState.CONNECTING);
        assertThat(wrapping.state()).as("still writing the disposition").isEqualTo(AgentState.WRAP_UP);
        phones.outcome(s.legCallId, dialer.ami.CallOutcome.ANSWERED_HUMAN);
        assertThat(s.state()).isEqualTo(AgentState.READY);
        assertThat(reported).contains("ring again 1", "ring again 2");
        // the disposition comes before the phone is back: ready once it is
        sessions.afterCall(wrapping);
        assertThat(wrapping.state()).isEqualTo(AgentState.CONNECTING);
        phones.outcome(wrapping.legCallId, dialer.ami.CallOutcome.ANSWERED_HUMAN);
        assertThat(wrapping.state()).isEqualTo(AgentState.READY);
    }

    @Test
    void stateTouchedOffTheEngineThreadFails() throws Exception {
        loggedIn(1, true);
        CompletableFuture<Throwable> off = CompletableFuture.supplyAsync(() -> {
            try {
                sessions.all();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        assertThat(off.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("off the engine thread");
    }
}
