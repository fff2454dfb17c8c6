package dialer.core.bench;

import dialer.ami.testing.AsteriskForTests;
import dialer.core.DialerServer;
import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.LiveStream;
import dialer.core.testing.SimulatedFloor;
import dialer.core.testing.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long an answered person waits for their agent, with the dialer idle and under load, in one
 * run: a predictive campaign of simulated callees and agents through the real Asterisk and a real
 * PostgreSQL; first nothing else (the baseline), then 50 signed-in API clients reading and writing
 * as fast as they are answered (agents, attempts, campaign pages, reports, lists; five supervisors'
 * live dashboards open) while a generated list is imported through the HTTP import route.
 *
 * <p>The connect delay is Asterisk's own: from the dialplan's verdict that a person answered to the
 * person's joining the agent's conference, by AMI event timestamps ({@link ConnectWatch}). It
 * includes any wait for a free agent (the pacer over-dials), which load does not cause.
 *
 * <p>The suite imports 20,000 rows after 20 s idle, loaded for at least 25 s (about 2 minutes in all on 2 cores); the README's figures come
 * from 1,000,000 ({@code -Dbench.importRows}; the load phase lasts until the import has answered):
 * <pre>
 * mvn -pl dialer-core -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=ConnectLatencyBenchmarkIT -Dbench.importRows=1000000
 * </pre>
 */
class ConnectLatencyBenchmarkIT {

    private static final int IMPORT_ROWS = Integer.getInteger("bench.importRows", 20_000);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 50);
    private static final Duration IDLE = Duration.ofSeconds(Integer.getInteger("bench.idleSeconds", 20));
    /** The load phase lasts at least this long, and until the import has answered. */
    private static final Duration MIN_LOAD = Duration.ofSeconds(Integer.getInteger("bench.loadSeconds", 25));
    private static final int AGENTS = 12;
    private static final int SUPERVISOR_STREAMS = 5;

    @Test
    void connectDelayIdleAndUnderApiLoadAndAnImport() throws Exception {
        Path list = Files.createTempFile("connect-latency-import", ".csv");
        ImportBenchmark.generate(list, IMPORT_ROWS);
        try (TestServer server = TestServer.start(new DialerServer.DemoAgentTiming(Duration.ofMillis(1500), Duration.ofMillis(3000),
                Duration.ofMillis(500)), TestServer.clockAt(ZoneId.of("America/New_York"), LocalTime.of(14, 0)));
             ConnectWatch watch = new ConnectWatch(AsteriskForTests.ami())) {
            AgentReadiness readiness = new AgentReadiness();
            server.server().engine().addListener(readiness);
            Api admin = server.api();
            long campaignId = campaign(admin, 6_000);
            long importInto = admin.expect(201, "/api/campaigns", new JsonObject().put("name", "Import target " + System.nanoTime())
                    .put("dialMode", "PREDICTIVE").put("simulatedCallees", true)).getLong("id");
            for (int i = 0; i < AGENTS; i++) {
                SimulatedFloor.agent(admin, "Agent " + i, campaignId, true);
            }
            List<Api> supervisors = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                supervisors.add(server.user("sup" + i + "-" + System.nanoTime(), "SUPERVISOR", null, List.of(campaignId, importInto)));
            }
            admin.expect(200, "/api/campaigns/" + campaignId + "/start", null);
            // the pacer dials progressively until it has seen enough calls; measure once it is predictive
            Await.until("the pacer warmed up", Duration.ofSeconds(120), () -> admin.get("/api/campaigns/" + campaignId).json(),
                    c -> c.getJsonObject("pacing") != null && c.getJsonObject("pacing").getBoolean("warmedUp"));

            double idleFrom = ConnectWatch.now();
            Thread.sleep(IDLE.toMillis());
            double idleTo = ConnectWatch.now();

            Load load = new Load(admin, supervisors, campaignId);
            double loadFrom = ConnectWatch.now();
            load.start();
            long importStart = System.nanoTime();
            Api.Reply imported = admin.postFile("/api/campaigns/" + importInto + "/leads", "text/csv", list, Duration.ofMinutes(30));
            double importSeconds = (System.nanoTime() - importStart) / 1e9;
            long left = MIN_LOAD.toMillis() - (long) ((ConnectWatch.now() - loadFrom) * 1000);
            if (left > 0) {
                Thread.sleep(left);
            }
            double loadTo = ConnectWatch.now();
            load.stop();
            admin.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
            // connects of people detected just before the end are still arriving
            Thread.sleep(2_000);

            Phase idle = new Phase("idle (baseline)", watch.connects(idleFrom, idleTo), readiness, watch.abandoned(idleFrom, idleTo),
                    idleTo - idleFrom);
            Phase loaded = new Phase(CLIENTS + " API clients + import", watch.connects(loadFrom, loadTo), readiness,
                    watch.abandoned(loadFrom, loadTo), loadTo - loadFrom);
            System.out.println();
            System.out.printf(Locale.ROOT, "Connect delay by Asterisk's clock, %d simulated agents, %d cores. all: person detected -> in the "
                    + "agent's conference (what the callee hears, waiting for a free agent included); dialer: from the later of "
                    + "detection and the agent's being free%n", AGENTS, Runtime.getRuntime().availableProcessors());
            System.out.printf("%-28s %7s %8s %8s %8s %8s | %8s %8s %8s %8s %7s %9s%n", "phase", "seconds", "connects", "all p50",
                    "all p99", "all max", "dialer n", "p50 ms", "p99 ms", "max ms", "waited", "abandoned");
            idle.print();
            loaded.print();
            System.out.printf(Locale.ROOT, "import: %,d rows through POST /api/campaigns/{id}/leads answered %d in %.1f s: %s%n",
                    IMPORT_ROWS, imported.status(), importSeconds, excerpt(imported.body()));
            load.print();

            assertThat(imported.status()).as("the import").isEqualTo(200);
            assertThat(imported.json().getInteger("rows")).isEqualTo(IMPORT_ROWS);
            assertThat(idle.delays.length).as("connects measured idle").isGreaterThan(20);
            assertThat(loaded.delays.length).as("connects measured under load").isGreaterThan(20);
            assertThat(load.requests.get()).as("API requests answered under load").isGreaterThan(CLIENTS);
            assertThat(load.failures.get()).as("API requests that failed (not 2xx, not 429)").isZero();
        } finally {
            Files.deleteIfExists(list);
        }
    }

    /** A predictive campaign whose callees are mostly people (some machines, busy lines, no answers). */
    private static long campaign(Api api, int leads) {
        long id = api.expect(201, "/api/campaigns", new JsonObject().put("name", "Connect latency " + System.nanoTime())
                .put("dialMode", "PREDICTIVE").put("simulatedCallees", true).put("ringTimeoutSeconds", 8)).getLong("id");
        // last digit: 0-3 a person, 4-5 a machine, 6 busy (SimulatedCallees); the tens digit sets the ring time
        int[] lastDigits = {0, 1, 2, 3, 0, 1, 2, 3, 4, 6};
        String[] areas = {"212", "646", "718", "917", "215", "404", "305", "202"};
        StringBuilder csv = new StringBuilder("id,name,phone,phone_type,amount,days_overdue\n");
        for (int i = 0; i < leads; i++) {
            int number = (i / 10) * 10 + lastDigits[i % 10];
            csv.append("CL-").append(i).append(",Debtor ").append(i).append(",+1").append(areas[(number / 10_000) % areas.length])
                    .append("555").append(String.format("%04d", number % 10_000)).append(",HOME,").append(10_000 - i % 10_000)
                    .append(",30\n");
        }
        Api.Reply r = api.postRaw("/api/campaigns/" + id + "/leads", "text/csv", csv.toString());
        assertThat(r.json().getInteger("accepted")).isGreaterThan(leads * 9 / 10);
        return id;
    }

    private static String excerpt(String body) {
        return body.length() <= 160 ? body : body.substring(0, 160) + "…";
    }

    /** One phase's connect delays: all of them, and the dialer's part of those whose agent was known free. */
    private static final class Phase {
        final String name;
        final double[] delays;
        /** From the later of detection and the agent's being free to the person's joining the agent. */
        final double[] dialer;
        /** People who waited for an agent to be free (the pacer over-dialed). */
        final long waited;
        final long abandoned;
        final double seconds;

        Phase(String name, List<ConnectWatch.Connect> connects, AgentReadiness readiness, long abandoned, double seconds) {
            this.name = name;
            this.delays = connects.stream().mapToDouble(ConnectWatch.Connect::delayMillis).sorted().toArray();
            List<Double> own = new ArrayList<>();
            long waitedForAgent = 0;
            for (ConnectWatch.Connect c : connects) {
                double free = readiness.freeFor(c.conference(), c.detectedAt());
                if (Double.isNaN(free)) {
                    continue;
                }
                double joined = c.detectedAt() + c.delayMillis() / 1000;
                if (free > c.detectedAt()) {
                    waitedForAgent++;
                }
                own.add(Math.max(0, (joined - Math.max(free, c.detectedAt())) * 1000));
            }
            this.dialer = own.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            this.waited = waitedForAgent;
            this.abandoned = abandoned;
            this.seconds = seconds;
        }

        void print() {
            System.out.printf(Locale.ROOT, "%-28s %7.0f %8d %8.1f %8.1f %8.1f | %8d %8.1f %8.1f %8.1f %7d %9d%n", name, seconds,
                    delays.length, percentile(delays, 50), percentile(delays, 99), max(delays), dialer.length,
                    percentile(dialer, 50), percentile(dialer, 99), max(dialer), waited, abandoned);
        }

        private static double max(double[] sorted) {
            return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
        }
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /**
     * {@link #CLIENTS} clients, each signed in (the administrator or one of the supervisors) and
     * calling the API in a loop without pause; supervisors' live dashboards open meanwhile.
     */
    private static final class Load {
        final Api admin;
        final List<Api> supervisors;
        final long campaignId;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong requests = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicLong liveEvents = new AtomicLong();
        final ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> failed = new ConcurrentLinkedQueue<>();
        final List<Thread> threads = new ArrayList<>();
        final List<LiveStream> streams = new ArrayList<>();

        Load(Api admin, List<Api> supervisors, long campaignId) {
            this.admin = admin;
            this.supervisors = supervisors;
            this.campaignId = campaignId;
        }

        void start() {
            for (int i = 0; i < SUPERVISOR_STREAMS; i++) {
                LiveStream stream = supervisors.get(i).stream("/api/live/campaigns/" + campaignId);
                streams.add(stream);
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        try {
                            stream.await("a dashboard update", Duration.ofSeconds(30), e -> true);
                            liveEvents.incrementAndGet();
                        } catch (AssertionError e) {
                            return;
                        }
                    }
                }, "bench-live-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            for (int i = 0; i < CLIENTS; i++) {
                int client = i;
                Thread t = new Thread(() -> work(client), "bench-client-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }

        private void work(int client) {
            Api api = client % 3 == 0 ? admin : supervisors.get(client % supervisors.size());
            boolean isAdmin = api == admin;
            int step = client;
            while (running.get()) {
                step++;
                long start = System.nanoTime();
                String what;
                Api.Reply r;
                switch (step % 8) {
                    case 0 -> r = api.get(what = "/api/agents");
                    case 1 -> r = api.get(what = "/api/campaigns/" + campaignId + "/attempts?limit=100");
                    case 2 -> r = api.get(what = "/api/campaigns/" + campaignId);
                    case 3 -> r = api.get(what = "/api/reports/recovery?zone=America/New_York&campaignId=" + campaignId);
                    case 4 -> r = api.get(what = "/api/campaigns");
                    case 5 -> r = api.get(what = "/api/reports/recovery.csv?zone=America/New_York&campaignId=" + campaignId);
                    case 6 -> r = isAdmin ? api.post(what = "/api/lists", new JsonObject().put("name", "bench " + client + "-" + step))
                            : api.get(what = "/api/promises?campaignId=" + campaignId);
                    default -> r = api.get(what = "/api/campaigns/" + campaignId + "/dispositions");
                }
                latencies.add((System.nanoTime() - start) / 1e6);
                if (r.status() == 429) {
                    refused.incrementAndGet();
                    sleep(1_000);
                } else if (r.status() >= 200 && r.status() < 300) {
                    requests.incrementAndGet();
                } else {
                    failures.incrementAndGet();
                    if (failed.size() < 5) {
                        failed.add(what + " answered " + r.status() + ": " + excerpt(r.body()));
                    }
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            streams.forEach(LiveStream::close);
            for (Thread t : threads) {
                t.join(70_000);
            }
        }

        void print() {
            double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "API under load: %,d answered, %,d refused with 429, %,d failed; latency p50 %.0f ms, "
                            + "p99 %.0f ms; %,d live dashboard updates on %d streams%n", requests.get(), refused.get(), failures.get(),
                    percentile(sorted, 50), percentile(sorted, 99), liveEvents.get(), SUPERVISOR_STREAMS);
            failed.forEach(f -> System.out.println("  failed: " + f));
            if (sorted.length == 0) {
                System.out.println("  (no API request completed)");
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
