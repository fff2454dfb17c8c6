package dialer.core.engine;

import dialer.ami.CallIds;
import dialer.ami.DialplanLocation;
import dialer.ami.LiveChannel;
import dialer.ami.OriginateRequest;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The Asterisks this engine drives, by name, and which of them are reachable now. Commands come
 * back on the engine thread.
 */
final class PbxLinks {

    private static final Logger log = LoggerFactory.getLogger(PbxLinks.class);
    static final int NORMAL_CLEARING = 16;

    private final EngineThread thread;
    /** Fixed at construction. */
    private final Map<String, Pbx> pbxs = new LinkedHashMap<>();
    /** Engine thread: PBXs logged in now (between Resynchronized and ConnectionLost). */
    private final Set<String> connected = new HashSet<>();
    /** Fixed at construction; each governor is engine-thread state. */
    private final Map<String, PbxGovernor> governors = new LinkedHashMap<>();
    private final Clock clock;

    PbxLinks(EngineThread thread, Collection<Pbx> pbxs, Clock clock) {
        this.thread = thread;
        this.clock = clock;
        pbxs.forEach(p -> {
            this.pbxs.put(p.name(), p);
            governors.put(p.name(), new PbxGovernor(p.name(), p.limits()));
        });
    }

    /** Now, by the clock the governors time the PBXs with. */
    long millis() {
        return clock.millis();
    }

    /** How hard the PBX may be pushed now (engine thread). */
    PbxGovernor governor(String pbx) {
        return governors.get(pbx);
    }

    /** A command's answer, timed for the PBX's governor: late or missing answers hold its dialing down. */
    private <T> Future<T> timed(String pbx, String what, CompletableFuture<T> command) {
        long sent = clock.millis();
        return thread.back(command).andThen(ar -> {
            PbxGovernor g = governors.get(pbx);
            long now = clock.millis();
            if (ar.succeeded()) {
                g.acknowledged(what, now - sent, now);
            } else if (!(ar.cause() instanceof dialer.ami.PbxCommandRefused)) {
                g.unanswered(what, now);
            }
        });
    }

    Set<String> names() {
        return Collections.unmodifiableSet(pbxs.keySet());
    }

    Collection<Pbx> all() {
        return pbxs.values();
    }

    boolean exists(String pbx) {
        return pbxs.containsKey(pbx);
    }

    boolean connected(String pbx) {
        thread.check();
        return connected.contains(pbx);
    }

    void up(String pbx) {
        thread.check();
        connected.add(pbx);
    }

    void down(String pbx, String reason) {
        thread.check();
        connected.remove(pbx);
        log.warn("PBX {} unreachable ({}); no new calls there until it is back", pbx, reason);
    }

    /** Follows a call an earlier run placed (see {@code CallControl.adopt}); false when the PBX is not configured any more. */
    boolean adopt(String pbx, String callId, Instant placedAt, boolean detectMachine, boolean classified, boolean joined) {
        Pbx p = pbxs.get(pbx);
        if (p == null) {
            return false;
        }
        p.control().adopt(callId, placedAt, detectMachine, classified, joined);
        return true;
    }

    /** Checks the PBX's link now; a PBX shutting down is then reported down at once. */
    void ping(String pbx) {
        Pbx p = pbxs.get(pbx);
        if (p != null && connected.contains(pbx)) {
            p.control().ping();
        }
    }

    Future<Void> originate(String pbx, OriginateRequest request) {
        return timed(pbx, "an originate", pbxs.get(pbx).control().originate(request));
    }

    Future<Void> redirect(String pbx, String callId, DialplanLocation to) {
        return timed(pbx, "a redirect", pbxs.get(pbx).control().redirect(CallIds.channelId(callId), to));
    }

    /** Moves two calls' channels in one command (see {@code CallControl.redirect} with an extra channel). */
    Future<Void> redirect(String pbx, String callId, DialplanLocation to, String otherCallId, DialplanLocation otherTo) {
        return timed(pbx, "a redirect", pbxs.get(pbx).control().redirect(CallIds.channelId(callId), to,
                CallIds.channelId(otherCallId), otherTo));
    }

    Future<Void> hangup(String pbx, String callId) {
        return timed(pbx, "a hang-up", pbxs.get(pbx).control().hangup(CallIds.channelId(callId), NORMAL_CLEARING));
    }

    /** Sets a variable on a call's primary channel, once the PBX's AMI link is up (at most 30 s from now). */
    Future<Void> setVariable(String pbx, String callId, String name, String value) {
        dialer.ami.CallControl control = pbxs.get(pbx).control();
        return thread.back(control.whenConnected(java.time.Duration.ofSeconds(30))
                .thenCompose(connected -> control.setVariable(CallIds.channelId(callId), name, value)));
    }

    /** Hangs up the primary channels of calls whose id starts with {@code prefix} (legs left by an earlier session). */
    Future<Void> hangupLeftovers(String pbx, String prefix, String why) {
        return thread.back(pbxs.get(pbx).control().liveChannels()).compose(channels -> {
            List<Future<Void>> hangups = new ArrayList<>();
            for (LiveChannel channel : channels) {
                if (channel.callId().filter(id -> id.startsWith(prefix)).isPresent() && CallIds.isPrimary(channel.channelId())) {
                    log.info("{}: hanging up a channel left by an earlier session", why);
                    hangups.add(thread.back(pbxs.get(pbx).control().hangup(channel.channelId(), NORMAL_CLEARING))
                            .recover(e -> Future.succeededFuture()));
                }
            }
            return Future.all(hangups).<Void>mapEmpty();
        });
    }
}
