package dialer.compliance;

import dialer.compliance.rules.EvaluationContext;
import dialer.compliance.rules.LooseningOverride;
import dialer.compliance.rules.RuleSet;
import dialer.compliance.rules.RuleSetRegistry;
import dialer.compliance.zone.CalleeZoneResolver;
import dialer.compliance.zone.CalleeZones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides ALLOW or BLOCK for proposed calls and holds the slots of allowed ones in PostgreSQL.
 *
 * <ul>
 * <li>{@link #preview} is read-only and cheap: for filling the dialer's queue; a BLOCK says when to
 * look again ({@link Decision#nextAllowedAt()}).</li>
 * <li>{@link #reserve} is the binding check at the moment of originate: it locks the debtor and the
 * number (PostgreSQL advisory locks on hashed keys, in a fixed order), reads the history, decides,
 * records the decision and, if allowed, inserts the reservation, all in one transaction. Two
 * threads or two processes can never both take the last slot.</li>
 * <li>{@link #markDialed}, {@link #complete}, {@link #release} move a reservation along;
 * {@link #recoverStale} turns reservations left behind by a crash into counted calls, never into
 * freed slots.</li>
 * </ul>
 * Time comes only from the injected clock (truncated to microseconds, PostgreSQL's precision).
 * Any database failure throws {@link ComplianceException}: treat it as BLOCK.
 */
public final class ComplianceGuard {

    private static final Logger log = LoggerFactory.getLogger(ComplianceGuard.class);

    private static final String CONTEXT_SQL = "select * from compliance.decision_context(?, ?, ?, ?, ?, ?, ?)";

    private static final String DECISION_COLUMNS = """
            decided_at, kind, campaign_id, debtor_id, lead_id, phone_e164, phone_type, call_path, rule_set_id,
            rule_set_version, verdict, next_allowed_at, callee_zones, zone_sources, failed_rules, failed_reasons,
            failed_next""";

    private static final String INSERT_DECISION_SQL = "insert into compliance.decision (" + DECISION_COLUMNS
            + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The reservation and its ALLOW decision in one statement. */
    private static final String INSERT_ATTEMPT_AND_DECISION_SQL = """
            with a as (
                insert into compliance.attempt (campaign_id, debtor_id, debt_ids, lead_id, phone_e164, phone_type, call_path,
                    state, reserved_at, rule_set_id, rule_set_version, updated_at, valid_until, consumer_request_id, regf_excluded)
                values (?, ?, ?, ?, ?, ?, ?, 'RESERVED', ?, ?, ?, ?, ?, ?, ?) returning id)
            insert into compliance.decision (""" + DECISION_COLUMNS + """
            , reservation_id)
            select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, a.id from a returning reservation_id""";

    /** How long a reservation waits for its dial mark unless configured otherwise. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofSeconds(60);

    private final DataSource dataSource;
    private final Clock clock;
    private final RuleSetRegistry ruleSets;
    private final CalleeZoneResolver zoneResolver;
    private final boolean recordPreviews;
    private final ContactLists lists;
    private final DecisionLog decisions;
    private final Set<String> storedRuleSets = ConcurrentHashMap.newKeySet();
    private final Duration validity;
    private final Reservations reservations;
    private final ConsumerContacts consumer;

    private ComplianceGuard(Builder b) {
        this.dataSource = b.dataSource;
        this.clock = b.clock;
        this.ruleSets = b.ruleSets;
        this.zoneResolver = b.zoneResolver;
        this.recordPreviews = b.recordPreviews;
        this.lists = new ContactLists(dataSource, clock);
        this.decisions = new DecisionLog(dataSource);
        this.validity = b.validity;
        this.reservations = new Reservations(dataSource, clock);
        this.consumer = new ConsumerContacts(dataSource, clock);
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The do-not-call, cease, attorney, no-calls-at-work and consent lists. */
    public ContactLists lists() {
        return lists;
    }

    /** Stored decisions: query and CSV export. */
    public DecisionLog decisions() {
        return decisions;
    }

    public RuleSetRegistry ruleSets() {
        return ruleSets;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Read-only check for queue filling: no lock, no slot taken; recorded only if the guard was built
     * with {@code recordPreviews(true)}. The binding check is {@link #reserve}.
     */
    public Decision preview(CallRequest request) {
        Objects.requireNonNull(request, "request");
        RuleSet ruleSet = ruleSets.forCampaign(request.campaignId()).forRequest(request); // with the debtor's state overlay
        Instant now = now();
        CalleeZones zones = zoneResolver.resolve(request, ruleSet.fallbackZones());
        try (Connection c = dataSource.getConnection()) {
            Context ctx = context(c, request, now.minus(ruleSet.lookback()), null, now);
            Decision d = ruleSet.evaluate(ctx.evaluation(request, now, zones));
            if (recordPreviews) {
                storeRuleSet(ruleSet, now);
                insertDecision(c, "PREVIEW", request, d);
            }
            if (log.isDebugEnabled()) {
                log.debug("preview lead {} phone {}: {}", request.leadId(), Masking.phone(request.phone()), d.summary());
            }
            return d;
        } catch (SQLException e) {
            throw new ComplianceException("preview of lead " + request.leadId() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The binding check at originate: decides and, if allowed, takes the slot, atomically. Dial only
     * if the reservation is {@link Reservation#granted()}.
     */
    public Reservation reserve(CallRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            return Sql.inTransaction(dataSource, c -> reserve(c, request));
        } catch (SQLException e) {
            throw new ComplianceException("reservation for lead " + request.leadId() + " failed (nothing was reserved): "
                    + e.getMessage(), e);
        }
    }

    /**
     * The same binding check inside the caller's transaction on {@code c}, which must not be in
     * auto-commit: nothing is committed here, so the reservation and what the caller writes with it
     * (the dialer's attempt row) land together or not at all. The locks are held until the caller
     * commits or rolls back.
     */
    public Reservation reserve(Connection c, CallRequest request) throws SQLException {
        Objects.requireNonNull(request, "request");
        if (c.getAutoCommit()) {
            throw new IllegalArgumentException("reserve(connection, …) needs a transaction: the connection is in auto-commit");
        }
        RuleSet ruleSet = ruleSets.forCampaign(request.campaignId()).forRequest(request); // with the debtor's state overlay
        CalleeZones zones = zoneResolver.resolve(request, ruleSet.fallbackZones());
        storeRuleSet(ruleSet, now());
        long[] keys = lockKeys(request);
        // the locks are taken first, then every read runs with a fresh snapshot (see decision_context),
        // so every reservation committed by an earlier holder of these locks is visible here; the same
        // instant lapses reservations whose validity passed and judges the call, so nothing this
        // decision treats as lapsed can still be marked dialed
        Instant now = now();
        Context ctx = context(c, request, now.minus(ruleSet.lookback()), keys, now);
        EvaluationContext ec = ctx.evaluation(request, now, zones);
        Decision d = ruleSet.evaluate(ec);
        Long id = null;
        if (d.allowed()) {
            // the call placed on a consumer's request spends it; it is excluded from Reg F's counts when
            // the rule set excludes such calls and the request is within its 7-day consent period
            ConsumerRequest asked = ec.consumerRequest().orElse(null);
            boolean excluded = ec.regFConsent().isPresent() && ruleSet.rules().stream().anyMatch(rule ->
                    rule instanceof dialer.compliance.rules.FrequencyLimit f && f.consumerConsentExcludes());
            id = insertAttemptAndDecision(c, request, ruleSet, d, ruleSet.validUntil(ec, validity),
                    asked == null ? null : asked.id(), excluded);
            if (asked != null) {
                log.info("reservation #{} is the call consumer request #{} asked for (recorded by {}){}", id, asked.id(),
                        asked.recordedBy(), excluded ? ", excluded from Reg F's call counts (12 CFR 1006.14(b)(3)(i))" : "");
            }
        }
        if (id == null) {
            insertDecision(c, "RESERVE", request, d);
        }
        if (log.isDebugEnabled()) {
            log.debug("reserve lead {} phone {}: {}{}", request.leadId(), Masking.phone(request.phone()),
                    d.summary(), id == null ? "" : " reservation #" + id);
        }
        return new Reservation(d, id);
    }

    /**
     * The call of reservation {@code id} is being handed to the telephony layer: call this before
     * dialing, and dial only if it returns. Refused with {@link ReservationExpiredException} once the
     * reservation's validity has passed (then do not dial: the reservation costs nothing). The mark
     * commits durably. Repeating it is harmless.
     */
    public void markDialed(long id) {
        reservations.markDialed(id);
    }

    /**
     * The call of reservation {@code id} ended with {@code outcome}. Also corrects a reservation the
     * recovery step expired (its count is replaced by the real outcome). Repeating the same report is
     * harmless; a different outcome for a completed call is refused.
     */
    public void complete(long id, CallOutcome outcome) {
        reservations.complete(id, outcome);
    }

    /**
     * The call of reservation {@code id} was definitely not dialed: the slot is freed. Refused once
     * the reservation was marked dialed or expired after a dial, since then the call may have happened;
     * harmless on a reservation that lapsed without being dialed.
     */
    public void release(long id, String reason) {
        reservations.release(id, reason, false);
    }

    /**
     * The telephony layer definitely did not place the call of reservation {@code id}, although it was
     * marked dialed (e.g. Asterisk refused the originate): the slot is freed. Use only on such a
     * definite refusal; when in doubt, {@link #complete} with {@link CallOutcome#FAILED}.
     */
    public void releaseRefused(long id, String reason) {
        reservations.release(id, reason, true);
    }

    /**
     * Recovery: reservations never marked dialed lapse once their validity has passed (no call,
     * nothing counted); dialed ones without an outcome for longer than {@code olderThan} (a crashed
     * node's) expire as one call of unknown outcome. Run at start-up and periodically, with a timeout
     * longer than the longest call; a late {@link #complete} still corrects them. Returns how many.
     */
    public int recoverStale(Duration olderThan) {
        return reservations.recoverStale(olderThan);
    }

    /** Current state of a reservation, for callers that lost track (e.g. after a restart). */
    public AttemptState state(long id) {
        return reservations.state(id);
    }

    /**
     * The consumer asked, directly to an agent, to be called on {@code phone} at {@code requestedFor}
     * about {@code debtIds} (empty: all their debts); {@code givenAt} is when they said it,
     * {@code recordedBy} the agent, {@code source} what it was recorded with (e.g. "disposition 912",
     * "callback 40"). The stored request lets one call to that debtor and number through at about that
     * time ({@link ConsumerRequest}): outside calling hours that honour it (15 U.S.C. 1692c(a)(1)), and
     * within 7 days of {@code givenAt} inside Reg F's conversation cool-down and outside its 7-in-7 count
     * (12 CFR 1006.14(b)(3)(i)). Decisions that rely on it name it. Call it when the agent saves the
     * disposition or callback, before the callback is queued.
     */
    public ConsumerRequest recordConsumerRequest(String debtorId, java.util.Collection<String> debtIds, String phone,
                                                 Instant requestedFor, Instant givenAt, String recordedBy, String source) {
        return consumer.recordRequest(debtorId, debtIds, phone, requestedFor, givenAt, recordedBy, source);
    }

    /** The consumer withdrew the request (or it was recorded by mistake): it permits nothing from now on. False if unknown or already cancelled. */
    public boolean cancelConsumerRequest(long id, String cancelledBy, String reason) {
        return consumer.cancelRequest(id, cancelledBy, reason);
    }

    /**
     * A telephone conversation with the consumer that no reservation placed (they called in, or called
     * back): recorded as a right-party conversation at {@code at}, so the conversation cool-downs
     * (Reg F's 7 days after a conversation, 12 CFR 1006.14(b)(2)(i)(B)) start from it as from an
     * outbound one; frequency limits do not count it (no call was placed). {@code phoneType} is the
     * type of the number they called from (null: unknown, recorded as HOME, one of their own numbers).
     * Returns its id. Call it when the inbound call ends.
     */
    public long recordInboundConversation(String debtorId, java.util.Collection<String> debtIds, String phone, PhoneType phoneType,
                                          Instant at, String recordedBy) {
        return consumer.recordInbound(debtorId, debtIds, phone, phoneType, at, recordedBy);
    }

    /** {@link #recordInboundConversation(String, java.util.Collection, String, PhoneType, Instant, String)} from a number of unknown type, by nobody named. */
    public long recordInboundConversation(String debtorId, java.util.Collection<String> debtIds, String phone, Instant at) {
        return consumer.recordInbound(debtorId, debtIds, phone, null, at, null);
    }

    /** How long a reservation may wait for its dial mark (never past the close of its calling window). */
    public Duration reservationValidity() {
        return validity;
    }

    // ---------------------------------------------------------------------------------------------

    /** Advisory lock keys: the debtor and the number, sorted so that lockers never wait in a cycle. */
    static long[] lockKeys(CallRequest r) {
        return lockKeys(r.debtorId(), r.phone());
    }

    static long[] lockKeys(String debtorId, String phone) {
        long[] keys = {hash("debtor:" + debtorId), hash("phone:" + phone)};
        Arrays.sort(keys);
        return keys[0] == keys[1] ? new long[] {keys[0]} : keys;
    }

    private static long hash(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("dialer.compliance:" + key).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(d).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** What a decision reads: the attempts touching this debtor or number, the active list entries, the debtor's consumer requests. */
    record Context(List<PastAttempt> history, List<ListEntry> lists, List<ConsumerRequest> requests) {

        Context(List<PastAttempt> history, List<ListEntry> lists) {
            this(history, lists, List.of());
        }

        EvaluationContext evaluation(CallRequest r, Instant now, CalleeZones zones) {
            return new EvaluationContext(r, now, zones, history, lists, requests);
        }
    }

    /** Reads the decision context in one round trip; with {@code keys}, first takes those advisory locks. */
    static Context context(Connection c, CallRequest r, Instant since, long[] keys, Instant now) throws SQLException {
        List<PastAttempt> history = new ArrayList<>();
        List<ListEntry> entries = new ArrayList<>();
        List<ConsumerRequest> requests = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CONTEXT_SQL)) {
            if (keys == null) {
                ps.setNull(1, java.sql.Types.ARRAY);
            } else {
                ps.setArray(1, c.createArrayOf("bigint", Arrays.stream(keys).boxed().toArray()));
            }
            ps.setString(2, r.debtorId());
            ps.setString(3, r.phone());
            ps.setString(4, r.campaignId());
            Sql.setInstant(ps, 5, since);
            Sql.setInstant(ps, 6, now);
            ps.setString(7, r.creditorId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String src = rs.getString("src");
                    if ("R".equals(src)) {
                        requests.add(new ConsumerRequest(rs.getLong("id"), rs.getString("debtor_id"),
                                Set.of((String[]) rs.getArray("debt_ids").getArray()), rs.getString("phone_e164"),
                                Sql.getInstant(rs, "t1"), Sql.getInstant(rs, "t2"), Sql.getInstant(rs, "t3"),
                                rs.getString("outcome"), rs.getString("note")));
                    } else if ("A".equals(src)) {
                        Array debts = rs.getArray("debt_ids");
                        String outcome = rs.getString("outcome");
                        history.add(new PastAttempt(rs.getLong("id"), rs.getString("campaign_id"), rs.getString("debtor_id"),
                                Set.of((String[]) debts.getArray()), rs.getString("phone_e164"),
                                PhoneType.valueOf(rs.getString("phone_type")), Sql.getInstant(rs, "t1"),
                                Sql.getInstant(rs, "t2"), AttemptState.valueOf(rs.getString("state")),
                                outcome == null ? null : CallOutcome.valueOf(outcome), Sql.getInstant(rs, "t3"),
                                Sql.getInstant(rs, "t4"), "INBOUND".equals(rs.getString("call_path")),
                                (Long) rs.getObject("request_id"), rs.getBoolean("regf_excluded")));
                    } else {
                        entries.add(new ListEntry(rs.getLong("id"), ListKind.valueOf(rs.getString("state")),
                                rs.getString("campaign_id"), rs.getString("debtor_id"), rs.getString("phone_e164"),
                                Sql.getInstant(rs, "t1"), rs.getString("outcome"), Sql.getInstant(rs, "t2"),
                                rs.getString("note"), rs.getString("creditor_id")));
                    }
                }
            }
        }
        return new Context(history, entries, requests);
    }

    /** Inserts the reservation and its ALLOW decision; returns the reservation id. */
    static long insertAttemptAndDecision(Connection c, CallRequest r, RuleSet rs, Decision d, Instant validUntil)
            throws SQLException {
        return insertAttemptAndDecision(c, r, rs, d, validUntil, null, false);
    }

    /** The same, for a call placed on consumer request {@code requestId} (null: none), {@code regFExcluded} from Reg F's counts. */
    static long insertAttemptAndDecision(Connection c, CallRequest r, RuleSet rs, Decision d, Instant validUntil,
                                         Long requestId, boolean regFExcluded) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_ATTEMPT_AND_DECISION_SQL)) {
            ps.setString(1, r.campaignId());
            ps.setString(2, r.debtorId());
            ps.setArray(3, c.createArrayOf("text", r.debtIds().stream().sorted().toArray()));
            ps.setString(4, r.leadId());
            ps.setString(5, r.phone());
            ps.setString(6, r.phoneType().name());
            ps.setString(7, r.path().name());
            Sql.setInstant(ps, 8, d.evaluatedAt());
            ps.setString(9, rs.id());
            ps.setString(10, rs.version());
            Sql.setInstant(ps, 11, d.evaluatedAt());
            Sql.setInstant(ps, 12, validUntil);
            if (requestId == null) {
                ps.setNull(13, java.sql.Types.BIGINT);
            } else {
                ps.setLong(13, requestId);
            }
            ps.setBoolean(14, regFExcluded);
            bindDecision(c, ps, 15, "RESERVE", r, d);
            try (ResultSet keys = ps.executeQuery()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    static void insertDecision(Connection c, String kind, CallRequest r, Decision d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_DECISION_SQL)) {
            bindDecision(c, ps, 1, kind, r, d);
            ps.executeUpdate();
        }
    }

    private static void bindDecision(Connection c, PreparedStatement ps, int i, String kind, CallRequest r, Decision d)
            throws SQLException {
        List<RuleResult> failures = d.failures();
        Sql.setInstant(ps, i++, d.evaluatedAt());
        ps.setString(i++, kind);
        ps.setString(i++, r.campaignId());
        ps.setString(i++, r.debtorId());
        ps.setString(i++, r.leadId());
        ps.setString(i++, r.phone());
        ps.setString(i++, r.phoneType().name());
        ps.setString(i++, r.path().name());
        ps.setString(i++, d.ruleSetId());
        ps.setString(i++, d.ruleSetVersion());
        ps.setString(i++, d.verdict().name());
        Sql.setInstant(ps, i++, d.allowed() ? null : d.nextAllowedAt());
        ps.setString(i++, String.join(",", d.calleeZones().stream().map(java.time.ZoneId::getId).sorted().toList()));
        ps.setString(i++, d.zoneSources());
        ps.setArray(i++, c.createArrayOf("text", failures.stream().map(RuleResult::ruleId).toArray()));
        ps.setArray(i++, c.createArrayOf("text", failures.stream().map(RuleResult::reason).toArray()));
        ps.setArray(i, c.createArrayOf("text", failures.stream()
                .map(f -> f.nextAllowedAt() == null ? null : f.nextAllowedAt().toString()).toArray()));
    }

    /** Stores the rule set's description and its loosening overrides once per version, before any decision cites it. */
    private void storeRuleSet(RuleSet rs, Instant now) {
        String key = rs.id() + "@" + rs.version();
        if (storedRuleSets.contains(key)) {
            return;
        }
        try {
            Sql.inTransaction(dataSource, c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into compliance.rule_set_version (rule_set_id, version, based_on, description, first_used_at)
                        values (?, ?, ?, ?, ?) on conflict do nothing""")) {
                    ps.setString(1, rs.id());
                    ps.setString(2, rs.version());
                    ps.setString(3, rs.basedOnId());
                    ps.setString(4, rs.description());
                    Sql.setInstant(ps, 5, now);
                    ps.executeUpdate();
                }
                for (LooseningOverride o : rs.overrides()) {
                    try (PreparedStatement ps = c.prepareStatement("""
                            insert into compliance.rule_override (rule_set_id, rule_set_version, rule_id, replacement, actor,
                                reason, decided_at, recorded_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
                        ps.setString(1, rs.id());
                        ps.setString(2, rs.version());
                        ps.setString(3, o.ruleId());
                        ps.setString(4, o.replacement() == null ? null : o.replacement().describe());
                        ps.setString(5, o.actor());
                        ps.setString(6, o.reason());
                        Sql.setInstant(ps, 7, o.at());
                        Sql.setInstant(ps, 8, now);
                        ps.executeUpdate();
                    }
                    log.warn("rule set {} loosens rule {} by override of {} ({}): {}", key, o.ruleId(), o.actor(), o.at(), o.reason());
                }
                return null;
            });
        } catch (SQLException e) {
            throw new ComplianceException("could not store rule set " + key + ": " + e.getMessage(), e);
        }
        storedRuleSets.add(key);
    }

    public static final class Builder {
        private final DataSource dataSource;
        private Clock clock = Clock.systemUTC();
        private RuleSetRegistry ruleSets;
        private CalleeZoneResolver zoneResolver = new CalleeZoneResolver();
        private boolean recordPreviews;
        private Duration validity = DEFAULT_VALIDITY;

        private Builder(DataSource dataSource) {
            if (dataSource == null) {
                throw new IllegalArgumentException("the compliance guard needs a DataSource");
            }
            this.dataSource = dataSource;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder ruleSets(RuleSetRegistry registry) {
            this.ruleSets = Objects.requireNonNull(registry, "registry");
            return this;
        }

        public Builder zoneResolver(CalleeZoneResolver resolver) {
            this.zoneResolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** Also store every preview decision (one insert per preview; off by default). */
        public Builder recordPreviews(boolean record) {
            this.recordPreviews = record;
            return this;
        }

        /**
         * How long a granted reservation may wait to be marked dialed (default 60 s); it never
         * outlives the calling window it was granted in. Between 1 second and 15 minutes.
         */
        public Builder reservationValidity(Duration validity) {
            if (validity == null || validity.compareTo(Duration.ofSeconds(1)) < 0 || validity.compareTo(Duration.ofMinutes(15)) > 0) {
                throw new IllegalArgumentException("reservation validity must be 1 s to 15 min, got " + validity);
            }
            this.validity = validity;
            return this;
        }

        public ComplianceGuard build() {
            if (ruleSets == null) {
                throw new IllegalArgumentException("the compliance guard needs a RuleSetRegistry (campaign -> rule set)");
            }
            return new ComplianceGuard(this);
        }
    }
}
