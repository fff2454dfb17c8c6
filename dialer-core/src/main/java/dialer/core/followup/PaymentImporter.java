package dialer.core.followup;

import dialer.core.Invalid;
import dialer.core.Masked;
import dialer.core.lead.ImportText;
import dialer.core.history.DebtorHistory;
import io.vertx.core.json.JsonObject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Imports payments ({@code debtor_id, reference, amount, paid_on}, optionally {@code account_ref})
 * in one transaction, then marks promises kept: a promise is kept once the debtor's payments made
 * from the day it was given until its due date add up to its amount. A reference already imported
 * is reported and skipped, so a file can be sent twice.
 */
public final class PaymentImporter {

    /** What an import of payments did. */
    public record Report(int rows, int imported, int duplicates, List<Problem> rejected, int promisesKept,
                         int instalmentsKept, int instalmentsBroken) {
    }

    public record Problem(long line, String reason) {
    }

    private static final String INSERT_PAYMENT_SQL = """
            insert into payment (debtor_id, account_id, amount, paid_on, reference) values (?,?,?,?,?)
            on conflict (reference) do nothing""";

    /** The debtor's open promises, each with what was paid towards it, locked. */
    private static final String OPEN_PROMISES_SQL = """
            select p.id, p.amount, p.due_date, p.campaign_id, p.agent_id,
                (select coalesce(sum(x.amount), 0) from payment x where x.debtor_id = p.debtor_id
                  and (p.account_id is null or x.account_id is null or x.account_id = p.account_id)
                  and x.paid_on between p.created_at::date and p.due_date) as paid
            from promise p where p.debtor_id = ? and p.status = 'OPEN' and p.plan_id is null order by p.due_date for update""";

    private static final String SETTLE_PROMISE_SQL = """
            update promise set paid_amount = ?,
                status = case when ? then 'KEPT' else status end, settled_at = case when ? then ? else settled_at end
            where id = ?""";

    private static final String DEBTOR_BY_EXTERNAL_ID_SQL = """
            select id from debtor where external_id = ?""";

    private static final String ACCOUNT_BY_REF_SQL = """
            select id from debtor_account where debtor_id = ? and account_ref = ?""";

    private final DebtorHistory history = new DebtorHistory();
    private final InstalmentSettler instalments = new InstalmentSettler();

    public Report importCsv(Connection c, Path csv, Instant now) throws SQLException, IOException {

        int rows = 0;
        int imported = 0;
        int duplicates = 0;
        List<Problem> rejected = new ArrayList<>();
        Set<Long> debtors = new HashSet<>();
        // the text rules of lead imports: byte-order marks, UTF-16, ; or tab separators, duplicate columns refused
        ImportText.Csv text = ImportText.csv(csv);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(text.separator()).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        try (Reader in = text.reader();
             CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
            var iterator = parser.iterator();
            Map<String, Integer> columns = new HashMap<>();
            if (iterator.hasNext()) {
                ImportText.header(iterator.next().toList()).forEach((k, v) -> columns.put(k.toLowerCase(Locale.ROOT), v));
            }
            for (String required : List.of("debtor_id", "reference", "amount", "paid_on")) {
                if (!columns.containsKey(required)) {
                    throw Invalid.of("file", "the header lacks " + required + "; needed: debtor_id,reference,amount,paid_on[,account_ref]");
                }
            }
            while (iterator.hasNext()) {
                CSVRecord r = iterator.next();
                rows++;
                long line = r.getRecordNumber(); // the header is record 1
                if (r.size() < columns.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1) {
                    rejected.add(new Problem(line, "has " + r.size() + " fields, fewer than the header"));
                    continue;
                }
                String problem = null;
                for (var column : columns.entrySet()) {
                    problem = problem != null ? problem : ImportText.fieldProblem(column.getKey(), r.get(column.getValue()));
                }
                if (problem != null) {
                    rejected.add(new Problem(line, problem));
                    continue;
                }
                Long debtorId = null;
                Long accountId = null;
                BigDecimal amount = null;
                LocalDate paidOn = null;
                String reference = r.get(columns.get("reference"));
                try {
                    amount = new BigDecimal(r.get(columns.get("amount")));
                    if (amount.signum() <= 0 || amount.scale() > 2) {
                        problem = "amount must be positive with at most 2 decimals";
                    }
                } catch (NumberFormatException e) {
                    problem = "amount '" + Masked.excerpt(r.get(columns.get("amount"))) + "' is not a number";
                }
                try {
                    paidOn = LocalDate.parse(r.get(columns.get("paid_on")));
                    if (paidOn.isAfter(now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1))) {
                        problem = "paid_on is in the future";
                    }
                } catch (DateTimeException e) {
                    problem = problem != null ? problem : "paid_on must be a date such as 2026-11-20";
                }
                if (reference.isEmpty() || reference.length() > 100) {
                    problem = problem != null ? problem : "reference is empty or longer than 100 characters";
                }
                if (problem == null) {
                    debtorId = debtor(c, r.get(columns.get("debtor_id")));
                    if (debtorId == null) {
                        problem = "no debtor with id '" + Masked.excerpt(r.get(columns.get("debtor_id"))) + "'";
                    } else if (columns.containsKey("account_ref") && !r.get(columns.get("account_ref")).isEmpty()) {
                        accountId = account(c, debtorId, r.get(columns.get("account_ref")));
                        if (accountId == null) {
                            problem = "the debtor has no account '" + Masked.excerpt(r.get(columns.get("account_ref"))) + "'";
                        }
                    }
                }
                if (problem != null) {
                    rejected.add(new Problem(line, problem));
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement(INSERT_PAYMENT_SQL)) {
                    ps.setLong(1, debtorId);
                    ps.setObject(2, accountId);
                    ps.setBigDecimal(3, amount);
                    ps.setObject(4, paidOn);
                    ps.setString(5, reference);
                    if (ps.executeUpdate() == 0) {
                        duplicates++;
                        continue;
                    }
                }
                imported++;
                debtors.add(debtorId);
                history.add(c, debtorId, now, DebtorHistory.Kind.PAYMENT, null, null, null,
                        "Paid " + amount.toPlainString() + " on " + paidOn + " (ref " + reference + ")",
                        new JsonObject().put("amount", amount.toPlainString()).put("paidOn", paidOn.toString()));
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            if (e.getCause() instanceof Invalid invalid) {
                throw invalid;
            }
            throw Invalid.of("file", "not readable as CSV after line " + (rows + 1));
        } catch (IllegalArgumentException e) {
            throw Invalid.of("file", "the header is not usable: " + e.getMessage());
        }
        int kept = 0;
        InstalmentSettler.Settled plans = new InstalmentSettler.Settled(0, 0);
        for (long debtorId : debtors) {
            kept += settle(c, debtorId, now);
            plans = plans.plus(instalments.settleDebtor(c, debtorId, now));
        }
        // then every instalment past its grace period, paid or not (InstalmentMatcher's rules)
        plans = plans.plus(instalments.settleDue(c, now));
        return new Report(rows, imported, duplicates, rejected, kept, plans.kept(), plans.broken());
    }

    /** Recounts the debtor's open promises against their payments; returns how many are now kept. */
    int settle(Connection c, long debtorId, Instant now) throws SQLException {
        int kept = 0;
        try (PreparedStatement ps = c.prepareStatement(OPEN_PROMISES_SQL)) {
            ps.setLong(1, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal amount = rs.getBigDecimal("amount");
                    BigDecimal paid = rs.getBigDecimal("paid");
                    boolean isKept = paid.compareTo(amount) >= 0;
                    try (PreparedStatement up = c.prepareStatement(SETTLE_PROMISE_SQL)) {
                        up.setBigDecimal(1, paid.min(amount));
                        up.setBoolean(2, isKept);
                        up.setBoolean(3, isKept);
                        up.setTimestamp(4, Timestamp.from(now));
                        up.setLong(5, rs.getLong("id"));
                        up.executeUpdate();
                    }
                    if (isKept) {
                        kept++;
                        history.add(c, debtorId, now, DebtorHistory.Kind.PROMISE_KEPT, (Long) rs.getObject("campaign_id"),
                                null, (Long) rs.getObject("agent_id"), "Promise of " + amount.toPlainString() + " due "
                                        + rs.getObject("due_date") + " kept", new JsonObject().put("promiseId", rs.getLong("id")));
                    }
                }
            }
        }
        return kept;
    }

    private static Long debtor(Connection c, String externalId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DEBTOR_BY_EXTERNAL_ID_SQL)) {
            ps.setString(1, externalId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static Long account(Connection c, long debtorId, String ref) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ACCOUNT_BY_REF_SQL)) {
            ps.setLong(1, debtorId);
            ps.setString(2, ref);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}
