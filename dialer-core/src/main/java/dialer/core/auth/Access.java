package dialer.core.auth;

import dialer.core.Forbidden;
import dialer.core.NotFound;
import dialer.core.Unauthenticated;
import dialer.core.db.Sql;
import dialer.core.engine.AgentStatus;
import dialer.core.engine.DialerEngine;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Who may do what, checked on every route: administrators configure; supervisors see and steer
 * the campaigns they supervise (and the agents working them); agents act on their own session,
 * their own calls and the debtors they are or were connected to.
 */
public final class Access {

    private static final String USER = "user";

    private static final String ATTEMPT_SQL = """
            select campaign_id, agent_id from call_attempt where id = ?""";

    /** Whether the debtor is in a campaign the user supervises. */
    private static final String SUPERVISES_DEBTOR_SQL = """
            select exists (select 1 from campaign_lead l
                join user_campaign uc on uc.campaign_id = l.campaign_id where l.debtor_id = ? and uc.user_id = ?)""";

    private final Sql sql;
    private final DialerEngine engine;

    public Access(Sql sql, DialerEngine engine) {
        this.sql = sql;
        this.engine = engine;
    }

    public static void signIn(RoutingContext ctx, User user) {
        ctx.put(USER, user);
    }

    public static User user(RoutingContext ctx) {
        User u = ctx.get(USER);
        if (u == null) {
            throw new Unauthenticated("sign in first");
        }
        return u;
    }

    /** Passes for these roles only. */
    public static User require(RoutingContext ctx, Role... roles) {
        User u = user(ctx);
        for (Role r : roles) {
            if (u.role() == r) {
                return u;
            }
        }
        throw new Forbidden(u.role() + " may not do this");
    }

    public static User admin(RoutingContext ctx) {
        return require(ctx, Role.ADMIN);
    }

    /** An administrator, or a supervisor of this campaign. */
    public static User supervisorOf(RoutingContext ctx, long campaignId) {
        User u = user(ctx);
        if (!u.supervises(campaignId)) {
            throw new Forbidden("campaign " + campaignId + " is not one you supervise");
        }
        return u;
    }

    /** An administrator, the agent themself, or a supervisor of the campaign the agent works now. */
    public Future<User> agent(RoutingContext ctx, long agentId) {
        User u = user(ctx);
        if (u.admin() || u.agentId() != null && u.agentId() == agentId) {
            return Future.succeededFuture(u);
        }
        if (u.role() != Role.SUPERVISOR) {
            return Future.failedFuture(new Forbidden("you may act only for yourself"));
        }
        return engine.agentStatuses().compose(statuses -> {
            for (AgentStatus s : statuses) {
                if (s.agentId() == agentId && s.campaignId() != null && u.supervises(s.campaignId())) {
                    return Future.succeededFuture(u);
                }
            }
            return Future.failedFuture(new Forbidden("agent " + agentId + " is not working a campaign you supervise"));
        });
    }

    /** An administrator, the agent who took the call, or a supervisor of its campaign. */
    public Future<User> attempt(RoutingContext ctx, long attemptId) {
        User u = user(ctx);
        if (u.admin()) {
            return Future.succeededFuture(u);
        }
        return sql.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(ATTEMPT_SQL)) {
                ps.setLong(1, attemptId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFound("attempt " + attemptId);
                    }
                    long campaign = rs.getLong(1);
                    Long agent = rs.getObject(2) == null ? null : rs.getLong(2);
                    if (u.supervises(campaign) || u.agentId() != null && u.agentId().equals(agent)) {
                        return u;
                    }
                    throw new Forbidden("attempt " + attemptId + " is not one of your calls");
                }
            }
        });
    }

    /**
     * An administrator; a supervisor of a campaign the debtor is in; an agent only while connected
     * to the debtor (on the call, in its wrap-up, or previewing the debtor's lead).
     */
    public Future<User> debtor(RoutingContext ctx, long debtorId) {
        User u = user(ctx);
        if (u.admin()) {
            return Future.succeededFuture(u);
        }
        if (u.role() == Role.AGENT) {
            return engine.debtorOfAgent(u.agentId()).compose(current -> current.isPresent() && current.get() == debtorId
                    ? Future.succeededFuture(u)
                    : Future.failedFuture(new Forbidden("debtor " + debtorId + " is not the debtor you are connected to")));
        }
        return sql.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(SUPERVISES_DEBTOR_SQL)) {
                ps.setLong(1, debtorId);
                ps.setLong(2, u.id());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        throw new Forbidden("debtor " + debtorId + " is not in a campaign you supervise");
                    }
                }
            }
            return u;
        });
    }
}
