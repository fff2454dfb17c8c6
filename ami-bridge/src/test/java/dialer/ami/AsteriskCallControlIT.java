package dialer.ami;

import dialer.ami.asterisk.AmiSettings;
import dialer.ami.asterisk.AsteriskCallControl;
import dialer.ami.testing.AsteriskForTests;
import dialer.ami.testing.EventRecorder;
import dialer.ami.testing.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bridge against a real Asterisk running docker/asterisk/etc, callees from [sim-carrier]. */
class AsteriskCallControlIT {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100);
    private static final DialplanLocation ANSWERED = DialplanLocation.of("dialer-answered", "s");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<AsteriskCallControl> opened = new ArrayList<>();
    private final List<TcpProxy> proxies = new ArrayList<>();

    @AfterEach
    void closeEverything() {
        opened.forEach(AsteriskCallControl::close);
        proxies.forEach(TcpProxy::close);
    }

    private AsteriskCallControl bridge(AmiSettings settings, EventRecorder recorder) {
        AsteriskCallControl bridge = new AsteriskCallControl(settings);
        opened.add(bridge);
        bridge.addListener(recorder);
        bridge.start();
        bridge.whenConnected(Duration.ofSeconds(20)).join();
        return bridge;
    }

    private static String newCallId() {
        return "it" + SEQUENCE.incrementAndGet();
    }

    private static OriginateRequest callee(String callId, String outcome, int talkSeconds, Duration ringTimeout) {
        return new OriginateRequest(callId, "Local/15550100" + callId.substring(callId.length() - 2) + "@sim-carrier",
                ANSWERED, ringTimeout, "\"Collections\" <18005550100>", true,
                Map.of("SIM_OUTCOME", outcome, "SIM_RING", "1", "SIM_TALK", String.valueOf(talkSeconds)));
    }

    private static OriginateRequest agentPhone(String callId, String agentNumber) {
        return new OriginateRequest(callId, "Local/" + agentNumber + "@sim-agent-phone",
                DialplanLocation.of("dialer-agent", agentNumber), Duration.ofSeconds(10), null, false,
                Map.of("DIALER_ROLE", "agent"));
    }

    @Test
    void everySimulatedCalleeEndsWithItsOutcomeAndMachineDetectionTellsPersonFromMachine() {
        EventRecorder events = new EventRecorder();
        CallControl bridge = bridge(AsteriskForTests.ami(), events);
        Map<String, CallOutcome> expected = new LinkedHashMap<>();
        Map<String, String> behaviours = Map.of(
                "human", "ANSWERED_HUMAN", "machine", "ANSWERED_MACHINE", "busy", "BUSY",
                "congestion", "CONGESTION", "noanswer", "NO_ANSWER", "unallocated", "INVALID_NUMBER");
        for (var b : behaviours.entrySet()) {
            String id = newCallId();
            expected.put(id, CallOutcome.valueOf(b.getValue()));
            // the person stays long enough to hear the whole safe-harbor message
            bridge.originate(callee(id, b.getKey(), b.getKey().equals("human") ? 15 : 2, Duration.ofSeconds(4))).join();
        }
        for (var e : expected.entrySet()) {
            CallEvent.Outcome outcome = events.await(CallEvent.Outcome.class, o -> o.callId().equals(e.getKey()), WAIT);
            assertThat(outcome.outcome()).as("outcome of %s (%s)", e.getKey(), outcome).isEqualTo(e.getValue());
        }
        String human = expected.entrySet().stream().filter(e -> e.getValue() == CallOutcome.ANSWERED_HUMAN)
                .findFirst().orElseThrow().getKey();
        CallEvent.Outcome classified = events.await(CallEvent.Outcome.class, o -> o.callId().equals(human), WAIT);
        assertThat(classified.detail()).contains("AMD HUMAN");
        // nobody redirected the person: the dialplan abandons with the safe-harbor message
        events.await(CallEvent.WaitingForAgent.class, w -> w.callId().equals(human), WAIT);
        events.await(CallEvent.Abandoned.class, a -> a.callId().equals(human), WAIT);
        CallEvent.SafeHarborPlayed message = events.await(CallEvent.SafeHarborPlayed.class, s -> s.callId().equals(human), WAIT);
        assertThat(message.played()).as(message.toString()).isTrue();
        events.await(CallEvent.HungUp.class, h -> h.callId().equals(human), WAIT);
    }

    @Test
    void anAnsweredPersonAndTheIdleAgentsLegMeetInOneRedirectAndTheLegWaitsOutsideAnyBridgeBeforeAndAfter() {
        EventRecorder events = new EventRecorder();
        CallControl bridge = bridge(AsteriskForTests.ami(), events);
        String agentCall = newCallId();
        String agentNumber = "7" + agentCall.substring(agentCall.length() - 3);
        bridge.originate(agentPhone(agentCall, agentNumber)).join();
        events.await(CallEvent.Outcome.class, o -> o.callId().equals(agentCall) && o.outcome() == CallOutcome.ANSWERED_HUMAN, WAIT);
        // idle: the leg waits in the dialplan, in no conference (a conference per idle agent costs a core's percent)
        assertThat(waitsIdle(agentCall)).as("the idle leg waits outside any bridge").isTrue();
        assertThat(AsteriskForTests.cli("confbridge list")).doesNotContain("agent-" + agentNumber);

        String personCall = newCallId();
        bridge.originate(callee(personCall, "human", 30, Duration.ofSeconds(10))).join();
        CallEvent.WaitingForAgent waiting = events.await(CallEvent.WaitingForAgent.class,
                w -> w.callId().equals(personCall), WAIT);
        bridge.redirect(CallIds.channelId(personCall), DialplanLocation.of("dialer-agent", agentNumber),
                CallIds.channelId(agentCall), DialplanLocation.of("dialer-agent-talk", agentNumber)).join();
        CallEvent.JoinedConference joined = events.await(CallEvent.JoinedConference.class,
                j -> personCall.equals(j.callId()), WAIT);
        CallEvent.JoinedConference agentJoined = events.await(CallEvent.JoinedConference.class,
                j -> agentCall.equals(j.callId()), WAIT);
        assertThat(joined.conference()).isEqualTo("agent-" + agentNumber);
        assertThat(agentJoined.conference()).isEqualTo("agent-" + agentNumber);
        assertThat(Duration.between(waiting.at(), joined.at())).isLessThan(Duration.ofSeconds(1));
        assertThat(AsteriskForTests.cli("confbridge list").lines().filter(l -> l.startsWith("agent-" + agentNumber + " ")))
                .as("the call's conference: the person and the agent, the person marked")
                .singleElement().satisfies(l -> assertThat(l.trim().split("\\s+")).startsWith("agent-" + agentNumber, "2", "1"));

        bridge.hangup(CallIds.channelId(personCall), 16).join();
        events.await(CallEvent.HungUp.class, h -> h.callId().equals(personCall), WAIT);
        // the leg leaves with the person (end_marked) and waits again; the conference is gone
        events.await(CallEvent.LeftConference.class, l -> agentCall.equals(l.callId()), WAIT);
        assertThat(bridge.liveChannels().join()).anyMatch(c -> c.channelId().equals(CallIds.channelId(agentCall)));
        assertThat(waitsIdle(agentCall)).as("the leg waits again after the call").isTrue();
        assertThat(AsteriskForTests.cli("confbridge list")).doesNotContain("agent-" + agentNumber);
        assertThat(events.ofType(CallEvent.Abandoned.class)).noneMatch(a -> a.callId().equals(personCall));

        bridge.hangup(CallIds.channelId(agentCall), 16).join();
        events.await(CallEvent.HungUp.class, h -> h.callId().equals(agentCall), WAIT);
    }

    @Test
    void anAgentsLegToldToEndAfterItsCallHangsUpWithThePersonAndOneToldOtherwiseWaitsAgain() {
        EventRecorder events = new EventRecorder();
        CallControl bridge = bridge(AsteriskForTests.ami(), events);
        String kept = newCallId();
        String ending = newCallId();
        String keptNumber = "7" + kept.substring(kept.length() - 3);
        String endingNumber = "7" + ending.substring(ending.length() - 3);
        bridge.originate(agentPhone(kept, keptNumber)).join();
        bridge.originate(agentPhone(ending, endingNumber)).join();
        for (String leg : List.of(kept, ending)) {
            events.await(CallEvent.Outcome.class, o -> o.callId().equals(leg) && o.outcome() == CallOutcome.ANSWERED_HUMAN, WAIT);
        }
        Map<String, String> personOf = new LinkedHashMap<>();
        for (String leg : List.of(kept, ending)) {
            String person = newCallId();
            personOf.put(leg, person);
            bridge.originate(callee(person, "human", 30, Duration.ofSeconds(10))).join();
            events.await(CallEvent.WaitingForAgent.class, w -> w.callId().equals(person), WAIT);
            String number = leg.equals(kept) ? keptNumber : endingNumber;
            bridge.redirect(CallIds.channelId(person), DialplanLocation.of("dialer-agent", number),
                    CallIds.channelId(leg), DialplanLocation.of("dialer-agent-talk", number)).join();
            events.await(CallEvent.JoinedConference.class, j -> leg.equals(j.callId()), WAIT);
        }
        // a stopping server tells both legs to end after their call; a next start withdraws it for one
        bridge.setVariable(CallIds.channelId(kept), "DIALER_LEG_AFTER_CALL", "hangup").join();
        bridge.setVariable(CallIds.channelId(ending), "DIALER_LEG_AFTER_CALL", "hangup").join();
        bridge.setVariable(CallIds.channelId(kept), "DIALER_LEG_AFTER_CALL", "").join();
        for (String person : personOf.values()) {
            bridge.hangup(CallIds.channelId(person), 16).join();
        }
        events.await(CallEvent.HungUp.class, h -> h.callId().equals(ending), WAIT);
        events.await(CallEvent.LeftConference.class, l -> kept.equals(l.callId()), WAIT);
        assertThat(waitsIdle(kept)).as("the leg taken back waits for its next call").isTrue();
        assertThat(events.ofType(CallEvent.HungUp.class)).noneMatch(h -> h.callId().equals(kept));

        bridge.hangup(CallIds.channelId(kept), 16).join();
        events.await(CallEvent.HungUp.class, h -> h.callId().equals(kept), WAIT);
    }

    @Test
    void callsRingingWhenTheirSessionDiedAreHeardToTheirEndByTheSessionThatAdoptsThem() throws Exception {
        // a dialer killed while its calls ring: its AMI session goes, the calls go on in Asterisk; one
        // person answers before the new session logs in (its originate response is lost, its verdict is heard)
        EventRecorder first = new EventRecorder();
        AsteriskCallControl dying = bridge(AsteriskForTests.ami(), first);
        String early = newCallId();
        String person = newCallId();
        String busy = newCallId();
        String noAnswer = newCallId();
        java.time.Instant placedAt = java.time.Instant.now();
        dying.originate(ringingCallee(early, "human", 1, Duration.ofSeconds(12))).join();
        dying.originate(ringingCallee(person, "human", 6, Duration.ofSeconds(12))).join();
        dying.originate(ringingCallee(busy, "busy", 6, Duration.ofSeconds(12))).join();
        dying.originate(ringingCallee(noAnswer, "noanswer", 0, Duration.ofSeconds(7))).join();
        first.await(CallEvent.Answered.class, a -> a.callId().equals(early), WAIT);
        dying.close();

        // the restarted dialer follows them again before it listens (as the engine's Readoption does)
        EventRecorder events = new EventRecorder();
        AsteriskCallControl adopting = new AsteriskCallControl(AsteriskForTests.ami());
        opened.add(adopting);
        adopting.addListener(events);
        List<String> calls = List.of(early, person, busy, noAnswer);
        for (String callId : calls) {
            adopting.adopt(callId, placedAt, true, false, false);
        }
        adopting.start();
        adopting.whenConnected(Duration.ofSeconds(20)).join();

        for (String answeredPerson : List.of(early, person)) {
            CallEvent.Outcome outcome = events.await(CallEvent.Outcome.class, o -> o.callId().equals(answeredPerson), WAIT);
            assertThat(outcome.outcome()).as(outcome.toString()).isEqualTo(CallOutcome.ANSWERED_HUMAN);
            assertThat(outcome.detail()).contains("AMD HUMAN");
            events.await(CallEvent.WaitingForAgent.class, w -> w.callId().equals(answeredPerson), WAIT);
            adopting.hangup(CallIds.channelId(answeredPerson), 16).join();
            // the end of the conversation is heard: nothing is left open for ever
            events.await(CallEvent.HungUp.class, h -> h.callId().equals(answeredPerson), WAIT);
        }
        CallEvent.Answered answered = events.await(CallEvent.Answered.class, a -> a.callId().equals(person), WAIT);
        assertThat(answered.at()).isBefore(events.await(CallEvent.Outcome.class, o -> o.callId().equals(person), WAIT).at());
        CallEvent.Outcome busyOutcome = events.await(CallEvent.Outcome.class, o -> o.callId().equals(busy), WAIT);
        assertThat(busyOutcome.outcome()).as(busyOutcome.toString()).isEqualTo(CallOutcome.BUSY);
        CallEvent.Outcome noAnswerOutcome = events.await(CallEvent.Outcome.class, o -> o.callId().equals(noAnswer), WAIT);
        assertThat(noAnswerOutcome.outcome()).as(noAnswerOutcome.toString()).isEqualTo(CallOutcome.NO_ANSWER);
        // told once each, though both the channel's state and the originate's response (sent to every session) tell it
        assertThat(events.ofType(CallEvent.Answered.class)).filteredOn(a -> a.callId().equals(person)).hasSize(1);
        assertThat(events.ofType(CallEvent.Outcome.class)).filteredOn(o -> calls.contains(o.callId())).hasSize(4);
    }

    private static OriginateRequest ringingCallee(String callId, String outcome, int ringSeconds, Duration ringTimeout) {
        return new OriginateRequest(callId, "Local/15550100" + callId.substring(callId.length() - 2) + "@sim-carrier",
                ANSWERED, ringTimeout, "\"Collections\" <18005550100>", true,
                Map.of("SIM_OUTCOME", outcome, "SIM_RING", String.valueOf(ringSeconds), "SIM_TALK", "30"));
    }

    @Test
    void aRedirectWithAnExtraChannelThatIsGoneMovesNeither() {
        EventRecorder events = new EventRecorder();
        CallControl bridge = bridge(AsteriskForTests.ami(), events);
        String personCall = newCallId();
        bridge.originate(callee(personCall, "human", 15, Duration.ofSeconds(10))).join();
        events.await(CallEvent.WaitingForAgent.class, w -> w.callId().equals(personCall), WAIT);
        // the agent's leg hung up a moment ago: the person must not be moved into an empty conference
        assertThatThrownBy(() -> bridge.redirect(CallIds.channelId(personCall), DialplanLocation.of("dialer-agent", "7999"),
                "dlr-gone-1", DialplanLocation.of("dialer-agent-talk", "7999")).join()).hasCauseInstanceOf(PbxCommandException.class);
        // still on hold: the dialplan's hold limit abandons them with the safe-harbor message
        events.await(CallEvent.Abandoned.class, a -> a.callId().equals(personCall), WAIT);
        assertThat(events.ofType(CallEvent.JoinedConference.class)).noneMatch(j -> personCall.equals(j.callId()));
        bridge.hangup(CallIds.channelId(personCall), 16);
    }

    /** Whether the call's primary channel runs Wait() in [dialer-agent-idle] now. */
    private static boolean waitsIdle(String callId) {
        for (int i = 0; i < 40; i++) {
            for (String line : AsteriskForTests.cli("core show channels concise").split("\n")) {
                String[] f = line.split("!");
                if (f.length > 13 && f[13].equals(CallIds.channelId(callId))) {
                    if (f[1].equals("dialer-agent-idle") && f[5].equals("Wait")) {
                        return true;
                    }
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Test
    void afterAnOutageTheBridgeReconnectsAndSettlesWhatHappenedMeanwhile() throws Exception {
        AmiSettings real = AsteriskForTests.ami();
        TcpProxy proxy = new TcpProxy(real.host(), real.port());
        proxies.add(proxy);
        EventRecorder events = new EventRecorder();
        AsteriskCallControl bridge = bridge(AmiSettings.of("127.0.0.1", proxy.port(), real.username(), real.secret()), events);

        String agentCall = newCallId();
        String agentNumber = "7" + agentCall.substring(agentCall.length() - 3);
        bridge.originate(agentPhone(agentCall, agentNumber)).join();
        events.await(CallEvent.Outcome.class, o -> o.callId().equals(agentCall) && o.outcome() == CallOutcome.ANSWERED_HUMAN, WAIT);
        String shortCall = newCallId();
        bridge.originate(callee(shortCall, "human", 1, Duration.ofSeconds(10))).join();
        events.await(CallEvent.Outcome.class, o -> o.callId().equals(shortCall), WAIT);

        proxy.refuse();
        events.await(CallEvent.ConnectionLost.class, l -> true, WAIT);
        assertThat(bridge.isConnected()).isFalse();
        assertThatThrownBy(() -> bridge.hangup("dlr-x-1", 16).join()).hasCauseInstanceOf(PbxCommandException.class);
        Thread.sleep(6000); // the short call is abandoned and hangs up while we hear nothing
        proxy.accept();

        CallEvent.Resynchronized resync = events.await(CallEvent.Resynchronized.class,
                r -> r.at().isAfter(events.ofType(CallEvent.ConnectionLost.class).get(0).at()), WAIT);
        assertThat(resync.channels()).anyMatch(c -> c.callId().filter(agentCall::equals).isPresent());
        assertThat(resync.channels()).noneMatch(c -> c.callId().filter(shortCall::equals).isPresent());
        // the call that ended during the outage is settled, not left hanging
        events.await(CallEvent.HungUp.class, h -> h.callId().equals(shortCall), WAIT);

        // and the agent who stayed up is still followed: events after the reconnect arrive
        bridge.hangup(CallIds.channelId(agentCall), 16).join();
        events.await(CallEvent.HungUp.class, h -> h.callId().equals(agentCall), WAIT);
    }

    @Test
    void whatHappenedWhileTheLinkWasDownIsToldAsTheDialplanRecordedIt() throws Exception {
        AmiSettings real = AsteriskForTests.ami();
        TcpProxy proxy = new TcpProxy(real.host(), real.port());
        proxies.add(proxy);
        EventRecorder events = new EventRecorder();
        AsteriskCallControl bridge = bridge(AmiSettings.of("127.0.0.1", proxy.port(), real.username(), real.secret()), events);

        // a person who stays 4 s after the greeting, and a machine, both still ringing when the link goes down
        String person = newCallId();
        String machine = newCallId();
        String busy = newCallId();
        String noAnswer = newCallId();
        bridge.originate(callee(person, "human", 4, Duration.ofSeconds(10))).join();
        bridge.originate(callee(machine, "machine", 2, Duration.ofSeconds(10))).join();
        bridge.originate(callee(busy, "busy", 0, Duration.ofSeconds(10))).join();
        bridge.originate(callee(noAnswer, "noanswer", 0, Duration.ofSeconds(3))).join();
        proxy.refuse();
        events.await(CallEvent.ConnectionLost.class, l -> true, WAIT);
        // unheard: answered, classified, nobody takes the person, the safe-harbor message, the person hangs up
        Thread.sleep(12_000);
        proxy.accept();
        events.await(CallEvent.Resynchronized.class, r -> true, WAIT);

        CallEvent.Outcome personOutcome = events.await(CallEvent.Outcome.class, o -> o.callId().equals(person), WAIT);
        assertThat(personOutcome.outcome()).as(personOutcome.toString()).isEqualTo(CallOutcome.ANSWERED_HUMAN);
        assertThat(personOutcome.detail()).contains("AMD HUMAN").contains("recorded by the dialplan");
        CallEvent.Abandoned abandoned = events.await(CallEvent.Abandoned.class, a -> a.callId().equals(person), WAIT);
        assertThat(abandoned.at()).as("when the dialplan gave up, not when we heard of it").isBefore(personOutcome.at().plusSeconds(3));
        CallEvent.SafeHarborPlayed message = events.await(CallEvent.SafeHarborPlayed.class, m -> m.callId().equals(person), WAIT);
        assertThat(message.status()).isIn("SUCCESS", "INTERRUPTED");
        events.await(CallEvent.HungUp.class, h -> h.callId().equals(person), WAIT);
        CallEvent.Outcome machineOutcome = events.await(CallEvent.Outcome.class, o -> o.callId().equals(machine), WAIT);
        assertThat(machineOutcome.outcome()).isEqualTo(CallOutcome.ANSWERED_MACHINE);
        // unanswered calls: their hang-up cause, as the dialplan's hang-up handler recorded it
        CallEvent.Outcome busyOutcome = events.await(CallEvent.Outcome.class, o -> o.callId().equals(busy), WAIT);
        assertThat(busyOutcome.outcome()).as(busyOutcome.toString()).isEqualTo(CallOutcome.BUSY);
        assertThat(busyOutcome.detail()).contains("recorded by the dialplan");
        CallEvent.Outcome noAnswerOutcome = events.await(CallEvent.Outcome.class, o -> o.callId().equals(noAnswer), WAIT);
        assertThat(noAnswerOutcome.outcome()).as(noAnswerOutcome.toString()).isEqualTo(CallOutcome.NO_ANSWER);
        // once told, the facts are gone from Asterisk's database
        Thread.sleep(500);
        assertThat(AsteriskForTests.cli("database show dialer/" + person)).doesNotContain("/dialer/" + person + "/");
    }

    @Test
    void aHalfOpenLinkIsFoundByThePingAndReplaced() {
        AmiSettings real = AsteriskForTests.ami();
        TcpProxy proxy;
        try {
            proxy = new TcpProxy(real.host(), real.port());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        proxies.add(proxy);
        EventRecorder events = new EventRecorder();
        AmiSettings quick = new AmiSettings("127.0.0.1", proxy.port(), real.username(), real.secret(),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(1));
        AsteriskCallControl bridge = bridge(quick, events);

        proxy.freeze(); // bytes stop, sockets stay open: only the keepalive can tell
        CallEvent.ConnectionLost lost = events.await(CallEvent.ConnectionLost.class, l -> true, Duration.ofSeconds(10));
        assertThat(lost.reason()).contains("ping");
        proxy.resume();
        bridge.whenConnected(Duration.ofSeconds(20)).join();
        events.await(CallEvent.Resynchronized.class, r -> r.at().isAfter(lost.at()), WAIT);
        assertThat(bridge.liveChannels().join()).isNotNull();
    }

    @Test
    void aCommandAsteriskRefusesFailsWithItsReason() {
        EventRecorder events = new EventRecorder();
        CallControl bridge = bridge(AsteriskForTests.ami(), events);
        assertThatThrownBy(() -> bridge.hangup("dlr-nosuchcall-1", 16).join())
                .hasCauseInstanceOf(PbxCommandException.class)
                .hasMessageContaining("refused");
    }

    @Test
    void withoutAsteriskTheBridgeSaysSoInsteadOfHanging() {
        AsteriskCallControl bridge = new AsteriskCallControl(AmiSettings.of("127.0.0.1", 1, "dialer", "x"));
        opened.add(bridge);
        bridge.start();
        assertThatThrownBy(() -> bridge.whenConnected(Duration.ofMillis(800)).join())
                .hasMessageContaining("could not log in").hasMessageContaining("127.0.0.1:1");
    }
}
