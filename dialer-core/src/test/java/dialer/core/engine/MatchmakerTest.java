package dialer.core.engine;

import dialer.core.agent.Agent;
import dialer.core.call.PlacedCall;
import dialer.core.call.QueuedLead;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.DialMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Who takes a detected person: the reserved agent, else the longest ready, else the person waits. */
class MatchmakerTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-01T19:00:00Z"));
    private final ManualEngineThread thread = new ManualEngineThread(clock);
    private final FakeCallControl pbx = new FakeCallControl();
    private final AgentSessions agents = new AgentSessions(thread, clock, new EngineEvents(thread));
    private final AgentPhones phones = new AgentPhones(thread, agents, pbx -> true, pbx -> { });
    private final PbxLinks links = new PbxLinks(thread, List.of(new Pbx("local", pbx)), java.time.Clock.systemUTC());
    private final Matchmaker matchmaker = new Matchmaker(thread, agents, links);
    private final Campaign campaign = EngineFixture.campaign(1, DialMode.PREDICTIVE, 0);
    private long nextAttempt = 1;

    MatchmakerTest() {
        agents.reactTo(new AgentSessions.Reactions() {
            @Override
            public void agentFree(AgentSession s) {
                matchmaker.offer(s);
            }

            @Override
            public void previewReturned(AgentSession s, QueuedLead lead) {
            }

            @Override
            public void agentGone(AgentSession s, long attemptId) {
            }

            @Override
            public void wrapUpRanOut(AgentSession s, long attemptId) {
            }

            @Override
            public void ringAgain(AgentSession s) {
            }

            @Override
            public void logOut(AgentSession s) {
            }
        });
    }

    private AgentSession ready(long id, long campaignId) {
        AgentSession s = agents.open(new Agent(id, "A" + id, String.valueOf(7000 + id), Agent.SIMULATED_PHONE, "local", true),
                campaignId, true);
        phones.outcome(s.legCallId, dialer.ami.CallOutcome.ANSWERED_HUMAN);
        clock.advance(Duration.ofSeconds(1));
        return s;
    }

    private LiveCall person(Long reservedFor) {
        long attempt = nextAttempt++;
        PlacedCall placed = new PlacedCall(attempt, 1, attempt, attempt, attempt, "+12125550100", "MOBILE", "D", attempt, "AUTOMATIC");
        LiveCall call = new LiveCall(placed, campaign, "local", clock.instant(), true);
        call.reservedAgentId = reservedFor;
        call.moveTo(CallPhase.WAITING_FOR_AGENT);
        call.detectedAt = clock.instant();
        return call;
    }

    /** A debtor's call to us, for {@code preferred} first (their callback's owner), or for anyone. */
    private LiveCall caller(Long preferred, boolean debtorKnown) {
        long attempt = nextAttempt++;
        PlacedCall placed = new PlacedCall(attempt, 1, 0, debtorKnown ? 40 + attempt : 0, debtorKnown ? 50 + attempt : 0,
                "+12125550100", null, null, 0, "INBOUND");
        LiveCall call = LiveCall.inbound(placed, campaign, "local", clock.instant(), 60_000);
        call.preferredAgentId = preferred;
        call.moveTo(CallPhase.WAITING_FOR_AGENT);
        call.detectedAt = clock.instant();
        return call;
    }

    @Test
    void aCallerGoesToTheOwnerOfTheirCallbackWhenReadyNotToTheAgentReadyLongest() {
        ready(1, 1);
        AgentSession owner = ready(2, 1);
        LiveCall call = caller(2L, true);
        matchmaker.connectOrQueue(call);
        assertThat(call.agentId).isEqualTo(2L);
        assertThat(owner.state()).isEqualTo(AgentState.RESERVED);
        assertThat(owner.inbound).isTrue();
        assertThat(owner.debtorId).isEqualTo(call.debtorId());
        // the owner busy: the agent ready longest takes the next caller for them
        LiveCall next = caller(2L, true);
        matchmaker.connectOrQueue(next);
        assertThat(next.agentId).isEqualTo(1L);
    }

    @Test
    void aCallerWhoseNumberMatchedNoSingleDebtorReachesTheAgentWithNoDebtorOnScreen() {
        AgentSession agent = ready(1, 1);
        LiveCall call = caller(null, false);
        matchmaker.connectOrQueue(call);
        assertThat(call.agentId).isEqualTo(1L);
        assertThat(agent.debtorId).isNull();
        assertThat(agent.status().inbound()).isTrue();
    }

    @Test
    void aFreedAgentTakesAWaitingCallerBeforeAPersonWeCalled() {
        AgentSession busy = ready(1, 1);
        agents.reserve(busy, 99L, 1L, 1L);
        LiveCall person = person(null);
        matchmaker.connectOrQueue(person);
        clock.advance(Duration.ofMillis(500));
        LiveCall waitingCaller = caller(null, true);
        matchmaker.connectOrQueue(waitingCaller);
        assertThat(matchmaker.waitingCount()).isEqualTo(2);
        // the blended pacer counts callers as demand before any outbound answer: the order its sums assume
        agents.release(busy, 99L);
        assertThat(waitingCaller.agentId).isEqualTo(1L);
        assertThat(person.agentId).isNull();
        assertThat(busy.inbound).isTrue();
    }

    @Test
    void aFreedAgentTakesTheCallerWaitingForThemByNameBeforeOneWaitingLonger() {
        AgentSession owner = ready(1, 1);
        agents.reserve(owner, 99L, 1L, 1L);
        LiveCall anyone = caller(null, true);
        matchmaker.connectOrQueue(anyone);
        LiveCall theirs = caller(1L, true);
        matchmaker.connectOrQueue(theirs);
        agents.release(owner, 99L);
        assertThat(theirs.agentId).isEqualTo(1L);
        assertThat(anyone.agentId).isNull();
    }

    @Test
    void theAgentReadyLongestTakesThePerson() {
        AgentSession first = ready(1, 1);
        AgentSession second = ready(2, 1);
        LiveCall call = person(null);
        matchmaker.connectOrQueue(call);
        thread.drain();
        assertThat(call.agentId).isEqualTo(1L);
        assertThat(call.phase()).isEqualTo(CallPhase.CONNECTING);
        assertThat(first.state()).isEqualTo(AgentState.RESERVED);
        assertThat(second.state()).isEqualTo(AgentState.READY);
        // the person and the agent's idle leg, in one redirect, into the agent's conference
        assertThat(pbx.redirects).containsExactly(new FakeCallControl.Redirect("dlr-c1-1",
                dialer.ami.DialplanLocation.of("dialer-agent", "7001"), "dlr-" + first.legCallId + "-1",
                dialer.ami.DialplanLocation.of("dialer-agent-talk", "7001")));
    }

    @Test
    void aPersonIsNeverSentToAnAgentWhoseLegTheServersStopHungUp() {
        AgentSession gone = ready(1, 1);
        AgentSession other = ready(2, 1);
        phones.stopping();
        agents.reserve(other, 99L, 1L, 1L);
        phones.hungUp(gone.legCallId);
        LiveCall call = person(null);
        matchmaker.connectOrQueue(call);
        thread.drain();
        // the session stays READY as recorded for the next start, but nobody is moved to a leg that is gone
        assertThat(gone.state()).isEqualTo(AgentState.READY);
        assertThat(call.phase()).isEqualTo(CallPhase.WAITING_FOR_AGENT);
        assertThat(pbx.redirects).isEmpty();
        assertThat(matchmaker.offer(gone)).isFalse();
        assertThat(matchmaker.waitingCount()).isEqualTo(1);
    }

    @Test
    void aCallPlacedForAnAgentGoesToThatAgentOnly() {
        ready(1, 1);
        AgentSession owner = ready(2, 1);
        LiveCall call = person(2L);
        agents.reserve(owner, call.attemptId(), 1L, 1L);
        matchmaker.connectOrQueue(call);
        assertThat(call.agentId).isEqualTo(2L);
    }

    @Test
    void aPersonWaitsForAnAgentOfTheirCampaignAndPbx() {
        LiveCall call = person(null);
        matchmaker.connectOrQueue(call);
        assertThat(matchmaker.waitingCount()).isEqualTo(1);
        AgentSession elsewhere = ready(5, 2);
        assertThat(matchmaker.offer(elsewhere)).isFalse();
        AgentSession agent = ready(6, 1);
        assertThat(call.agentId).isEqualTo(6L);
        assertThat(agent.state()).isEqualTo(AgentState.RESERVED);
        assertThat(matchmaker.waitingCount()).isZero();
    }

    @Test
    void peopleAreServedFirstComeFirstServed() {
        LiveCall first = person(null);
        LiveCall second = person(null);
        matchmaker.connectOrQueue(first);
        matchmaker.connectOrQueue(second);
        ready(1, 1);
        assertThat(first.agentId).isEqualTo(1L);
        assertThat(second.phase()).isEqualTo(CallPhase.WAITING_FOR_AGENT);
    }

    @Test
    void aPersonWhoLeftIsNoLongerOffered() {
        LiveCall call = person(null);
        matchmaker.connectOrQueue(call);
        matchmaker.remove(call);
        AgentSession agent = ready(1, 1);
        assertThat(agent.state()).isEqualTo(AgentState.READY);
        assertThat(pbx.redirects).isEmpty();
    }
}
