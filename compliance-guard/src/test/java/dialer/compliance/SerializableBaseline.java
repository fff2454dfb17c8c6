package dialer.compliance;

import dialer.compliance.rules.EvaluationContext;
import dialer.compliance.rules.RuleSet;
import dialer.compliance.rules.RuleSetRegistry;
import dialer.compliance.zone.CalleeZoneResolver;
import dialer.compliance.zone.CalleeZones;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The benchmark's baseline: the textbook alternative to advisory locks, a SERIALIZABLE transaction
 * (same reads, same rules, same writes) retried on serialization failures. Correct too, but every
 * conflict costs a rolled-back transaction and a retry.
 */
public final class SerializableBaseline {

    private final DataSource ds;
    private final Clock clock;
    private final RuleSetRegistry ruleSets;
    private final CalleeZoneResolver zones = new CalleeZoneResolver();
    private final java.util.concurrent.atomic.AtomicLong retries = new java.util.concurrent.atomic.AtomicLong();

    public SerializableBaseline(DataSource ds, Clock clock, RuleSetRegistry ruleSets) {
        this.ds = ds;
        this.clock = clock;
        this.ruleSets = ruleSets;
    }

    public long retries() {
        return retries.get();
    }

    public Reservation reserve(CallRequest r) {
        RuleSet rs = ruleSets.forCampaign(r.campaignId());
        CalleeZones z = zones.resolve(r, rs.fallbackZones());
        for (int attempt = 0; ; attempt++) {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                try {
                    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    ComplianceGuard.Context ctx = ComplianceGuard.context(c, r, now.minus(rs.lookback()), null, now);
                    Decision d = rs.evaluate(new EvaluationContext(r, now, z, ctx.history(), ctx.lists()));
                    Long id = d.allowed() ? ComplianceGuard.insertAttemptAndDecision(c, r, rs, d, now.plus(ComplianceGuard.DEFAULT_VALIDITY)) : null;
                    if (id == null) {
                        ComplianceGuard.insertDecision(c, "RESERVE", r, d);
                    }
                    c.commit();
                    return new Reservation(d, id);
                } catch (SQLException e) {
                    c.rollback();
                    if (!"40001".equals(e.getSQLState()) || attempt > 50) {
                        throw e;
                    }
                    retries.incrementAndGet();
                } finally {
                    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new ComplianceException("baseline reserve failed: " + e.getMessage(), e);
            }
        }
    }

    public void markDialed(long id) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update compliance.attempt set state = 'DIALED', dialed_at = ?, updated_at = ? where id = ? and state = 'RESERVED'")) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Sql.setInstant(ps, 1, now);
            Sql.setInstant(ps, 2, now);
            ps.setLong(3, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new ComplianceException("baseline markDialed failed: " + e.getMessage(), e);
        }
    }

    public void complete(long id, CallOutcome outcome) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update compliance.attempt set state = 'COMPLETED', outcome = ?, ended_at = ?, updated_at = ? where id = ?")) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            ps.setString(1, outcome.name());
            Sql.setInstant(ps, 2, now);
            Sql.setInstant(ps, 3, now);
            ps.setLong(4, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new ComplianceException("baseline complete failed: " + e.getMessage(), e);
        }
    }
}
