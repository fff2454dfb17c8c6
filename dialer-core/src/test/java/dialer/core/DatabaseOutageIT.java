package dialer.core;

import dialer.ami.testing.AsteriskForTests;
import dialer.core.testing.AmiObserver;
import dialer.core.testing.Api;
import dialer.core.testing.SimulatedFloor;
import dialer.core.testing.Await;
import dialer.core.testing.FaultChecks;
import dialer.core.testing.TestServer;
import dialer.postgres.EmbeddedPostgres;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL killed (kill -9, server and backends) in the middle of a predictive campaign through the
 * real Asterisk: while attempts cannot be written no call is originated; the calls already in
 * flight are recorded in full once the database is back; dialing resumes by itself; and in the end
 * every channel Asterisk created has its attempt, every attempt is closed with a disposition, and
 * every compliance reservation is settled.
 */
class DatabaseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(15);
    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void noCallIsDialedWhileTheDatabaseIsDownAndNothingIsLost() throws Exception {
        long campaignId = SimulatedFloor.predictiveCampaign(api, "Outage", "212", 2000, 400);
        List<Long> agents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            agents.add(SimulatedFloor.agent(api, "Outage agent " + i, campaignId, true));
        }
        try (AmiObserver observer = new AmiObserver(AsteriskForTests.ami())) {
            api.expect(200, "/api/campaigns/" + campaignId + "/start", null);
            Await.until("the campaign has placed and finished calls", Duration.ofSeconds(90),
                    () -> api.get("/api/campaigns/" + campaignId + "/attempts?limit=2000").array(),
                    a -> a.stream().filter(x -> "ENDED".equals(((JsonObject) x).getString("state"))).count() >= 8);

            EmbeddedPostgres pg = server.postgres();
            Instant killedAt = kill(pg);
            System.out.println("outage: PostgreSQL killed at " + killedAt);
            Thread.sleep(OUTAGE.toMillis());
            Instant restartAt = Instant.now();
            EmbeddedPostgres.start(pg.dataDir(), pg.port(), "dialer");
            Instant restartedAt = Instant.now();
            System.out.println("outage: PostgreSQL back at " + restartedAt + " (start took "
                    + Duration.between(restartAt, restartedAt).toMillis() + " ms)");

            // an attempt committed just before the kill may still be originated a moment after it
            Instant quietFrom = killedAt.plusMillis(500);
            List<AmiObserver.Dialed> duringOutage = observer.dials().stream()
                    .filter(d -> d.at().isAfter(quietFrom) && d.at().isBefore(restartAt)).toList();
            assertThat(duringOutage).as("calls originated while attempts could not be written").isEmpty();

            AmiObserver.Dialed resumed = Await.until("dialing resumes after the database is back", Duration.ofSeconds(30),
                    () -> observer.dials().stream().filter(d -> d.at().isAfter(restartedAt)).findFirst().orElse(null),
                    d -> d != null);
            long recoveryMillis = Duration.between(restartedAt, resumed.at()).toMillis();
            System.out.println("outage: first call " + recoveryMillis + " ms after the database was back");
            assertThat(recoveryMillis).as("dialing resumes within 10 s").isLessThan(10_000);

            Thread.sleep(5_000);
            api.expect(200, "/api/campaigns/" + campaignId + "/stop", null);
            Await.until("every call of the campaign ended and was dispositioned", Duration.ofSeconds(120),
                    () -> api.get("/api/campaigns/" + campaignId + "/attempts?limit=2000").array(),
                    a -> a.stream().map(x -> (JsonObject) x).allMatch(FaultChecks::over));

            try (Connection c = server.server().dataSource().getConnection()) {
                FaultChecks.everyDialIsOneAttempt(c, campaignId, observer, n -> n.startsWith("1212555"));
                FaultChecks.everyAttemptSettledWithTheGuard(c, campaignId);
                FaultChecks.noDispositionLost(c, campaignId);
            }
            String metrics = api.get("/metrics").body();
            assertThat(metrics).contains("dialer_recording_healthy 1.0");
            assertThat(metrics).containsPattern("dialer_engine_write_failures_total [1-9]");
        }
        for (long agent : agents) {
            api.post("/api/agents/" + agent + "/logout", null);
        }
    }

    /** kill -9 of the postmaster and every backend, as a crash would leave them. */
    private static Instant kill(EmbeddedPostgres pg) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(pg.dataDir().resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(postmaster);
        Instant at = Instant.now();
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().get();
        }
        return at;
    }
}
