package dialer.core.bench;

import dialer.core.call.DispositionRequest;
import dialer.core.engine.AgentState;
import dialer.core.engine.AgentStatus;
import dialer.core.engine.DialerEngine;
import dialer.core.engine.EngineListener;
import dialer.pacing.sim.Lead;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated agents who keep to a scenario's times, as the simulator's agents do: on a connected call an
 * agent talks for the drawn talk time and hangs up, then wraps up for the drawn wrap-up time and gives the
 * disposition (RPC for the right party, THIRD_PARTY otherwise), which makes them ready again. If the
 * callee hangs up first, the wrap-up starts then. They use the engine's own agent calls, from a timer
 * thread of their own (the engine hops to its thread).
 */
final class ScenarioAgents implements EngineListener, AutoCloseable {

    private final DialerEngine engine;
    private final ScenarioCallees callees;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scenario-agents");
        t.setDaemon(true);
        return t;
    });
    /** Attempts whose wrap-up is under way; engine thread. */
    private final Set<Long> wrapping = ConcurrentHashMap.newKeySet();
    /** Calls connected to an agent with no draw known (should stay 0). */
    final AtomicLong unknownCalls = new AtomicLong();
    /** Dispositions the engine refused. */
    final AtomicLong refusedDispositions = new AtomicLong();

    ScenarioAgents(DialerEngine engine, ScenarioCallees callees) {
        this.engine = engine;
        this.callees = callees;
    }

    @Override
    public void callConnected(long campaignId, long attemptId, long agentId) {
        Lead lead = callees.drawnFor(attemptId);
        if (lead == null) {
            unknownCalls.incrementAndGet();
            return;
        }
        // a call the callee already left is not the agent's to hang up: the engine answers with a conflict
        later(() -> engine.hangupCall(agentId), lead.talkMillis());
    }

    @Override
    public void agentChanged(AgentStatus status) {
        if (status.state() != AgentState.WRAP_UP || status.attemptId() == null || status.disposed()) {
            return;
        }
        long attemptId = status.attemptId();
        if (!wrapping.add(attemptId)) {
            return;
        }
        Lead lead = callees.drawnFor(attemptId);
        long wrap = lead == null ? 0 : lead.wrapMillis();
        String code = lead != null && lead.rightParty() ? "RPC" : "THIRD_PARTY";
        long agentId = status.agentId();
        later(() -> engine.disposition(attemptId, new DispositionRequest(agentId, code, "benchmark agent", null, null))
                .onFailure(e -> refusedDispositions.incrementAndGet()), wrap);
    }

    /** Runs {@code action} after {@code millis}; nothing once the benchmark is over (the server still ends its calls). */
    private void later(Runnable action, long millis) {
        try {
            timer.schedule(action, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
