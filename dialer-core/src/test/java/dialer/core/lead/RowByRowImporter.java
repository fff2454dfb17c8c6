package dialer.core.lead;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;

/**
 * The import benchmark's baseline: the same checks, then the obvious way to write a row, an upsert
 * per table per row, sent in JDBC batches of 1,000, in one transaction. What {@link LeadImporter}'s
 * COPY and set-based merge are measured against.
 */
public final class RowByRowImporter {

    /** Returns {rows, accepted}. */
    public int[] importCsv(Connection c, long campaignId, long listId, Path csv) throws Exception {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        int rows = 0;
        int accepted = 0;
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get();
             PreparedStatement debtor = c.prepareStatement("insert into debtor (external_id, name) values (?, ?) "
                     + "on conflict (external_id) do update set name = excluded.name");
             PreparedStatement account = c.prepareStatement("insert into debtor_account (debtor_id, account_ref, amount_overdue, "
                     + "days_overdue, bucket) select id, ?, ?, ?, ? from debtor where external_id = ? "
                     + "on conflict (debtor_id, account_ref) do update set amount_overdue = excluded.amount_overdue");
             PreparedStatement phone = c.prepareStatement("insert into debtor_phone (debtor_id, e164, phone_type) "
                     + "select id, ?, ? from debtor where external_id = ? on conflict (debtor_id, e164) do nothing");
             PreparedStatement member = c.prepareStatement("insert into list_member (list_id, debtor_id) "
                     + "select ?, id from debtor where external_id = ? on conflict do nothing");
             PreparedStatement lead = c.prepareStatement("insert into campaign_lead (campaign_id, debtor_id, amount_overdue, "
                     + "days_overdue) select ?, id, ?, ? from debtor where external_id = ? "
                     + "on conflict (campaign_id, debtor_id) do update set amount_overdue = excluded.amount_overdue")) {
            Map<String, Integer> columns = new HashMap<>();
            parser.getHeaderMap().forEach((k, v) -> columns.put(k, v));
            int pending = 0;
            for (CSVRecord r : parser) {
                rows++;
                LeadRow row = LeadRow.check(f -> columns.containsKey(f) ? r.get(columns.get(f)) : "", Map.of(), "US");
                if (row.problem() != null) {
                    continue;
                }
                accepted++;
                debtor.setString(1, row.externalId());
                debtor.setString(2, row.name());
                debtor.addBatch();
                account.setString(1, row.account().ref());
                account.setBigDecimal(2, row.account().amount());
                account.setInt(3, row.account().days());
                account.setString(4, row.account().bucket());
                account.setString(5, row.externalId());
                account.addBatch();
                for (LeadRow.Phone p : row.phones()) {
                    phone.setString(1, p.e164());
                    phone.setString(2, p.type());
                    phone.setString(3, row.externalId());
                    phone.addBatch();
                }
                member.setLong(1, listId);
                member.setString(2, row.externalId());
                member.addBatch();
                lead.setLong(1, campaignId);
                lead.setBigDecimal(2, row.account().amount());
                lead.setInt(3, row.account().days());
                lead.setString(4, row.externalId());
                lead.addBatch();
                if (++pending == 1000) {
                    flush(debtor, account, phone, member, lead);
                    pending = 0;
                }
            }
            flush(debtor, account, phone, member, lead);
        }
        return new int[] {rows, accepted};
    }

    private static void flush(PreparedStatement... statements) throws Exception {
        for (PreparedStatement s : statements) {
            s.executeBatch();
        }
    }
}
