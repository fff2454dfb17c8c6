package dialer.ami.asterisk;

import dialer.ami.CallFacts;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.DbDelTreeAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.response.CommandResponse;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and deletes what the dialplan records about calls in Asterisk's database ({@link
 * CallFacts}). Used on the bridge's event thread; every command completes there.
 */
final class DialplanFacts {

    private static final Logger log = LoggerFactory.getLogger(DialplanFacts.class);

    private final Function<ManagerAction, CompletableFuture<ManagerResponse>> send;

    DialplanFacts(Function<ManagerAction, CompletableFuture<ManagerResponse>> send) {
        this.send = send;
    }

    /** The facts of each of these calls; a call whose facts cannot be read has none. */
    CompletableFuture<Map<String, CallFacts>> of(Set<String> callIds) {
        Map<String, CallFacts> facts = new HashMap<>();
        List<CompletableFuture<Void>> reads = new ArrayList<>();
        for (String callId : callIds) {
            reads.add(send.apply(new CommandAction("database show " + CallFacts.family(callId))).handle((response, error) -> {
                if (error == null && response instanceof CommandResponse r) {
                    facts.put(callId, CallFacts.parse(callId, r.getResult()));
                } else if (error != null) {
                    log.warn("call {}: could not read what the dialplan recorded: {}", callId, error.getMessage());
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> facts);
    }

    /**
     * Since when Asterisk has been up ({@code core show uptime seconds}, to the second), or null
     * when that cannot be read: a call with no record at all was never created only if Asterisk
     * (and its database of facts) was up all along since it was placed.
     */
    CompletableFuture<Instant> pbxStartedAt() {
        Instant asked = Instant.now();
        return send.apply(new CommandAction("core show uptime seconds")).handle((response, error) -> {
            if (error == null && response instanceof CommandResponse r) {
                Long uptime = uptimeSeconds(r.getResult());
                if (uptime != null) {
                    return asked.minusSeconds(uptime);
                }
            }
            log.warn("could not read Asterisk's uptime ({}); calls with no record are counted as failed, not as never placed",
                    error == null ? "unexpected answer" : error.getMessage());
            return null;
        });
    }

    /** The seconds of "System uptime: N" in the output of {@code core show uptime seconds}, or null. */
    static Long uptimeSeconds(List<String> lines) {
        if (lines == null) {
            return null;
        }
        for (String line : lines) {
            Matcher m = UPTIME.matcher(line.trim());
            if (m.matches()) {
                return Long.parseLong(m.group(1));
            }
        }
        return null;
    }

    private static final Pattern UPTIME = Pattern.compile("System uptime:\\s*(\\d{1,12})");

    /** A call is over and was heard to end: its facts are not needed any more. */
    void forget(String callId) {
        send.apply(new DbDelTreeAction("dialer", callId)).whenComplete((r, error) -> {
            if (error != null) {
                log.debug("call {}: no recorded facts to delete ({})", callId, error.getMessage());
            }
        });
    }
}
