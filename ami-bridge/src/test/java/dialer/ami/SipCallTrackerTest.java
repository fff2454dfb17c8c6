package dialer.ami;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls through a PJSIP trunk, as Asterisk 22 reports them when SIPp plays the carrier: the
 * OriginateResponse (reason 0 for every rejected call), the channel's Newstate/DialState and its
 * Hangup with the Q.850 cause and the SIP status (TechCause).
 */
class SipCallTrackerTest {

    private final List<CallEvent> events = new ArrayList<>();
    private final List<Runnable> scheduled = new ArrayList<>();
    private CallTracker tracker;
    private final Instant t = Instant.parse("2026-12-06T10:00:00Z");

    @BeforeEach
    void setUp() {
        tracker = new CallTracker(events::add, (task, delay) -> scheduled.add(task));
    }

    private void place(String id) {
        tracker.placed(new OriginateRequest(id, "PJSIP/15551230000@carrier", DialplanLocation.of("dialer-answered", "s"),
                Duration.ofSeconds(2), "+15550001111", true, Map.of()), t);
    }

    private CallEvent.Outcome outcome() {
        List<CallEvent.Outcome> all = events.stream().filter(e -> e instanceof CallEvent.Outcome)
                .map(e -> (CallEvent.Outcome) e).toList();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /** Rings, then the carrier answers the INVITE with {@code sip}, mapped by Asterisk to {@code cause}. */
    private CallEvent.Outcome rejectedAfterRinging(String id, int sip, int cause) {
        place(id);
        tracker.channelState("dlr-" + id + "-1", "Ringing", t);
        tracker.progress("dlr-" + id + "-1", "RINGING", t);
        tracker.hangup("dlr-" + id + "-1", cause, sip, t.plusMillis(300));
        tracker.originateResponse("dlr-" + id + "-1", false, 0, t.plusMillis(301));
        return outcome();
    }

    @Test
    void eachSipStatusHasItsOwnOutcome() {
        record Case(int sip, int cause, CallOutcome expected) {
        }
        List<Case> cases = List.of(
                new Case(486, 17, CallOutcome.BUSY),
                new Case(600, 17, CallOutcome.BUSY),
                new Case(404, 1, CallOutcome.INVALID_NUMBER),
                new Case(410, 22, CallOutcome.INVALID_NUMBER),
                new Case(484, 28, CallOutcome.NUMBER_FORMAT_REFUSED),
                new Case(480, 19, CallOutcome.NO_ANSWER),
                new Case(408, 18, CallOutcome.NO_ANSWER),
                new Case(503, 34, CallOutcome.CONGESTION),
                new Case(603, 21, CallOutcome.DECLINED),
                new Case(608, 21, CallOutcome.DECLINED),
                new Case(403, 21, CallOutcome.REJECTED),
                new Case(401, 21, CallOutcome.TRUNK_FAILURE),
                new Case(407, 21, CallOutcome.TRUNK_FAILURE),
                new Case(302, 16, CallOutcome.REDIRECTED));
        int n = 100;
        for (Case c : cases) {
            events.clear();
            CallEvent.Outcome o = rejectedAfterRinging(String.valueOf(n++), c.sip(), c.cause());
            assertThat(o.outcome()).as("SIP %d", c.sip()).isEqualTo(c.expected());
            assertThat(o.sipStatus()).isEqualTo(c.sip());
            assertThat(o.hangupCause()).isEqualTo(c.cause());
            assertThat(o.detail()).contains("SIP " + c.sip());
        }
        assertThat(tracker.callsInFlight()).isZero();
    }

    @Test
    void theResponseMayComeBeforeTheHangupThatCarriesTheSipStatus() {
        place("20");
        tracker.channelState("dlr-20-1", "Ringing", t);
        tracker.originateResponse("dlr-20-1", false, 0, t);
        assertThat(events).noneMatch(e -> e instanceof CallEvent.Outcome);
        tracker.hangup("dlr-20-1", 21, 603, t.plusMillis(5));
        assertThat(outcome().outcome()).isEqualTo(CallOutcome.DECLINED);
        List.copyOf(scheduled).forEach(Runnable::run); // the grace timer finds it settled
        assertThat(events.stream().filter(e -> e instanceof CallEvent.Outcome)).hasSize(1);
    }

    @Test
    void aBusyReasonIsStillSettledByTheSipStatus() {
        place("21");
        tracker.channelState("dlr-21-1", "Ringing", t);
        tracker.hangup("dlr-21-1", 17, 486, t);
        tracker.originateResponse("dlr-21-1", false, 5, t);
        assertThat(outcome().outcome()).isEqualTo(CallOutcome.BUSY);
    }

    @Test
    void ringingUntilTheTimeoutIsNoAnswer() {
        place("22");
        tracker.channelState("dlr-22-1", "Ringing", t);
        tracker.originateResponse("dlr-22-1", false, 3, t.plusSeconds(2));
        tracker.hangup("dlr-22-1", 16, 487, t.plusSeconds(2));
        assertThat(outcome().outcome()).isEqualTo(CallOutcome.NO_ANSWER);
    }

    @Test
    void earlyMediaCountsAsHeardFrom() {
        place("23");
        tracker.progress("dlr-23-1", "PROGRESS", t);
        tracker.originateResponse("dlr-23-1", false, 3, t.plusSeconds(2));
        tracker.hangup("dlr-23-1", 16, 0, t.plusSeconds(2));
        assertThat(outcome().outcome()).isEqualTo(CallOutcome.NO_ANSWER);
    }

    @Test
    void aTrunkThatNeverRespondsIsATrunkFailureNotANoAnswer() {
        place("24");
        tracker.originateResponse("dlr-24-1", false, 3, t.plusSeconds(2));
        assertThat(events).isEmpty();
        tracker.hangup("dlr-24-1", 16, 0, t.plusSeconds(2));
        CallEvent.Outcome o = outcome();
        assertThat(o.outcome()).isEqualTo(CallOutcome.TRUNK_FAILURE);
        assertThat(o.detail()).contains("no response from the trunk");
    }

    @Test
    void aTrunkThatNeverRespondsIsSettledByTheGraceTimerWhenNoHangupComes() {
        place("25");
        tracker.originateResponse("dlr-25-1", false, 0, t.plusSeconds(2));
        assertThat(events).isEmpty();
        List.copyOf(scheduled).forEach(Runnable::run);
        assertThat(outcome().outcome()).isEqualTo(CallOutcome.TRUNK_FAILURE);
    }

    /** Recorded: a trunk whose carrier never answers the INVITE; the hang-up at the ring timeout comes first, with a 480 of Asterisk's own. */
    @Test
    void aBlackHoledTrunkEndsAtTheRingTimeoutAsATrunkFailure() {
        place("29");
        tracker.hangup("dlr-29-1", 19, 480, t.plusSeconds(5));
        tracker.originateResponse("dlr-29-1", false, 3, t.plusSeconds(5));
        CallEvent.Outcome o = outcome();
        assertThat(o.outcome()).isEqualTo(CallOutcome.TRUNK_FAILURE);
        assertThat(o.detail()).contains("no response from the trunk");
    }

    @Test
    void aRequestTimeoutOfOurOwnWithNothingHeardIsATrunkFailure() {
        place("26");
        tracker.hangup("dlr-26-1", 18, 408, t);
        tracker.originateResponse("dlr-26-1", false, 0, t);
        assertThat(outcome().outcome()).isEqualTo(CallOutcome.TRUNK_FAILURE);
    }

    @Test
    void aForwardThatAnswersIsStillARedirectNotAnAnswer() {
        place("27");
        tracker.channelState("dlr-27-1", "Ringing", t);
        tracker.hangup("dlr-27-1", 16, 302, t);
        tracker.originateResponse("dlr-27-1", true, 4, t);
        assertThat(events).noneMatch(e -> e instanceof CallEvent.Answered);
        assertThat(outcome().outcome()).isEqualTo(CallOutcome.REDIRECTED);
    }

    @Test
    void anAnsweredSipCallIsAPersonOrAMachineAsBefore() {
        place("28");
        tracker.channelState("dlr-28-1", "Ringing", t);
        tracker.originateResponse("dlr-28-1", true, 4, t);
        tracker.machineDetection("dlr-28-1", "HUMAN", "HUMAN-800-800", t);
        tracker.hangup("dlr-28-1", 16, 0, t.plusSeconds(5));
        assertThat(outcome().outcome()).isEqualTo(CallOutcome.ANSWERED_HUMAN);
        assertThat(events).anyMatch(e -> e instanceof CallEvent.HungUp);
    }

    @Test
    void techCauseIsReadFromItsNumberOrItsText() {
        assertThat(OutcomeMapping.sipStatusOf("486")).isEqualTo(486);
        assertThat(OutcomeMapping.sipStatusOf("SIP 603 Decline")).isEqualTo(603);
        assertThat(OutcomeMapping.sipStatusOf("")).isZero();
        assertThat(OutcomeMapping.sipStatusOf(null)).isZero();
        assertThat(OutcomeMapping.sipStatusOf("none")).isZero();
    }

    @Test
    void localChannelsKeepTheirQ850Mapping() {
        tracker.placed(new OriginateRequest("30", "Local/5550@sim-carrier", DialplanLocation.of("dialer-answered", "s"),
                Duration.ofSeconds(25), null, true, Map.of()), t);
        tracker.originateResponse("dlr-30-1", false, 3, t);
        assertThat(outcome().outcome()).isEqualTo(CallOutcome.NO_ANSWER);
    }
}
