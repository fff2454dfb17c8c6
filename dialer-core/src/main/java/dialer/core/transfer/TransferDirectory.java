package dialer.core.transfer;

import dialer.core.Conflict;
import dialer.core.Invalid;
import dialer.core.Masked;
import dialer.core.NotFound;
import dialer.core.lead.PhoneNormalizer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The numbers agents may transfer calls to (a creditor's payment line, an interpreter), kept by
 * administrators so that no agent dials an arbitrary number. A directory number is a business line,
 * never a debtor's: a number on any debtor's file is refused when it is added and again at each
 * transfer (a debtor imported later with that number), since a call to a debtor must go through the
 * compliance guard and this one would not.
 */
public final class TransferDirectory {

    /** A number of the directory. */
    public record Target(long id, String name, String e164, boolean active) {

        public JsonObject toJson(boolean fullNumber) {
            return new JsonObject().put("id", id).put("name", name).put("number", fullNumber ? e164 : Masked.phone(e164))
                    .put("active", active);
        }
    }

    static final String LIST = "select id, name, number, active from transfer_target where active or ? order by name";
    static final String GET = "select id, name, number, active from transfer_target where id = ?";
    static final String INSERT = """
            insert into transfer_target (name, number) values (?, ?)
            on conflict (name) do nothing returning id""";
    static final String DEACTIVATE = "update transfer_target set active = false where id = ? and active";
    static final String DEBTORS_NUMBER = "select exists (select 1 from debtor_phone where e164 = ?)";

    public JsonArray list(Connection c, boolean withInactive, boolean fullNumbers) throws SQLException {
        JsonArray out = new JsonArray();
        try (PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setBoolean(1, withInactive);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Target(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)).toJson(fullNumbers));
                }
            }
        }
        return out;
    }

    /** Adds a number: {@code name} 1-80 characters, {@code number} a valid number (E.164, or national in {@code region}). */
    public Target add(Connection c, JsonObject body, String region) throws SQLException {
        Invalid.Collector problems = new Invalid.Collector();
        Object name = body.getValue("name");
        problems.check(name instanceof String s && !s.isBlank() && s.trim().length() <= 80, "name",
                "is required: what agents see, e.g. 'Creditor payment line' (at most 80 characters)");
        Object number = body.getValue("number");
        PhoneNormalizer.Result n = number instanceof String s ? PhoneNormalizer.normalize(s, region) : null;
        if (n == null || !n.ok()) {
            problems.add("number", n == null ? "is required: the number to transfer to, e.g. +442071234567" : n.problem());
        }
        problems.throwIfAny();
        if (debtorsNumber(c, n.e164())) {
            throw Invalid.of("number", "is on a debtor's file: transfers go to business lines, and calls to debtors go through "
                    + "the compliance guard");
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, ((String) name).trim());
            ps.setString(2, n.e164());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new Conflict("a transfer number named '" + ((String) name).trim() + "' exists already");
                }
                return new Target(rs.getLong(1), ((String) name).trim(), n.e164(), true);
            }
        }
    }

    public void deactivate(Connection c, long id) throws SQLException {
        get(c, id);
        try (PreparedStatement ps = c.prepareStatement(DEACTIVATE)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    public Target get(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GET)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("transfer number " + id);
                }
                return new Target(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4));
            }
        }
    }

    /** The active number {@code id} to transfer a call to now; 409 when it was withdrawn or is a debtor's now. */
    public Target forTransfer(Connection c, long id) throws SQLException {
        Target t = get(c, id);
        if (!t.active()) {
            throw new Conflict("transfer number '" + t.name() + "' was withdrawn");
        }
        if (debtorsNumber(c, t.e164())) {
            throw new Conflict("transfer number '" + t.name() + "' is on a debtor's file now; an administrator must check it");
        }
        return t;
    }

    static boolean debtorsNumber(Connection c, String e164) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DEBTORS_NUMBER)) {
            ps.setString(1, e164);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
