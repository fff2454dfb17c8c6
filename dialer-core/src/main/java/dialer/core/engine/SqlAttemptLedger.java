package dialer.core.engine;

import dialer.compliance.Decision;
import dialer.compliance.Reservation;
import dialer.compliance.RuleResult;
import dialer.core.call.AttemptStore;
import dialer.core.call.DispositionRequest;
import dialer.core.call.DispositionWritten;
import dialer.core.call.PlacedCall;
import dialer.core.call.HandDialedLeads;
import dialer.core.call.QueuedLead;
import dialer.core.compliance.CampaignRuleSets;
import dialer.core.compliance.ComplianceGate;
import dialer.core.db.Sql;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@link AttemptLedger} in PostgreSQL: each method one transaction on a {@code dialer-db} worker. */
final class SqlAttemptLedger implements AttemptLedger {

    private static final Logger log = LoggerFactory.getLogger(SqlAttemptLedger.class);

    private final Sql sql;
    private final ComplianceGate gate;
    private final EngineThread thread;
    private final String node;
    private final Clock clock;
    /** A decision to dial that waited longer than this for the database is dropped, not dialed late. */
    private final Duration maxDecisionAge;
    private final AttemptStore attempts = new AttemptStore();
    private final HandDialedLeads handDialed = new HandDialedLeads();

    SqlAttemptLedger(Sql sql, ComplianceGate gate, EngineThread thread, String node, Clock clock, Duration maxDecisionAge) {
        this.sql = sql;
        this.gate = gate;
        this.thread = thread;
        this.node = node;
        this.clock = clock;
        this.maxDecisionAge = maxDecisionAge;
    }

    private <T> Future<T> tx(Sql.Work<T> work) {
        return thread.back(sql.tx(work));
    }

    private Future<Void> write(AttemptWrite work) {
        return tx(c -> {
            work.run(c);
            return null;
        });
    }

    @FunctionalInterface
    private interface AttemptWrite {
        void run(Connection c) throws SQLException;
    }

    @Override
    public Future<Placement> reserveAndOpen(DialRequest req) {
        return tx(c -> {
            Instant now = clock.instant();
            long held = req.heldMillis(now);
            if (held > maxDecisionAge.toMillis()) {
                return new Stale(held);
            }
            QueuedLead lead = req.lead();
            Reservation r = gate.reserve(c, lead, req.path());
            if (!r.granted()) {
                putBack(c, req, r.decision(), now);
                return new Blocked(r.decision().failures().stream()
                        .map(f -> new DialResult.Block(f.ruleId(), f.reason())).toList());
            }
            // the reservation and the attempt commit together: a crash leaves both or neither
            PlacedCall placed = attempts.openAttempt(c, lead, node, req.pbx(), r.id(), req.path().name(), now);
            if (req.amdWaived()) {
                attempts.markAmdWaived(c, placed.attemptId());
            }
            return new Opened(placed);
        });
    }

    /** A lead the guard blocked at dialing goes back: due again when the guard allows it, or blocked. */
    private void putBack(Connection c, DialRequest req, Decision d, Instant now) throws SQLException {
        QueuedLead lead = req.lead();
        Instant retry = gate.retryAt(lead.campaignId(), d, now);
        if (req.handClaim() != null) {
            handDialed.release(c, req.handClaim());
        } else if (lead.callbackId() != null && retry != null) {
            attempts.callbackWaits(c, lead, retry, false, "compliance: " + d.summary());
        } else {
            if (lead.callbackId() != null) {
                attempts.callbackFinished(c, lead.callbackId(), "MISSED", null);
            }
            attempts.blocked(c, lead.leadId(), retry, reasons(d));
        }
        log.info("lead {} blocked at dialing: {}", lead.leadId(), d.summary());
    }

    static String reasons(Decision d) {
        StringBuilder sb = new StringBuilder();
        for (RuleResult r : d.failures()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(r.ruleId()).append(": ").append(r.reason());
        }
        return sb.toString();
    }

    @Override
    public Future<Void> markDialed(long reservationId) {
        return write(c -> gate.markDialed(reservationId));
    }

    @Override
    public Future<Void> notDialed(long attemptId, long reservationId, String reason, Instant at) {
        return write(c -> {
            attempts.end(c, attemptId, "NOT_DIALED", reason, null, at, null);
            try {
                gate.release(reservationId, reason);
            } catch (RuntimeException e) {
                // the reservation lapses by itself (never dialed): it costs nothing either way
                log.warn("attempt {}: the guard could not release reservation {}: {}", attemptId, reservationId, e.getMessage());
            }
        });
    }

    /**
     * The debtor asked for the callback's time themselves: the guard records it as their request,
     * which lets that one call through at that time (outside the usual hours, or within Reg F's
     * cool-down) and names it in its decision. Inside the disposition's transaction: if the guard
     * cannot record it, the disposition is not written either and the agent is told.
     */
    private void consumerAsked(Connection c, DispositionWritten written, long agentId, Instant at) throws SQLException {
        Instant due;
        try (PreparedStatement ps = c.prepareStatement("select due_at from callback where id = ?")) {
            ps.setLong(1, written.callbackId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                due = rs.getTimestamp(1).toInstant();
            }
        }
        var request = gate.guard().recordConsumerRequest("debtor-" + written.debtorId(), List.of(), written.phone(), due, at,
                "agent " + agentId, "callback " + written.callbackId() + " (disposition of attempt " + written.attemptId() + ")");
        log.info("attempt {}: the debtor asked for callback {}; recorded as their request {}", written.attemptId(),
                written.callbackId(), request.id());
    }

    @Override
    public Future<Void> neverPlaced(long attemptId, long reservationId, String reason, Instant at) {
        return write(c -> {
            attempts.end(c, attemptId, "NOT_DIALED", reason, null, at, null);
            attempts.undialedLeadBack(c, attemptId, at);
            try {
                gate.releaseRefused(reservationId, reason);
            } catch (RuntimeException e) {
                // e.g. expired meanwhile as a call of unknown outcome: it stays counted, the safe side
                log.warn("attempt {}: the guard could not free reservation {}: {}", attemptId, reservationId, e.getMessage());
            }
        });
    }

    @Override
    public Future<Void> trunkFailed(long attemptId, long reservationId, String reason, Integer cause, int sipStatus, Instant at) {
        return write(c -> {
            attempts.end(c, attemptId, "TRUNK_FAILURE", reason, cause, at, null);
            attempts.sipStatus(c, attemptId, sipStatus);
            attempts.undialedLeadBack(c, attemptId, at);
            try {
                // the call never got past the trunk: nobody was reached, the slot was not used
                gate.releaseRefused(reservationId, "trunk failure: " + reason);
            } catch (RuntimeException e) {
                log.warn("attempt {}: the guard could not free reservation {}: {}", attemptId, reservationId, e.getMessage());
            }
        });
    }

    @Override
    public Future<Void> sipStatus(long attemptId, int sipStatus) {
        return write(c -> attempts.sipStatus(c, attemptId, sipStatus));
    }

    @Override
    public Future<Void> markAnswered(long attemptId, String outcome, String detail, Instant at) {
        return write(c -> attempts.markAnswered(c, attemptId, outcome, detail, at));
    }

    @Override
    public Future<Void> markConnected(long attemptId, long agentId, Instant at, Long connectMillis) {
        return write(c -> attempts.markConnected(c, attemptId, agentId, at, connectMillis));
    }

    @Override
    public Future<Void> markAbandoned(long attemptId, Instant at) {
        return write(c -> attempts.markAbandoned(c, attemptId, at));
    }

    @Override
    public Future<Void> safeHarbor(long attemptId, boolean played, String status) {
        return write(c -> attempts.safeHarbor(c, attemptId, played, status));
    }

    @Override
    public Future<DispositionWritten> end(long attemptId, String outcome, String detail, Integer cause, Instant at,
                                          String systemCode, Boolean dialed) {
        return tx(c -> {
            DispositionWritten written = attempts.end(c, attemptId, outcome, detail, cause, at, systemCode);
            if (written != null && dialed != null) {
                // before the lead can be due again: the guard must already count this call as over
                settleNow(written, dialed);
            }
            return written;
        });
    }

    @Override
    public Future<Void> settle(DispositionWritten written, boolean dialed) {
        return write(c -> settleNow(written, dialed));
    }

    /**
     * The guard hears how the call it granted ended. A failure is logged, not thrown: the
     * reservation then stays open and the guard's recovery counts it as used, the safe side.
     */
    private void settleNow(DispositionWritten written, boolean dialed) {
        if (written.reservationId() == null) {
            return;
        }
        try {
            if (dialed) {
                gate.complete(written.reservationId(),
                        CampaignRuleSets.outcomeOf(written.code(), written.contact(), written.rightParty()));
            } else {
                // marked dialed before the originate, which Asterisk then refused: nothing left
                gate.releaseRefused(written.reservationId(), "Asterisk refused the originate");
            }
        } catch (RuntimeException e) {
            log.error("attempt {}: the guard could not record how the call ended", written.attemptId(), e);
        }
    }

    @Override
    public Future<DispositionWritten> agentDisposition(long attemptId, DispositionRequest request) {
        return tx(c -> {
            Instant at = clock.instant();
            DispositionWritten written = attempts.agentDisposition(c, attemptId, request, at);
            settleNow(written, true);
            if (written.callbackId() != null && request.callback() != null && request.callback().askedByDebtor()) {
                consumerAsked(c, written, request.agentId(), at);
            }
            return written;
        });
    }

    @Override
    public Future<DispositionWritten> noDisposition(long attemptId) {
        return tx(c -> {
            DispositionWritten written = attempts.systemDisposition(c, attemptId, "NO_DISPOSITION", clock.instant());
            settleNow(written, true);
            return written;
        });
    }

    @Override
    public Future<Void> addToDoNotCall(DispositionWritten written, String by) {
        return write(c -> gate.guard().lists().addDoNotCall(written.phone(), null,
                "disposition " + written.code() + " of attempt " + written.attemptId(), by));
    }

    @Override
    public Future<Void> releaseHandClaim(HandDialedLeads.Claimed claim) {
        return write(c -> handDialed.release(c, claim));
    }

    @Override
    public Future<Void> probe() {
        return write(c -> {
            try (var s = c.createStatement()) {
                s.execute("select 1");
            }
        });
    }
}
