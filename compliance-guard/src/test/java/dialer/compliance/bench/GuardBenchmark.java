package dialer.compliance.bench;

import com.zaxxer.hikari.HikariDataSource;
import dialer.compliance.CallOutcome;
import dialer.compliance.CallPath;
import dialer.compliance.CallRequest;
import dialer.compliance.ComplianceGuard;
import dialer.compliance.ComplianceSchema;
import dialer.compliance.PhoneType;
import dialer.compliance.Reservation;
import dialer.compliance.SerializableBaseline;
import dialer.compliance.TestDatabases;
import dialer.compliance.rules.Presets;
import dialer.compliance.rules.RuleSetRegistry;
import dialer.postgres.EmbeddedPostgres;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Loads history for many debtors into PostgreSQL with COPY, then measures the guard's decision
 * throughput and latency (p50/p99/p99.9) for preview and for reserve+complete, beside a baseline in
 * the same run: the same rules in a SERIALIZABLE transaction retried on conflicts, without advisory
 * locks. A uniform phase spreads calls over all debtors; a hot phase makes callers fight over few.
 *
 * <pre>
 * mvn -q -pl embedded-postgres -am install -DskipTests
 * mvn -q -pl compliance-guard test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dialer.compliance.bench.GuardBenchmark [-Dexec.args="debtors ops threads"]
 * </pre>
 * Defaults: 1,000,000 debtors (3 past attempts each, 3,000,000 rows), 10,000 operations per phase,
 * 1 and 4 caller threads. It also prints what the machine gives: the disk's fdatasync latency (every
 * reservation waits for one) and the load average (other processes share the cores).
 */
public final class GuardBenchmark {

    public record Config(int debtors, int historyPerDebtor, int ops, int[] threads, int hotDebtors, long seed) {
        public static Config full() {
            return new Config(1_000_000, 3, 10_000, new int[] {1, 4}, 500, 42);
        }
    }

    public record Stats(String phase, String impl, int threads, long ops, double seconds, double p50Micros,
                        double p99Micros, double p999Micros, long allowed, long blocked, long retries) {
        double throughput() {
            return ops / seconds;
        }
    }

    /** Wednesday 2024-01-10 19:00 UTC: 14:00 in New York, 11:00 in Los Angeles, inside every US window. */
    static final Instant BASE = Instant.parse("2024-01-10T19:00:00Z");
    private static final String[] AREAS = {"212", "312", "415", "512", "602", "206", "305", "404", "617", "702"};

    private GuardBenchmark() {
    }

    static String phone(long debtor, int which) {
        long idx = debtor * 2 + which;
        return "+1" + AREAS[(int) (idx % AREAS.length)] + String.format("%07d", 2_000_000 + idx / AREAS.length);
    }

    static CallRequest request(long debtor, int which) {
        return CallRequest.builder().campaign("BENCH").debtor("B" + debtor).debts("BA" + debtor).lead("BL" + debtor)
                .phone(phone(debtor, which), PhoneType.HOME).path(CallPath.AUTOMATIC).build();
    }

    /** COPY {@code debtors} x {@code perDebtor} completed attempts of the last 6 days, and a DNC entry for every 50th debtor. */
    public static long load(DataSource ds, int debtors, int perDebtor, long seed, PrintStream out) throws Exception {
        long t0 = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] outcomes = {"NO_ANSWER", "NO_ANSWER", "NO_ANSWER", "NO_ANSWER", "MACHINE", "MACHINE", "BUSY", "ANSWERED",
                "CONVERSATION", "RIGHT_PARTY_CONTACT"};
        long rows = 0;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("drop index if exists compliance.attempt_debtor_time");
            s.execute("drop index if exists compliance.attempt_phone_time");
            PGConnection pg = c.unwrap(PGConnection.class);
            String version = Presets.US.version();
            StringBuilder batch = new StringBuilder(1 << 24);
            for (int d = 0; d < debtors; d++) {
                for (int k = 0; k < perDebtor; k++) {
                    Instant at = BASE.minus(Duration.ofMinutes(30 + rnd.nextInt(6 * 24 * 60)));
                    String ts = at.toString();
                    String end = at.plusSeconds(40).toString();
                    batch.append("BENCH,B").append(d).append(",{BA").append(d).append("},BL").append(d).append(',')
                            .append(phone(d, k % 2)).append(",HOME,AUTOMATIC,COMPLETED,")
                            .append(outcomes[rnd.nextInt(outcomes.length)]).append(',').append(ts).append(',').append(ts)
                            .append(',').append(end).append(",US,").append(version).append(',').append(end).append('\n');
                    rows++;
                }
                if (batch.length() > (1 << 23) || d == debtors - 1) {
                    pg.getCopyAPI().copyIn("copy compliance.attempt (campaign_id, debtor_id, debt_ids, lead_id, phone_e164, "
                            + "phone_type, call_path, state, outcome, reserved_at, dialed_at, ended_at, rule_set_id, "
                            + "rule_set_version, updated_at) from stdin with (format csv)", new StringReader(batch.toString()));
                    batch.setLength(0);
                }
            }
            StringBuilder dnc = new StringBuilder();
            for (int d = 0; d < debtors; d += 50) {
                dnc.append("DO_NOT_CALL,,").append(phone(d, 0)).append(',').append(BASE.minus(Duration.ofDays(30)))
                        .append(",benchmark load\n");
            }
            pg.getCopyAPI().copyIn("copy compliance.list_entry (kind, campaign_id, phone_e164, added_at, source) "
                    + "from stdin with (format csv)", new StringReader(dnc.toString()));
            long copied = System.nanoTime();
            s.execute("create index attempt_debtor_time on compliance.attempt (debtor_id, reserved_at)");
            s.execute("create index attempt_phone_time on compliance.attempt (phone_e164, reserved_at)");
            s.execute("vacuum analyze compliance.attempt");
            s.execute("analyze compliance.list_entry");
            out.printf("loaded %,d attempts of %,d debtors with COPY in %.1f s (+ indexes and analyze %.1f s)%n",
                    rows, debtors, (copied - t0) / 1e9, (System.nanoTime() - copied) / 1e9);
        }
        return rows;
    }

    /** One operation: returns true when allowed; may report the duration of its first part (the reservation). */
    interface Op {
        boolean run(SplittableRandom rnd, java.util.function.LongConsumer firstPartNanos);
    }

    /** An implementation under test in a phase. */
    record Contender(String name, Op op, java.util.function.LongSupplier retries) {
    }

    /**
     * Runs {@code ops} operations per contender on {@code threads} threads. With several contenders
     * the work is split into {@code rounds} alternating chunks, so that both see the same machine
     * (other processes' load changes by the second on a shared box). Returns, per contender, the
     * figures of the whole operation and, when it reported one, of its first part ("…: reserve").
     */
    static List<Stats> measure(DataSource ds, String phase, int threads, int ops, long seed, int rounds,
                               List<Contender> contenders) throws Exception {
        int k = contenders.size();
        long[][] latencies = new long[k][ops];
        long[][] firstPart = new long[k][ops];
        long[] allowed = new long[k];
        long[] retries = new long[k];
        double[] seconds = new double[k];
        for (long[] f : firstPart) {
            Arrays.fill(f, -1);
        }
        int perRound = Math.max(1, ops / rounds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0, done = 0; done < ops; round++, done += perRound) {
                int from = done;
                int to = Math.min(ops, done + perRound);
                for (int c = 0; c < k; c++) {
                    Contender who = contenders.get(c);
                    long retriesBefore = who.retries().getAsLong();
                    long[] lat = latencies[c];
                    long[] first = firstPart[c];
                    long[] yes = new long[threads];
                    long seedHere = seed * 1_000 + round * 10L + c;
                    long start = System.nanoTime();
                    List<Future<?>> futures = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        final int me = t;
                        futures.add(pool.submit(() -> {
                            SplittableRandom rnd = new SplittableRandom(seedHere * 31 + me);
                            for (int i = from + me; i < to; i += threads) {
                                final int slot = i;
                                long t0 = System.nanoTime();
                                boolean ok = who.op().run(rnd, nanos -> first[slot] = nanos);
                                lat[slot] = System.nanoTime() - t0;
                                if (ok) {
                                    yes[me]++;
                                }
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : futures) {
                        f.get();
                    }
                    seconds[c] += (System.nanoTime() - start) / 1e9;
                    retries[c] += who.retries().getAsLong() - retriesBefore;
                    allowed[c] += Arrays.stream(yes).sum();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<Stats> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            String name = contenders.get(c).name();
            long[] first = Arrays.stream(firstPart[c]).filter(v -> v >= 0).sorted().toArray();
            if (first.length > 0) {
                out.add(new Stats(phase + ": reserve", name, threads, ops, seconds[c], pct(first, 0.50), pct(first, 0.99),
                        pct(first, 0.999), allowed[c], ops - allowed[c], retries[c]));
            }
            long[] lat = latencies[c].clone();
            Arrays.sort(lat);
            out.add(new Stats(phase, name, threads, ops, seconds[c], pct(lat, 0.50), pct(lat, 0.99), pct(lat, 0.999),
                    allowed[c], ops - allowed[c], retries[c]));
        }
        return out;
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1000.0;
    }

    /** Runs every phase on a loaded database and prints a table; returns the figures. */
    public static List<Stats> run(DataSource ds, Config cfg, PrintStream out) throws Exception {
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), BASE));
        RuleSetRegistry registry = new RuleSetRegistry().assign("BENCH", Presets.US);
        ComplianceGuard guard = ComplianceGuard.builder(ds).clock(clock).ruleSets(registry).build();
        SerializableBaseline baseline = new SerializableBaseline(ds, clock, registry);
        int n = cfg.debtors();
        List<Stats> all = new ArrayList<>();

        String guardName = "guard (advisory locks)";
        String baseName = "baseline (SERIALIZABLE+retry)";
        // warm up the JIT, the pool and PostgreSQL's caches on both code paths
        int warm = Math.min(2000, cfg.ops());
        measure(ds, "warm-up", 2, warm, 1, 1, List.of(
                new Contender("preview", (r, t) -> guard.preview(request(r.nextInt(n), r.nextInt(2))).allowed(), () -> 0),
                new Contender(guardName, (r, t) -> reserveComplete(guard, r, n, 0, t), () -> 0),
                new Contender(baseName, (r, t) -> reserveComplete(baseline, r, n, 0, t), baseline::retries)));

        all.addAll(measure(ds, "decide only (no DB)", 1, cfg.ops(), 5, 1,
                List.of(new Contender("rules + zones", (r, t) -> evaluateOnly(r, n), () -> 0))));
        int rounds = 10;
        for (int threads : cfg.threads()) {
            all.addAll(measure(ds, "preview", threads, cfg.ops(), 10 + threads, 1, List.of(
                    new Contender("guard", (r, t) -> guard.preview(request(r.nextInt(n), r.nextInt(2))).allowed(), () -> 0))));
            all.addAll(measure(ds, "reserve+complete", threads, cfg.ops(), 20 + threads, rounds, List.of(
                    new Contender(guardName, (r, t) -> reserveComplete(guard, r, n, 0, t), () -> 0),
                    new Contender(baseName, (r, t) -> reserveComplete(baseline, r, n, 0, t), baseline::retries))));
        }
        int maxThreads = Arrays.stream(cfg.threads()).max().orElse(1);
        int hot = Math.min(cfg.hotDebtors(), n / 2);
        int hotOps = Math.max(1, cfg.ops() / 4);
        // each implementation gets its own hot set, so neither inherits the other's used-up limits
        all.addAll(measure(ds, "hot " + hot + " debtors", maxThreads, hotOps, 40, rounds, List.of(
                new Contender(guardName, (r, t) -> reserveComplete(guard, r, hot, 0, t), () -> 0),
                new Contender(baseName, (r, t) -> reserveComplete(baseline, r, hot, hot, t), baseline::retries))));

        out.printf("%-29s %-30s %7s %7s %8s %8s %8s %9s %7s %7s %7s%n", "phase", "implementation", "threads", "ops",
                "ops/s", "p50 ms", "p99 ms", "p99.9 ms", "allowed", "blocked", "retries");
        for (Stats s : all) {
            out.printf("%-29s %-30s %7d %7d %8.0f %8.3f %8.3f %9.3f %7d %7d %7d%n", s.phase(), s.impl(), s.threads(), s.ops(),
                    s.throughput(), s.p50Micros() / 1000, s.p99Micros() / 1000, s.p999Micros() / 1000, s.allowed(), s.blocked(),
                    s.retries());
        }
        out.println("ops/s of a reserve+complete row counts whole operations (reserve, markDialed, complete); the\n"
                + "\": reserve\" row above it is the binding decision alone (locks, reads, rules, inserts, durable commit).");
        return all;
    }

    private static final dialer.compliance.zone.CalleeZoneResolver ZONES = new dialer.compliance.zone.CalleeZoneResolver();

    /** The pure part of a decision: zones and rules over a three-call history, no database. */
    private static boolean evaluateOnly(SplittableRandom r, int debtors) {
        long d = r.nextInt(debtors);
        CallRequest req = request(d, r.nextInt(2));
        Instant now = BASE;
        List<dialer.compliance.PastAttempt> history = List.of(
                new dialer.compliance.PastAttempt(1, "BENCH", "B" + d, java.util.Set.of("BA" + d), req.phone(), PhoneType.HOME,
                        now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(2)).plusSeconds(40),
                        dialer.compliance.AttemptState.COMPLETED, CallOutcome.NO_ANSWER),
                new dialer.compliance.PastAttempt(2, "BENCH", "B" + d, java.util.Set.of("BA" + d), req.phone(), PhoneType.HOME,
                        now.minus(Duration.ofDays(1)), now.minus(Duration.ofDays(1)).plusSeconds(40),
                        dialer.compliance.AttemptState.COMPLETED, CallOutcome.MACHINE),
                new dialer.compliance.PastAttempt(3, "BENCH", "B" + d, java.util.Set.of("BA" + d), req.phone(), PhoneType.HOME,
                        now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(3)).plusSeconds(40),
                        dialer.compliance.AttemptState.COMPLETED, CallOutcome.BUSY));
        var zones = ZONES.resolve(req, Presets.US.fallbackZones());
        return Presets.US.evaluate(new dialer.compliance.rules.EvaluationContext(req, now, zones, history, List.of())).allowed();
    }

    /** fdatasync latency of the disk PostgreSQL writes to, as p50/p99 in ms. */
    static String fsyncProbe(java.nio.file.Path dir) {
        try {
            java.nio.file.Path f = java.nio.file.Files.createTempFile(dir, "fsync", ".probe");
            long[] l = new long[200];
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8192);
                for (int i = 0; i < l.length; i++) {
                    b.clear();
                    long t = System.nanoTime();
                    ch.write(b, (i % 16) * 8192L);
                    ch.force(false);
                    l[i] = System.nanoTime() - t;
                }
            } finally {
                java.nio.file.Files.deleteIfExists(f);
            }
            Arrays.sort(l);
            return String.format("fdatasync p50 %.3f ms, p99 %.3f ms", pct(l, 0.5) / 1000, pct(l, 0.99) / 1000);
        } catch (java.io.IOException e) {
            return "fdatasync probe failed: " + e.getMessage();
        }
    }

    static String loadAverage() {
        try {
            return "load average " + java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ", 4)[0]
                    + " (1 min)";
        } catch (java.io.IOException e) {
            return "load average unknown";
        }
    }

    private static final CallOutcome[] OUTCOMES = {CallOutcome.NO_ANSWER, CallOutcome.NO_ANSWER, CallOutcome.MACHINE,
            CallOutcome.BUSY, CallOutcome.ANSWERED, CallOutcome.RIGHT_PARTY_CONTACT};

    private static boolean reserveComplete(ComplianceGuard guard, SplittableRandom r, int debtors, int offset,
                                           java.util.function.LongConsumer reserveNanos) {
        long t0 = System.nanoTime();
        Reservation res = guard.reserve(request(offset + r.nextInt(debtors), r.nextInt(2)));
        reserveNanos.accept(System.nanoTime() - t0);
        if (res.granted()) {
            guard.markDialed(res.id());
            guard.complete(res.id(), OUTCOMES[r.nextInt(OUTCOMES.length)]);
        }
        return res.granted();
    }

    private static boolean reserveComplete(SerializableBaseline baseline, SplittableRandom r, int debtors, int offset,
                                           java.util.function.LongConsumer reserveNanos) {
        long t0 = System.nanoTime();
        Reservation res = baseline.reserve(request(offset + r.nextInt(debtors), r.nextInt(2)));
        reserveNanos.accept(System.nanoTime() - t0);
        if (res.granted()) {
            baseline.markDialed(res.id());
            baseline.complete(res.id(), OUTCOMES[r.nextInt(OUTCOMES.length)]);
        }
        return res.granted();
    }

    public static void main(String[] args) throws Exception {
        Config full = Config.full();
        Config cfg = args.length == 0 ? full : new Config(Integer.parseInt(args[0]), full.historyPerDebtor(),
                args.length > 1 ? Integer.parseInt(args[1]) : full.ops(),
                args.length > 2 ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray() : full.threads(),
                full.hotDebtors(), full.seed());
        PrintStream out = System.out;
        out.printf("compliance-guard benchmark: %,d debtors, %d past attempts each, %,d operations per phase, threads %s, %d cores%n",
                cfg.debtors(), cfg.historyPerDebtor(), cfg.ops(), Arrays.toString(cfg.threads()),
                Runtime.getRuntime().availableProcessors());
        try (EmbeddedPostgres pg = EmbeddedPostgres.startThrowaway("bench");
             HikariDataSource ds = TestDatabases.pool(pg.jdbcUrl("bench"), pg.user(),
                     Arrays.stream(cfg.threads()).max().orElse(1) + 2)) {
            ComplianceSchema.migrate(ds);
            load(ds, cfg.debtors(), cfg.historyPerDebtor(), cfg.seed(), out);
            out.println("machine: " + fsyncProbe(pg.dataDir().getParent()) + "; " + loadAverage());
            run(ds, cfg, out);
            out.println("machine after the run: " + loadAverage());
        }
    }
}
