package dialer.core.lead;

import dialer.core.Conflict;
import dialer.core.NotFound;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Lists of debtors and which campaigns work them. Each method runs in the caller's transaction. */
public final class ListStore {

    static final String CREATE = """
            insert into contact_list (name, default_region, column_mapping) values (?, ?, ?::jsonb)
            on conflict (name) do nothing
            """;

    static final String GET = """
            select id, name, default_region, column_mapping from contact_list where id = ?
            """;

    static final String LIST = """
            select l.id, l.name, l.default_region, l.column_mapping,
                   (select count(*) from list_member m where m.list_id = l.id) as members,
                   (select coalesce(array_agg(campaign_id order by campaign_id), '{}') from campaign_list cl
                    where cl.list_id = l.id) as campaigns
            from contact_list l order by l.id
            """;

    static final String SET_MAPPING = """
            update contact_list set column_mapping = ?::jsonb where id = ?
            """;

    static final String ATTACH = """
            insert into campaign_list (campaign_id, list_id) values (?, ?) on conflict do nothing
            """;

    /** A list with how many debtors it holds and which campaigns work it. */
    public record ListSummary(ContactList list, long debtors, List<Long> campaigns) {
    }

    private final LeadStore leads = new LeadStore();

    public ContactList create(Connection c, String name, String region, ColumnMapping mapping) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CREATE, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, name);
            ps.setString(2, region);
            ps.setString(3, mapping.toJson().encode());
            if (ps.executeUpdate() == 0) {
                throw new Conflict("a list named '" + name + "' already exists");
            }
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return get(c, keys.getLong(1));
            }
        }
    }

    public ContactList get(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GET)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("list " + id);
                }
                return read(rs);
            }
        }
    }

    public List<ListSummary> list(Connection c) throws SQLException {
        List<ListSummary> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LIST);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ListSummary(read(rs), rs.getLong("members"), List.of((Long[]) rs.getArray("campaigns").getArray())));
            }
        }
        return out;
    }

    public ContactList setMapping(Connection c, long id, ColumnMapping mapping) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SET_MAPPING)) {
            ps.setString(1, mapping.toJson().encode());
            ps.setLong(2, id);
            if (ps.executeUpdate() == 0) {
                throw new NotFound("list " + id);
            }
        }
        return get(c, id);
    }

    /** The campaign works the list from now on: its debtors join the campaign's queue. Returns leads added. */
    public int attach(Connection c, long campaignId, long listId) throws SQLException {
        get(c, listId);
        try (PreparedStatement ps = c.prepareStatement(ATTACH)) {
            ps.setLong(1, campaignId);
            ps.setLong(2, listId);
            ps.executeUpdate();
        }
        return leads.syncList(c, campaignId, listId);
    }

    private static ContactList read(ResultSet rs) throws SQLException {
        return new ContactList(rs.getLong("id"), rs.getString("name"), rs.getString("default_region"),
                ColumnMapping.fromJson(new JsonObject(rs.getString("column_mapping"))));
    }
}
