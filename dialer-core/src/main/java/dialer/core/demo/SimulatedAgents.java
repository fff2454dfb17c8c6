package dialer.core.demo;

import dialer.core.Conflict;
import dialer.core.Invalid;

import dialer.core.call.DispositionRequest;
import dialer.core.engine.AgentState;
import dialer.core.engine.AgentStatus;
import dialer.core.engine.DialerEngine;
import dialer.core.engine.EngineListener;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Agents played by the server itself (agents registered as simulated): each talks for a while
 * on a connected call, then gives a disposition and hangs up; if the callee hangs up first, it
 * gives the disposition after a short wrap-up. They use the same engine calls a real agent's
 * console does.
 */
public final class SimulatedAgents implements EngineListener {

    private static final Logger log = LoggerFactory.getLogger(SimulatedAgents.class);
    private static final List<String> CODES = List.of("PTP", "PTP", "PTP", "RPC", "RPC", "REFUSED", "REFUSED",
            "CALLBACK", "WRONG_NUMBER", "THIRD_PARTY");

    private static final long RETRY_MILLIS = 1_000;
    private final Vertx vertx;
    private final DialerEngine engine;
    private final Duration talkMin;
    private final Duration talkMax;
    private final Duration wrapUp;
    private final Random random;
    private final Set<Long> simulated = new HashSet<>();
    private final Set<Long> disposed = new HashSet<>();

    public SimulatedAgents(Vertx vertx, DialerEngine engine, Duration talkMin, Duration talkMax, Duration wrapUp, long seed) {
        this.vertx = vertx;
        this.engine = engine;
        this.talkMin = talkMin;
        this.talkMax = talkMax;
        this.wrapUp = wrapUp;
        this.random = new Random(seed);
    }

    @Override
    public void agentChanged(AgentStatus status) {
        if (!status.simulated()) {
            return;
        }
        simulated.add(status.agentId());
        if (status.state() == AgentState.WRAP_UP && status.attemptId() != null) {
            long attempt = status.attemptId();
            vertx.setTimer(Math.max(1, wrapUp.toMillis()), t -> dispose(status.agentId(), attempt, false));
        }
    }

    @Override
    public void callConnected(long campaignId, long attemptId, long agentId) {
        if (!simulated.contains(agentId)) {
            return;
        }
        long span = Math.max(0, talkMax.toMillis() - talkMin.toMillis());
        long talk = talkMin.toMillis() + (span == 0 ? 0 : (long) (random.nextDouble() * span));
        vertx.setTimer(Math.max(1, talk), t -> dispose(agentId, attemptId, true));
    }

    private void dispose(long agentId, long attemptId, boolean hangUpAfter) {
        if (!disposed.add(attemptId)) {
            return;
        }
        String code = CODES.get(random.nextInt(CODES.size()));
        DispositionRequest.Promise promise = code.equals("PTP")
                ? new DispositionRequest.Promise(BigDecimal.valueOf(50 + random.nextInt(950)), LocalDate.now().plusDays(3 + random.nextInt(20)), null)
                : null;
        DispositionRequest.Callback callback = code.equals("CALLBACK")
                ? new DispositionRequest.Callback(LocalDate.now().plusDays(1).atTime(10 + random.nextInt(8), 0), random.nextBoolean(),
                "asked to be called tomorrow")
                : null;
        engine.disposition(attemptId, new DispositionRequest(agentId, code, "simulated agent", promise, callback)).onComplete(ar -> {
            if (ar.failed()) {
                log.debug("simulated agent {} could not dispose attempt {}: {}", agentId, attemptId, ar.cause().getMessage());
                if (!(ar.cause() instanceof Conflict) && !(ar.cause() instanceof Invalid)) {
                    // the server could not save it (its database is down, say): the agent tries again, as a person would
                    disposed.remove(attemptId);
                    vertx.setTimer(RETRY_MILLIS, t -> dispose(agentId, attemptId, hangUpAfter));
                }
                return;
            }
            if (hangUpAfter) {
                engine.hangupCall(agentId);
            }
        });
    }
}
