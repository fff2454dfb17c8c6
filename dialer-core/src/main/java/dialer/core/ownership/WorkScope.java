package dialer.core.ownership;

import dialer.core.Invalid;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Which debtors a campaign works: ALL (the default), UNOWNED (owned debtors are their owners' to
 * work), or TEAM (one team's debtors, its agents' included). The campaign's claims of leads add
 * {@link #claimFilter()}.
 */
public record WorkScope(Works works, Long teamId) {

    public enum Works { ALL, UNOWNED, TEAM }

    public static final WorkScope ALL = new WorkScope(Works.ALL, null);

    private static final String GET = "select works, team_id from campaign_ownership_scope where campaign_id = ?";
    private static final String PUT = """
            insert into campaign_ownership_scope (campaign_id, works, team_id) values (?, ?, ?)
            on conflict (campaign_id) do update set works = excluded.works, team_id = excluded.team_id""";

    public static WorkScope fromJson(JsonObject json) {
        Invalid.Collector problems = new Invalid.Collector();
        String works = json.getValue("works") instanceof String s ? s : null;
        Works w = null;
        try {
            w = works == null ? null : Works.valueOf(works);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.check(w != null, "works", "must be ALL, UNOWNED or TEAM");
        Long team = OwnerTarget.id(json, "teamId", "", problems);
        problems.check(w != Works.TEAM || team != null, "teamId", "is required when works is TEAM");
        problems.check(w == Works.TEAM || team == null, "teamId", "only with works TEAM");
        problems.throwIfAny();
        return new WorkScope(w, team);
    }

    public static WorkScope of(Connection c, long campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GET)) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new WorkScope(Works.valueOf(rs.getString(1)), (Long) rs.getObject(2)) : ALL;
            }
        }
    }

    public void save(Connection c, long campaignId) throws SQLException {
        if (teamId != null) {
            TeamStore.requireTeam(c, teamId, "teamId");
        }
        try (PreparedStatement ps = c.prepareStatement(PUT)) {
            ps.setLong(1, campaignId);
            ps.setString(2, works.name());
            ps.setObject(3, teamId, Types.BIGINT);
            ps.executeUpdate();
        }
    }

    /** An AND clause over {@code campaign_lead} rows (no parameter: the team id is a number), or "". */
    public String claimFilter() {
        return switch (works) {
            case ALL -> "";
            case UNOWNED -> " and exists (select 1 from debtor d where d.id = campaign_lead.debtor_id"
                    + " and d.owner_agent_id is null and d.owner_team_id is null)";
            case TEAM -> " and exists (select 1 from debtor d where d.id = campaign_lead.debtor_id and d.owner_team_id = "
                    + teamId.longValue() + ")";
        };
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("works", works.name());
        if (teamId != null) {
            json.put("teamId", teamId);
        }
        return json;
    }
}
