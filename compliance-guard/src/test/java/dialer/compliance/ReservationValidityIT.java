package dialer.compliance;

import com.zaxxer.hikari.HikariDataSource;
import dialer.compliance.rules.CountWindow;
import dialer.compliance.rules.Counted;
import dialer.compliance.rules.FrequencyLimit;
import dialer.compliance.rules.Presets;
import dialer.compliance.rules.RuleSet;
import dialer.compliance.rules.RuleSetRegistry;
import dialer.compliance.rules.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A reservation is valid for a short time (never past the close of its calling window): marking it
 * dialed later is refused and it costs nothing; limits count a call from its dial, cool-downs from its
 * end, so a delayed dial never shortens either.
 */
class ReservationValidityIT {

    static HikariDataSource ds;
    static int seq = 100;
    MutableClock clock;
    ComplianceGuard guard;
    String phone;
    String debtor;

    @BeforeAll
    static void database() {
        ds = TestDatabases.migrated("validity_test", 4);
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    @BeforeEach
    void guard() {
        clock = new MutableClock(Instant.parse("2024-01-09T17:00:00Z")); // 12:00 in New York
        RuleSet hourly = RuleSet.basedOn(Presets.US, "US-hourly").add(FrequencyLimit.of("campaign.1-per-hour",
                "campaign setting", Scope.DEBTOR, Counted.ATTEMPTS, 1, CountWindow.rolling(Duration.ofHours(1)))).build();
        guard = ComplianceGuard.builder(ds).clock(clock)
                .ruleSets(new RuleSetRegistry().assign("US-1", Presets.US).assign("US-H", hourly)).build();
        seq++;
        phone = "+1212555" + (1000 + seq);
        debtor = "V-" + seq;
    }

    CallRequest request(String campaign) {
        return CallRequest.builder().campaign(campaign).debtor(debtor).debts("A1").lead("L-" + debtor)
                .phone(phone, PhoneType.HOME).address("US", "NY", "10001").build();
    }

    @Test
    void aDialMarkAfterTheValidityIsRefusedAndTheReservationCostsNothing() {
        Reservation r = guard.reserve(request("US-1"));
        clock.advance(ComplianceGuard.DEFAULT_VALIDITY);
        assertThatThrownBy(() -> guard.markDialed(r.id())).isInstanceOf(ReservationExpiredException.class)
                .hasMessageContaining("do not dial");
        assertThat(guard.state(r.id())).isEqualTo(AttemptState.EXPIRED);
        assertThatThrownBy(() -> guard.markDialed(r.id())).isInstanceOf(ReservationExpiredException.class);
        guard.release(r.id(), "the guard refused the dial mark"); // harmless: it already costs nothing
        Reservation next = guard.reserve(request("US-1"));
        assertThat(next.granted()).as("no call in progress, no gap, nothing counted: %s", next.decision().failures()).isTrue();
        guard.markDialed(next.id()); // within its own validity
        assertThat(guard.state(next.id())).isEqualTo(AttemptState.DIALED);
    }

    @Test
    void aLapsedReservationIsTakenOverByTheNextBindingDecisionAndCanNoLongerBeDialed() {
        Reservation r = guard.reserve(request("US-1"));
        clock.advance(Duration.ofSeconds(61));
        Reservation next = guard.reserve(request("US-1"));
        assertThat(next.granted()).as("%s", next.decision().failures()).isTrue();
        assertThat(guard.state(r.id())).isEqualTo(AttemptState.EXPIRED);
        assertThatThrownBy(() -> guard.markDialed(r.id())).isInstanceOf(ReservationExpiredException.class);
    }

    @Test
    void theValidityEndsWhenTheCallingWindowCloses() {
        clock.set(Instant.parse("2024-01-10T01:59:30Z")); // 20:59:30 in New York: us.hours closes at 21:00
        Reservation r = guard.reserve(request("US-1"));
        assertThat(r.granted()).isTrue();
        clock.set(Instant.parse("2024-01-10T02:00:00Z"));
        assertThatThrownBy(() -> guard.markDialed(r.id())).isInstanceOf(ReservationExpiredException.class)
                .hasMessageContaining("2024-01-10T02:00:00Z");
        clock.set(Instant.parse("2024-01-10T01:59:40Z"));
        Reservation s = guard.reserve(request("US-1"));
        clock.set(Instant.parse("2024-01-10T01:59:59Z"));
        guard.markDialed(s.id());
        assertThat(guard.state(s.id())).isEqualTo(AttemptState.DIALED);
    }

    @Test
    void aDelayedDialNeverShortensALimitOrACoolDown() {
        Reservation r = guard.reserve(request("US-H"));
        clock.advance(Duration.ofSeconds(50));
        guard.markDialed(r.id());
        Instant dialedAt = clock.instant();
        clock.advance(Duration.ofMinutes(3));
        guard.complete(r.id(), CallOutcome.NO_ANSWER);
        // one hour after the reservation, but not after the dial: still blocked
        clock.set(dialedAt.plus(Duration.ofHours(1)).minusSeconds(1));
        Reservation early = guard.reserve(request("US-H"));
        assertThat(early.granted()).isFalse();
        assertThat(early.decision().failures()).extracting(RuleResult::ruleId).containsExactly("campaign.1-per-hour");
        assertThat(early.decision().nextAllowedAt()).isEqualTo(dialedAt.plus(Duration.ofHours(1)));
        clock.set(dialedAt.plus(Duration.ofHours(1)));
        assertThat(guard.reserve(request("US-H")).granted()).isTrue();
    }

    @Test
    void theValidityIsConfigurableWithinBounds() {
        ComplianceGuard shortLived = ComplianceGuard.builder(ds).clock(clock).reservationValidity(Duration.ofSeconds(5))
                .ruleSets(new RuleSetRegistry().assign("US-1", Presets.US)).build();
        Reservation r = shortLived.reserve(request("US-1"));
        clock.advance(Duration.ofSeconds(5));
        assertThatThrownBy(() -> shortLived.markDialed(r.id())).isInstanceOf(ReservationExpiredException.class);
        assertThatThrownBy(() -> ComplianceGuard.builder(ds).reservationValidity(Duration.ofHours(1)))
                .hasMessageContaining("1 s to 15 min");
    }
}
