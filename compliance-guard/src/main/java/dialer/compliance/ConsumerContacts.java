package dialer.compliance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** What the consumer did on their own: calls they asked for and conversations they started. See {@link ComplianceGuard}. */
final class ConsumerContacts {

    private static final Logger log = LoggerFactory.getLogger(ConsumerContacts.class);
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    /** How far ahead of the guard's clock a reported instant may be (clocks of two machines). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    static final String INBOUND = "inbound";

    private final DataSource dataSource;
    private final Clock clock;

    ConsumerContacts(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Set<String> debts(Collection<String> debtIds) {
        Set<String> out = new LinkedHashSet<>();
        for (String d : Objects.requireNonNullElse(debtIds, Set.<String>of())) {
            if (d == null || d.isBlank()) {
                throw new IllegalArgumentException("debt ids must not be blank");
            }
            out.add(d);
        }
        return out;
    }

    private static void require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static void requirePhone(String phone) {
        if (phone == null || !E164.matcher(phone).matches()) {
            throw new IllegalArgumentException("phone must be an E.164 number, got "
                    + (phone == null ? "none" : "'" + Masking.phone(phone) + "'"));
        }
    }

    ConsumerRequest recordRequest(String debtorId, Collection<String> debtIds, String phone, Instant requestedFor,
                                  Instant givenAt, String recordedBy, String source) {
        require("debtorId", debtorId);
        requirePhone(phone);
        require("recordedBy (the agent or user who heard the consumer)", recordedBy);
        require("source (the disposition, callback or conversation it was recorded with)", source);
        if (requestedFor == null || givenAt == null) {
            throw new IllegalArgumentException("a consumer request needs the time asked for and when the consumer asked");
        }
        Instant now = now();
        if (givenAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw new IllegalArgumentException("the consumer cannot have asked in the future: given at " + givenAt + ", now " + now);
        }
        if (requestedFor.isBefore(givenAt)) {
            throw new IllegalArgumentException("the time asked for (" + requestedFor + ") is before the consumer asked (" + givenAt + ")");
        }
        Set<String> debts = debts(debtIds);
        Instant requested = requestedFor.truncatedTo(ChronoUnit.MICROS);
        Instant given = givenAt.truncatedTo(ChronoUnit.MICROS);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into compliance.consumer_request (debtor_id, debt_ids, phone_e164, requested_for, given_at,
                         recorded_at, recorded_by, source)
                     values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")) {
            ps.setString(1, debtorId);
            ps.setArray(2, c.createArrayOf("text", debts.stream().sorted().toArray()));
            ps.setString(3, phone);
            Sql.setInstant(ps, 4, requested);
            Sql.setInstant(ps, 5, given);
            Sql.setInstant(ps, 6, now);
            ps.setString(7, recordedBy);
            ps.setString(8, source);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                ConsumerRequest r = new ConsumerRequest(rs.getLong(1), debtorId, debts, phone, requested, given, now, recordedBy, source);
                log.info("consumer request #{} recorded by {}: debtor {} asks to be called on {} at {} (given {})", r.id(),
                        recordedBy, debtorId, Masking.phone(phone), requested, given);
                return r;
            }
        } catch (SQLException e) {
            throw new ComplianceException("could not record the consumer's request: " + e.getMessage(), e);
        }
    }

    boolean cancelRequest(long id, String cancelledBy, String reason) {
        require("cancelledBy", cancelledBy);
        require("reason", reason);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update compliance.consumer_request set cancelled_at = ?, cancelled_by = ?, "
                     + "cancelled_reason = ? where id = ? and cancelled_at is null")) {
            Sql.setInstant(ps, 1, now());
            ps.setString(2, cancelledBy);
            ps.setString(3, reason);
            ps.setLong(4, id);
            boolean done = ps.executeUpdate() == 1;
            if (done) {
                log.info("consumer request #{} cancelled by {}: {}", id, cancelledBy, reason);
            }
            return done;
        } catch (SQLException e) {
            throw new ComplianceException("could not cancel consumer request #" + id + ": " + e.getMessage(), e);
        }
    }

    long recordInbound(String debtorId, Collection<String> debtIds, String phone, PhoneType phoneType, Instant at,
                       String recordedBy) {
        require("debtorId", debtorId);
        requirePhone(phone);
        if (phoneType == PhoneType.THIRD_PARTY) {
            throw new IllegalArgumentException("an inbound conversation is the consumer's: a third party's number cannot be its number");
        }
        PhoneType type = phoneType == null ? PhoneType.HOME : phoneType;
        if (at == null) {
            throw new IllegalArgumentException("an inbound conversation needs the instant it took place");
        }
        Instant now = now();
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            throw new IllegalArgumentException("an inbound conversation cannot be in the future: " + at + ", now " + now);
        }
        Instant when = at.truncatedTo(ChronoUnit.MICROS);
        Set<String> debts = debts(debtIds);
        try {
            long id = Sql.inTransaction(dataSource, c -> {
                // the same locks as a reservation of this debtor or number: a decision taken meanwhile
                // either sees the conversation or was taken before it
                try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(k) from unnest(?::bigint[]) k")) {
                    lock.setArray(1, c.createArrayOf("bigint", Arrays.stream(ComplianceGuard.lockKeys(debtorId, phone)).boxed().toArray()));
                    lock.execute();
                }
                long inserted;
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into compliance.attempt (campaign_id, debtor_id, debt_ids, lead_id, phone_e164, phone_type, call_path,
                            state, outcome, reserved_at, dialed_at, ended_at, rule_set_id, rule_set_version, updated_at, valid_until,
                            recorded_by)
                        values (?, ?, ?, ?, ?, ?, 'INBOUND', 'COMPLETED', 'RIGHT_PARTY_CONTACT', ?, ?, ?, 'none', 'none', ?, ?, ?)
                        returning id""")) {
                    ps.setString(1, INBOUND);
                    ps.setString(2, debtorId);
                    ps.setArray(3, c.createArrayOf("text", debts.stream().sorted().toArray()));
                    ps.setString(4, INBOUND);
                    ps.setString(5, phone);
                    ps.setString(6, type.name());
                    Sql.setInstant(ps, 7, when);
                    Sql.setInstant(ps, 8, when);
                    Sql.setInstant(ps, 9, when);
                    Sql.setInstant(ps, 10, now);
                    Sql.setInstant(ps, 11, when);
                    ps.setString(12, recordedBy);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        inserted = rs.getLong(1);
                    }
                }
                return inserted;
            });
            log.info("inbound conversation #{} of debtor {} on {} at {} recorded{}", id, debtorId, Masking.phone(phone), when,
                    recordedBy == null ? "" : " by " + recordedBy);
            return id;
        } catch (SQLException e) {
            throw new ComplianceException("could not record the inbound conversation: " + e.getMessage(), e);
        }
    }
}
