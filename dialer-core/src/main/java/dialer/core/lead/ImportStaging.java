package dialer.core.lead;

import io.vertx.core.json.JsonObject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Accepted records on their way into the database: written to four temporary CSV files (debtors,
 * accounts, phones, addresses), loaded with COPY into staging tables, and merged with set-based
 * statements. Memory stays flat whatever the file's size; everything happens in the caller's
 * transaction.
 */
final class ImportStaging implements AutoCloseable {

    private static final String CREATE_IMPORT_DEBTOR_SQL = """
            create temp table import_debtor (line bigint, external_id text, name text, time_zone text, flags text[],
                custom jsonb) on commit drop""";

    private static final String CREATE_IMPORT_ACCOUNT_SQL = """
            create temp table import_account (line bigint, external_id text, account_ref text, product text,
                amount numeric(14,2), days int, bucket text, creditor_ref text, flags text[]) on commit drop""";

    private static final String CREATE_IMPORT_PHONE_SQL = """
            create temp table import_phone (line bigint, external_id text, e164 text, phone_type text, relationship text,
                consent_source text, consent_given timestamptz, consent_expires timestamptz) on commit drop""";

    private static final String CREATE_IMPORT_ADDRESS_SQL = """
            create temp table import_address (line bigint, external_id text, line1 text, city text, state text,
                postal_code text, country text) on commit drop""";

    /** Loads a staging table (its name goes in for %s) from its CSV file. */
    private static final String COPY_SQL = """
            copy %s from stdin with (format csv)""";

    /** Gives the planner a staging table's statistics (its name goes in for %s). */
    private static final String ANALYZE_SQL = """
            analyze %s""";

    /** The merge sorts the staged records (first/last record of a debtor): in memory, not on disk. */
    private static final String WORK_MEM_SQL = """
            set local work_mem = '256MB'""";

    /** How many records, and how many debtors not known yet. */
    private static final String COUNT_RECORDS_SQL = """
            select count(*), count(distinct i.external_id) filter (where d.id is null)
            from import_debtor i left join debtor d on d.external_id = i.external_id""";

    /** The first record of a debtor gives the name. */
    private static final String MERGE_DEBTORS_SQL = """
            insert into debtor (external_id, name, time_zone, flags, custom)
            select distinct on (external_id) external_id, name, time_zone, coalesce(flags, '{}'), coalesce(custom, '{}')
            from import_debtor order by external_id, line
            on conflict (external_id) do update set name = excluded.name,
                time_zone = coalesce(excluded.time_zone, debtor.time_zone)""";

    private static final String ANY_DEBTOR_EXTRAS_SQL = """
            select exists (select 1 from import_debtor where flags is not null
                or custom is not null or time_zone is not null)""";

    /** Zones, flags and custom fields of all a debtor's records add up; the last zone given wins. */
    private static final String MERGE_DEBTOR_EXTRAS_SQL = """
            update debtor d set flags = array(select distinct f from unnest(d.flags || x.flags) f),
                custom = d.custom || x.custom, time_zone = coalesce(x.time_zone, d.time_zone) from (
                  select external_id, array_agg(distinct f) filter (where f is not null) as flags,
                  coalesce(jsonb_object_agg(k, v) filter (where k is not null), '{}') as custom,
                  (array_agg(time_zone order by line desc) filter (where time_zone is not null))[1] as time_zone
                  from import_debtor left join lateral unnest(coalesce(flags, '{}')) f on true
                  left join lateral jsonb_each_text(coalesce(custom, '{}')) kv(k, v) on true group by external_id) x
            where d.external_id = x.external_id and (x.flags is not null or x.custom <> '{}' or x.time_zone is not null)""";

    private static final String CREATE_IMPORT_IDS_SQL = """
            create temp table import_ids on commit drop as select i.external_id, d.id as debtor_id
            from (select distinct external_id from import_debtor) i join debtor d using (external_id)""";

    private static final String INDEX_IMPORT_IDS_SQL = """
            create index on import_ids (external_id)""";

    /** An account named twice: the last record says its amount. */
    private static final String MERGE_ACCOUNTS_SQL = """
            insert into debtor_account (debtor_id, account_ref, product, amount_overdue, days_overdue, bucket,
                creditor_ref, flags)
            select distinct on (i.debtor_id, a.account_ref) i.debtor_id, a.account_ref, a.product,
                a.amount, a.days, a.bucket, a.creditor_ref, coalesce(a.flags, '{}') from import_account a
            join import_ids i using (external_id) order by i.debtor_id, a.account_ref, a.line desc
            on conflict (debtor_id, account_ref) do update set product = coalesce(excluded.product, debtor_account.product),
                amount_overdue = excluded.amount_overdue, days_overdue = excluded.days_overdue, bucket = excluded.bucket,
                creditor_ref = coalesce(excluded.creditor_ref, debtor_account.creditor_ref),
                flags = array(select distinct f from unnest(debtor_account.flags || excluded.flags) f)""";

    /** A number twice: once for the debtor; its first record says its type. */
    private static final String MERGE_PHONES_SQL = """
            insert into debtor_phone (debtor_id, e164, phone_type, relationship, consent_source, consent_given_at,
                consent_expires_at)
            select distinct on (i.debtor_id, p.e164) i.debtor_id, p.e164, p.phone_type,
                p.relationship, p.consent_source, p.consent_given, p.consent_expires from import_phone p
            join import_ids i using (external_id) order by i.debtor_id, p.e164, p.line
            on conflict (debtor_id, e164) do update set phone_type = excluded.phone_type,
                relationship = coalesce(excluded.relationship, debtor_phone.relationship),
                consent_source = coalesce(excluded.consent_source, debtor_phone.consent_source),
                consent_given_at = coalesce(excluded.consent_given_at, debtor_phone.consent_given_at),
                consent_expires_at = coalesce(excluded.consent_expires_at, debtor_phone.consent_expires_at)""";

    /** An address in the file replaces the debtor's primary address (the last one given). */
    private static final String DELETE_PRIMARY_ADDRESSES_SQL = """
            delete from debtor_address a using (select distinct i.debtor_id from import_address x
                join import_ids i using (external_id)) t
            where a.debtor_id = t.debtor_id and a.is_primary""";

    private static final String INSERT_PRIMARY_ADDRESSES_SQL = """
            insert into debtor_address (debtor_id, line1, city, state, postal_code, country, is_primary)
            select distinct on (i.debtor_id) i.debtor_id, x.line1, x.city, x.state, x.postal_code, x.country, true
            from import_address x join import_ids i using (external_id) order by i.debtor_id, x.line desc""";

    private static final String ADD_TO_LIST_SQL = """
            insert into list_member (list_id, debtor_id)
            select ?, debtor_id from import_ids on conflict do nothing""";

    /** A staging table: its name (and its CSV file's) and the statement that creates it. */
    private record StagingTable(String name, String createSql) {
    }

    /** In the order of {@link #printers}: debtors, accounts, phones, addresses. */
    private static final List<StagingTable> TABLES = List.of(
            new StagingTable("import_debtor", CREATE_IMPORT_DEBTOR_SQL),
            new StagingTable("import_account", CREATE_IMPORT_ACCOUNT_SQL),
            new StagingTable("import_phone", CREATE_IMPORT_PHONE_SQL),
            new StagingTable("import_address", CREATE_IMPORT_ADDRESS_SQL));

    private final Path dir;
    private final CSVPrinter[] printers = new CSVPrinter[TABLES.size()];

    ImportStaging() throws IOException {
        dir = Files.createTempDirectory("lead-import");
        for (int i = 0; i < TABLES.size(); i++) {
            printers[i] = new CSVPrinter(Files.newBufferedWriter(dir.resolve(TABLES.get(i).name() + ".csv"), StandardCharsets.UTF_8),
                    CSVFormat.DEFAULT);
        }
    }

    void add(long line, LeadRow r) throws IOException {
        printers[0].printRecord(line, r.externalId(), r.name(), r.timeZone(), array(r.flags()),
                r.custom().isEmpty() ? null : new JsonObject(new LinkedHashMap<>(r.custom())).encode());
        LeadRow.Account a = r.account();
        printers[1].printRecord(line, r.externalId(), a.ref(), a.product(), a.amount().toPlainString(), a.days(), a.bucket(),
                a.creditorRef(), array(a.flags()));
        for (LeadRow.Phone p : r.phones()) {
            printers[2].printRecord(line, r.externalId(), p.e164(), p.type(), p.relationship(), p.consentSource(),
                    p.consentGiven(), p.consentExpires());
        }
        if (r.address() != null) {
            LeadRow.Address ad = r.address();
            printers[3].printRecord(line, r.externalId(), ad.line1(), ad.city(), ad.state(), ad.postalCode(), ad.country());
        }
    }

    /** What the merge did: debtors created, records merged into an existing or repeated debtor. */
    record Merged(int newDebtors, int merged) {
    }

    /** Loads the staged records and merges them into the list; returns what happened. */
    Merged merge(Connection c, long listId) throws SQLException, IOException {
        for (CSVPrinter p : printers) {
            p.close(true);
        }
        try (Statement s = c.createStatement()) {
            s.execute(WORK_MEM_SQL);
            for (StagingTable t : TABLES) {
                s.execute(t.createSql());
            }
        }
        for (StagingTable t : TABLES) {
            try (Reader r = Files.newBufferedReader(dir.resolve(t.name() + ".csv"), StandardCharsets.UTF_8)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL.formatted(t.name()), r);
            }
        }
        int records;
        int newDebtors;
        try (Statement s = c.createStatement()) {
            for (StagingTable t : TABLES) {
                s.execute(ANALYZE_SQL.formatted(t.name()));
            }
            try (ResultSet rs = s.executeQuery(COUNT_RECORDS_SQL)) {
                rs.next();
                records = rs.getInt(1);
                newDebtors = rs.getInt(2);
            }
            // the first record of a debtor gives the name; zones, flags and custom fields of all its records add up
            s.execute(MERGE_DEBTORS_SQL);
            boolean extras;
            try (ResultSet rs = s.executeQuery(ANY_DEBTOR_EXTRAS_SQL)) {
                rs.next();
                extras = rs.getBoolean(1);
            }
            if (extras) {
                s.execute(MERGE_DEBTOR_EXTRAS_SQL);
            }
            s.execute(CREATE_IMPORT_IDS_SQL);
            s.execute(INDEX_IMPORT_IDS_SQL);
            s.execute(MERGE_ACCOUNTS_SQL);
            s.execute(MERGE_PHONES_SQL);
            s.execute(DELETE_PRIMARY_ADDRESSES_SQL);
            s.execute(INSERT_PRIMARY_ADDRESSES_SQL);
        }
        try (PreparedStatement ps = c.prepareStatement(ADD_TO_LIST_SQL)) {
            ps.setLong(1, listId);
            ps.executeUpdate();
        }
        return new Merged(newDebtors, records - newDebtors);
    }

    private static String array(List<String> values) {
        return values.isEmpty() ? null : "{" + String.join(",", values) + "}";
    }

    @Override
    public void close() throws IOException {
        for (CSVPrinter p : printers) {
            try {
                p.close();
            } catch (IOException e) {
                // already closed by merge
            }
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
