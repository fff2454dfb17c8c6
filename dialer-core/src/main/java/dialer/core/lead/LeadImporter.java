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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Imports a CSV of leads into a campaign (columns: see {@link LeadRow}; header required, column
 * order free).
 *
 * <p>Each row is checked; good rows are streamed into a staging table with COPY and merged into
 * debtors, accounts, phones, addresses and the campaign's queue with a few set-based statements,
 * all in the caller's transaction: the file goes in whole or not at all, and every rejected row is
 * reported with its line and reason. Memory stays flat whatever the file's size.
 */
public final class LeadImporter {

    public ImportReport importCsv(Connection c, Campaign campaign, Path csv) throws SQLException, IOException {
        Path staged = Files.createTempFile("lead-import", ".csv");
        try {
            List<ImportReport.Rejection> rejected = new ArrayList<>();
            int[] counts = stage(csv, campaign.defaultRegion(), staged, rejected);
            int rows = counts[0];
            int rejectedCount = counts[1];
            try (Statement s = c.createStatement()) {
                s.execute("create temp table import_row (" + LeadRow.STAGING_COLUMNS + ") on commit drop");
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
            int needed = columns.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
            try {
                for (CSVRecord record : parser) {
                    rows++;
                    long line = record.getRecordNumber() + 1;
                    LeadRow row = record.size() < needed
                            ? LeadRow.problem("has " + record.size() + " fields, fewer than the header")
                            : LeadRow.check(column -> columns.containsKey(column) ? record.get(columns.get(column)) : "", region);
                    if (row.problem() != null) {
                        bad++;
                        if (rejected.size() < ImportReport.DETAIL_LIMIT) {
                            rejected.add(new ImportReport.Rejection(line, row.problem()));
                        }
                    } else {
                        printer.printRecord(row.staged(line));
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
            throw Invalid.of("file", "is empty; the first line must be the header " + String.join(",", LeadRow.REQUIRED));
        }
        Map<String, Integer> found = new HashMap<>();
        for (var e : header.entrySet()) {
            String canonical = LeadRow.ALIASES.get(e.getKey().trim().toLowerCase(Locale.ROOT).replace(' ', '_'));
            if (canonical != null) {
                found.put(canonical, e.getValue());
            }
        }
        List<String> missing = LeadRow.REQUIRED.stream().filter(k -> !found.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            throw Invalid.of("file", "the header lacks column(s) " + String.join(", ", missing)
                    + "; expected " + String.join(",", LeadRow.REQUIRED) + " (and optionally phone_type, consent_source, "
                    + "consent_given, consent_expires, country, state, postal_code, time_zone, flags)");
        }
        return found;
    }

    /** Merges the staged rows; returns {new leads, updated leads}. */
    private static int[] merge(Connection c, long campaignId) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("insert into debtor (external_id, name, time_zone, flags) "
                    + "select external_id, name, time_zone, coalesce(flags, '{}') from import_row "
                    + "on conflict (external_id) do update set name = excluded.name, "
                    + "time_zone = coalesce(excluded.time_zone, debtor.time_zone), "
                    + "flags = (select array(select distinct unnest(debtor.flags || excluded.flags)))");
            s.execute("insert into debtor_account (debtor_id, account_ref, amount_overdue, days_overdue) "
                    + "select d.id, 'default', r.amount, r.days from import_row r join debtor d using (external_id) "
                    + "on conflict (debtor_id, account_ref) do update set amount_overdue = excluded.amount_overdue, "
                    + "days_overdue = excluded.days_overdue");
            s.execute("insert into debtor_phone (debtor_id, e164, phone_type, consent_source, consent_given_at, consent_expires_at) "
                    + "select d.id, r.e164, r.phone_type, r.consent_source, r.consent_given, r.consent_expires "
                    + "from import_row r join debtor d using (external_id) on conflict (debtor_id, e164) do update set "
                    + "phone_type = excluded.phone_type, "
                    + "consent_source = coalesce(excluded.consent_source, debtor_phone.consent_source), "
                    + "consent_given_at = coalesce(excluded.consent_given_at, debtor_phone.consent_given_at), "
                    + "consent_expires_at = coalesce(excluded.consent_expires_at, debtor_phone.consent_expires_at)");
            // an address in the file replaces the debtor's primary address
            s.execute("delete from debtor_address a using import_row r join debtor d using (external_id) "
                    + "where a.debtor_id = d.id and a.is_primary and r.country is not null");
            s.execute("insert into debtor_address (debtor_id, state, postal_code, country, is_primary) "
                    + "select d.id, r.state, r.postal_code, r.country, true from import_row r join debtor d using (external_id) "
                    + "where r.country is not null");
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
