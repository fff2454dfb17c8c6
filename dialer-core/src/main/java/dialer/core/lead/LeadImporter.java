package dialer.core.lead;

import dialer.core.Invalid;
import dialer.core.campaign.Campaign;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Imports a CSV of leads into a campaign: {@code id,name,phone,amount,days_overdue} (header
 * required; column order free; {@code external_id}, {@code amount_overdue} and {@code days}
 * accepted as names too).
 *
 * <p>Each row is checked; good rows are streamed into a staging table with COPY and merged into
 * debtors, accounts, phones and the campaign's queue with a few set-based statements, all in the
 * caller's transaction: the file goes in whole or not at all, and every rejected row is reported
 * with its line and reason. Memory stays flat whatever the file's size.
 */
public final class LeadImporter {

    private static final Map<String, String> COLUMN_ALIASES = Map.of(
            "id", "id", "external_id", "id",
            "name", "name",
            "phone", "phone",
            "amount", "amount", "amount_overdue", "amount",
            "days_overdue", "days_overdue", "days", "days_overdue");
    private static final List<String> REQUIRED = List.of("id", "name", "phone", "amount", "days_overdue");

    public ImportReport importCsv(Connection c, Campaign campaign, Path csv) throws SQLException, IOException {
        Path staged = Files.createTempFile("lead-import", ".csv");
        try {
            List<ImportReport.Rejection> rejected = new ArrayList<>();
            int[] counts = stage(csv, campaign.defaultRegion(), staged, rejected);
            int rows = counts[0];
            int rejectedCount = counts[1];
            try (Statement s = c.createStatement()) {
                s.execute("create temp table import_row (line bigint, external_id text, name text, e164 text, "
                        + "amount numeric(14,2), days int) on commit drop");
            }
            try (Reader r = Files.newBufferedReader(staged, StandardCharsets.UTF_8)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy import_row from stdin with (format csv)", r);
            }
            // the same debtor twice in one file: the first row counts, later ones are reported
            try (Statement s = c.createStatement();
                 ResultSet dup = s.executeQuery("select line, first_line from (select line, "
                         + "min(line) over (partition by external_id) as first_line from import_row) t "
                         + "where line <> first_line order by line")) {
                while (dup.next()) {
                    rejectedCount++;
                    if (rejected.size() < ImportReport.DETAIL_LIMIT) {
                        rejected.add(new ImportReport.Rejection(dup.getLong(1),
                                "duplicate id: the same debtor is on line " + dup.getLong(2)));
                    }
                }
                s.execute("delete from import_row r using (select line, min(line) over (partition by external_id) "
                        + "as first_line from import_row) t where r.line = t.line and t.line <> t.first_line");
            }
            int[] leads = merge(c, campaign.id());
            rejected.sort((a, b) -> Long.compare(a.line(), b.line()));
            return new ImportReport(rows, leads[0] + leads[1], leads[0], leads[1], rejectedCount, List.copyOf(rejected));
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** Reads and checks every row; writes the good ones to {@code staged}. Returns {rows, rejected}. */
    private int[] stage(Path csv, String region, Path staged, List<ImportReport.Rejection> rejected) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).setIgnoreSurroundingSpaces(true).get();
        int rows = 0;
        int bad = 0;
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get();
             Writer out = Files.newBufferedWriter(staged, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            Map<String, Integer> columns = columns(parser.getHeaderMap());
            try {
                for (CSVRecord record : parser) {
                    rows++;
                    long line = record.getRecordNumber() + 1;
                    String problem = check(record, columns, region, printer, line);
                    if (problem != null) {
                        bad++;
                        if (rejected.size() < ImportReport.DETAIL_LIMIT) {
                            rejected.add(new ImportReport.Rejection(line, problem));
                        }
                    }
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                throw Invalid.of("file", "not readable as CSV after line " + (rows + 1) + ": " + rootMessage(e));
            }
        } catch (IllegalArgumentException e) {
            // commons-csv: duplicate or blank header names
            throw Invalid.of("file", "the header is not usable: " + e.getMessage());
        }
        if (rows == 0) {
            throw Invalid.of("file", "has no rows under its header");
        }
        return new int[] {rows, bad};
    }

    private static Map<String, Integer> columns(Map<String, Integer> header) {
        if (header == null || header.isEmpty()) {
            throw Invalid.of("file", "is empty; the first line must be the header " + String.join(",", REQUIRED));
        }
        Map<String, Integer> found = new java.util.HashMap<>();
        for (var e : header.entrySet()) {
            String canonical = COLUMN_ALIASES.get(e.getKey().trim().toLowerCase(Locale.ROOT).replace(' ', '_'));
            if (canonical != null) {
                found.put(canonical, e.getValue());
            }
        }
        List<String> missing = REQUIRED.stream().filter(k -> !found.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            throw Invalid.of("file", "the header lacks column(s) " + String.join(", ", missing)
                    + "; expected " + String.join(",", REQUIRED));
        }
        return found;
    }

    private static String check(CSVRecord r, Map<String, Integer> columns, String region, CSVPrinter out, long line)
            throws IOException {
        if (r.size() < columns.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1) {
            return "has " + r.size() + " fields, fewer than the header";
        }
        String id = r.get(columns.get("id"));
        if (id.isEmpty() || id.length() > 64) {
            return "id is empty or longer than 64 characters";
        }
        String name = r.get(columns.get("name"));
        if (name.isEmpty() || name.length() > 200) {
            return "name is empty or longer than 200 characters";
        }
        PhoneNormalizer.Result phone = PhoneNormalizer.normalize(r.get(columns.get("phone")), region);
        if (!phone.ok()) {
            return phone.problem();
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(r.get(columns.get("amount")).replace(",", ""));
        } catch (NumberFormatException e) {
            return "amount '" + r.get(columns.get("amount")) + "' is not a number";
        }
        if (amount.signum() < 0) {
            return "amount is negative";
        }
        if (amount.scale() > 2 || amount.compareTo(new BigDecimal("999999999999.99")) > 0) {
            return "amount must have at most 2 decimals and be under a trillion";
        }
        int days;
        try {
            days = Integer.parseInt(r.get(columns.get("days_overdue")));
        } catch (NumberFormatException e) {
            return "days_overdue '" + r.get(columns.get("days_overdue")) + "' is not a whole number";
        }
        if (days < 0 || days > 36500) {
            return "days_overdue must be between 0 and 36500";
        }
        out.printRecord(line, id, name, phone.e164(), amount.toPlainString(), days);
        return null;
    }

    /** Merges the staged rows; returns {new leads, updated leads}. */
    private static int[] merge(Connection c, long campaignId) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("insert into debtor (external_id, name) select external_id, name from import_row "
                    + "on conflict (external_id) do update set name = excluded.name");
            s.execute("insert into debtor_account (debtor_id, account_ref, amount_overdue, days_overdue) "
                    + "select d.id, 'default', r.amount, r.days from import_row r join debtor d using (external_id) "
                    + "on conflict (debtor_id, account_ref) do update set amount_overdue = excluded.amount_overdue, "
                    + "days_overdue = excluded.days_overdue");
            s.execute("insert into debtor_phone (debtor_id, e164) select d.id, r.e164 from import_row r "
                    + "join debtor d using (external_id) on conflict (debtor_id, e164) do nothing");
        }
        int existing;
        try (PreparedStatement ps = c.prepareStatement("select count(*) from import_row r join debtor d using (external_id) "
                + "join campaign_lead l on l.debtor_id = d.id and l.campaign_id = ?")) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                existing = rs.getInt(1);
            }
        }
        int total;
        try (PreparedStatement ps = c.prepareStatement("insert into campaign_lead (campaign_id, debtor_id, amount_overdue, days_overdue) "
                + "select ?, d.id, r.amount, r.days from import_row r join debtor d using (external_id) "
                + "on conflict (campaign_id, debtor_id) do update set amount_overdue = excluded.amount_overdue, "
                + "days_overdue = excluded.days_overdue")) {
            ps.setLong(1, campaignId);
            total = ps.executeUpdate();
        }
        return new int[] {total - existing, existing};
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
