package dialer.ami;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Follows every call we placed from the raw AMI facts (originate response, channel states,
 * dialplan user events, hang-ups) and turns them into {@link CallEvent}s, one {@link
 * CallEvent.Outcome} per call.
 *
 * <p>Not thread-safe: the bridge calls it from its single event thread only. It knows nothing of
 * the AMI library, so it is tested with plain method calls.
 */
public final class CallTracker {

    /** Runs a task later on the same thread as the tracker. */
    public interface Scheduler {
        void schedule(Runnable task, Duration delay);
    }

    /**
     * A failed originate with reason 0 or 1 says little; the hang-up cause that follows within
     * milliseconds says what it was (e.g. 1 = unallocated number). Wait this long for it.
     */
    static final Duration CAUSE_GRACE = Duration.ofMillis(1500);
    /** How long after an unanswered call's outcome its dialplan facts are deleted (its hang-up handler has run by then). */
    static final Duration UNANSWERED_FACTS_LINGER = Duration.ofSeconds(10);

    private final Consumer<CallEvent> out;
    private final Scheduler scheduler;
    /** Told the id of each call that is over and was heard: the dialplan's facts about it can go. */
    private final Consumer<String> callOver;
    private final Map<String, Call> calls = new LinkedHashMap<>();

    public CallTracker(Consumer<CallEvent> out, Scheduler scheduler) {
        this(out, scheduler, callId -> { });
    }

    public CallTracker(Consumer<CallEvent> out, Scheduler scheduler, Consumer<String> callOver) {
        this.out = out;
        this.scheduler = scheduler;
        this.callOver = callOver;
    }

    private static final class Call {
        final String callId;
        final boolean detectMachine;
        /** When the dialer recorded the call before its originate (our clock); null when not known. */
        final Instant placedAt;
        /** Dialed over SIP (a PJSIP trunk): its SIP status says more than its Q.850 cause. */
        final boolean sip;
        /** The far end was heard from: ringing or progress (early media). */
        boolean heard;
        /** The far end's SIP final response (the Hangup event's TechCause), 0 when none came. */
        int sipStatus;
        boolean primaryHungUp;
        /** When the primary channel's hang-up was heard; null while it is up (or was not heard). */
        Instant primaryHungUpAt;
        boolean answered;
        boolean outcomeSent;
        boolean hangupSent;
        /** Told already (heard, or caught up from the dialplan's facts): not told twice. */
        boolean joinedSent;
        boolean abandonedSent;
        boolean harborSent;
        /**
         * Not answered when this run stopped hearing it: adopted after a restart, or followed across
         * an AMI reconnect. Asterisk sends the originate's response to every session, but one that came
         * while nobody listened is lost: the answer and the end are also read from the channel's own
         * events (state Up, the machine-detection verdict, the hang-up and its cause), whichever
         * comes first.
         */
        boolean responseMayBeLost;
        int originateReason = -1;
        int cause;
        final Set<String> hungUpChannels = new HashSet<>();

        Call(String callId, boolean detectMachine, Instant placedAt) {
            this(callId, detectMachine, placedAt, false);
        }

        Call(String callId, boolean detectMachine, Instant placedAt, boolean sip) {
            this.callId = callId;
            this.detectMachine = detectMachine;
            this.placedAt = placedAt;
            this.sip = sip;
        }
    }

    /** Number of calls still followed (for tests and metrics). */
    public int callsInFlight() {
        return calls.size();
    }

    /** Called before the Originate is sent, at {@code at}. */
    public void placed(OriginateRequest request, Instant at) {
        calls.put(request.callId(), new Call(request.callId(), request.detectMachine(), at, overSip(request.dialString())));
    }

    /** The same, when the placement time is not known (then no fact recorded under its id is judged too old). */
    public void placed(OriginateRequest request) {
        calls.put(request.callId(), new Call(request.callId(), request.detectMachine(), null, overSip(request.dialString())));
    }

    /** Whether a dial string goes out over SIP (a PJSIP or chan_sip channel), e.g. {@code PJSIP/123@trunk}. */
    static boolean overSip(String dialString) {
        return dialString.regionMatches(true, 0, "PJSIP/", 0, 6) || dialString.regionMatches(true, 0, "SIP/", 0, 4);
    }

    /**
     * A call placed by an earlier run of this process at {@code placedAt} (when it was recorded,
     * before its originate; null if not known), followed again (see {@code CallControl.adopt}): the
     * next {@link #resynchronized} catches it up like any call followed across a reconnect.
     */
    public void adopted(String callId, Instant placedAt, boolean detectMachine, boolean classified, boolean joined) {
        Call call = new Call(callId, detectMachine, placedAt);
        call.answered = classified;
        call.outcomeSent = classified;
        call.joinedSent = joined;
        call.responseMayBeLost = !classified;
        calls.put(callId, call);
    }

    /**
     * The Originate failed: {@code definite} when Asterisk refused it or it never left (the call
     * never existed: NOT_PLACED); otherwise (no answer in time, the link lost before Asterisk
     * answered) whether it left is unknown, and the call counts as FAILED.
     */
    public void notPlaced(String callId, String why, boolean definite, Instant at) {
        Call call = calls.get(callId);
        if (call != null) {
            finish(call, definite ? CallOutcome.NOT_PLACED : CallOutcome.FAILED, "originate not accepted: " + why, at);
        }
    }

    public void originateResponse(String channelId, boolean success, int reason, Instant at) {
        Call call = callOf(channelId);
        if (call == null) {
            return;
        }
        call.originateReason = reason;
        if (success && !redirected(call)) {
            answered(call, at);
            return;
        }
        if (call.sip) {
            // the SIP status comes with the channel's hang-up, which may follow the response
            if (call.primaryHungUp) {
                finish(call, unanswered(call), describe(call), at);
            } else {
                scheduler.schedule(() -> {
                    if (!call.outcomeSent) {
                        finish(call, unanswered(call), describe(call), at);
                    }
                }, CAUSE_GRACE);
            }
            return;
        }
        CallOutcome byReason = OutcomeMapping.fromOriginateReason(reason);
        if (byReason != null) {
            finish(call, byReason, "originate reason " + reason, at);
        } else if (call.cause != 0 || call.hungUpChannels.size() == 2) {
            finish(call, OutcomeMapping.fromHangupCause(call.cause), "originate reason " + reason, at);
        } else {
            scheduler.schedule(() -> {
                if (!call.outcomeSent) {
                    finish(call, OutcomeMapping.fromHangupCause(call.cause), "originate reason " + reason, at);
                }
            }, CAUSE_GRACE);
        }
    }

    /**
     * A channel state change (Newstate) of the primary channel: "Ringing"; and "Up", the answer, for a
     * call whose originate response may have been lost (see {@code Call.responseMayBeLost}).
     */
    public void channelState(String channelId, String state, Instant at) {
        Call call = callOf(channelId);
        if (call == null || !CallIds.isPrimary(channelId) || call.answered) {
            return;
        }
        if ("Ringing".equalsIgnoreCase(state)) {
            call.heard = true;
            out.accept(new CallEvent.Ringing(call.callId, at));
        } else if ("Up".equalsIgnoreCase(state) && call.responseMayBeLost) {
            answered(call, at);
        }
    }

    /**
     * The far end of a call said something short of an answer (a DialState event: RINGING,
     * PROGRESS, PROCEEDING): the trunk carried the call to the network.
     */
    public void progress(String channelId, String status, Instant at) {
        Call call = callOf(channelId);
        if (call != null && CallIds.isPrimary(channelId) && status != null
                && (status.equalsIgnoreCase("RINGING") || status.equalsIgnoreCase("PROGRESS")
                || status.equalsIgnoreCase("PROCEEDING"))) {
            call.heard = true;
        }
    }

    /** A 3xx from the carrier was followed as a forward: whatever answered then is not the person we called. */
    private static boolean redirected(Call call) {
        return call.sipStatus >= 300 && call.sipStatus < 400;
    }

    /**
     * What an unanswered call was: its SIP status when it says more than its Q.850 cause; a call over
     * a trunk that nothing was heard from (no ringing, no progress) and that ended at our own ring
     * timeout (originate reason 3: then Asterisk's TechCause is the 480 it gave itself), with no SIP
     * status at all, or with a request timeout (408, 487) never got past the trunk; otherwise the
     * originate's reason or the cause.
     */
    private static CallOutcome unanswered(Call call) {
        if (call.sip && !call.heard && (call.originateReason == 3 || call.sipStatus == 0 || call.sipStatus == 408
                || call.sipStatus == 487)) {
            return CallOutcome.TRUNK_FAILURE;
        }
        CallOutcome bySip = OutcomeMapping.fromSipStatus(call.sipStatus);
        if (bySip != null) {
            return bySip;
        }
        CallOutcome byReason = call.originateReason < 0 ? null : OutcomeMapping.fromOriginateReason(call.originateReason);
        return byReason != null ? byReason : OutcomeMapping.fromHangupCause(call.cause);
    }

    private static String describe(Call call) {
        String sip;
        if (call.sip && !call.heard && (call.originateReason == 3 || call.sipStatus == 0 || call.sipStatus == 408
                || call.sipStatus == 487)) {
            sip = "no response from the trunk" + (call.sipStatus == 0 ? "" : " (SIP " + call.sipStatus + " of Asterisk's own)") + ", ";
        } else {
            sip = call.sipStatus != 0 ? "SIP " + call.sipStatus + ", " : "";
        }
        return sip + "originate reason " + call.originateReason + ", cause " + call.cause;
    }

    private void answered(Call call, Instant at) {
        if (call.answered) {
            return;
        }
        call.answered = true;
        out.accept(new CallEvent.Answered(call.callId, at));
        if (!call.detectMachine) {
            sendOutcome(call, CallOutcome.ANSWERED_HUMAN, "answered", at);
        }
    }

    /** The dialplan's AMD() result (UserEvent DialerAmd). */
    public void machineDetection(String channelId, String status, String detail, Instant at) {
        Call call = callOf(channelId);
        if (call == null || call.outcomeSent) {
            return;
        }
        // a verdict means the call was answered, heard or not (its originate response may have gone to an earlier run)
        call.answered = true;
        CallOutcome outcome = "MACHINE".equalsIgnoreCase(status) ? CallOutcome.ANSWERED_MACHINE : CallOutcome.ANSWERED_HUMAN;
        sendOutcome(call, outcome, "AMD " + status + " " + detail, at);
    }

    public void waitingForAgent(String channelId, Instant at) {
        Call call = callOf(channelId);
        if (call != null) {
            if (!call.outcomeSent) {
                // in line for an agent means the dialplan took it for a person: a call placed without AMD that
                // was adopted as screened (the pacer waives AMD for small teams; nothing stored says so) has no
                // verdict to wait for
                answered(call, at);
                sendOutcome(call, CallOutcome.ANSWERED_HUMAN, "in line for an agent, no AMD verdict", at);
            }
            out.accept(new CallEvent.WaitingForAgent(call.callId, at));
        }
    }

    public void abandoned(String channelId, Instant at) {
        Call call = callOf(channelId);
        if (call != null && !call.abandonedSent) {
            call.abandonedSent = true;
            out.accept(new CallEvent.Abandoned(call.callId, at));
        }
    }

    public void safeHarbor(String channelId, String status, Instant at) {
        Call call = callOf(channelId);
        String callId = call != null ? call.callId : CallIds.callIdOf(channelId).orElse(null);
        if (call != null && call.harborSent) {
            return;
        }
        if (call != null) {
            call.harborSent = true;
        }
        if (callId != null) {
            out.accept(new CallEvent.SafeHarborPlayed(callId, "SUCCESS".equalsIgnoreCase(status), status, at));
        }
    }

    public void joinedConference(String conference, String channelId, Instant at) {
        Call call = callOf(channelId);
        if (call != null && CallIds.isPrimary(channelId)) {
            if (call.joinedSent) {
                return;
            }
            call.joinedSent = true;
        }
        out.accept(new CallEvent.JoinedConference(conference, channelId, CallIds.callIdOf(channelId).orElse(null), at));
    }

    public void leftConference(String conference, String channelId, Instant at) {
        out.accept(new CallEvent.LeftConference(conference, channelId, CallIds.callIdOf(channelId).orElse(null), at));
    }

    public void hangup(String channelId, int cause, Instant at) {
        hangup(channelId, cause, 0, at);
    }

    /** A channel of a call hung up with Q.850 {@code cause} and, for a SIP channel, the far end's SIP status (0: none). */
    public void hangup(String channelId, int cause, int sipStatus, Instant at) {
        Call call = callOf(channelId);
        if (call == null) {
            return;
        }
        call.hungUpChannels.add(channelId);
        if (call.cause == 0 && cause != 0) {
            call.cause = cause;
        }
        if (sipStatus != 0 && call.sipStatus == 0) {
            call.sipStatus = sipStatus;
        }
        if (CallIds.isPrimary(channelId)) {
            call.primaryHungUp = true;
            call.primaryHungUpAt = at;
        }
        if (call.sip && !call.answered) {
            if (call.originateReason >= 0 && !call.outcomeSent && CallIds.isPrimary(channelId)) {
                finish(call, unanswered(call), describe(call), at);
            } else if (call.responseMayBeLost && CallIds.isPrimary(channelId) && !call.outcomeSent) {
                finish(call, unanswered(call), describe(call) + " (followed again after a restart, unanswered)", at);
            }
            return;
        }
        if (!call.answered) {
            // an unanswered call's outcome comes with its originate response; a cause that
            // arrives after a vague response settles it at once
            if (call.originateReason >= 0 && !call.outcomeSent && cause != 0) {
                finish(call, OutcomeMapping.fromHangupCause(cause), "originate reason " + call.originateReason, at);
            } else if (call.responseMayBeLost && CallIds.isPrimary(channelId) && !call.outcomeSent) {
                // its response may have been lost: the channel's hang-up cause says what it was
                finish(call, OutcomeMapping.fromHangupCause(call.cause), "hang-up cause " + call.cause
                        + " (followed again after a restart, unanswered)", at);
            }
            return;
        }
        if (CallIds.isPrimary(channelId)) {
            if (!call.outcomeSent) {
                sendOutcome(call, CallOutcome.ANSWERED_HUMAN, "hung up before machine detection finished", at);
            }
            sendHangup(call, channelId, cause, at);
        }
    }

    /** The calls followed now; pass them to {@link #resynchronized} with the channel list asked for next. */
    public Set<String> followedCalls() {
        return Set.copyOf(calls.keySet());
    }

    /** The calls followed when the channels were listed that have no live channel left (they ended unheard), in the order placed. */
    public Set<String> vanished(List<LiveChannel> live, Set<String> followedWhenListed) {
        Set<String> liveCalls = new HashSet<>();
        for (LiveChannel channel : live) {
            channel.callId().ifPresent(liveCalls::add);
        }
        Set<String> gone = new LinkedHashSet<>();
        for (String callId : calls.keySet()) {
            if (followedWhenListed.contains(callId) && !liveCalls.contains(callId)) {
                gone.add(callId);
            }
        }
        return gone;
    }

    /** The same without the dialplan's facts. */
    public void resynchronized(List<LiveChannel> live, Set<String> followedWhenListed, Instant at) {
        resynchronized(live, followedWhenListed, Map.of(), null, at);
    }

    /** The same when it is not known since when Asterisk has been up. */
    public void resynchronized(List<LiveChannel> live, Set<String> followedWhenListed, Map<String, CallFacts> facts,
                               Instant at) {
        resynchronized(live, followedWhenListed, facts, null, at);
    }

    /**
     * After a reconnect: any call of ours, among those followed when the channels were listed,
     * with no live channel left ended while we could not hear it. What the dialplan recorded about
     * it ({@code facts}) is told as it happened: the machine-detection verdict, the agent's
     * conference, the abandonment and the safe-harbor message, at the times recorded. An outcome
     * nothing recorded is FAILED (unanswered) or ANSWERED_HUMAN (answered), with a detail that
     * says so; except that a call with no channel and no fact at all, placed while Asterisk was up
     * (it has been up since {@code pbxStartedAt}, null if not known), never had a channel: it is
     * NOT_PLACED. Only facts recorded since a call was placed are its own ({@link CallFacts#since}).
     * Calls placed after the listing are left alone.
     */
    public void resynchronized(List<LiveChannel> live, Set<String> followedWhenListed, Map<String, CallFacts> facts,
                               Instant pbxStartedAt, Instant at) {
        Set<String> gone = vanished(live, followedWhenListed);
        for (String callId : List.copyOf(calls.keySet())) {
            Call call = calls.get(callId);
            if (!followedWhenListed.contains(callId)) {
                continue;
            }
            CallFacts own = facts.getOrDefault(callId, CallFacts.NONE).since(call.placedAt);
            if (!call.answered) {
                call.responseMayBeLost = true;
            }
            catchUp(call, own);
            // listed live, but its hang-up was heard since the listing, before this catch-up (answered
            // during the outage, it could not be told then): it is over as much as one never listed
            boolean hungUpSinceListing = call.primaryHungUpAt != null;
            if (!gone.contains(callId) && !hungUpSinceListing) {
                // still up: what follows is heard as usual (an answer unheard so far is read from its state)
                if (call.responseMayBeLost && !call.answered && answeredNow(live, callId)) {
                    answered(call, at);
                }
                continue;
            }
            CallFacts.Fact unanswered = own.unanswered();
            if (!call.outcomeSent && !call.answered && unanswered != null && unanswered.value().matches("\\d{1,3}")) {
                int cause = Integer.parseInt(unanswered.value());
                call.cause = cause;
                sendOutcome(call, OutcomeMapping.fromHangupCause(cause), "hang-up cause " + cause
                        + " (recorded by the dialplan while the AMI connection was down)", unanswered.at());
            }
            if (!call.outcomeSent && !call.answered && hungUpSinceListing && call.cause != 0) {
                sendOutcome(call, OutcomeMapping.fromHangupCause(call.cause), "hang-up cause " + call.cause
                        + " (heard as the AMI connection came back)", call.primaryHungUpAt);
            }
            if (!call.outcomeSent && !call.answered && own.hungup() != null) {
                // answered with no machine detection (or hung up during it), then hung up
                call.answered = true;
                sendOutcome(call, CallOutcome.ANSWERED_HUMAN, "answered and hung up (recorded by the dialplan while the AMI "
                        + "connection was down)", own.hungup().at());
            }
            if (!call.outcomeSent && !call.answered && !own.any() && placedWhileUp(call, pbxStartedAt)) {
                sendOutcome(call, CallOutcome.NOT_PLACED, "no channel was ever created: Asterisk, up since before the call "
                        + "was placed, has neither a channel nor a record of it", at);
            }
            if (!call.outcomeSent) {
                sendOutcome(call, call.answered ? CallOutcome.ANSWERED_HUMAN : CallOutcome.FAILED,
                        "ended while the AMI connection was down", at);
            }
            if (call.answered) {
                CallFacts.Fact hungup = own.hungup();
                boolean recorded = hungup != null && hungup.value().matches("\\d{1,3}");
                if (recorded) {
                    sendHangup(call, CallIds.channelId(call.callId), Integer.parseInt(hungup.value()), hungup.at());
                } else if (hungUpSinceListing) {
                    sendHangup(call, CallIds.channelId(call.callId), call.cause, call.primaryHungUpAt);
                } else {
                    sendHangup(call, CallIds.channelId(call.callId), 0, at);
                }
            } else {
                calls.remove(call.callId);
            }
        }
    }

    private static boolean answeredNow(List<LiveChannel> live, String callId) {
        String primary = CallIds.channelId(callId);
        return live.stream().anyMatch(c -> c.channelId().equals(primary) && "Up".equalsIgnoreCase(c.state()));
    }

    /** Asterisk has been up since before the call was placed (by a margin for the two clocks and its uptime's whole seconds). */
    private static boolean placedWhileUp(Call call, Instant pbxStartedAt) {
        return call.placedAt != null && pbxStartedAt != null
                && pbxStartedAt.plus(CallFacts.CLOCK_TOLERANCE).plusSeconds(1).isBefore(call.placedAt);
    }

    /** Tells what the dialplan recorded about a call that was not heard yet, at the times recorded. */
    private void catchUp(Call call, CallFacts f) {
        String channel = CallIds.channelId(call.callId);
        if (f.amd() != null && !call.outcomeSent) {
            call.answered = true;
            boolean machine = f.amd().value().toUpperCase(Locale.ROOT).startsWith("MACHINE");
            sendOutcome(call, machine ? CallOutcome.ANSWERED_MACHINE : CallOutcome.ANSWERED_HUMAN,
                    "AMD " + f.amd().value() + " (recorded by the dialplan while the AMI connection was down)", f.amd().at());
        }
        if (f.agent() != null) {
            joinedConference("agent-" + f.agent().value(), channel, f.agent().at());
        }
        if (f.abandoned() != null) {
            abandoned(channel, f.abandoned().at());
        }
        if (f.harbor() != null) {
            safeHarbor(channel, f.harbor().value(), f.harbor().at());
        }
    }

    private Call callOf(String channelId) {
        return CallIds.callIdOf(channelId).map(calls::get).orElse(null);
    }

    private void finish(Call call, CallOutcome outcome, String detail, Instant at) {
        sendOutcome(call, outcome, detail, at);
        calls.remove(call.callId);
        if (!call.answered) {
            // the dialplan records an unanswered call's cause as its channel hangs up, which may be a
            // moment after the outcome is known here: its facts go once that is surely done
            scheduler.schedule(() -> callOver.accept(call.callId), UNANSWERED_FACTS_LINGER);
        }
    }

    private void sendOutcome(Call call, CallOutcome outcome, String detail, Instant at) {
        if (call.outcomeSent) {
            return;
        }
        call.outcomeSent = true;
        out.accept(new CallEvent.Outcome(call.callId, outcome, call.originateReason, call.cause, call.sipStatus, detail.trim(), at));
    }

    private void sendHangup(Call call, String channelId, int cause, Instant at) {
        if (!call.hangupSent) {
            call.hangupSent = true;
            out.accept(new CallEvent.HungUp(call.callId, channelId, cause, at));
            callOver.accept(call.callId);
        }
        calls.remove(call.callId);
    }
}
