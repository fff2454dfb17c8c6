package dialer.compliance;

import com.zaxxer.hikari.HikariDataSource;
import dialer.compliance.rules.Presets;
import dialer.compliance.rules.RuleSetRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through the real guard and PostgreSQL: in a campaign on the plain US preset, a debtor living in
 * Massachusetts gets 940 CMR 7.04(1)(f) (2 calls in 7 days to a personal number) and a debtor living
 * in Texas does not; the decisions and the stored rule set name the overlay.
 */
class StateOverlayIT {

    static HikariDataSource ds;

    @BeforeAll
    static void database() {
        ds = TestDatabases.migrated("overlay_test", 4);
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    @Test
    void aMassachusettsDebtorInAPlainUsCampaignIsBlockedAtTheThirdCallInSevenDaysATexasDebtorIsNot() throws Exception {
        // Tuesday 2024-01-09 15:00 in Boston, 14:00 in Austin
        MutableClock clock = new MutableClock(Instant.parse("2024-01-09T20:00:00Z"));
        ComplianceGuard guard = ComplianceGuard.builder(ds).clock(clock)
                .ruleSets(new RuleSetRegistry().assign("US-plain", Presets.US)).build();
        CallRequest ma = CallRequest.builder().campaign("US-plain").debtor("D-MA").debts("A1").lead("L-MA")
                .phone("+16175550142", PhoneType.HOME).address("US", "MA", "02108").build();
        CallRequest tx = CallRequest.builder().campaign("US-plain").debtor("D-TX").debts("A1").lead("L-TX")
                .phone("+15125550142", PhoneType.HOME).address("US", "TX", "78701").build();

        for (int day = 0; day < 2; day++) {
            for (CallRequest r : List.of(ma, tx)) {
                Reservation granted = guard.reserve(r);
                assertThat(granted.granted()).as("call %d to %s: %s", day + 1, r.debtorId(), granted.decision().failures()).isTrue();
                guard.markDialed(granted.id());
                guard.complete(granted.id(), CallOutcome.NO_ANSWER);
            }
            clock.advance(Duration.ofDays(1));
        }

        Reservation third = guard.reserve(ma);
        assertThat(third.granted()).isFalse();
        assertThat(third.decision().failures()).extracting(RuleResult::ruleId)
                .containsExactlyInAnyOrder("us-ma.2in7.dates", "us-ma.2in7.rolling");
        assertThat(third.decision().ruleSetId()).isEqualTo("US+MA");
        assertThat(third.decision().failures()).allSatisfy(f -> assertThat(f.reason()).contains("940 CMR 7.04(1)(f)"));

        Reservation texas = guard.reserve(tx);
        assertThat(texas.granted()).as("%s", texas.decision().failures()).isTrue();
        assertThat(texas.decision().ruleSetId()).isEqualTo("US");

        List<DecisionLog.Stored> log = guard.decisions().find(DecisionLog.Query.between(clock.instant().minusSeconds(1),
                clock.instant().plusSeconds(1)));
        assertThat(log).extracting(DecisionLog.Stored::debtorId, DecisionLog.Stored::ruleSetId, DecisionLog.Stored::verdict)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("D-MA", "US+MA", Verdict.BLOCK),
                        org.assertj.core.groups.Tuple.tuple("D-TX", "US", Verdict.ALLOW));

        // the rule set the decision names can be read back as rules, built on the US preset
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("select based_on, description from compliance.rule_set_version "
                     + "where rule_set_id = 'US+MA' and version = ?")) {
            ps.setString(1, third.decision().ruleSetVersion());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("US@" + Presets.US.version());
                assertThat(rs.getString(2)).contains("us-ma.2in7.dates").contains("overlay US-MA always applied");
            }
        }
    }
}
