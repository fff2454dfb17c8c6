package dialer.core.metrics;

import dialer.ami.CallOutcome;
import dialer.core.engine.AgentState;
import dialer.core.engine.AgentStatus;
import dialer.core.engine.EngineListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dialer's numbers in Prometheus form ({@code /metrics}): calls by campaign and what became of
 * them, and agents by state.
 */
public final class DialerMetrics implements EngineListener, AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Long, AgentState> agentStates = new ConcurrentHashMap<>();
    private final Map<AgentState, AtomicInteger> agentsByState = new EnumMap<>(AgentState.class);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public DialerMetrics() {
        for (AgentState state : AgentState.values()) {
            if (state == AgentState.LOGGED_OUT) {
                continue;
            }
            AtomicInteger count = new AtomicInteger();
            agentsByState.put(state, count);
            Gauge.builder("dialer_agents", count, AtomicInteger::get)
                    .description("Logged-in agents by state")
                    .tag("state", state.name().toLowerCase())
                    .register(registry);
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    public String scrape() {
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public synchronized void agentChanged(AgentStatus status) {
        AgentState before = agentStates.get(status.agentId());
        if (before != null && agentsByState.containsKey(before)) {
            agentsByState.get(before).decrementAndGet();
        }
        if (status.state() == AgentState.LOGGED_OUT) {
            agentStates.remove(status.agentId());
        } else {
            agentStates.put(status.agentId(), status.state());
            agentsByState.get(status.state()).incrementAndGet();
        }
    }

    @Override
    public void callPlaced(long campaignId, long attemptId) {
        counter("dialer_calls_originated", "Calls placed", campaignId).increment();
    }

    @Override
    public void callResolved(long campaignId, long attemptId, CallOutcome outcome) {
        Counter.builder("dialer_calls_outcome").description("Calls by how they resolved")
                .tag("campaign", String.valueOf(campaignId)).tag("outcome", outcome.name().toLowerCase())
                .register(registry).increment();
        if (outcome.answered()) {
            Counter.builder("dialer_calls_answered").description("Answered calls, by who answered")
                    .tag("campaign", String.valueOf(campaignId))
                    .tag("answered_by", outcome == CallOutcome.ANSWERED_HUMAN ? "human" : "machine")
                    .register(registry).increment();
        }
    }

    @Override
    public void callConnected(long campaignId, long attemptId, long agentId) {
        counter("dialer_calls_connected", "Answered people connected to an agent", campaignId).increment();
    }

    @Override
    public void callAbandoned(long campaignId, long attemptId) {
        counter("dialer_calls_abandoned", "Answered people who got no agent in time", campaignId).increment();
    }

    @Override
    public void dispositionWritten(long campaignId, long attemptId, String code, Long agentId) {
        Counter.builder("dialer_dispositions").description("Dispositions written, by code")
                .tag("campaign", String.valueOf(campaignId)).tag("code", code)
                .tag("kind", agentId == null ? "system" : "agent")
                .register(registry).increment();
    }

    private Counter counter(String name, String description, long campaignId) {
        return Counter.builder(name).description(description).tag("campaign", String.valueOf(campaignId)).register(registry);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
