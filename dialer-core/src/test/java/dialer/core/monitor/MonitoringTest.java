package dialer.core.monitor;

import dialer.ami.CallControl;
import dialer.ami.CallEvent;
import dialer.ami.CallEventListener;
import dialer.ami.CallOutcome;
import dialer.ami.DialplanLocation;
import dialer.ami.LiveChannel;
import dialer.ami.OriginateRequest;
import dialer.core.Conflict;
import dialer.core.Forbidden;
import dialer.core.NotFound;
import dialer.core.auth.Role;
import dialer.core.auth.User;
import dialer.core.engine.AgentLeg;
import dialer.core.engine.AgentState;
import dialer.core.engine.AgentStatus;
import dialer.core.engine.Pbx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The listening-in's own rules, with a PBX that records the commands it gets and records kept in
 * memory: what is rung and where the answered leg goes, switching by redirect only once answered, one
 * supervisor per agent and one agent per supervisor, barging only on a call and back to listening when
 * it ends, the session's end when the supervisor's leg hangs up, and an audit row for each step.
 */
class MonitoringTest {

    private static final long CAMPAIGN = 5;
    private static final User JANE = new User(3, "jane", "Jane Boss", Role.SUPERVISOR, null, Set.of(CAMPAIGN), true);
    private static final User JOE = new User(4, "joe", "Joe Boss", Role.SUPERVISOR, null, Set.of(CAMPAIGN), true);
    private static final User ELSEWHERE = new User(6, "max", "Max Other", Role.SUPERVISOR, null, Set.of(99L), true);
    private static final User ADMIN = new User(1, "root", "Admin", Role.ADMIN, null, Set.of(), true);

    private Vertx vertx;
    private RecordingPbx pbx;
    private final Map<Long, AgentLeg> legs = new HashMap<>();
    private final Map<Long, String> phones = new HashMap<>(Map.of(3L, "PJSIP/2003", 4L, "PJSIP/2004", 1L, "PJSIP/2001"));
    private final List<String> audit = new CopyOnWriteArrayList<>();
    private final List<Long> changed = new CopyOnWriteArrayList<>();
    private Monitoring monitoring;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        pbx = new RecordingPbx();
        legs.put(7L, new AgentLeg(7, CAMPAIGN, "local", "dlr-a7xleg-1", "agent-107", true, true));
        legs.put(8L, new AgentLeg(8, CAMPAIGN, "local", "dlr-a8xleg-1", "agent-108", true, false));
        Monitoring.Records records = new Monitoring.Records() {
            @Override
            public Future<Monitoring.Settings> settings(long userId, long campaignId) {
                return Future.succeededFuture(new Monitoring.Settings(Optional.ofNullable(phones.get(userId)), false));
            }

            @Override
            public Future<Void> audit(String actor, String change) {
                audit.add(actor + ": " + change);
                return Future.succeededFuture();
            }
        };
        monitoring = new Monitoring(vertx, id -> Future.succeededFuture(Optional.ofNullable(legs.get(id))), records,
                List.of(new Pbx("local", pbx)), Clock.systemUTC());
        monitoring.addListener((agent, campaign) -> changed.add(agent));
    }

    @AfterEach
    void tearDown() {
        vertx.close();
    }

    private static <T> T await(Future<T> f) throws Exception {
        try {
            return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static void eventually(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen");
            }
            Thread.sleep(5);
        }
    }

    private void answer(Monitoring.Session s) throws InterruptedException {
        pbx.emit(new CallEvent.Outcome(s.callId(), CallOutcome.ANSWERED_HUMAN, 4, 0, "", Instant.now()));
        eventually("the answer heard", () -> monitoring.of(s.agentId()).map(Monitoring.Session::answered).orElse(false));
    }

    @Test
    void listeningRingsTheSupervisorsPhoneIntoChanSpyOnTheAgentsLeg() throws Exception {
        Monitoring.Session s = await(monitoring.monitor(JANE, 7, MonitorMode.LISTEN));

        assertThat(pbx.originates).hasSize(1);
        OriginateRequest ring = pbx.originates.get(0);
        assertThat(ring.dialString()).isEqualTo("PJSIP/2003");
        assertThat(ring.answeredAt()).isEqualTo(DialplanLocation.of("dialer-spy", "listen"));
        assertThat(ring.detectMachine()).isFalse();
        assertThat(ring.variables()).containsEntry("DIALER_SPY_LEG", "dlr-a7xleg-1").containsEntry("DIALER_SPY_CONF", "agent-107")
                .containsEntry("DIALER_ROLE", "supervisor");
        assertThat(ring.callId()).isEqualTo(s.callId()).startsWith("spy3x");
        assertThat(s.mode()).isEqualTo(MonitorMode.LISTEN);
        assertThat(s.answered()).isFalse();
        assertThat(s.supervisor()).isEqualTo("Jane Boss");
        assertThat(audit).containsExactly("Jane Boss (jane): started listening in to agent 7 (LISTEN) on campaign 5");
        assertThat(changed).contains(7L);
    }

    @Test
    void switchingRedirectsTheSameLegOnceItAnswered() throws Exception {
        Monitoring.Session s = await(monitoring.monitor(JANE, 7, MonitorMode.LISTEN));
        assertThatThrownBy(() -> await(monitoring.monitor(JANE, 7, MonitorMode.WHISPER))).isInstanceOf(Conflict.class)
                .hasMessageContaining("not answered");
        answer(s);

        assertThat(await(monitoring.monitor(JANE, 7, MonitorMode.WHISPER)).mode()).isEqualTo(MonitorMode.WHISPER);
        assertThat(await(monitoring.monitor(JANE, 7, MonitorMode.BARGE)).mode()).isEqualTo(MonitorMode.BARGE);
        assertThat(await(monitoring.monitor(JANE, 7, MonitorMode.BARGE)).mode()).as("the same mode: nothing to do").isEqualTo(MonitorMode.BARGE);

        assertThat(pbx.redirects).containsExactly("dlr-" + s.callId() + "-1 -> dialer-spy/whisper",
                "dlr-" + s.callId() + "-1 -> dialer-spy/barge");
        assertThat(pbx.originates).as("one call all along").hasSize(1);
        assertThat(audit).containsSubsequence("Jane Boss (jane): switched listening in to agent 7 from LISTEN to WHISPER",
                "Jane Boss (jane): switched listening in to agent 7 from WHISPER to BARGE");
    }

    @Test
    void oneSupervisorPerAgentAndOnlyOfTheAgentsCampaign() throws Exception {
        await(monitoring.monitor(JANE, 7, MonitorMode.LISTEN));
        assertThatThrownBy(() -> await(monitoring.monitor(JOE, 7, MonitorMode.LISTEN))).isInstanceOf(Conflict.class)
                .hasMessageContaining("Jane Boss");
        assertThatThrownBy(() -> await(monitoring.monitor(ELSEWHERE, 8, MonitorMode.LISTEN))).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> await(monitoring.monitor(JANE, 9, MonitorMode.LISTEN))).isInstanceOf(Conflict.class)
                .hasMessageContaining("not logged in");
        assertThatThrownBy(() -> await(monitoring.stop(JOE, 7))).isInstanceOf(Forbidden.class);
        assertThat(pbx.originates).hasSize(1);
    }

    @Test
    void bargingNeedsACallAndEndsWithIt() throws Exception {
        assertThatThrownBy(() -> await(monitoring.monitor(JANE, 8, MonitorMode.BARGE))).isInstanceOf(Conflict.class)
                .hasMessageContaining("not on one");
        assertThat(pbx.originates).isEmpty();

        Monitoring.Session s = await(monitoring.monitor(JANE, 7, MonitorMode.BARGE));
        assertThat(pbx.originates.get(0).answeredAt()).isEqualTo(DialplanLocation.of("dialer-spy", "barge"));
        answer(s);
        monitoring.agentChanged(status(7, AgentState.WRAP_UP));
        eventually("back to listening", () -> monitoring.of(7).map(m -> m.mode() == MonitorMode.LISTEN).orElse(false));
        eventually("audited", () -> audit.stream().anyMatch(a -> a.contains("the call ended, BARGE went back to LISTEN")));
        assertThat(pbx.redirects).as("the dialplan does it").isEmpty();
    }

    @Test
    void aSupervisorWithoutAPhoneIsToldAndNothingIsRungNorAudited() {
        phones.remove(3L);
        assertThatThrownBy(() -> await(monitoring.monitor(JANE, 7, MonitorMode.LISTEN))).isInstanceOf(Conflict.class)
                .hasMessageContaining("no phone is set");
        assertThat(pbx.originates).isEmpty();
        assertThat(audit).isEmpty();
        assertThat(monitoring.of(7)).isEmpty();
    }

    @Test
    void stoppingHangsTheLegUpAndTheSupervisorsHangUpEndsTheSession() throws Exception {
        Monitoring.Session s = await(monitoring.monitor(JANE, 7, MonitorMode.LISTEN));
        answer(s);
        await(monitoring.stop(JANE, 7));
        assertThat(pbx.hangups).containsExactly("dlr-" + s.callId() + "-1");
        assertThat(monitoring.of(7)).isEmpty();
        assertThat(audit).contains("Jane Boss (jane): stopped listening in to agent 7 (LISTEN)");
        assertThatThrownBy(() -> await(monitoring.stop(JANE, 7))).isInstanceOf(NotFound.class);

        Monitoring.Session again = await(monitoring.monitor(JANE, 7, MonitorMode.WHISPER));
        answer(again);
        pbx.emit(new CallEvent.HungUp(again.callId(), "dlr-" + again.callId() + "-1", 16, Instant.now()));
        eventually("the session over", () -> monitoring.of(7).isEmpty());
        eventually("audited", () -> audit.stream().anyMatch(a -> a.contains("listening in to agent 7 (WHISPER) ended")));
        assertThat(pbx.hangups).as("it hung up by itself").hasSize(1);
    }

    @Test
    void listeningToAnotherAgentHangsTheFirstLegUp() throws Exception {
        Monitoring.Session first = await(monitoring.monitor(JANE, 7, MonitorMode.LISTEN));
        await(monitoring.monitor(JANE, 8, MonitorMode.LISTEN));
        assertThat(pbx.hangups).containsExactly("dlr-" + first.callId() + "-1");
        assertThat(monitoring.of(7)).isEmpty();
        assertThat(monitoring.of(8)).isPresent();
        assertThat(audit).contains("Jane Boss (jane): stopped listening in to agent 7 (to listen in to agent 8)");
    }

    @Test
    void anAdministratorMayStopAnyonesAndTheServersStopEndsThemAll() throws Exception {
        Monitoring.Session jane = await(monitoring.monitor(JANE, 7, MonitorMode.LISTEN));
        Monitoring.Session joe = await(monitoring.monitor(JOE, 8, MonitorMode.LISTEN));
        await(monitoring.stop(ADMIN, 7));
        assertThat(audit).contains("Admin (root): stopped listening in to agent 7 (LISTEN)");
        await(monitoring.stopAll("the dialer stopped"));
        assertThat(pbx.hangups).containsExactly("dlr-" + jane.callId() + "-1", "dlr-" + joe.callId() + "-1");
        assertThat(audit).contains("Joe Boss (joe): listening in to agent 8 (LISTEN) ended: the dialer stopped");
    }

    private static AgentStatus status(long agentId, AgentState state) {
        return new AgentStatus(agentId, "Ann", "107", "local", true, CAMPAIGN, state, Instant.now(), null, null, null, null, null,
                null, false, false, false, false);
    }

    /** A PBX that accepts every command and records it; events are sent by the test. */
    private static final class RecordingPbx implements CallControl {
        final List<OriginateRequest> originates = new CopyOnWriteArrayList<>();
        final List<String> redirects = new CopyOnWriteArrayList<>();
        final List<String> hangups = new CopyOnWriteArrayList<>();
        private final List<CallEventListener> listeners = new ArrayList<>();

        void emit(CallEvent event) {
            listeners.forEach(l -> l.onEvent(event));
        }

        @Override
        public void start() {
        }

        @Override
        public CompletableFuture<Void> whenConnected(Duration timeout) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public CompletableFuture<Void> originate(OriginateRequest request) {
            originates.add(request);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void adopt(String callId, Instant placedAt, boolean detectMachine, boolean classified, boolean joined) {
        }

        @Override
        public CompletableFuture<Void> redirect(String channelId, DialplanLocation target) {
            redirects.add(channelId + " -> " + target.context() + "/" + target.exten());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> redirect(String channelId, DialplanLocation target, String extraChannelId,
                                                DialplanLocation extraTarget) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> hangup(String channelId, int cause) {
            hangups.add(channelId);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> ping() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<List<LiveChannel>> liveChannels() {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public void addListener(CallEventListener listener) {
            listeners.add(listener);
        }

        @Override
        public void close() {
        }
    }
}
