package dialer.core.metrics;

import dialer.ami.CallOutcome;
import dialer.core.engine.AgentState;
import dialer.core.engine.AgentStatus;
import dialer.core.engine.EngineListener;
import dialer.core.live.CampaignFigures;
import dialer.core.report.AbandonmentStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import dialer.core.engine.DialerEngine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The dialer's numbers in Prometheus form ({@code /metrics}): calls by campaign and what became of
 * them, agents by campaign and state, calls in progress, the dial level, and each campaign's
 * figures (abandonment against its cap, contact and right-party rates, promises, compliance blocks).
 */
public final class DialerMetrics implements EngineListener, AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Where each logged-in agent is: campaign and state. */
    private final Map<Long, String[]> agentPlaces = new ConcurrentHashMap<>();
    /** Gauge values by name and tags; each registered on first use and kept (set to 0 when idle). */
    private final Map<List<String>, AtomicReference<Double>> gauges = new ConcurrentHashMap<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** 1 while the engine can record attempts, 0 while it does not dial because it cannot. */
    private final AtomicLong recording = new AtomicLong(1);
    private final AtomicLong failedWrites = new AtomicLong();

    public DialerMetrics() {
        Gauge.builder("dialer_recording_healthy", recording, AtomicLong::get)
                .description("1 while the engine can record attempts; 0 while it places no call because it cannot")
                .register(registry);
        FunctionCounter.builder("dialer_engine_write_failures", failedWrites, AtomicLong::get)
                .description("The engine's database writes that failed (each logged with its attempt; retried while the database is unreachable)")
                .register(registry);
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
        String[] before = agentPlaces.get(status.agentId());
        if (before != null) {
            gauge("dialer_agents", "Logged-in agents by campaign and state", "campaign", before[0], "state", before[1])
                    .accumulateAndGet(-1.0, Double::sum);
        }
        if (status.state() == AgentState.LOGGED_OUT || status.campaignId() == null) {
            agentPlaces.remove(status.agentId());
            return;
        }
        String[] now = {String.valueOf(status.campaignId()), status.state().name().toLowerCase()};
        agentPlaces.put(status.agentId(), now);
        for (AgentState state : AgentState.values()) {
            if (state != AgentState.LOGGED_OUT) {
                // every state of the campaign is present, at 0 when nobody is in it
                gauge("dialer_agents", "Logged-in agents by campaign and state", "campaign", now[0], "state",
                        state.name().toLowerCase());
            }
        }
        gauge("dialer_agents", "Logged-in agents by campaign and state", "campaign", now[0], "state", now[1])
                .accumulateAndGet(1.0, Double::sum);
    }

    /** The live state of a campaign: calls in progress by stage, lines per agent. */
    public void live(DialerEngine.CampaignLive live) {
        String campaign = String.valueOf(live.campaignId());
        live.callsByStage().forEach((stage, n) -> gauge("dialer_calls_in_progress", "Calls in progress by stage "
                + "(ringing, screening for machines, waiting for an agent, connected)", "campaign", campaign, "stage", stage)
                .set(n.doubleValue()));
        gauge("dialer_lines_per_agent", "Calls ringing or waiting per staffing agent (the dial level)", "campaign", campaign)
                .set(live.linesPerAgent());
    }

    /**
     * A campaign with nothing live here any more (stopped, its last agent gone, its last call over):
     * its calls in progress and lines per agent read 0 instead of their last values.
     */
    public void idle(long campaignId) {
        String campaign = String.valueOf(campaignId);
        for (String stage : DialerEngine.CampaignLive.STAGES) {
            gauge("dialer_calls_in_progress", "Calls in progress by stage "
                    + "(ringing, screening for machines, waiting for an agent, connected)", "campaign", campaign, "stage", stage)
                    .set(0.0);
        }
        gauge("dialer_lines_per_agent", "Calls ringing or waiting per staffing agent (the dial level)", "campaign", campaign)
                .set(0.0);
    }

    /** A campaign's figures from the database (see {@code CampaignFigures}). */
    public void figures(long campaignId, CampaignFigures.Figures figures) {
        String campaign = String.valueOf(campaignId);
        AbandonmentStats.Abandonment abandonment = figures.abandonment();
        gauge("dialer_abandon_rate", "Abandoned share of live answers over a regulators' window", "campaign", campaign,
                "window", "today").set(abandonment.today().rate());
        gauge("dialer_abandon_rate", "Abandoned share of live answers over a regulators' window", "campaign", campaign,
                "window", "rolling30d").set(abandonment.rolling30Days().rate());
        gauge("dialer_abandon_cap", "The campaign's abandonment cap", "campaign", campaign).set(abandonment.cap());
        CampaignFigures.Today today = figures.today();
        gauge("dialer_contact_rate_today", "Contacts per call placed today", "campaign", campaign)
                .set(today.contactRate());
        gauge("dialer_right_party_rate_today", "Right-party contacts per call placed today", "campaign", campaign)
                .set(today.rightPartyRate());
        gauge("dialer_promises_today", "Promises to pay taken today", "campaign", campaign)
                .set((double) today.promises());
        gauge("dialer_promised_amount_today", "Amount promised today", "campaign", campaign)
                .set(today.promisedAmount().doubleValue());
    }

    @Override
    public void leadBlocked(long campaignId, List<String> rules) {
        for (String rule : rules) {
            Counter.builder("dialer_compliance_blocks").description("Calls the compliance guard blocked, by rule")
                    .tag("campaign", String.valueOf(campaignId)).tag("rule", rule).register(registry).increment();
        }
    }

    private AtomicReference<Double> gauge(String name, String description, String... tags) {
        List<String> key = new java.util.ArrayList<>();
        key.add(name);
        key.addAll(List.of(tags));
        return gauges.computeIfAbsent(key, k -> {
            AtomicReference<Double> value = new AtomicReference<>(0.0);
            Gauge.builder(name, value, AtomicReference::get).description(description).tags(tags).register(registry);
            return value;
        });
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
    public void connectDelay(long campaignId, long millis) {
        io.micrometer.core.instrument.Timer.builder("dialer_connect_delay")
                .description("From a person detected to the person in the agent's conference (the 2-second rule)")
                .tag("campaign", String.valueOf(campaignId)).publishPercentiles(0.5, 0.99)
                .register(registry).record(java.time.Duration.ofMillis(millis));
    }

    @Override
    public void pacerDecided(long campaignId, long nanos) {
        io.micrometer.core.instrument.Timer.builder("dialer_pacer_decision")
                .description("How long the pacer took to decide how many calls to place (one decision per tick and PBX)")
                .tag("campaign", String.valueOf(campaignId)).publishPercentiles(0.5, 0.99)
                .register(registry).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
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

    @Override
    public void trunkHealthChanged(String trunk, boolean healthy, String reason) {
        gauge("dialer_trunk_up", "1 while the carrier trunk carries calls; 0 while it is down (no qualify answer, registration "
                + "refused, calls failing at the trunk) and its campaigns dial nothing", "trunk", trunk).set(healthy ? 1.0 : 0.0);
    }

    @Override
    public void pbxLimitChanged(String pbx, int limit, String throttled) {
        gauge("dialer_pbx_call_limit", "Callee calls the dialer lets be up at once on this PBX now: its cap, or lower while its "
                + "governor holds dialing down", "pbx", pbx).set((double) limit);
        gauge("dialer_pbx_throttled", "1 while the PBX's governor holds dialing down (it was strained or slow: the pacing reason "
                + "says why), else 0", "pbx", pbx).set(throttled == null ? 0.0 : 1.0);
    }

    @Override
    public void recordingChanged(boolean healthy, long failedWrites) {
        recording.set(healthy ? 1 : 0);
        this.failedWrites.set(failedWrites);
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
