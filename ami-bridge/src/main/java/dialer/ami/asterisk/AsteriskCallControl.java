package dialer.ami.asterisk;

import dialer.ami.CallControl;
import dialer.ami.CallEvent;
import dialer.ami.CallEventListener;
import dialer.ami.CallIds;
import dialer.ami.CallTracker;
import dialer.ami.ConfigSection;
import dialer.ami.DialplanLocation;
import dialer.ami.LiveChannel;
import dialer.ami.OriginateRequest;
import dialer.ami.PbxCommandException;
import dialer.ami.PbxCommandNotSent;
import dialer.ami.PbxCommandRefused;
import dialer.ami.ReconnectBackoff;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.GetConfigAction;
import org.asteriskjava.manager.action.UpdateConfigAction;
import org.asteriskjava.manager.response.GetConfigResponse;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.action.MixMonitorAction;
import org.asteriskjava.manager.action.MixMonitorMuteAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ShutdownEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@link CallControl} over Asterisk-Java's raw manager API (one {@link ManagerConnection}).
 *
 * <p>Threads: Asterisk-Java reads the socket and dispatches events on threads of its own; our
 * listener on its dispatch thread only hands each event over to this bridge's single event
 * thread, where the {@link CallTracker} runs, commands complete, timers fire and our listeners
 * are called. Blocking steps (log-in, log-off) run on a separate connect thread.
 *
 * <p>Liveness: a Ping every {@link AmiSettings#pingInterval()}; a ping that fails or goes
 * unanswered, or a dropped socket, closes the connection and a new one is made with
 * exponential backoff (Asterisk-Java's own reconnect loop is stopped: we own reconnection, so
 * every new connection starts clean). After each log-in the live channels are listed and
 * published as {@link CallEvent.Resynchronized}, so calls and agents are never left stuck.
 */
public final class AsteriskCallControl implements CallControl {

    private static final Logger log = LoggerFactory.getLogger(AsteriskCallControl.class);
    private static final String EVENT_MASK = "call,user,system,agent";

    private final AmiSettings settings;
    private final ManagerConnectionFactory factory;
    private final ScheduledExecutorService eventThread;
    private final ExecutorService connectThread;
    private final CallTracker tracker;
    /** What the dialplan records about each call in AstDB, read back after an outage. */
    private final DialplanFacts facts;
    private final ReconnectBackoff backoff;
    private final List<CallEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> connectWaiters = new ArrayList<>();

    // owned by the event thread
    private ManagerConnection connection;
    private int failedAttempts;
    private ScheduledFuture<?> pinger;
    private boolean started;
    private volatile boolean connected;
    private volatile boolean closed;

    public AsteriskCallControl(AmiSettings settings) {
        this.settings = settings;
        this.factory = new ManagerConnectionFactory(settings.host(), settings.port(), settings.username(), settings.secret());
        this.eventThread = Executors.newSingleThreadScheduledExecutor(named("ami-events-" + settings.address()));
        this.connectThread = Executors.newSingleThreadExecutor(named("ami-connect-" + settings.address()));
        this.facts = new DialplanFacts(this::send);
        this.tracker = new CallTracker(this::publish,
                (task, delay) -> eventThread.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS), facts::forget);
        this.backoff = new ReconnectBackoff(settings.reconnectFirst(), settings.reconnectMax(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public void start() {
        eventThread.execute(() -> {
            if (!started && !closed) {
                started = true;
                connect();
            }
        });
    }

    @Override
    public CompletableFuture<Void> whenConnected(Duration timeout) {
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        eventThread.execute(() -> {
            if (connected) {
                waiter.complete(null);
                return;
            }
            connectWaiters.add(waiter);
            eventThread.schedule(() -> {
                if (connectWaiters.remove(waiter)) {
                    waiter.completeExceptionally(new PbxCommandException("could not log in to Asterisk AMI at "
                            + settings.address() + " within " + timeout.toSeconds() + " s"));
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        });
        return waiter;
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void addListener(CallEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public CompletableFuture<Void> originate(OriginateRequest request) {
        OriginateAction action = OriginateActions.of(request);
        CompletableFuture<Void> result = new CompletableFuture<>();
        eventThread.execute(() -> {
            tracker.placed(request, Instant.now());
            send(action).whenComplete((response, error) -> {
                if (error != null) {
                    tracker.notPlaced(request.callId(), error.getMessage(), error instanceof PbxCommandRefused, Instant.now());
                    result.completeExceptionally(error);
                } else {
                    result.complete(null);
                }
            });
        });
        return result;
    }

    @Override
    public void adopt(String callId, Instant placedAt, boolean detectMachine, boolean classified, boolean joined) {
        eventThread.execute(() -> tracker.adopted(callId, placedAt, detectMachine, classified, joined));
    }

    @Override
    public CompletableFuture<Void> redirect(String channelId, DialplanLocation target) {
        RedirectAction action = new RedirectAction(channelId, target.context(), target.exten(), target.priority());
        return onEventThread(() -> send(action)).thenApply(r -> null);
    }

    @Override
    public CompletableFuture<Void> redirect(String channelId, DialplanLocation target, String extraChannelId,
                                           DialplanLocation extraTarget) {
        RedirectAction action = new RedirectAction(channelId, extraChannelId, target.context(), target.exten(), target.priority(),
                extraTarget.context(), extraTarget.exten(), extraTarget.priority());
        return onEventThread(() -> send(action)).thenApply(r -> null);
    }

    @Override
    public CompletableFuture<Void> hangup(String channelId, int cause) {
        HangupAction action = new HangupAction(channelId, cause);
        return onEventThread(() -> send(action)).thenApply(r -> null);
    }

    @Override
    public CompletableFuture<Void> setVariable(String channelId, String name, String value) {
        SetVarAction action = new SetVarAction(channelId, name, value);
        return onEventThread(() -> send(action)).thenApply(r -> null);
    }

    /** Each file's write in progress, the next one chained after it (event thread). */
    private final Map<String, CompletableFuture<Void>> configWrites = new java.util.HashMap<>();


    @Override
    public CompletableFuture<Void> replaceConfig(String file, List<ConfigSection> sections, List<String> reloads) {
        // one write of a file at a time: two interleaved (two phones added at once, say) would each
        // delete what they read and add their own, leaving duplicates or an error half-way
        return onEventThread(() -> {
            CompletableFuture<Void> before = configWrites.getOrDefault(file, CompletableFuture.completedFuture(null));
            CompletableFuture<Void> write = before.handle((r, e) -> (Void) null)
                    .thenCompose(v -> onEventThread(() -> writeConfig(file, sections, reloads)));
            configWrites.put(file, write);
            write.whenComplete((r, e) -> runOnEventThread(() -> configWrites.remove(file, write)));
            return write;
        });
    }

    /** Reads the file, deletes every section in it and adds {@code sections}, then reloads (event thread). */
    private CompletableFuture<Void> writeConfig(String file, List<ConfigSection> sections, List<String> reloads) {
        return send(new GetConfigAction(file)).thenCompose(current -> {
            List<String> present = current instanceof GetConfigResponse config && config.getCategories() != null
                    ? List.copyOf(config.getCategories().values()) : List.of();
            List<UpdateConfigAction> updates = ConfigUpdates.replacing(file, present, sections);
            if (updates.isEmpty()) {
                // nothing there and nothing to write: no reload either
                return CompletableFuture.completedFuture((Void) null);
            }
            CompletableFuture<ManagerResponse> written = CompletableFuture.completedFuture(null);
            for (UpdateConfigAction update : updates) {
                written = written.thenCompose(r -> send(update));
            }
            for (String reload : reloads) {
                written = written.thenCompose(r -> send(new CommandAction(reload)));
            }
            return written.thenApply(r -> (Void) null);
        });
    }

    @Override
    public CompletableFuture<Void> startRecording(String channelId, String file) {
        // no options: both directions mixed into one file, closed when the channel hangs up
        MixMonitorAction action = new MixMonitorAction(channelId, file);
        return onEventThread(() -> send(action)).thenApply(r -> null);
    }

    @Override
    public CompletableFuture<Void> muteRecording(String channelId, boolean mute) {
        // "both": what the person says and what they hear; muted frames are written as silence
        MixMonitorMuteAction action = new MixMonitorMuteAction(channelId, "both", mute ? 1 : 0);
        return onEventThread(() -> send(action)).thenApply(r -> null);
    }

    @Override
    public CompletableFuture<List<LiveChannel>> liveChannels() {
        return onEventThread(this::listChannels);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        eventThread.execute(() -> {
            connected = false;
            if (pinger != null) {
                pinger.cancel(false);
            }
            ManagerConnection last = connection;
            connection = null;
            if (last != null) {
                connectThread.execute(() -> logoffQuietly(last));
            }
            connectThread.execute(() -> done.complete(null));
        });
        try {
            done.get(settings.commandTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.debug("AMI connection to {} did not log off cleanly: {}", settings.address(), e.toString());
        }
        connectThread.shutdownNow();
        eventThread.shutdownNow();
    }

    // --- connection lifecycle (event thread) ---------------------------------------------------

    private void connect() {
        ManagerConnection candidate = factory.createManagerConnection();
        candidate.setSocketReadTimeout((int) (settings.pingInterval().toMillis() * 3));
        candidate.registerUserEventClass(DialerAmdEvent.class);
        candidate.registerUserEventClass(DialerWaitingEvent.class);
        candidate.registerUserEventClass(DialerAbandonedEvent.class);
        candidate.registerUserEventClass(DialerSafeHarborEvent.class);
        candidate.registerUserEventClass(DialerInboundEvent.class);
        // replaces the library's Hangup event class: keeps the SIP status (TechCause), no "no setter" warning per call
        candidate.registerUserEventClass(HangupEvent.class);
        candidate.registerUserEventClass(HangupRequestEvent.class);
        // Asterisk-Java's dispatch thread: hand over, never work here
        candidate.addEventListener(event -> runOnEventThread(() -> onAmiEvent(candidate, event)));
        connectThread.execute(() -> {
            try {
                candidate.login(EVENT_MASK);
                runOnEventThread(() -> onLoggedIn(candidate));
            } catch (Exception e) {
                logoffQuietly(candidate);
                runOnEventThread(() -> onConnectFailed(e));
            }
        });
    }

    private void onLoggedIn(ManagerConnection candidate) {
        if (closed) {
            connectThread.execute(() -> logoffQuietly(candidate));
            return;
        }
        connection = candidate;
        if (failedAttempts > 0) {
            log.info("AMI connection to {} restored after {} failed attempt(s)", settings.address(), failedAttempts);
        } else {
            log.info("AMI connected to {}", settings.address());
        }
        failedAttempts = 0;
        long every = settings.pingInterval().toMillis();
        pinger = eventThread.scheduleWithFixedDelay(() -> ping(candidate), every, every, TimeUnit.MILLISECONDS);
        // connected only once the state is rebuilt: whoever waits for us then sees a settled picture
        var followed = tracker.followedCalls();
        listChannels().whenComplete((channels, error) -> {
            if (error != null) {
                connectionLost(candidate, "could not list channels after log-in: " + error.getMessage());
                return;
            }
            // what the dialplan recorded about the calls followed while we heard nothing (ended or still up)
            Set<String> gone = tracker.vanished(channels, followed);
            facts.of(followed).thenAcceptBoth(facts.pbxStartedAt(), (recorded, startedAt) -> {
                Instant now = Instant.now();
                tracker.resynchronized(channels, followed, recorded, startedAt, now);
                gone.forEach(facts::forget);
                connected = true;
                publish(new CallEvent.Resynchronized(channels, now));
                for (CompletableFuture<Void> waiter : connectWaiters) {
                    waiter.complete(null);
                }
                connectWaiters.clear();
            });
        });
    }

    private void onConnectFailed(Exception e) {
        if (closed) {
            return;
        }
        Duration delay = backoff.delay(failedAttempts++);
        if (failedAttempts == 1 || failedAttempts % 10 == 0) {
            log.warn("cannot log in to Asterisk AMI at {} ({}); attempt {}, retrying in {} ms",
                    settings.address(), e.getMessage(), failedAttempts, delay.toMillis());
        }
        eventThread.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletableFuture<Void> ping() {
        return onEventThread(() -> {
            ManagerConnection now = connection;
            return now == null ? CompletableFuture.<Void>failedFuture(new PbxCommandNotSent("Ping not sent: not connected"))
                    : ping(now);
        });
    }

    private CompletableFuture<Void> ping(ManagerConnection pinged) {
        if (pinged != connection) {
            return CompletableFuture.completedFuture(null);
        }
        return send(new PingAction()).whenComplete((response, error) -> {
            if (error != null) {
                connectionLost(pinged, "ping failed: " + error.getMessage());
            }
        }).thenApply(r -> null);
    }

    /** Drops a connection for good (once) and schedules a new one. */
    private void connectionLost(ManagerConnection lost, String reason) {
        if (lost != connection || closed) {
            return;
        }
        connection = null;
        connected = false;
        if (pinger != null) {
            pinger.cancel(false);
        }
        log.warn("AMI connection to {} lost: {}; reconnecting", settings.address(), reason);
        // stops Asterisk-Java's own reconnect loop for this connection: we make a new one
        connectThread.execute(() -> logoffQuietly(lost));
        publish(new CallEvent.ConnectionLost(reason, Instant.now()));
        Duration delay = backoff.delay(failedAttempts++);
        eventThread.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Hands a task to the event thread; after {@link #close()} there is nothing left to do. */
    private void runOnEventThread(Runnable task) {
        try {
            eventThread.execute(task);
        } catch (RejectedExecutionException e) {
            if (!closed) {
                throw e;
            }
        }
    }

    private static void logoffQuietly(ManagerConnection c) {
        try {
            c.logoff();
        } catch (RuntimeException e) {
            // not connected any more: nothing to log off from
        }
    }

    // --- events (event thread) ------------------------------------------------------------------

    private void onAmiEvent(ManagerConnection source, ManagerEvent event) {
        if (event instanceof DisconnectEvent) {
            connectionLost(source, "socket closed");
            return;
        }
        if (source != connection) {
            return;
        }
        Instant at = TrackerFeed.timestampOf(event);
        try {
            if (TrackerFeed.feed(tracker, event, at)) {
                return;
            }
            if (event instanceof org.asteriskjava.manager.event.ContactStatusEvent e) {
                PeerHealthFeed.contact(e, at).ifPresent(this::publish);
            } else if (event instanceof org.asteriskjava.manager.event.RegistryEvent e) {
                PeerHealthFeed.registration(e, at).ifPresent(this::publish);
            } else if (event instanceof DialerInboundEvent e) {
                publish(new CallEvent.InboundArrived(e.getChannel(), e.getUniqueId(), e.getFrom(), e.getTo(), at));
            } else if (event instanceof ShutdownEvent e) {
                log.warn("Asterisk at {} is shutting down ({}{})", settings.address(), e.getShutdown(),
                        Boolean.TRUE.equals(e.getRestart()) ? ", restarting" : "");
                publish(new CallEvent.ShuttingDown(Boolean.TRUE.equals(e.getRestart()), at));
            }
        } catch (RuntimeException e) {
            log.error("could not handle AMI event {}", event.getClass().getSimpleName(), e);
        }
    }

    private void publish(CallEvent event) {
        for (CallEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.error("call event listener failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }


    // --- commands (event thread) ----------------------------------------------------------------

    private <T> CompletableFuture<T> onEventThread(Supplier<CompletableFuture<T>> command) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new PbxCommandException("the AMI bridge is closed"));
            return result;
        }
        runOnEventThread(() -> command.get().whenComplete((value, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        }));
        return result;
    }

    /** Sends one action with a timeout; completes on the event thread. */
    private CompletableFuture<ManagerResponse> send(ManagerAction action) {
        CompletableFuture<ManagerResponse> result = new CompletableFuture<>();
        ManagerConnection c = connection;
        if (c == null) {
            result.completeExceptionally(new PbxCommandNotSent(action.getAction() + " not sent: not connected to Asterisk AMI at " + settings.address()));
            return result;
        }
        ScheduledFuture<?> timeout = eventThread.schedule(() -> result.completeExceptionally(new PbxCommandException(
                action.getAction() + ": no answer from Asterisk within " + settings.commandTimeout().toMillis() + " ms")),
                settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            c.sendAction(action, response -> eventThread.execute(() -> {
                timeout.cancel(false);
                if (response == null) {
                    result.completeExceptionally(new PbxCommandException(action.getAction() + ": connection lost before Asterisk answered"));
                } else if (response instanceof ManagerError) {
                    result.completeExceptionally(new PbxCommandRefused(action.getAction() + " refused by Asterisk: " + response.getMessage()));
                } else {
                    result.complete(response);
                }
            }));
        } catch (Exception e) {
            timeout.cancel(false);
            // Asterisk-Java refuses before writing (not connected), or the socket failed before the command was whole
            PbxCommandNotSent notSent = new PbxCommandNotSent(action.getAction() + " not sent: " + e.getMessage());
            notSent.initCause(e);
            result.completeExceptionally(notSent);
        }
        return result;
    }

    private CompletableFuture<List<LiveChannel>> listChannels() {
        CompletableFuture<List<LiveChannel>> result = new CompletableFuture<>();
        ManagerConnection c = connection;
        if (c == null) {
            result.completeExceptionally(new PbxCommandException("CoreShowChannels not sent: not connected"));
            return result;
        }
        ScheduledFuture<?> timeout = eventThread.schedule(() -> result.completeExceptionally(
                new PbxCommandException("CoreShowChannels: no complete answer within " + settings.commandTimeout().toMillis() + " ms")),
                settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            c.sendEventGeneratingAction(new CoreShowChannelsAction(), (ResponseEvents events) -> {
                List<LiveChannel> channels = new ArrayList<>();
                for (var e : events.getEvents()) {
                    if (e instanceof CoreShowChannelEvent ch) {
                        channels.add(new LiveChannel(ch.getUniqueid(), ch.getChannel(), ch.getChannelStateDesc(),
                                ch.getContext(), ch.getExtension(), ch.getApplication(),
                                CallIds.callIdOf(ch.getUniqueid()), ch.getApplicationdata(), ch.getBridgeid()));
                    }
                }
                eventThread.execute(() -> {
                    timeout.cancel(false);
                    result.complete(List.copyOf(channels));
                });
            });
        } catch (Exception e) {
            timeout.cancel(false);
            result.completeExceptionally(new PbxCommandException("CoreShowChannels not sent: " + e.getMessage(), e));
        }
        return result;
    }

    private static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
