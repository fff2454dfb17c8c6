package dialer.compliance;

import com.zaxxer.hikari.HikariDataSource;
import dialer.compliance.rules.Presets;
import dialer.compliance.rules.RuleSetRegistry;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A dialer node that takes two reservations on the US preset, marks the second one dialed, says so,
 * and then hangs until it is killed: the crash of {@link CrashRecoveryIT}.
 */
public final class CrashWorker {

    static CallRequest request(String debtor, String phone) {
        return CallRequest.builder().campaign("CRASH").debtor(debtor).debts("A-" + debtor).lead("L-" + debtor)
                .phone(phone, PhoneType.HOME).address("US", "NY", "10001").build();
    }

    /** args: jdbcUrl user instant debtorNeverDialed phone1 debtorDialed phone2 */
    public static void main(String[] args) throws Exception {
        HikariDataSource ds = TestDatabases.pool(args[0], args[1], 2);
        ComplianceGuard guard = ComplianceGuard.builder(ds).clock(Clock.fixed(Instant.parse(args[2]), ZoneOffset.UTC))
                .ruleSets(new RuleSetRegistry().assign("CRASH", Presets.US)).build();
        Reservation reserved = guard.reserve(request(args[3], args[4]));
        Reservation dialed = guard.reserve(request(args[5], args[6]));
        if (!reserved.granted() || !dialed.granted()) {
            System.out.println("REFUSED " + reserved.decision().summary() + " / " + dialed.decision().summary());
            System.exit(2);
        }
        guard.markDialed(dialed.id());
        System.out.println("HELD " + reserved.id() + " " + dialed.id());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // the "call" goes on until the process is killed
    }
}
