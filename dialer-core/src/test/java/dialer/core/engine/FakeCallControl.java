package dialer.core.engine;

import dialer.ami.CallControl;
import dialer.ami.CallEvent;
import dialer.ami.CallEventListener;
import dialer.ami.CallOutcome;
import dialer.ami.DialplanLocation;
import dialer.ami.LiveChannel;
import dialer.ami.OriginateRequest;
import dialer.ami.PbxCommandRefused;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A PBX for unit tests: records what the engine asks of it and answers at once (or as told); the
 * test plays the events Asterisk would send, in the orders the integration tests have met.
 */
final class FakeCallControl implements CallControl {

    /** A redirect asked for; {@code extraChannelId} and {@code extraTo} are null when it moved one channel. */
    record Redirect(String channelId, DialplanLocation to, String extraChannelId, DialplanLocation extraTo) {
        Redirect(String channelId, DialplanLocation to) {
            this(channelId, to, null, null);
        }
    }

    final List<OriginateRequest> originates = new CopyOnWriteArrayList<>();
    final List<Redirect> redirects = new CopyOnWriteArrayList<>();
    final List<String> hangups = new CopyOnWriteArrayList<>();
    final List<LiveChannel> channels = new CopyOnWriteArrayList<>();
    private final List<CallEventListener> listeners = new CopyOnWriteArrayList<>();
    boolean refuseOriginates;
    boolean failRedirects;

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
        if (refuseOriginates) {
            // as the bridge does: the refused call's FAILED outcome first, then the refusal
            emit(new CallEvent.Outcome(request.callId(), CallOutcome.FAILED, 0, 0, "originate not accepted: refused by the test",
                    java.time.Instant.now()));
            return CompletableFuture.failedFuture(new PbxCommandRefused("refused by the test"));
        }
        originates.add(request);
        return CompletableFuture.completedFuture(null);
    }

    /** Calls the engine asked to follow again after a restart: "callId classified joined". */
    final List<String> adopted = new CopyOnWriteArrayList<>();

    @Override
    public void adopt(String callId, java.time.Instant placedAt, boolean detectMachine, boolean classified, boolean joined) {
        adopted.add(callId + (classified ? " classified" : "") + (joined ? " joined" : ""));
    }

    final List<String> pings = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<Void> ping() {
        pings.add("ping");
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> redirect(String channelId, DialplanLocation target) {
        redirects.add(new Redirect(channelId, target));
        return failRedirects ? CompletableFuture.failedFuture(new PbxCommandRefused("no such channel"))
                : CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> redirect(String channelId, DialplanLocation target, String extraChannelId,
                                           DialplanLocation extraTarget) {
        redirects.add(new Redirect(channelId, target, extraChannelId, extraTarget));
        return failRedirects ? CompletableFuture.failedFuture(new PbxCommandRefused("no such channel"))
                : CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> hangup(String channelId, int cause) {
        hangups.add(channelId);
        return CompletableFuture.completedFuture(null);
    }

    /** Channel variables set, as "channel name=value". */
    final List<String> variablesSet = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<Void> setVariable(String channelId, String name, String value) {
        variablesSet.add(channelId + " " + name + "=" + value);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<LiveChannel>> liveChannels() {
        return CompletableFuture.completedFuture(new ArrayList<>(channels));
    }

    @Override
    public void addListener(CallEventListener listener) {
        listeners.add(listener);
    }

    /** Asterisk reports {@code event} (the engine takes it on its thread when the test drains). */
    void emit(CallEvent event) {
        listeners.forEach(l -> l.onEvent(event));
    }

    /** Call ids of the callee calls originated so far (not agents' legs). */
    List<String> calleeCalls() {
        return originates.stream().map(OriginateRequest::callId).filter(id -> id.startsWith("c")).toList();
    }

    @Override
    public void close() {
    }
}
