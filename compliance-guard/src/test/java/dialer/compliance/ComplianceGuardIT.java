package dialer.compliance;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import dialer.compliance.rules.CoolDown;
import dialer.compliance.rules.CountWindow;
import dialer.compliance.rules.Counted;
import dialer.compliance.rules.FrequencyLimit;
import dialer.compliance.rules.LooseningOverride;
import dialer.compliance.rules.Presets;
import dialer.compliance.rules.RuleSet;
import dialer.compliance.rules.RuleSetRegistry;
import dialer.compliance.rules.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard against a real PostgreSQL: reservations, their life cycle, recovery, lists, decision log. */
class ComplianceGuardIT {

    static HikariDataSource ds;
    MutableClock clock;
    RuleSetRegistry registry;
    ComplianceGuard guard;
    static int phoneSeq = 1000;
    String phone;
    String debtor;

    @BeforeAll
    static void database() {
        ds = TestDatabases.migrated("guard_test", 4);
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    @BeforeEach
    void guard() {
        // Tuesday 2024-01-09 15:00 in New York
        clock = new MutableClock(Instant.parse("2024-01-09T20:00:00Z"));
        registry = new RuleSetRegistry().assign("US-1", Presets.US).assign("CN-1", Presets.CN);
        guard = ComplianceGuard.builder(ds).clock(clock).ruleSets(registry).build();
        phone = "+1212555" + (phoneSeq++);
        debtor = "D-" + phoneSeq;
    }

    CallRequest.Builder us() {
        return CallRequest.builder().campaign("US-1").debtor(debtor).debts("A1").lead("L-" + debtor)
                .phone(phone, PhoneType.HOME).address("US", "NY", "10001");
    }

    CallRequest.Builder cn() {
        String cnPhone = "+86138" + phone.substring(phone.length() - 8);
        return CallRequest.builder().campaign("CN-1").debtor(debtor).lead("L-" + debtor).phone(cnPhone, PhoneType.OWN_MOBILE);
    }

    @Test
    void migrationUsesItsOwnHistoryTableAndIsIdempotent() throws Exception {
        assertThat(ComplianceSchema.migrate(ds)).isZero();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select table_schema, table_name from information_schema.tables "
                     + "where table_name like '%schema_history%'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1) + "." + rs.getString(2)).isEqualTo("compliance.compliance_schema_history");
            assertThat(rs.next()).as("no default flyway_schema_history anywhere").isFalse();
        }
    }

    @Test
    void anAllowedReservationHoldsTheSlotAndRecordsTheDecision() throws Exception {
        Reservation r = guard.reserve(us().build());
        assertThat(r.granted()).isTrue();
        assertThat(guard.state(r.id())).isEqualTo(AttemptState.RESERVED);
        guard.markDialed(r.id());
        guard.complete(r.id(), CallOutcome.NO_ANSWER);
        assertThat(guard.state(r.id())).isEqualTo(AttemptState.COMPLETED);

        List<DecisionLog.Stored> stored = guard.decisions().find(DecisionLog.Query
                .between(clock.instant().minusSeconds(1), clock.instant().plusSeconds(1)).lead("L-" + debtor));
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(stored.get(0).reservationId()).isEqualTo(r.id());
        assertThat(stored.get(0).ruleSetVersion()).isEqualTo(Presets.US.version());
        assertThat(stored.get(0).phone()).isEqualTo(phone);
        assertThat(stored.get(0).calleeZones()).containsExactly("America/New_York");
    }

    @Test
    void aBlockedReservationTakesNoSlotAndRecordsEveryFailure() {
        clock.set(Instant.parse("2024-01-10T03:05:00Z")); // 22:05 in New York
        Reservation r = guard.reserve(us().phone(phone, PhoneType.OWN_MOBILE).build());
        assertThat(r.granted()).isFalse();
        assertThat(r.decision().failures()).extracting(RuleResult::ruleId).containsExactlyInAnyOrder("us.hours", "us.tcpa.consent");
        DecisionLog.Stored s = guard.decisions().find(DecisionLog.Query.between(clock.instant(), clock.instant().plusSeconds(1))
                .lead("L-" + debtor)).get(0);
        assertThat(s.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(s.reservationId()).isNull();
        assertThat(s.failures()).extracting(RuleResult::ruleId).containsExactlyInAnyOrder("us.hours", "us.tcpa.consent");
        assertThat(s.failures()).filteredOn(f -> f.ruleId().equals("us.hours")).first()
                .extracting(RuleResult::nextAllowedAt).isEqualTo(Instant.parse("2024-01-10T13:00:00Z"));
    }

    @Test
    void theLimitIsEnforcedAcrossReservationsAndAReleaseFreesTheSlot() {
        clock.set(Instant.parse("2024-01-09T02:00:00Z")); // 10:00 in Shanghai
        long last = 0;
        for (int i = 0; i < 6; i++) {
            Reservation r = guard.reserve(cn().build());
            assertThat(r.granted()).as("attempt %d: %s", i + 1, r.decision().failures()).isTrue();
            guard.markDialed(r.id());
            guard.complete(r.id(), CallOutcome.NO_ANSWER);
            clock.advance(Duration.ofMinutes(6));
            last = r.id();
        }
        Reservation seventh = guard.reserve(cn().build());
        assertThat(seventh.granted()).isFalse();
        assertThat(seventh.decision().failures()).extracting(RuleResult::ruleId).containsExactly("cn.attempts.number.day");
        assertThat(seventh.decision().nextAllowedAt()).isEqualTo(Instant.parse("2024-01-10T00:00:00Z")); // 08:00 next day

        // a reservation released before dialing gives its slot back
        clock.set(Instant.parse("2024-01-10T02:00:00Z"));
        Reservation r = guard.reserve(cn().build());
        guard.release(r.id(), "no agent became free");
        guard.release(r.id(), "repeated");
        assertThat(guard.state(r.id())).isEqualTo(AttemptState.RELEASED);
        assertThatThrownBy(() -> guard.markDialed(r.id())).hasMessageContaining("released").hasMessageContaining("must not be dialed");
        assertThatThrownBy(() -> guard.complete(r.id(), CallOutcome.NO_ANSWER)).hasMessageContaining("released");
        assertThat(last).isPositive();
    }

    @Test
    void lifeCycleTransitionsRefuseWhatWouldFreeAUsedSlot() {
        Reservation r = guard.reserve(us().build());
        guard.markDialed(r.id());
        guard.markDialed(r.id()); // repeated report
        assertThatThrownBy(() -> guard.release(r.id(), "changed my mind")).hasMessageContaining("dialed")
                .hasMessageContaining("never released");
        guard.complete(r.id(), CallOutcome.MACHINE);
        guard.complete(r.id(), CallOutcome.MACHINE); // idempotent
        assertThatThrownBy(() -> guard.complete(r.id(), CallOutcome.RIGHT_PARTY_CONTACT))
                .hasMessageContaining("already completed with MACHINE");
        assertThatThrownBy(() -> guard.release(r.id(), "x")).hasMessageContaining("already COMPLETED");
        assertThatThrownBy(() -> guard.complete(999_999_999L, CallOutcome.MACHINE)).hasMessageContaining("no reservation #999999999");
        assertThatThrownBy(() -> guard.release(r.id(), " ")).hasMessageContaining("needs a reason");
        assertThatThrownBy(() -> guard.complete(r.id(), null)).hasMessageContaining("needs an outcome");
    }

    @Test
    void aReservationInTheCallersTransactionLandsWithItOrNotAtAll() throws Exception {
        try (Connection c = ds.getConnection()) {
            assertThatThrownBy(() -> guard.reserve(c, us().build())).hasMessageContaining("auto-commit");
            c.setAutoCommit(false);
            Reservation r = guard.reserve(c, us().build());
            assertThat(r.granted()).isTrue();
            // the caller's own write fails: both go
            c.rollback();
            assertThatThrownBy(() -> guard.state(r.id())).as("nothing of the rolled-back reservation is left")
                    .hasMessageContaining("no reservation");
            Reservation again = guard.reserve(c, us().build());
            assertThat(again.granted()).as("%s", again.decision().failures()).isTrue();
            c.commit();
            assertThat(guard.state(again.id())).isEqualTo(AttemptState.RESERVED);
        }
        assertThat(guard.reserve(us().build()).granted()).as("the committed one is a call in progress").isFalse();
    }

    @Test
    void recoveryCountsStaleReservationsAsWorstCaseAndALateOutcomeCorrectsThem() {
        clock.set(Instant.parse("2024-01-09T02:00:00Z")); // 10:00 Shanghai
        Reservation a = guard.reserve(cn().build());
        guard.markDialed(a.id());
        // the dialer process dies here; two hours later another node starts and recovers
        clock.advance(Duration.ofHours(2));
        assertThat(guard.recoverStale(Duration.ofHours(1))).isGreaterThanOrEqualTo(1);
        assertThat(guard.state(a.id())).isEqualTo(AttemptState.EXPIRED);
        assertThatThrownBy(() -> guard.release(a.id(), "the process died")).hasMessageContaining("cannot be freed");
        // worst case: it counts as connected (3 connected per day) and as a call in progress no more
        Reservation b = guard.reserve(cn().build());
        assertThat(b.granted()).as("%s", b.decision().failures()).isTrue();
        guard.complete(b.id(), CallOutcome.ANSWERED);
        clock.advance(Duration.ofMinutes(10));
        Reservation c = guard.reserve(cn().build());
        guard.complete(c.id(), CallOutcome.ANSWERED);
        clock.advance(Duration.ofMinutes(10));
        Reservation d = guard.reserve(cn().build());
        assertThat(d.granted()).as("expired + 2 answered = 3 connected").isFalse();
        assertThat(d.decision().failures()).extracting(RuleResult::ruleId).containsExactly("cn.connected.debtor.day");
        // the CDR arrives late: it was not answered, so the slot was not really used as a connection
        guard.complete(a.id(), CallOutcome.NO_ANSWER);
        clock.advance(Duration.ofMinutes(6)); // the late report counts as the call's end for the 5-minute gap
        Reservation e = guard.reserve(cn().build());
        assertThat(e.granted()).as("%s", e.decision().failures()).isTrue();
    }

    @Test
    void listsAreStoredWithSourceAndScopeAndBlockUntilRemoved() {
        ListEntry dnc = guard.lists().addDoNotCall(phone, null, "debtor asked on the phone", "agent-7");
        assertThat(guard.lists().addDoNotCall(phone, null, "again", "agent-8").id()).as("idempotent").isEqualTo(dnc.id());
        Reservation blocked = guard.reserve(us().build());
        assertThat(blocked.granted()).isFalse();
        assertThat(blocked.decision().failures().get(0).reason()).contains("global do-not-call list")
                .contains("debtor asked on the phone").doesNotContain(phone);
        assertThat(guard.lists().remove(dnc.id(), "supervisor-1", "entered on the wrong number")).isTrue();
        assertThat(guard.lists().remove(dnc.id(), "supervisor-1", "again")).isFalse();
        Reservation allowed = guard.reserve(us().build());
        assertThat(allowed.granted()).isTrue();
        guard.markDialed(allowed.id());

        // a campaign list only concerns its campaign
        guard.lists().addCeaseCommunication(debtor, "OTHER-CAMPAIGN", "letter of 2024-01-02", "mailroom");
        assertThat(guard.lists().lookup(debtor, phone, "US-1")).isEmpty();
        assertThat(guard.lists().lookup(debtor, phone, "OTHER-CAMPAIGN")).hasSize(1);

        // consent with expiry
        guard.lists().addConsent(debtor, phone, null, Instant.parse("2024-01-09T20:30:00Z"), "signed form", "import");
        clock.advance(Duration.ofMinutes(10));
        assertThat(guard.preview(us().phone(phone, PhoneType.OWN_MOBILE).build()).allowed()).isFalse(); // one call in progress
        assertThatThrownBy(() -> guard.lists().addDoNotCall("12345", null, "x", "y")).hasMessageContaining("E.164");
        assertThatThrownBy(() -> guard.lists().addDoNotCall(phone, null, " ", "y")).hasMessageContaining("source");
    }

    @Test
    void consentFromTheListExpires() {
        guard.lists().addConsent(debtor, phone, null, Instant.parse("2024-01-09T20:30:00Z"), "signed form", "import");
        CallRequest mobile = us().phone(phone, PhoneType.OWN_MOBILE).build();
        assertThat(guard.preview(mobile).allowed()).isTrue();
        clock.set(Instant.parse("2024-01-09T20:30:00Z"));
        Decision after = guard.preview(mobile);
        assertThat(after.failures()).extracting(RuleResult::ruleId).containsExactly("us.tcpa.consent");
    }

    @Test
    void previewTakesNoSlotAndWritesNothing() throws Exception {
        long before = count("compliance.decision") + count("compliance.attempt");
        Decision d = guard.preview(us().build());
        assertThat(d.allowed()).isTrue();
        assertThat(count("compliance.decision") + count("compliance.attempt")).isEqualTo(before);

        ComplianceGuard recording = ComplianceGuard.builder(ds).clock(clock).ruleSets(registry).recordPreviews(true).build();
        recording.preview(us().build());
        assertThat(recording.decisions().find(DecisionLog.Query.between(clock.instant(), clock.instant().plusSeconds(1))
                .lead("L-" + debtor))).extracting(DecisionLog.Stored::kind).containsExactly("PREVIEW");
    }

    @Test
    void aLooseningOverrideIsStoredWithActorTimeAndReason() throws Exception {
        RuleSet loosened = RuleSet.basedOn(Presets.US, "US-1-callbacks")
                .loosen(new LooseningOverride("min-gap.number", null, "compliance-officer@example", "callbacks the debtor asked for",
                        Instant.parse("2024-01-08T09:00:00Z")))
                .build();
        assertThat(loosened.version()).isNotEqualTo(Presets.US.version());
        registry.assign("US-1", loosened);
        guard.reserve(us().build());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select actor, reason, decided_at, rule_set_version from compliance.rule_override "
                     + "where rule_set_id = 'US-1-callbacks'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("compliance-officer@example");
            assertThat(rs.getString(2)).isEqualTo("callbacks the debtor asked for");
            assertThat(rs.getString(4)).isEqualTo(loosened.version());
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select d.rule_set_id, d.rule_set_version, v.based_on from compliance.decision d "
                     + "join compliance.rule_set_version v on v.rule_set_id = d.rule_set_id and v.version = d.rule_set_version "
                     + "where d.debtor_id = '" + debtor + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("the decision names the real rule set, not the preset").isEqualTo("US-1-callbacks");
            assertThat(rs.getString(2)).isEqualTo(loosened.version());
            assertThat(rs.getString(3)).isEqualTo("US@" + Presets.US.version());
        }
        // the back door: the same loosening under the preset's own id, without the override path, is refused
        RuleSet.Builder byHand = RuleSet.builder("US");
        Presets.US.rules().stream().filter(r -> !r.id().equals("min-gap.number")).forEach(byHand::add);
        RuleSet impostor = byHand.fallbackZones(Presets.US.fallbackZones().toArray(java.time.ZoneId[]::new)).build();
        assertThatThrownBy(() -> registry.assign("US-1", impostor)).hasMessageContaining("reuses the id of preset US");
        assertThatThrownBy(() -> new LooseningOverride("min-gap.number", null, " ", "x", Instant.EPOCH)).hasMessageContaining("actor");
        assertThatThrownBy(() -> new LooseningOverride("min-gap.number", null, "a", null, Instant.EPOCH)).hasMessageContaining("why");
        assertThatThrownBy(() -> RuleSet.basedOn(Presets.US, "x").add(CoolDown.afterAnyAttempt("min-gap.number", "mine", Scope.PHONE,
                CountWindow.rolling(Duration.ofMinutes(1))))).hasMessageContaining("already has a rule min-gap.number");
    }

    @Test
    void aCampaignTighteningAppliesOnTopOfThePreset() {
        RuleSet tighter = RuleSet.basedOn(Presets.US, "US-1-tight")
                .add(FrequencyLimit.of("campaign.2-per-day", "campaign policy", Scope.DEBTOR, Counted.ATTEMPTS, 2,
                        CountWindow.localDays(1)))
                .build();
        registry.assign("US-1", tighter);
        for (int i = 0; i < 2; i++) {
            Reservation r = guard.reserve(us().build());
            assertThat(r.granted()).isTrue();
            guard.complete(r.id(), CallOutcome.NO_ANSWER);
            clock.advance(Duration.ofMinutes(10));
        }
        Reservation third = guard.reserve(us().build());
        assertThat(third.decision().failures()).extracting(RuleResult::ruleId).containsExactly("campaign.2-per-day");
        assertThat(third.decision().ruleSetId()).isEqualTo("US-1-tight");
    }

    @Test
    void csvExportHasOneRowPerDecisionAndCanMaskNumbers() {
        Instant from = clock.instant();
        guard.reserve(us().build());
        clock.set(Instant.parse("2024-01-10T03:05:00Z"));
        guard.reserve(us().build());
        StringBuilder csv = new StringBuilder();
        long rows = guard.decisions().exportCsv(DecisionLog.Query.between(from, clock.instant().plusSeconds(1)).lead("L-" + debtor),
                csv, false);
        assertThat(rows).isEqualTo(2);
        String[] lines = csv.toString().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("decision_id,decided_at,kind,campaign_id");
        assertThat(lines[1]).contains(",ALLOW,").contains(phone);
        assertThat(lines[2]).contains(",BLOCK,").contains("us.hours");
        StringBuilder masked = new StringBuilder();
        guard.decisions().exportCsv(DecisionLog.Query.between(from, clock.instant().plusSeconds(1)).lead("L-" + debtor), masked, true);
        assertThat(masked.toString()).doesNotContain(phone).contains(Masking.phone(phone));
        assertThat(guard.decisions().find(DecisionLog.Query.between(from, clock.instant().plusSeconds(1)).campaign("US-1")
                .lead("L-" + debtor).limit(1))).hasSize(1);
    }

    @Test
    void logsNeverCarryAFullNumber() {
        Logger root = (Logger) LoggerFactory.getLogger("dialer.compliance");
        Level old = root.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
        try {
            guard.lists().addDoNotCall(phone, "US-1", "test", "t");
            guard.preview(us().build());
            guard.reserve(us().build());
            guard.lists().addConsent(debtor, phone, null, null, "form", "t");
            Reservation r = guard.reserve(us().phone("+1212555" + (phoneSeq++), PhoneType.HOME).build());
            guard.complete(r.id(), CallOutcome.NO_ANSWER);
            clock.advance(Duration.ofDays(1));
            guard.recoverStale(Duration.ofMinutes(1));
        } finally {
            root.detachAppender(appender);
            root.setLevel(old);
        }
        assertThat(appender.list).isNotEmpty();
        assertThat(appender.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(phone));
    }

    @Test
    void badInputIsRejectedNamingTheProblem() {
        assertThatThrownBy(() -> us().phone("2125550123", PhoneType.HOME).build()).hasMessageContaining("E.164");
        assertThatThrownBy(() -> us().phone("+1212", PhoneType.HOME).build()).hasMessageContaining("E.164");
        assertThatThrownBy(() -> us().phone(phone, null).build()).hasMessageContaining("phoneType");
        assertThatThrownBy(() -> us().debtor(" ").build()).hasMessageContaining("debtorId");
        assertThatThrownBy(() -> us().zone("Mars/Olympus").build()).hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> us().address("USA", null, null).build()).hasMessageContaining("alpha-2");
        assertThatThrownBy(() -> guard.reserve(us().campaign("NOPE").build())).hasMessageContaining("campaign NOPE has no rule set");
        assertThatThrownBy(() -> guard.recoverStale(Duration.ofSeconds(-1))).hasMessageContaining("non-negative");
        assertThatThrownBy(() -> ComplianceGuard.builder(ds).build()).hasMessageContaining("RuleSetRegistry");
    }

    static long count(String table) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
