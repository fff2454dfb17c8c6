package dialer.compliance;

import com.zaxxer.hikari.HikariDataSource;
import dialer.compliance.rules.CallingWindow;
import dialer.compliance.rules.CountWindow;
import dialer.compliance.rules.Counted;
import dialer.compliance.rules.FrequencyLimit;
import dialer.compliance.rules.HolidayCalendar;
import dialer.compliance.rules.NoConcurrentCalls;
import dialer.compliance.rules.RuleSet;
import dialer.compliance.rules.RuleSetRegistry;
import dialer.compliance.rules.Scope;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hammers one PostgreSQL with reservations for a small set of debtors and numbers, so that many
 * callers fight for the last slots. Used by threads of the concurrency IT and, as {@link #main}, by
 * the second (and a killed third) JVM it spawns.
 */
public final class RaceWorker {

    static final int DEBTORS = 24;
    static final int MAX_PER_DEBTOR = 5;
    static final int MAX_PER_NUMBER = 3;
    static final int MAX_CONNECTED_PER_DEBTOR = 2;
    static final String CAMPAIGN = "RACE";

    /** The rule set every process uses: identical definition, hence identical version. */
    static RuleSet rules() {
        return RuleSet.builder("RACE")
                .add(CallingWindow.daily("race.open", "test", CallingWindow.Hours.of("00:00", "00:00"), HolidayCalendar.NONE))
                .add(FrequencyLimit.of("race.debtor", "test", Scope.DEBTOR, Counted.ATTEMPTS, MAX_PER_DEBTOR,
                        CountWindow.rolling(Duration.ofDays(7))))
                .add(FrequencyLimit.of("race.number", "test", Scope.PHONE, Counted.ATTEMPTS, MAX_PER_NUMBER, CountWindow.localDays(1)))
                .add(FrequencyLimit.of("race.connected", "test", Scope.DEBTOR, Counted.CONNECTED, MAX_CONNECTED_PER_DEBTOR,
                        CountWindow.localDays(1)))
                .add(new NoConcurrentCalls("race.one-at-a-time", "test"))
                .fallbackZones(ZoneId.of("UTC"))
                .build();
    }

    static ComplianceGuard guard(javax.sql.DataSource ds, Instant now) {
        return ComplianceGuard.builder(ds).clock(Clock.fixed(now, ZoneOffset.UTC))
                .ruleSets(new RuleSetRegistry().assign(CAMPAIGN, rules())).build();
    }

    /** Debtor i has two own numbers and shares a HOME number with debtor i+1 (so PHONE limits cross debtors). */
    static CallRequest request(SplittableRandom rnd) {
        int d = rnd.nextInt(DEBTORS);
        int which = rnd.nextInt(3);
        String phone = switch (which) {
            case 0 -> String.format("+1212555%04d", d * 2);
            case 1 -> String.format("+1212555%04d", d * 2 + 1);
            default -> String.format("+1312555%04d", d / 2);
        };
        return CallRequest.builder().campaign(CAMPAIGN).debtor("RD" + d).debts("RA" + d).lead("RL" + d)
                .phone(phone, which == 0 ? PhoneType.OWN_MOBILE : PhoneType.HOME).zone(ZoneId.of("UTC")).build();
    }

    /** One caller: reserve, then dial/complete, release, or "crash" (leave it pending), at random. */
    static long run(ComplianceGuard guard, long seed, int iterations, long pauseMicros) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long granted = 0;
        CallOutcome[] outcomes = CallOutcome.values();
        for (int i = 0; i < iterations; i++) {
            Reservation r = guard.reserve(request(rnd));
            if (r.granted()) {
                granted++;
                int action = rnd.nextInt(100);
                if (action < 15) {
                    guard.release(r.id(), "no agent free");
                } else if (action < 20) {
                    guard.markDialed(r.id()); // crash after dialing: left for recovery
                } else if (action < 23) {
                    // crash before dialing: left RESERVED for recovery
                } else {
                    guard.markDialed(r.id());
                    guard.complete(r.id(), outcomes[rnd.nextInt(outcomes.length - 1)]);
                }
            }
            if (pauseMicros > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(pauseMicros * 1000);
            }
        }
        return granted;
    }

    /** Runs {@code threads} callers in this JVM and returns how many reservations they were granted. */
    static long runThreads(ComplianceGuard guard, int threads, long seed, int iterations, long pauseMicros) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long s = seed * 1000 + t;
                futures.add(pool.submit(() -> run(guard, s, iterations, pauseMicros)));
            }
            long total = 0;
            for (Future<Long> f : futures) {
                total += f.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    /** args: jdbcUrl user instant threads seed iterations pauseMicros */
    public static void main(String[] args) throws Exception {
        try (HikariDataSource ds = TestDatabases.pool(args[0], args[1], Integer.parseInt(args[3]) + 1)) {
            ComplianceGuard guard = guard(ds, Instant.parse(args[2]));
            System.out.println("READY");
            System.out.flush();
            AtomicLong granted = new AtomicLong(runThreads(guard, Integer.parseInt(args[3]), Long.parseLong(args[4]),
                    Integer.parseInt(args[5]), Long.parseLong(args[6])));
            System.out.println("GRANTED " + granted.get());
        }
    }
}
