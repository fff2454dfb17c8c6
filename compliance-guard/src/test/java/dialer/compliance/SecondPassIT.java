package dialer.compliance;

import com.zaxxer.hikari.HikariDataSource;
import dialer.compliance.rules.Presets;
import dialer.compliance.rules.RuleSetRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 12's second pass against a real PostgreSQL: consumer requests stored and spent by the call
 * they permit, inbound conversations counted by the cool-down, creditor-wide do-not-call entries.
 */
class SecondPassIT {

    static HikariDataSource ds;
    MutableClock clock;
    ComplianceGuard guard;
    static int seq = 3000;
    String phone;
    String debtor;

    @BeforeAll
    static void database() {
        ds = TestDatabases.migrated("second_pass_test", 4);
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    @BeforeEach
    void guard() {
        // Tuesday 2024-01-09 15:00 in New York
        clock = new MutableClock(Instant.parse("2024-01-09T20:00:00Z"));
        guard = ComplianceGuard.builder(ds).clock(clock)
                .ruleSets(new RuleSetRegistry().assign("US-1", Presets.US).assign("US-2", Presets.US)).build();
        phone = "+1212555" + (seq++);
        debtor = "D-" + seq;
    }

    CallRequest.Builder us() {
        return CallRequest.builder().campaign("US-1").creditor("K1").debtor(debtor).debts("A1").lead("L-" + debtor)
                .phone(phone, PhoneType.HOME).address("US", "NY", "10001").path(CallPath.MANUAL);
    }

    static Set<String> failing(Decision d) {
        return Set.copyOf(d.failures().stream().map(RuleResult::ruleId).toList());
    }

    @Test
    void aTimeTheConsumerAskedForOpensTheHoursForOneCallAndTheDecisionNamesIt() throws Exception {
        // asked at 15:00 to be called at 21:30 New York (02:30Z next day)
        ConsumerRequest q = guard.recordConsumerRequest(debtor, List.of("A1"), phone, Instant.parse("2024-01-10T02:30:00Z"),
                clock.instant(), "agent7", "disposition 912");
        assertThat(q.recordedAt()).isEqualTo(clock.instant());
        clock.set(Instant.parse("2024-01-10T02:20:00Z")); // 21:20: too early
        assertThat(failing(guard.preview(us().build()))).containsExactly("us.hours");
        clock.set(Instant.parse("2024-01-10T02:31:00Z"));
        Decision preview = guard.preview(us().build());
        assertThat(preview.allowed()).as("%s", preview.failures()).isTrue();
        assertThat(preview.results()).anyMatch(r -> r.reason().contains("consumer request #" + q.id())
                && r.reason().contains("agent7"));
        Reservation r = guard.reserve(us().build());
        assertThat(r.granted()).isTrue();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("select consumer_request_id, regf_excluded, valid_until from compliance.attempt where id = ?")) {
            ps.setLong(1, r.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(q.id());
                assertThat(rs.getBoolean(2)).as("within 7 days of the consent: excluded from Reg F's counts").isTrue();
                assertThat(rs.getTimestamp(3).toInstant()).as("valid for the usual minute inside the tolerance")
                        .isEqualTo(clock.instant().plus(ComplianceGuard.DEFAULT_VALIDITY));
            }
        }
        guard.markDialed(r.id());
        guard.complete(r.id(), CallOutcome.NO_ANSWER);
        clock.advance(Duration.ofMinutes(10));
        assertThat(failing(guard.reserve(us().build()).decision())).as("the request is spent").containsExactly("us.hours");
    }

    @Test
    void aReleasedCallDoesNotSpendTheRequestAndACancelledRequestPermitsNothing() {
        ConsumerRequest q = guard.recordConsumerRequest(debtor, List.of(), phone, Instant.parse("2024-01-10T02:30:00Z"),
                clock.instant(), "agent7", "callback 40");
        clock.set(Instant.parse("2024-01-10T02:30:00Z"));
        Reservation r = guard.reserve(us().build());
        assertThat(r.granted()).isTrue();
        guard.release(r.id(), "agent went on break");
        assertThat(guard.preview(us().build()).allowed()).isTrue();
        assertThat(guard.cancelConsumerRequest(q.id(), "agent7", "the consumer changed their mind")).isTrue();
        assertThat(failing(guard.preview(us().build()))).containsExactly("us.hours");
    }

    @Test
    void theCallbackAskedForInTheConversationPassesTheCoolDown() {
        Reservation first = guard.reserve(us().build());
        guard.markDialed(first.id());
        guard.complete(first.id(), CallOutcome.RIGHT_PARTY_CONTACT);
        // in the conversation: "call me back Thursday at 3 pm"
        guard.recordConsumerRequest(debtor, List.of("A1"), phone, Instant.parse("2024-01-11T20:00:00Z"), clock.instant(),
                "agent7", "disposition 913");
        clock.set(Instant.parse("2024-01-10T20:00:00Z"));
        assertThat(failing(guard.preview(us().build()))).containsExactly("us.regf.after-conversation");
        clock.set(Instant.parse("2024-01-11T20:02:00Z"));
        assertThat(guard.reserve(us().build()).granted()).isTrue();
    }

    @Test
    void anInboundConversationStartsTheCoolDownAndIsNoCallPlaced() {
        long id = guard.recordInboundConversation(debtor, List.of("A1"), phone, PhoneType.HOME, clock.instant().minusSeconds(60), "agent9");
        clock.advance(Duration.ofDays(1));
        Decision d = guard.preview(us().path(CallPath.AUTOMATIC).build());
        assertThat(failing(d)).containsExactly("us.regf.after-conversation");
        assertThat(d.failures().get(0).reason()).contains("inbound conversation #" + id);
        assertThat(d.nextAllowedAt()).isEqualTo(Instant.parse("2024-01-16T13:00:00Z")); // day 8, 08:00 New York
        assertThatThrownBy(() -> guard.recordInboundConversation(debtor, List.of(), phone, clock.instant().plus(Duration.ofHours(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("future");
        assertThatThrownBy(() -> guard.recordInboundConversation(debtor, List.of(), phone, PhoneType.THIRD_PARTY, clock.instant(), "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("third party");
    }

    @Test
    void aDoNotCallRequestOfTheCreditorHoldsForAllItsCampaigns() {
        ListEntry e = guard.lists().addDoNotCallForCreditor(phone, "K1", "consumer asked K1 to stop calling", "agent7");
        assertThat(e.creditorId()).isEqualTo("K1");
        assertThat(failing(guard.preview(us().campaign("US-2").build()))).containsExactly("dnc");
        assertThat(guard.preview(us().campaign("US-2").creditor("K2").build()).allowed()).isTrue();
        assertThat(guard.lists().lookup(debtor, phone, "US-2", "K1")).extracting(ListEntry::id).containsExactly(e.id());
        assertThat(guard.lists().lookup(debtor, phone, "US-2")).as("without the creditor: not listed").isEmpty();
        assertThat(guard.lists().addDoNotCallForCreditor(phone, "K1", "again", "agent8").id()).as("idempotent").isEqualTo(e.id());
        assertThat(guard.lists().addDoNotCall(phone, null, "global", "agent8").id()).as("a global entry is another one").isNotEqualTo(e.id());
    }

    @Test
    void aRequestCannotBeGivenInTheFutureNorAskForATimeBeforeIt() {
        assertThatThrownBy(() -> guard.recordConsumerRequest(debtor, List.of(), phone, clock.instant().plus(Duration.ofDays(1)),
                clock.instant().plus(Duration.ofHours(1)), "a", "s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> guard.recordConsumerRequest(debtor, List.of(), phone, clock.instant().minus(Duration.ofHours(2)),
                clock.instant().minus(Duration.ofHours(1)), "a", "s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> guard.recordConsumerRequest(debtor, List.of(), phone, clock.instant(), clock.instant(), " ", "s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recordedBy");
    }
}
