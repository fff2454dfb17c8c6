package dialer.core.bench;

import dialer.ami.testing.AsteriskForTests;
import dialer.core.call.PlacedCall;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Sql;
import dialer.core.engine.AgentState;
import dialer.core.engine.AgentStatus;
import dialer.core.engine.DialerEngine;
import dialer.core.report.AbandonmentStats;
import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.SimulatedFloor;
import dialer.core.testing.TestServer;
import dialer.pacing.DialOutcome;
import dialer.pacing.PacingConfig;
import dialer.pacing.sim.Lead;
import dialer.pacing.sim.Scenario;
import dialer.pacing.sim.ScenarioLoader;
import dialer.pacing.sim.Traffic;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pacing live beside the simulator: a predictive campaign through the real Asterisk and PostgreSQL whose
 * simulated callees follow a scenario file ({@link ScenarioCallees}: outcome mix, ring, talk and wrap-up
 * times, right party or not, every time multiplied by the time scale) and whose simulated agents keep to
 * the drawn talk and wrap-up times ({@link ScenarioAgents}); then the same scenario, time scale, agent
 * count and window in the simulator ({@link SimulatedWindow}), with the live pacer's config and the
 * answering-machine detection times the live run measured ({@link AmdWatch}: AMD runs in real time and
 * does not scale). Measured over a window that starts once the pacer has warmed up and the warm-up
 * minutes have passed; printed side by side; fails when live and simulated occupancy differ by more than
 * 5 points or the live abandonment is over the campaign's cap. It also says when and why the engine held
 * dialing down for a slow PBX ({@link ThrottleWatch}), which is what a run with more agents than the machine
 * holds shows; such a run (held down more than a tenth of the window) is checked against the cap only, as it
 * trades occupancy for it.
 *
 * <p>The suite's run is short (20 agents, 2 measured minutes after 1.5 minutes past warm-up, about 5 minutes in
 * all; some 50 people answer in its window, so two abandons already put it over a 3% cap): under
 * {@link #POINT_JUDGED_ANSWERS} live answers the abandonment fails when it is over the cap beyond chance (a
 * one-sided binomial test at 1%: 6 or more of 50 at a 3% cap). The README's runs are judged on the value:
 * <pre>
 * mvn -pl dialer-core -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=LivePacingBenchmarkIT -Dbench.agents=50 -Dbench.minutes=20
 * </pre>
 * Properties: bench.scenario (S1), bench.agents (20), bench.minutes (2), bench.timeScale (0.25),
 * bench.warmupMinutes (1.5), bench.seed (1), bench.simSeeds (10).
 */
class LivePacingBenchmarkIT {

    private static final String SCENARIO = System.getProperty("bench.scenario", "S1");
    private static final int AGENTS = Integer.getInteger("bench.agents", 20);
    private static final double MINUTES = Double.parseDouble(System.getProperty("bench.minutes", "2"));
    private static final double TIME_SCALE = Double.parseDouble(System.getProperty("bench.timeScale", "0.25"));
    /**
     * After the pacer reports itself warmed up it over-dials for a minute or so (the simulator shows the same:
     * S1 at 20 agents abandons about 12% of the people who answer in the half minute after warm-up, 6% in the
     * minute after, then under 2%); the window starts after that.
     */
    private static final double WARMUP_MINUTES = Double.parseDouble(System.getProperty("bench.warmupMinutes", "1.5"));
    private static final long SEED = Long.getLong("bench.seed", 1);
    private static final int SIM_SEEDS = Integer.getInteger("bench.simSeeds", 10);
    /** After the window the campaign dials on this long, so that the window's last calls end as they would have. */
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final double MAX_OCCUPANCY_GAP = 0.05;
    /**
     * Held down for a slow PBX longer than this share of the window, the run is one of more agents than the
     * machine holds: the engine trades occupancy for the cap, so only the cap is checked.
     */
    private static final double MAX_THROTTLED_SHARE = 0.10;

    /**
     * From this many live answers in the window the abandonment is judged on its value; under it (the suite's
     * short window has about 50) on whether it is over the cap beyond chance: with 50 answers two abandons are
     * 4%, and a pacer keeping to 1.5% gives that one run in five.
     */
    private static final int POINT_JUDGED_ANSWERS = 500;
    /** Abandons this unlikely for a pacer at the cap (one-sided binomial) fail the short window. */
    private static final double CHANCE = 0.01;

    @Test
    void liveOccupancyAndAbandonmentMatchTheSimulator() throws Exception {
        ThrottleWatch throttles = null;
        Scenario scenario = ScenarioLoader.loadShipped(SCENARIO);
        Traffic traffic = ScaledTraffic.scaled(scenario.trafficAt(0), TIME_SCALE);
        int ringTimeout = ScaledTraffic.ringTimeoutSeconds(traffic.noAnswerTimeout());
        ScenarioCallees callees = new ScenarioCallees(traffic, SEED);
        AgentTimeline timeline = new AgentTimeline();
        CallsInFlight inFlight = new CallsInFlight();
        DecisionTimes decisions = new DecisionTimes();
        // no DemoAgentTiming: the agents are this test's
        try (TestServer server = TestServer.start(null, TestServer.clockAt(ZoneId.of("America/New_York"), LocalTime.of(14, 0)),
                callees);
             AmdWatch amd = new AmdWatch(AsteriskForTests.ami());
             ScenarioAgents agents = new ScenarioAgents(server.server().engine(), callees)) {
            DialerEngine engine = server.server().engine();
            engine.addListener(agents);
            engine.addListener(timeline);
            engine.addListener(inFlight);
            engine.addListener(decisions);
            Api admin = server.api();
            long campaignId = campaign(admin, ringTimeout, leadsFor(traffic));
            for (int i = 0; i < AGENTS; i++) {
                SimulatedFloor.agent(admin, "Bench agent " + i, campaignId, true);
            }
            Await.until("all agents ready", Duration.ofSeconds(60 + AGENTS / 2), () -> statuses(engine),
                    s -> s.stream().filter(a -> a.state() == AgentState.READY).count() == AGENTS);

            long started = System.currentTimeMillis();
            Instant clockStarted = server.clock().instant();
            throttles = new ThrottleWatch(engine, campaignId).start();
            admin.expect(200, "/api/campaigns/" + campaignId + "/start", null);
            Await.until("the pacer warmed up", Duration.ofMinutes(5), () -> admin.get("/api/campaigns/" + campaignId).json(),
                    c -> c.getJsonObject("pacing") != null && c.getJsonObject("pacing").getBoolean("warmedUp"));
            long warmedUp = System.currentTimeMillis();
            Thread.sleep((long) (WARMUP_MINUTES * 60_000));

            long from = System.currentTimeMillis();
            Instant clockFrom = server.clock().instant();
            double asteriskCpu = CpuSeconds.asterisk();
            double jvmCpu = CpuSeconds.thisJvm();
            Thread.sleep((long) (MINUTES * 60_000));
            long to = System.currentTimeMillis();
            Instant clockTo = server.clock().instant();
            asteriskCpu = CpuSeconds.asterisk() - asteriskCpu;
            jvmCpu = CpuSeconds.thisJvm() - jvmCpu;
            Thread.sleep(SETTLE.toMillis());
            admin.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
            throttles.close();

            Campaign campaign = Sql.inTransaction(server.server().dataSource(), c -> new CampaignStore().get(c, campaignId));
            AgentTimeline.Occupancy occupancy = timeline.over(from, to);
            AbandonmentStats.Window abandonment = Sql.inTransaction(server.server().dataSource(),
                    c -> new AbandonmentStats().window(c, campaignId, clockFrom, clockTo));
            AbandonmentStats.Window sinceStart = Sql.inTransaction(server.server().dataSource(),
                    c -> new AbandonmentStats().window(c, campaignId, clockStarted, clockTo));
            double[] connects = connectMillis(server, campaignId, clockFrom, clockTo);
            double[] liveDecisions = decisions.micros(from, to);
            double linesPerAgent = occupancy.loggedInMillis() == 0 ? 0 : inFlight.lineMillis(from, to) / occupancy.loggedInMillis();
            // every verdict of the run so far, warm-up included: more of them, and AMD does not change with pacing
            double personAmd = amd.meanSeconds(started / 1000.0, to / 1000.0, false);
            double machineAmd = amd.meanSeconds(started / 1000.0, to / 1000.0, true);

            assertThat(personAmd).as("AMD time on people, measured live (answer to verdict on AMI)").isNotNaN();
            PacingConfig config = DialerEngine.pacingConfig(campaign);
            Traffic acted = ScaledTraffic.asActed(traffic, personAmd, Double.isNaN(machineAmd) ? traffic.machineAmdSeconds() : machineAmd,
                    ringTimeout, 0);
            SimulatedWindow.Figures sim = SimulatedWindow.run(ScaledTraffic.steady(scenario, acted, AGENTS, 1), config, from - started,
                    to - from, SIM_SEEDS);

            System.out.println();
            System.out.printf(Locale.ROOT, "Live pacing benchmark: scenario %s (%s), %d agents, times x %s, seed %d; measured %.1f min "
                            + "from %.1f min after the start (pacer warmed up after %.1f min, then %.1f min more); ring timeout %d s; "
                            + "AMD measured live: person %.2f s (n=%d), machine %.2f s (n=%d); simulator: %d seeds, the same window%n",
                    SCENARIO, scenario.description(), AGENTS, fmt(TIME_SCALE), SEED, (to - from) / 60_000.0, (from - started) / 60_000.0,
                    (warmedUp - started) / 60_000.0, WARMUP_MINUTES, ringTimeout, personAmd, amd.count(started / 1000.0, to / 1000.0, false),
                    machineAmd, amd.count(started / 1000.0, to / 1000.0, true), SIM_SEEDS);
            System.out.printf("%-34s %22s %22s%n", "", "live", "simulated");
            row("occupancy", pct(occupancy.occupancy()), pct(sim.occupancy()));
            row("abandonment (cap " + pct(campaign.maxAbandonRate().doubleValue()) + ")",
                    pct(abandonment.rate()) + " (" + abandonment.abandoned() + "/" + abandonment.liveAnswered() + ")",
                    pct(sim.abandonRate()) + " (" + sim.abandoned() + "/" + sim.liveAnswered() + ")");
            row("  from the start (as the day counts)",
                    pct(sinceStart.rate()) + " (" + sinceStart.abandoned() + "/" + sinceStart.liveAnswered() + ")",
                    pct(sim.runLiveAnswered() == 0 ? 0 : (double) sim.runAbandoned() / sim.runLiveAnswered())
                            + " (" + sim.runAbandoned() + "/" + sim.runLiveAnswered() + ")");
            row("lines per agent", fmt2(linesPerAgent), fmt2(sim.linesPerAgent()));
            row("live answers per agent-hour", fmt2(abandonment.liveAnswered() / (occupancy.loggedInMillis() / 3.6e6)),
                    fmt2(sim.liveAnswered() / (sim.loggedInMillis() / 3.6e6)));
            row("connect after detection p50", ms(ConnectLatencyBenchmarkIT.percentile(connects, 50)) + " (n=" + connects.length + ")",
                    "- (connects at once)");
            row("connect after detection p99", ms(ConnectLatencyBenchmarkIT.percentile(connects, 99)), "-");
            row("pacer decision p99", us(ConnectLatencyBenchmarkIT.percentile(liveDecisions, 99)) + " (n=" + liveDecisions.length + ")",
                    us(ConnectLatencyBenchmarkIT.percentile(sim.decisionMicros(), 99)) + " (n=" + sim.decisionMicros().length + ")");
            // what Asterisk's AMD made of the callees the scenario drew: the simulator knows no machine taken for a person
            long machinesAsPeople = 0;
            long machines = 0;
            long peopleAsMachines = 0;
            long people = 0;
            for (AmdWatch.Verdict v : amd.verdicts(started / 1000.0, to / 1000.0)) {
                Long attempt = PlacedCall.attemptIdOf(v.callId());
                Lead lead = attempt == null ? null : callees.drawnFor(attempt);
                if (lead == null) {
                    continue;
                }
                if (lead.outcome() == DialOutcome.LIVE || lead.falsePositive()) {
                    people++;
                    peopleAsMachines += v.machine() ? 1 : 0;
                } else {
                    machines++;
                    machinesAsPeople += v.machine() ? 0 : 1;
                }
            }
            System.out.printf(Locale.ROOT, "AMD since the start: %d of %d machines taken for people (the agent gets them until the "
                    + "greeting ends), %d of %d people taken for machines%n", machinesAsPeople, machines, peopleAsMachines, people);
            double seconds = (to - from) / 1000.0;
            System.out.printf(Locale.ROOT, "CPU over the window, %d cores: Asterisk %.0f%% of a core, this JVM (dialer and test) %.0f%% of a "
                            + "core; agents' calls with no draw: %d, dispositions refused: %d%n",
                    Runtime.getRuntime().availableProcessors(), 100 * asteriskCpu / seconds, 100 * jvmCpu / seconds,
                    agents.unknownCalls.get(), agents.refusedDispositions.get());
            System.out.printf(Locale.ROOT, "Dialing held down for a slow PBX: %.0f s of the run; %s%n", throttles.throttledSeconds(),
                    throttles.describe(started));

            assertThat(abandonment.liveAnswered()).as("people who answered in the window").isGreaterThan(0);
            assertThat(agents.unknownCalls.get()).as("connected calls this test did not draw").isZero();
            if (throttles.throttledSeconds() <= MAX_THROTTLED_SHARE * seconds) {
                assertThat(Math.abs(occupancy.occupancy() - sim.occupancy())).as("live occupancy %s against simulated %s",
                        pct(occupancy.occupancy()), pct(sim.occupancy())).isLessThanOrEqualTo(MAX_OCCUPANCY_GAP);
            } else {
                // more agents than the machine holds: the engine held dialing down, trading occupancy for the cap
                System.out.printf(Locale.ROOT, "Occupancy not compared: dialing was held down for %.0f s of %.0f%n",
                        throttles.throttledSeconds(), seconds);
            }
            double cap = campaign.maxAbandonRate().doubleValue();
            if (abandonment.liveAnswered() >= POINT_JUDGED_ANSWERS) {
                assertThat(abandonment.rate()).as("live abandonment (%d of %d) against the cap", abandonment.abandoned(),
                        abandonment.liveAnswered()).isLessThanOrEqualTo(cap);
            } else {
                // a short window: over the cap beyond what chance gives a pacer that keeps to it
                double p = Binomial.tail(abandonment.liveAnswered(), abandonment.abandoned(), cap);
                assertThat(p).as("chance of %d or more abandons of %d live answers at the %s cap", abandonment.abandoned(),
                        abandonment.liveAnswered(), pct(cap)).isGreaterThanOrEqualTo(CHANCE);
            }
        } finally {
            if (throttles != null) {
                throttles.close();
            }
            // conversations still going when the server stopped keep their legs (the next start would take them back):
            // the next test on this Asterisk must not inherit them
            AsteriskForTests.cli("channel request hangup all");
        }
    }


    /** Enough leads for the whole run at the scenario's pace, with room to spare; no number dialed twice. */
    private static int leadsFor(Traffic t) {
        double handle = t.rightPartyShare() * (t.rightPartyTalk().meanSeconds() + t.rightPartyWrap().meanSeconds())
                + (1 - t.rightPartyShare()) * (t.otherTalk().meanSeconds() + t.otherWrap().meanSeconds());
        double seconds = (5 + WARMUP_MINUTES + MINUTES) * 60;
        return (int) Math.min(79_000, 500 + 1.5 * AGENTS * seconds / (handle * t.live()));
    }

    /** A predictive campaign of simulated callees, its ring timeout the scenario's, no limit on wrap-up; returns its id. */
    private static long campaign(Api api, int ringTimeoutSeconds, int leads) {
        long id = api.expect(201, "/api/campaigns", new JsonObject().put("name", "Live pacing " + System.nanoTime())
                .put("dialMode", "PREDICTIVE").put("simulatedCallees", true).put("ringTimeoutSeconds", ringTimeoutSeconds)
                .put("wrapUpLimitSeconds", 0)).getLong("id");
        String[] areas = {"212", "646", "718", "917", "215", "404", "305", "202"};
        StringBuilder csv = new StringBuilder("id,name,phone,phone_type,amount,days_overdue\n");
        for (int i = 0; i < leads; i++) {
            csv.append("LP-").append(i).append(",Debtor ").append(i).append(",+1").append(areas[i / 10_000]).append("555")
                    .append(String.format("%04d", i % 10_000)).append(",HOME,").append(10_000 - i % 10_000).append(",30\n");
        }
        Api.Reply r = api.postRaw("/api/campaigns/" + id + "/leads", "text/csv", csv.toString());
        assertThat(r.json().getInteger("accepted")).as("leads accepted").isGreaterThan(leads * 9 / 10);
        return id;
    }

    private static List<AgentStatus> statuses(DialerEngine engine) {
        try {
            return engine.agentStatuses().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stored connect delays (detection to the agent's conference) of calls placed in [from, to), sorted. */
    private static double[] connectMillis(TestServer server, long campaignId, Instant from, Instant to) throws Exception {
        return Sql.inTransaction(server.server().dataSource(), c -> {
            List<Double> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select connect_ms from call_attempt where campaign_id = ? "
                    + "and originated_at >= ? and originated_at < ? and connect_ms is not null")) {
                ps.setLong(1, campaignId);
                ps.setTimestamp(2, Timestamp.from(from));
                ps.setTimestamp(3, Timestamp.from(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add((double) rs.getInt(1));
                    }
                }
            }
            return out.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        });
    }

    private static void row(String what, String live, String simulated) {
        System.out.printf("%-34s %22s %22s%n", what, live, simulated);
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    private static String fmt2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.0f ms", v);
    }

    private static String us(double v) {
        return String.format(Locale.ROOT, "%.0f µs", v);
    }
}
