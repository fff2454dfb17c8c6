package dialer.ami;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Sequences of AMI facts as Asterisk 22 sends them (recorded from the simulated carrier). */
class CallTrackerTest {

    private final List<CallEvent> events = new ArrayList<>();
    private final List<Runnable> scheduled = new ArrayList<>();
    private CallTracker tracker;
    private final Instant t = Instant.parse("2026-11-22T10:00:00Z");

    @BeforeEach
    void setUp() {
        tracker = new CallTracker(events::add, (task, delay) -> scheduled.add(task));
    }

    private OriginateRequest call(String id, boolean amd) {
        return new OriginateRequest(id, "Local/5550@sim-carrier", DialplanLocation.of("dialer-answered", "s"),
                Duration.ofSeconds(25), null, amd, Map.of());
    }

    private List<CallOutcome> outcomes() {
        return events.stream().filter(e -> e instanceof CallEvent.Outcome)
                .map(e -> ((CallEvent.Outcome) e).outcome()).toList();
    }

    @Test
    void personAnsweredAndClassifiedThenHungUp() {
        tracker.placed(call("7", true));
        tracker.channelState("dlr-7-1", "Ringing", t);
        tracker.originateResponse("dlr-7-1", true, 4, t);
        tracker.machineDetection("dlr-7-1", "HUMAN", "HUMAN-800-800", t);
        tracker.waitingForAgent("dlr-7-1", t);
        tracker.hangup("dlr-7-2", 16, t);
        tracker.hangup("dlr-7-1", 16, t);

        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Ringing", "Answered", "Outcome", "WaitingForAgent", "HungUp");
        assertThat(outcomes()).containsExactly(CallOutcome.ANSWERED_HUMAN);
        assertThat(tracker.callsInFlight()).isZero();
    }

    @Test
    void machineIsReportedOnce() {
        tracker.placed(call("8", true));
        tracker.originateResponse("dlr-8-1", true, 4, t);
        tracker.machineDetection("dlr-8-1", "MACHINE", "LONGGREETING-1500-1500", t);
        tracker.hangup("dlr-8-1", 16, t);
        assertThat(outcomes()).containsExactly(CallOutcome.ANSWERED_MACHINE);
        CallEvent.Outcome outcome = (CallEvent.Outcome) events.get(1);
        assertThat(outcome.detail()).contains("LONGGREETING");
    }

    @Test
    void unsureDetectionCountsAsAPerson() {
        tracker.placed(call("9", true));
        tracker.originateResponse("dlr-9-1", true, 4, t);
        tracker.machineDetection("dlr-9-1", "NOTSURE", "TOOLONG-5000", t);
        assertThat(outcomes()).containsExactly(CallOutcome.ANSWERED_HUMAN);
    }

    @Test
    void withoutMachineDetectionTheAnswerIsTheOutcome() {
        tracker.placed(call("agent_1", false));
        tracker.originateResponse("dlr-agent_1-1", true, 4, t);
        assertThat(outcomes()).containsExactly(CallOutcome.ANSWERED_HUMAN);
    }

    @Test
    void busyArrivesAfterTheFirstHalfHasHungUp() {
        tracker.placed(call("10", true));
        tracker.hangup("dlr-10-1", 0, t);
        tracker.originateResponse("dlr-10-1", false, 5, t);
        tracker.hangup("dlr-10-2", 17, t);
        assertThat(outcomes()).containsExactly(CallOutcome.BUSY);
        assertThat(events).noneMatch(e -> e instanceof CallEvent.HungUp);
        assertThat(tracker.callsInFlight()).isZero();
    }

    @Test
    void congestionAndNoAnswerComeFromTheReason() {
        tracker.placed(call("11", true));
        tracker.placed(call("12", true));
        tracker.originateResponse("dlr-11-1", false, 8, t);
        tracker.originateResponse("dlr-12-1", false, 3, t);
        assertThat(outcomes()).containsExactly(CallOutcome.CONGESTION, CallOutcome.NO_ANSWER);
    }

    @Test
    void unallocatedNumberIsSettledByTheCauseThatFollowsAVagueResponse() {
        tracker.placed(call("13", true));
        tracker.originateResponse("dlr-13-1", false, 0, t);
        assertThat(outcomes()).isEmpty();
        tracker.hangup("dlr-13-2", 1, t);
        tracker.hangup("dlr-13-1", 1, t);
        assertThat(outcomes()).containsExactly(CallOutcome.INVALID_NUMBER);
        scheduled.forEach(Runnable::run); // the grace timer finds it settled
        assertThat(outcomes()).hasSize(1);
    }

    @Test
    void causeBeforeAVagueResponseIsUsedAtOnce() {
        tracker.placed(call("14", true));
        tracker.hangup("dlr-14-1", 1, t);
        tracker.originateResponse("dlr-14-1", false, 0, t);
        assertThat(outcomes()).containsExactly(CallOutcome.INVALID_NUMBER);
    }

    @Test
    void aVagueResponseWithNoCauseFailsAfterTheGrace() {
        tracker.placed(call("15", true));
        tracker.originateResponse("dlr-15-1", false, 0, t);
        assertThat(scheduled).hasSize(1);
        scheduled.get(0).run();
        assertThat(outcomes()).containsExactly(CallOutcome.FAILED);
    }

    @Test
    void answeredButGoneBeforeDetectionIsAPersonWhoHungUp() {
        tracker.placed(call("16", true));
        tracker.originateResponse("dlr-16-1", true, 4, t);
        tracker.hangup("dlr-16-1", 16, t);
        CallEvent.Outcome outcome = (CallEvent.Outcome) events.get(1);
        assertThat(outcome.outcome()).isEqualTo(CallOutcome.ANSWERED_HUMAN);
        assertThat(outcome.detail()).contains("before machine detection");
        assertThat(events.get(2)).isInstanceOf(CallEvent.HungUp.class);
    }

    @Test
    void anOriginateRefusedOrNeverSentIsNotPlaced() {
        tracker.placed(call("17", true));
        tracker.notPlaced("17", "Originate refused by Asterisk: Permission denied", true, t);
        assertThat(outcomes()).containsExactly(CallOutcome.NOT_PLACED);
        assertThat(tracker.callsInFlight()).isZero();
    }

    @Test
    void anOriginateWhoseFateIsUnknownFailsTheCall() {
        // no answer from Asterisk in time: it may have been dialed, so it counts
        tracker.placed(call("18", true));
        tracker.notPlaced("18", "Originate: no answer from Asterisk within 5000 ms", false, t);
        assertThat(outcomes()).containsExactly(CallOutcome.FAILED);
        assertThat(tracker.callsInFlight()).isZero();
    }

    @Test
    void afterAReconnectCallsWithNoChannelLeftAreSettled() {
        tracker.placed(call("20", true)); // still ringing when the link dropped, gone now
        tracker.placed(call("21", true)); // answered, talking, still live
        tracker.placed(call("22", true)); // answered, ended during the outage
        tracker.originateResponse("dlr-21-1", true, 4, t);
        tracker.machineDetection("dlr-21-1", "HUMAN", "", t);
        tracker.originateResponse("dlr-22-1", true, 4, t);
        tracker.machineDetection("dlr-22-1", "HUMAN", "", t);
        events.clear();
        var followed = tracker.followedCalls();
        tracker.placed(call("23", true)); // placed after the channels were listed: not judged by that list

        tracker.resynchronized(List.of(new LiveChannel("dlr-21-1", "Local/1@x-1;1", "Up", "dialer-agent", "5", "ConfBridge",
                Optional.of("21"))), followed, t);

        assertThat(events).hasSize(2);
        assertThat(((CallEvent.Outcome) events.get(0)).callId()).isEqualTo("20");
        assertThat(((CallEvent.Outcome) events.get(0)).outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(((CallEvent.HungUp) events.get(1)).callId()).isEqualTo("22");
        assertThat(tracker.followedCalls()).containsExactlyInAnyOrder("21", "23");
    }

    @Test
    void eventsOfChannelsThatAreNotOursAreIgnored() {
        tracker.hangup("1795381699.12", 16, t);
        tracker.originateResponse("SIP/foo-0001", true, 4, t);
        assertThat(events).isEmpty();
    }

    @Test
    void conferenceEventsNameTheCall() {
        tracker.joinedConference("agent-7001", "dlr-55-1", t);
        tracker.leftConference("agent-7001", "dlr-agent7001.3-1", t);
        assertThat(((CallEvent.JoinedConference) events.get(0)).callId()).isEqualTo("55");
        assertThat(((CallEvent.LeftConference) events.get(1)).callId()).isEqualTo("agent7001.3");
    }

    @Test
    void whatTheDialplanRecordedDuringAnOutageIsToldAsItHappened() {
        tracker.placed(call("21", true));
        tracker.placed(call("22", true));
        tracker.placed(call("23", true));
        tracker.placed(call("24", true));
        Set<String> followed = tracker.followedCalls();
        // all four rang when the link went down; the dialplan wrote what happened next
        Instant amd = t.plusSeconds(3);
        Map<String, CallFacts> facts = Map.of(
                "21", CallFacts.parse("21", List.of("/dialer/21/amd        : " + amd.getEpochSecond() + "|HUMAN HUMAN-800-800",
                        "/dialer/21/abandoned  : " + (amd.getEpochSecond() + 1) + "|yes",
                        "/dialer/21/harbor     : " + (amd.getEpochSecond() + 5) + "|INTERRUPTED", "3 results found.")),
                "22", CallFacts.parse("22", List.of("/dialer/22/amd : " + amd.getEpochSecond() + "|MACHINE LONGGREETING-1500-1500")),
                "23", CallFacts.parse("23", List.of("/dialer/23/amd : " + amd.getEpochSecond() + "|HUMAN HUMAN-800-800",
                        "/dialer/23/agent : " + (amd.getEpochSecond() + 1) + "|7001")));
        tracker.resynchronized(List.of(), followed, facts, t.plusSeconds(20));

        assertThat(events).extracting(e -> e.getClass().getSimpleName() + " " + callIdOf(e)).containsExactly(
                "Outcome 21", "Abandoned 21", "SafeHarborPlayed 21", "HungUp 21",
                "Outcome 22", "HungUp 22",
                "Outcome 23", "JoinedConference 23", "HungUp 23",
                "Outcome 24");
        CallEvent.Outcome person = (CallEvent.Outcome) events.get(0);
        assertThat(person.outcome()).isEqualTo(CallOutcome.ANSWERED_HUMAN);
        assertThat(person.at()).isEqualTo(amd);
        assertThat(person.detail()).contains("recorded by the dialplan");
        assertThat(((CallEvent.SafeHarborPlayed) events.get(2)).played()).isFalse();
        assertThat(((CallEvent.Outcome) events.get(4)).outcome()).isEqualTo(CallOutcome.ANSWERED_MACHINE);
        assertThat(((CallEvent.JoinedConference) events.get(7)).conference()).isEqualTo("agent-7001");
        assertThat(((CallEvent.Outcome) events.get(9)).outcome()).as("nothing recorded, never answered").isEqualTo(CallOutcome.FAILED);
        assertThat(tracker.callsInFlight()).isZero();
    }

    @Test
    void aCallStillUpAfterAnOutageCatchesUpAndIsThenHeardAsUsual() {
        tracker.placed(call("41", true));
        Set<String> followed = tracker.followedCalls();
        long second = t.getEpochSecond();
        Map<String, CallFacts> facts = Map.of("41", CallFacts.parse("41", List.of(
                "/dialer/41/amd : " + second + "|HUMAN HUMAN-800-800", "/dialer/41/abandoned : " + (second + 1) + "|yes")));
        LiveChannel up = new LiveChannel("dlr-41-1", "Local/5550@sim-carrier-0001;1", "Up", "dialer-abandon", "s", "Playback",
                java.util.Optional.of("41"));
        tracker.resynchronized(List.of(up), followed, facts, t.plusSeconds(10));
        // the message goes on after the link is back: heard as usual, and the abandonment is not told twice
        tracker.abandoned("dlr-41-1", t.plusSeconds(11));
        tracker.safeHarbor("dlr-41-1", "SUCCESS", t.plusSeconds(12));
        tracker.hangup("dlr-41-1", 16, t.plusSeconds(12));
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Outcome", "Abandoned", "SafeHarborPlayed", "HungUp");
        assertThat(tracker.callsInFlight()).isZero();
    }

    @Test
    void aCallThatHangsUpBetweenTheListingAndTheCatchUpIsStillTold() {
        // answered during the outage and still up when the channels were listed; its hang-up is heard
        // while the dialplan's facts are being read, before the tracker knows it was answered
        tracker.placed(call("71", true));
        tracker.placed(call("72", true));
        Set<String> followed = tracker.followedCalls();
        long second = t.getEpochSecond();
        Map<String, CallFacts> facts = Map.of("71", CallFacts.parse("71", List.of(
                "/dialer/71/amd : " + second + "|HUMAN HUMAN-800-800", "/dialer/71/abandoned : " + (second + 1) + "|yes",
                "/dialer/71/harbor : " + (second + 9) + "|SUCCESS")));
        LiveChannel person = new LiveChannel("dlr-71-1", "Local/5550@sim-carrier-0001;1", "Up", "dialer-abandon", "s", "Playback",
                Optional.of("71"));
        LiveChannel ringing = new LiveChannel("dlr-72-1", "Local/5551@sim-carrier-0001;1", "Ringing", "dialer-answered", "s",
                "AppDial", Optional.of("72"));
        tracker.hangup("dlr-71-1", 16, t.plusSeconds(10));
        tracker.hangup("dlr-72-1", 19, t.plusSeconds(11));
        tracker.resynchronized(List.of(person, ringing), followed, facts, t.plusSeconds(12));

        assertThat(events).extracting(e -> e.getClass().getSimpleName() + " " + callIdOf(e)).containsExactly(
                "Outcome 71", "Abandoned 71", "SafeHarborPlayed 71", "HungUp 71", "Outcome 72");
        CallEvent.HungUp end = (CallEvent.HungUp) events.get(3);
        assertThat(end.at()).isEqualTo(t.plusSeconds(10));
        assertThat(end.cause()).isEqualTo(16);
        CallEvent.Outcome noAnswer = (CallEvent.Outcome) events.get(4);
        assertThat(noAnswer.outcome()).isEqualTo(CallOutcome.NO_ANSWER);
        assertThat(noAnswer.at()).isEqualTo(t.plusSeconds(11));
        assertThat(tracker.callsInFlight()).isZero();
    }

    @Test
    void anUnansweredCallThatEndedDuringAnOutageGetsTheCauseTheDialplanRecorded() {
        List<String> forgotten = new ArrayList<>();
        tracker = new CallTracker(events::add, (task, delay) -> scheduled.add(task), forgotten::add);
        tracker.placed(call("61", true));
        tracker.placed(call("62", true));
        Set<String> followed = tracker.followedCalls();
        long second = t.getEpochSecond();
        Map<String, CallFacts> facts = Map.of(
                "61", CallFacts.parse("61", List.of("/dialer/61/unanswered : " + (second + 2) + "|17")),
                "62", CallFacts.parse("62", List.of("/dialer/62/unanswered : " + (second + 25) + "|19")));
        tracker.resynchronized(List.of(), followed, facts, t.plusSeconds(30));
        assertThat(outcomes()).containsExactly(CallOutcome.BUSY, CallOutcome.NO_ANSWER);
        CallEvent.Outcome busy = (CallEvent.Outcome) events.get(0);
        assertThat(busy.at()).isEqualTo(t.plusSeconds(2));
        assertThat(busy.hangupCause()).isEqualTo(17);
        assertThat(busy.detail()).contains("recorded by the dialplan");
        assertThat(tracker.callsInFlight()).isZero();

        // heard as usual, an unanswered call's facts go a little after its outcome (its hang-up handler has run by then)
        tracker.placed(call("63", true));
        tracker.originateResponse("dlr-63-1", false, 5, t);
        assertThat(forgotten).isEmpty();
        scheduled.forEach(Runnable::run);
        assertThat(forgotten).containsExactly("63");
    }

    @Test
    void callsAdoptedAfterACrashAreCaughtUpWithoutRepeatingWhatWasToldBefore() {
        // the earlier run heard 51 classified and 52 put with an agent; 53 was ringing; 54 is an agent's phone leg
        tracker.adopted("51", t.minusSeconds(30), true, true, false);
        tracker.adopted("52", t.minusSeconds(30), true, true, true);
        tracker.adopted("53", t.minusSeconds(30), true, false, false);
        tracker.adopted("a7x1", null, false, true, true);
        Set<String> followed = tracker.followedCalls();
        long second = t.getEpochSecond();
        Map<String, CallFacts> facts = Map.of(
                "51", CallFacts.parse("51", List.of("/dialer/51/amd : " + second + "|HUMAN HUMAN-800-800",
                        "/dialer/51/abandoned : " + (second + 1) + "|yes")),
                "52", CallFacts.parse("52", List.of("/dialer/52/amd : " + second + "|HUMAN HUMAN-800-800",
                        "/dialer/52/agent : " + (second + 1) + "|7001")),
                "53", CallFacts.parse("53", List.of("/dialer/53/amd : " + (second + 2) + "|HUMAN HUMAN-800-800",
                        "/dialer/53/agent : " + (second + 3) + "|7002")));
        LiveChannel talking = new LiveChannel("dlr-52-1", "Local/5550@sim-carrier-0001;1", "Up", "dialer-agent", "s", "ConfBridge",
                Optional.of("52"));
        LiveChannel leg = new LiveChannel("dlr-a7x1-1", "Local/7001@sim-agents-0001;1", "Up", "dialer-agent", "s", "ConfBridge",
                Optional.of("a7x1"));
        tracker.resynchronized(List.of(talking, leg), followed, facts, t.plusSeconds(10));

        assertThat(events).extracting(e -> e.getClass().getSimpleName() + " " + callIdOf(e)).containsExactly(
                "Abandoned 51", "HungUp 51",
                "Outcome 53", "JoinedConference 53", "HungUp 53");
        // the conversation and the agent's leg still up are heard as usual from now on
        tracker.hangup("dlr-52-1", 16, t.plusSeconds(30));
        tracker.hangup("dlr-a7x1-1", 16, t.plusSeconds(31));
        assertThat(events).extracting(e -> e.getClass().getSimpleName() + " " + callIdOf(e))
                .endsWith("HungUp 52", "HungUp a7x1");
        assertThat(tracker.callsInFlight()).isZero();
    }

    @Test
    void aCallAdoptedWhileRingingIsHeardToItsEndThoughItsOriginateResponseWentToTheEarlierRun() {
        // the earlier run was killed while 55 rang; its OriginateResponse came before the new run logged in
        tracker.adopted("55", t.minusSeconds(5), true, false, false);
        tracker.resynchronized(List.of(new LiveChannel("dlr-55-1", "Local/5550@sim-carrier-0001;1", "Ringing", "dialer-answered",
                "s", "AppDial", Optional.of("55"))), tracker.followedCalls(), Map.of(), upSince(), t);
        tracker.channelState("dlr-55-1", "Up", t.plusSeconds(2));
        tracker.machineDetection("dlr-55-1", "HUMAN", "HUMAN-800-800", t.plusSeconds(3));
        tracker.waitingForAgent("dlr-55-1", t.plusSeconds(3));
        tracker.joinedConference("agent-7001", "dlr-55-1", t.plusSeconds(3));
        tracker.hangup("dlr-55-2", 16, t.plusSeconds(40));
        tracker.hangup("dlr-55-1", 16, t.plusSeconds(40));

        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "Answered", "Outcome", "WaitingForAgent", "JoinedConference", "HungUp");
        assertThat(outcomes()).containsExactly(CallOutcome.ANSWERED_HUMAN);
        assertThat(tracker.callsInFlight()).isZero();
    }

    @Test
    void aCallPlacedWithoutAmdAndAdoptedAsScreenedIsAPersonOnceItWaitsForAnAgent() {
        // the pacer waived AMD for a small team; nothing stored says so, so the restarted run adopts it as screened
        tracker.adopted("59", t.minusSeconds(5), true, false, false);
        tracker.resynchronized(List.of(new LiveChannel("dlr-59-1", "Local/5550@sim-carrier-0001;1", "Ringing", "dialer-answered",
                "s", "AppDial", Optional.of("59"))), tracker.followedCalls(), Map.of(), upSince(), t);
        tracker.waitingForAgent("dlr-59-1", t.plusSeconds(2));
        tracker.joinedConference("agent-7001", "dlr-59-1", t.plusSeconds(2));
        tracker.hangup("dlr-59-2", 16, t.plusSeconds(40));
        tracker.hangup("dlr-59-1", 16, t.plusSeconds(40));

        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "Answered", "Outcome", "WaitingForAgent", "JoinedConference", "HungUp");
        assertThat(outcomes()).containsExactly(CallOutcome.ANSWERED_HUMAN);
        assertThat(tracker.callsInFlight()).isZero();
    }

    @Test
    void aVerdictAloneTellsThatAnAdoptedCallWasAnswered() {
        // the answer's Newstate came before the new run listened; the verdict after it
        tracker.adopted("56", t.minusSeconds(5), true, false, false);
        tracker.machineDetection("dlr-56-1", "HUMAN", "HUMAN-800-800", t);
        tracker.hangup("dlr-56-2", 16, t.plusSeconds(30));
        tracker.hangup("dlr-56-1", 16, t.plusSeconds(30));
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Outcome", "HungUp");
        assertThat(tracker.callsInFlight()).isZero();
    }

    @Test
    void anAdoptedCallNobodyAnsweredEndsWithItsHangUpCause() {
        tracker.adopted("57", t.minusSeconds(5), true, false, false);
        tracker.hangup("dlr-57-2", 17, t.plusSeconds(1));
        tracker.hangup("dlr-57-1", 17, t.plusSeconds(1));
        tracker.adopted("58", t.minusSeconds(5), true, false, false);
        tracker.hangup("dlr-58-2", 19, t.plusSeconds(8));
        tracker.hangup("dlr-58-1", 19, t.plusSeconds(8));
        assertThat(outcomes()).containsExactly(CallOutcome.BUSY, CallOutcome.NO_ANSWER);
        assertThat(((CallEvent.Outcome) events.get(0)).detail()).contains("hang-up cause 17");
        assertThat(tracker.callsInFlight()).isZero();
    }

    @Test
    void anAdoptedCallWithoutMachineDetectionIsAnsweredByItsState() {
        // a hand-dialed call: 59 answers after the new run listens, 60 had answered before it did
        tracker.adopted("59", t.minusSeconds(5), false, false, false);
        tracker.adopted("60", t.minusSeconds(5), false, false, false);
        tracker.resynchronized(List.of(
                new LiveChannel("dlr-59-1", "PJSIP/carrier-0001", "Ringing", "dialer-answered", "s", "AppDial", Optional.of("59")),
                new LiveChannel("dlr-60-1", "PJSIP/carrier-0002", "Up", "dialer-answered", "s", "Wait", Optional.of("60"))),
                tracker.followedCalls(), Map.of(), upSince(), t);
        tracker.channelState("dlr-59-1", "Up", t.plusSeconds(3));
        tracker.hangup("dlr-59-1", 16, t.plusSeconds(20));

        assertThat(events).extracting(e -> e.getClass().getSimpleName() + " " + callIdOf(e)).containsExactly(
                "Answered 60", "Outcome 60", "Answered 59", "Outcome 59", "HungUp 59");
        assertThat(outcomes()).containsOnly(CallOutcome.ANSWERED_HUMAN);
    }

    @Test
    void aCallAnsweredDuringAnOutageIsAnsweredByItsStateAtTheResync() {
        // a hand-dialed call rang when the link went down and was answered meanwhile: its response is lost
        tracker.placed(call("62", false), t);
        tracker.channelState("dlr-62-1", "Ringing", t);
        Set<String> followed = tracker.followedCalls();
        tracker.resynchronized(List.of(new LiveChannel("dlr-62-1", "PJSIP/carrier-0003", "Up", "dialer-answered", "s", "Wait",
                Optional.of("62"))), followed, Map.of(), upSince(), t.plusSeconds(10));
        tracker.hangup("dlr-62-1", 16, t.plusSeconds(30));
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Ringing", "Answered", "Outcome", "HungUp");
        assertThat(outcomes()).containsExactly(CallOutcome.ANSWERED_HUMAN);
        assertThat(tracker.callsInFlight()).isZero();
    }

    @Test
    void aCallPlacedByThisRunIsNotAnsweredByItsStateAlone() {
        // its OriginateResponse will come (this run sent it): that is the answer, not the Newstate before it
        tracker.placed(call("61", false));
        tracker.channelState("dlr-61-1", "Up", t);
        assertThat(events).isEmpty();
        tracker.originateResponse("dlr-61-1", true, 4, t);
        assertThat(outcomes()).containsExactly(CallOutcome.ANSWERED_HUMAN);
    }

    /** Asterisk, up for an hour when the calls were placed. */
    private Instant upSince() {
        return t.minusSeconds(3600);
    }

    @Test
    void aCallAsteriskNeverCreatedIsNotPlacedWhenAsteriskWasUpAllAlong() {
        // a run killed between its records and the originate: no channel, no fact; 82: Asterisk
        // restarted after the call was placed, so the absence of facts proves nothing (its database
        // may have gone with it); 83: an agent's phone leg, which never records facts
        tracker.adopted("81", t, true, false, false);
        tracker.adopted("82", t, true, false, false);
        tracker.adopted("a7x2", null, false, true, true);
        Set<String> followed = tracker.followedCalls();

        tracker.resynchronized(List.of(), Set.of("81", "a7x2"), Map.of(), upSince(), t.plusSeconds(8));
        tracker.resynchronized(List.of(), Set.of("82"), Map.of(), t.plusSeconds(4), t.plusSeconds(8));

        assertThat(events).extracting(e -> e.getClass().getSimpleName() + " " + callIdOf(e)).containsExactly(
                "Outcome 81", "HungUp a7x2", "Outcome 82");
        CallEvent.Outcome never = (CallEvent.Outcome) events.get(0);
        assertThat(never.outcome()).isEqualTo(CallOutcome.NOT_PLACED);
        assertThat(never.detail()).contains("no channel was ever created");
        assertThat(((CallEvent.Outcome) events.get(2)).outcome()).as("Asterisk restarted since: unknown, counted")
                .isEqualTo(CallOutcome.FAILED);
        assertThat(followed).containsExactlyInAnyOrder("81", "82", "a7x2");
        assertThat(tracker.callsInFlight()).isZero();
    }

    @Test
    void factsRecordedBeforeACallWasPlacedBelongToAnEarlierCallWithTheSameId() {
        // attempt ids start again at 1 in a new database: Asterisk still holds an old "84" that was busy,
        // and an old "85" classified as a machine; the new 85 is still ringing
        tracker.adopted("84", t, true, false, false);
        tracker.placed(call("85", true), t);
        Set<String> followed = tracker.followedCalls();
        long old = t.minusSeconds(600).getEpochSecond();
        Map<String, CallFacts> facts = Map.of(
                "84", CallFacts.parse("84", List.of("/dialer/84/unanswered : " + old + "|17")),
                "85", CallFacts.parse("85", List.of("/dialer/85/amd : " + old + "|MACHINE LONGGREETING-1500-1500")));
        LiveChannel ringing = new LiveChannel("dlr-85-1", "Local/5550@sim-carrier-0001;1", "Ringing", "dialer-answered", "s",
                "AppDial", Optional.of("85"));

        tracker.resynchronized(List.of(ringing), followed, facts, upSince(), t.plusSeconds(6));

        assertThat(outcomes()).as("84 was never created; 85 is not classified by an old fact").containsExactly(CallOutcome.NOT_PLACED);
        assertThat(tracker.followedCalls()).containsExactly("85");
        // a fact of its own, a second before the placement by Asterisk's clock (clocks differ a little), counts
        tracker.adopted("86", t, true, false, false);
        tracker.resynchronized(List.of(), Set.of("86"), Map.of("86", CallFacts.parse("86",
                List.of("/dialer/86/unanswered : " + (t.getEpochSecond() - 1) + "|17"))), upSince(), t.plusSeconds(9));
        assertThat(outcomes()).endsWith(CallOutcome.BUSY);
    }

    @Test
    void anAnsweredCallWithoutMachineDetectionThatHungUpUnheardIsAnAnswer() {
        // a hand-dialed call (no AMD): answered, then hung up while the AMI link was down
        tracker.placed(call("87", false), t);
        Set<String> followed = tracker.followedCalls();
        Map<String, CallFacts> facts = Map.of("87", CallFacts.parse("87",
                List.of("/dialer/87/hungup : " + (t.getEpochSecond() + 5) + "|16")));

        tracker.resynchronized(List.of(), followed, facts, upSince(), t.plusSeconds(20));

        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Outcome", "HungUp");
        CallEvent.Outcome answered = (CallEvent.Outcome) events.get(0);
        assertThat(answered.outcome()).isEqualTo(CallOutcome.ANSWERED_HUMAN);
        assertThat(answered.at()).isEqualTo(t.plusSeconds(5));
        CallEvent.HungUp hungUp = (CallEvent.HungUp) events.get(1);
        assertThat(hungUp.at()).as("when the dialplan recorded it, not when we heard of it").isEqualTo(t.plusSeconds(5));
        assertThat(hungUp.cause()).isEqualTo(16);
    }

    @Test
    void anAnsweredCallThatIsOverIsForgottenOnce() {
        List<String> forgotten = new ArrayList<>();
        tracker = new CallTracker(events::add, (task, delay) -> scheduled.add(task), forgotten::add);
        tracker.placed(call("31", true));
        tracker.originateResponse("dlr-31-1", true, 4, t);
        tracker.machineDetection("dlr-31-1", "HUMAN", "HUMAN-800-800", t);
        tracker.hangup("dlr-31-2", 16, t);
        tracker.hangup("dlr-31-1", 16, t);
        tracker.placed(call("32", true));
        tracker.originateResponse("dlr-32-1", false, 5, t);
        assertThat(forgotten).containsExactly("31");
    }

    private static String callIdOf(CallEvent e) {
        if (e instanceof CallEvent.Outcome o) {
            return o.callId();
        } else if (e instanceof CallEvent.Abandoned a) {
            return a.callId();
        } else if (e instanceof CallEvent.SafeHarborPlayed s) {
            return s.callId();
        } else if (e instanceof CallEvent.HungUp h) {
            return h.callId();
        } else if (e instanceof CallEvent.JoinedConference j) {
            return j.callId();
        } else if (e instanceof CallEvent.Answered a) {
            return a.callId();
        }
        return "?";
    }
}
