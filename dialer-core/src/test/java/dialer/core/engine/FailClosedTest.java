package dialer.core.engine;

import dialer.ami.CallOutcome;
import dialer.core.call.DispositionRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine while the database cannot take writes: nothing is dialed that cannot be recorded,
 * writes of calls already in flight wait and land in order, and dialing resumes by itself.
 */
class FailClosedTest {

    private final EngineFixture f = new EngineFixture();

    @Test
    void noCallIsPlacedWhileAttemptsCannotBeWrittenAndNothingIsLost() {
        f.running(1, 40, 0, 1, 2);
        String call = f.nextCall();
        long attempt = EngineFixture.attemptOf(call);
        f.nextCall();
        int placedBefore = f.pbx.calleeCalls().size();

        f.db.down = true;
        f.person(call);
        long agentId = f.call(call).agentId;
        f.joined(call, agentId);
        assertThat(f.heard).contains("recording failing");
        for (int i = 0; i < 40; i++) {
            f.tick();
        }
        f.hungUp(call);
        assertThat(f.pbx.calleeCalls()).as("nothing originated while the database was down").hasSize(placedBefore);
        assertThat(f.await(f.engine.campaignLive(1)).pacing()).contains("cannot be recorded");

        f.db.down = false;
        f.advance(Duration.ofSeconds(6));
        assertThat(f.heard).contains("recording healthy");
        assertThat(f.db.writesOf(attempt)).as("every write of the call, in order, once the database is back")
                .containsExactly("opened", "dialed", "answered ANSWERED_HUMAN", "connected to agent " + agentId, "ended");
        f.await(f.engine.disposition(attempt, new DispositionRequest(agentId, "PTP", null, null, null)));
        f.tick();
        assertThat(f.pbx.calleeCalls().size()).as("dialing resumed by itself").isGreaterThan(placedBefore);
    }

    @Test
    void aDecisionHeldUpByASlowDatabaseIsNotDialedLate() {
        f.running(1, 40, 0, 1);
        f.tick();
        f.tick();
        int placed = f.pbx.calleeCalls().size();
        f.db.stall = true;
        // the agent frees up: the pacer decides to dial, the database does not answer
        String call = f.pbx.calleeCalls().get(0);
        f.outcome(call, CallOutcome.BUSY);
        f.tick();
        f.advance(Duration.ofSeconds(3));
        assertThat(f.await(f.engine.campaignLive(1)).pacing()).contains("cannot be recorded");
        f.db.unstall();
        f.advance(Duration.ofMillis(10));
        assertThat(f.db.attempts).as("the held decision wrote nothing").hasSize(placed);
        assertThat(f.pbx.calleeCalls()).hasSize(placed);
        // the next tick decides afresh, with the same lead, and dials it
        f.advance(Duration.ofSeconds(1));
        assertThat(f.pbx.calleeCalls().size()).isGreaterThan(placed);
    }

    @Test
    void aReservationTheGuardNoLongerLetsBeMarkedDialedIsNotDialed() {
        f.running(1, 40, 0, 1);
        f.db.refuseDialMarks = true;
        f.tick();
        f.advance(Duration.ofMillis(10));
        assertThat(f.db.attempts).as("the attempt was opened with its reservation").isNotEmpty();
        assertThat(f.pbx.calleeCalls()).as("nothing originated without the guard's dial mark").isEmpty();
        long attempt = f.db.attempts.keySet().iterator().next();
        assertThat(f.db.writesOf(attempt)).containsExactly("opened", "not dialed");
        assertThat(f.db.reservationsOpen).as("the reservation was given back").isEmpty();
        assertThat(f.status(1).state()).as("the agent reserved for it is free again").isEqualTo(AgentState.READY);
        f.db.refuseDialMarks = false;
        f.advance(Duration.ofSeconds(1));
        assertThat(f.pbx.calleeCalls()).as("the lead is dialed afresh with a new reservation").isNotEmpty();
    }

    @Test
    void anAgentsDispositionGivenWhileTheDatabaseIsDownIsKeptAndWrittenWhenItIsBack() {
        f.running(1, 10, 0, 1);
        String call = f.conversationWith(1);
        long attempt = EngineFixture.attemptOf(call);
        f.hungUp(call);
        f.advance(Duration.ofSeconds(1));
        f.db.down = true;
        DispositionAnswer answer = f.await(f.engine.disposition(attempt, new DispositionRequest(1, "PTP", null, null, null)));
        assertThat(answer).isInstanceOf(DispositionAnswer.Kept.class);
        assertThat(f.status(1).state()).as("the agent is told and moves on").isEqualTo(AgentState.READY);
        Throwable twice = f.thread.failure(f.engine.disposition(attempt, new DispositionRequest(1, "RPC", null, null, null)));
        assertThat(twice).isInstanceOf(dialer.core.Conflict.class);
        f.advance(Duration.ofSeconds(20));
        assertThat(f.db.dispositions).doesNotContainKey(attempt);
        f.db.down = false;
        f.advance(Duration.ofSeconds(6));
        assertThat(f.db.dispositions.get(attempt)).isEqualTo("PTP");
        assertThat(f.heard).contains("disposition " + attempt + " PTP");
    }

    @Test
    void aDispositionKeptAfterTheWrapUpRanOutDuringAnOutageWinsOverNoDisposition() {
        f.running(1, 10, 30, 1);
        String call = f.conversationWith(1);
        long attempt = EngineFixture.attemptOf(call);
        f.hungUp(call);
        f.advance(Duration.ofSeconds(1));
        f.db.down = true;
        f.advance(Duration.ofSeconds(31));
        assertThat(f.status(1).state()).as("NO_DISPOSITION is not written yet").isEqualTo(AgentState.WRAP_UP);
        DispositionAnswer answer = f.await(f.engine.disposition(attempt, new DispositionRequest(1, "PTP", null, null, null)));
        assertThat(answer).isInstanceOf(DispositionAnswer.Kept.class);
        f.db.down = false;
        f.advance(Duration.ofSeconds(10));
        assertThat(f.db.dispositions.get(attempt)).isEqualTo("PTP");
        assertThat(f.heard).doesNotContain("disposition " + attempt + " NO_DISPOSITION");
        assertThat(f.status(1).state()).isEqualTo(AgentState.READY);
    }

    @Test
    void anAgentsDispositionNeverOvertakesTheWritesOfTheirCall() {
        f.running(1, 10, 0, 1);
        String call = f.nextCall();
        long attempt = EngineFixture.attemptOf(call);
        f.db.down = true;
        f.person(call);
        f.joined(call, 1);
        // the connection is not written yet: the disposition is kept behind it, nothing is written out of order
        DispositionAnswer answer = f.await(f.engine.disposition(attempt, new DispositionRequest(1, "PTP", null, null, null)));
        assertThat(answer).isInstanceOf(DispositionAnswer.Kept.class);
        f.advance(Duration.ofMillis(2600));
        f.db.down = false;
        f.advance(Duration.ofSeconds(6));
        assertThat(f.db.writesOf(attempt)).containsExactly("opened", "dialed", "answered ANSWERED_HUMAN", "connected to agent 1",
                "disposition PTP");
    }

    @Test
    void withTheDatabaseUpAnAgentsDispositionWaitsForTheWritesOfTheirCall() {
        f.running(1, 10, 0, 1);
        String call = f.nextCall();
        long attempt = EngineFixture.attemptOf(call);
        f.db.down = true;
        f.person(call);
        f.joined(call, 1);
        f.advance(Duration.ofMillis(2600));
        f.db.down = false;
        // a probe finds the database back; the call's writes wait for their next retry
        f.advance(Duration.ofMillis(600));
        assertThat(f.heard).endsWith("recording healthy");
        assertThat(f.db.writesOf(attempt)).doesNotContain("connected to agent 1");
        var saved = f.engine.disposition(attempt, new DispositionRequest(1, "PTP", null, null, null));
        f.thread.drain();
        assertThat(saved.isComplete()).as("the disposition waits for the call's own writes").isFalse();
        f.advance(Duration.ofSeconds(6));
        assertThat(saved.result()).isInstanceOf(DispositionAnswer.Written.class);
        assertThat(f.db.writesOf(attempt)).containsExactly("opened", "dialed", "answered ANSWERED_HUMAN", "connected to agent 1",
                "disposition PTP");
    }
}
