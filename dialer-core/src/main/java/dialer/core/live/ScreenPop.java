package dialer.core.live;

import dialer.core.Masked;
import dialer.core.lead.DebtorStore;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an agent sees of the debtor they are connected to (or preview): the debtor, their accounts
 * with amounts and days overdue, the number dialed and its type, earlier attempts with their
 * dispositions and notes, and promises. Numbers are partly masked; the creditor's own extra
 * columns stay out (they may hold anything).
 */
public final class ScreenPop {

    private static final int EARLIER_ATTEMPTS = 10;

    /** The debtor's latest attempts (but the current one), with their dispositions, notes and agents. */
    static final String EARLIER = """
            select a.id, a.originated_at, a.phone, a.outcome, a.call_path, d.code, coalesce(cd.label, d.code), d.note, ag.name
            from call_attempt a
            left join disposition d on d.attempt_id = a.id
            left join campaign_disposition cd on cd.campaign_id = d.campaign_id and cd.code = d.code
            left join agent ag on ag.id = a.agent_id
            where a.debtor_id = ? and (?::bigint is null or a.id <> ?)
            order by a.originated_at desc limit ?
            """;

    /**
     * The screen pop. {@code debtor} has its numbers partly masked and is shown without its
     * {@code custom} columns; {@code dialed} is the number called, null when unknown.
     */
    public record Pop(DebtorStore.DebtorFile debtor, DebtorStore.Phone dialed, BigDecimal totalOverdue, int maxDaysOverdue,
                      List<EarlierAttempt> earlierAttempts, List<Note> notes, List<DebtorStore.Promise> openPromises,
                      List<DebtorStore.Promise> brokenPromises) {
    }

    /** An earlier attempt; {@code number} partly masked. */
    public record EarlierAttempt(long attemptId, Instant at, String number, String outcome, String path, String disposition,
                                 String dispositionLabel, String note, String agent) {
    }

    /** An agent's note on an earlier attempt. */
    public record Note(Instant at, String agent, String note) {
    }

    private final DebtorStore debtors = new DebtorStore();

    public Pop of(Connection c, long debtorId, Long phoneId, Long attemptId) throws SQLException {
        DebtorStore.DebtorFile file = debtors.get(c, debtorId, false);
        DebtorStore.Phone dialed = null;
        for (DebtorStore.Phone phone : file.phones()) {
            if (phoneId != null && phone.id() == phoneId.longValue()) {
                dialed = phone;
            }
        }
        List<EarlierAttempt> earlier = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(EARLIER)) {
            ps.setLong(1, debtorId);
            ps.setObject(2, attemptId);
            ps.setObject(3, attemptId);
            ps.setInt(4, EARLIER_ATTEMPTS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    EarlierAttempt attempt = new EarlierAttempt(rs.getLong(1), instant(rs.getTimestamp(2)),
                            Masked.phone(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getString(9));
                    earlier.add(attempt);
                    if (attempt.note() != null && !attempt.note().isBlank()) {
                        notes.add(new Note(attempt.at(), attempt.agent(), attempt.note()));
                    }
                }
            }
        }
        List<DebtorStore.Promise> open = new ArrayList<>();
        List<DebtorStore.Promise> broken = new ArrayList<>();
        for (DebtorStore.Promise promise : file.promises()) {
            if ("OPEN".equals(promise.status())) {
                open.add(promise);
            } else if ("BROKEN".equals(promise.status())) {
                broken.add(promise);
            }
        }
        BigDecimal total = BigDecimal.ZERO;
        int maxDays = 0;
        for (DebtorStore.Account account : file.accounts()) {
            total = total.add(account.amountOverdue());
            maxDays = Math.max(maxDays, account.daysOverdue());
        }
        return new Pop(file, dialed, total, maxDays, earlier, notes, open, broken);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
