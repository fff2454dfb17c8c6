package dialer.core.call;

import dialer.core.Conflict;
import dialer.core.Invalid;
import dialer.core.Masked;
import dialer.core.NotFound;
import dialer.core.campaign.Campaign;
import dialer.core.history.DebtorHistory;
import dialer.core.lead.PhoneNormalizer;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Leads an agent dials by hand: a number typed or picked in manual dialing, and leads skipped in
 * preview. A hand-dialed call still goes to a debtor of the agent's campaign, so the compliance
 * guard can count it against that debtor's limits like any other call.
 */
public final class HandDialedLeads {

    /** A lead taken for a hand-dialed call, and the state to put it back in if the call does not leave. */
    public record Claimed(QueuedLead lead, String previousState) {
    }

    /** Which lead and number a hand-dialed call goes to, before anything is claimed. */
    public record Target(long leadId, long debtorId, long phoneId) {
    }

    /** The campaign's lead for a number given by its id or as E.164. */
    private static final String FIND_SQL = """
            select l.id, l.debtor_id, p.id, p.status from debtor_phone p
            join campaign_lead l on l.debtor_id = p.debtor_id and l.campaign_id = ?
            where (?::bigint is not null and p.id = ?) or (?::text is not null and p.e164 = ?) order by l.id limit 1""";

    private static final String LOCK_LEAD_SQL = """
            select state, claimed_by, attempts from campaign_lead where id = ? for update""";

    private static final String CLAIM_SQL = """
            update campaign_lead set state = 'QUEUED', claimed_by = ?, claimed_at = ?
            where id = ? returning campaign_id""";

    private static final String RELEASE_SQL = """
            update campaign_lead set state = ?, claimed_by = null where id = ? and state = 'QUEUED'""";

    private static final String SKIP_SQL = """
            update campaign_lead set state = 'READY', claimed_by = null, next_call_at = greatest(next_call_at, ?)
            where id = ?""";

    private final DebtorHistory history = new DebtorHistory();

    /**
     * Finds the campaign's lead for a number: by its id, or as typed (read in the campaign's
     * default region). Numbers outside the campaign's debtors are refused with the reason.
     */
    public Target find(Connection c, Campaign campaign, Long phoneId, String typed) throws SQLException {
        String e164 = null;
        if (phoneId == null) {
            if (typed == null || typed.isBlank()) {
                throw Invalid.of("phoneId", "give the id of one of the debtor's numbers, or a number to dial");
            }
            PhoneNormalizer.Result n = PhoneNormalizer.normalize(typed, campaign.defaultRegion());
            if (!n.ok()) {
                throw Invalid.of("number", n.problem());
            }
            e164 = n.e164();
        }
        try (PreparedStatement ps = c.prepareStatement(FIND_SQL)) {
            ps.setLong(1, campaign.id());
            ps.setObject(2, phoneId);
            ps.setObject(3, phoneId);
            ps.setString(4, e164);
            ps.setString(5, e164);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw phoneId != null
                            ? new NotFound("number " + phoneId + " of a debtor of campaign " + campaign.id())
                            : Invalid.of("number", Masked.phone(e164) + " is not a number of any debtor of campaign "
                            + campaign.id() + ": hand-dialed calls go to the campaign's debtors, so every call is counted "
                            + "against their limits");
                }
                if (!"VALID".equals(rs.getString(4))) {
                    throw new Conflict("number " + Masked.phone(e164 == null ? "" : e164) + " is marked "
                            + rs.getString(4) + " and is not dialed");
                }
                return new Target(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        }
    }

    /**
     * Takes the lead for this node, unless a call to it is being placed or another node holds it.
     * The lead's own queue position is not lost: {@link #release} puts it back as it was.
     */
    public Claimed claim(Connection c, Target target, String node, Instant now) throws SQLException {
        String state;
        int attempts;
        try (PreparedStatement ps = c.prepareStatement(LOCK_LEAD_SQL)) {
            ps.setLong(1, target.leadId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                state = rs.getString(1);
                String holder = rs.getString(2);
                attempts = rs.getInt(3);
                if ("CLAIMED".equals(state)) {
                    throw new Conflict("this debtor is being called right now");
                }
                if ("QUEUED".equals(state) && !node.equals(holder)) {
                    throw new Conflict("this debtor is about to be called by another dialer node; try again in a moment");
                }
            }
        }
        long campaignId;
        try (PreparedStatement ps = c.prepareStatement(CLAIM_SQL)) {
            ps.setString(1, node);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setLong(3, target.leadId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                campaignId = rs.getLong(1);
            }
        }
        // a number the agent chose is dialed even past the per-number attempts the pacer keeps to
        Optional<QueuedLead> lead = LeadToCall.next(c, campaignId, target.leadId(), target.debtorId(), attempts,
                Integer.MAX_VALUE, target.phoneId());
        if (lead.isEmpty()) {
            throw new Conflict("number " + target.phoneId() + " can no longer be dialed");
        }
        return new Claimed(lead.get(), "QUEUED".equals(state) ? "READY" : state);
    }

    /** A hand-dialed call that did not leave (the guard blocked it): the lead is as it was. */
    public void release(Connection c, Claimed claimed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RELEASE_SQL)) {
            ps.setString(1, claimed.previousState());
            ps.setLong(2, claimed.lead().leadId());
            ps.executeUpdate();
        }
    }

    /**
     * A lead the agent skipped in preview: due again after {@code later}, with the agent's reason
     * in the debtor's history. A callback goes back to the team.
     */
    public void skipped(Connection c, QueuedLead lead, long agentId, String reason, Instant now, Duration later)
            throws SQLException {
        String summary = "Skipped in preview by agent " + agentId + (reason == null ? "" : ": " + reason);
        if (lead.callbackId() != null) {
            new AttemptStore().callbackWaits(c, lead, now.plus(later), true, summary);
        } else {
            try (PreparedStatement ps = c.prepareStatement(SKIP_SQL)) {
                ps.setTimestamp(1, Timestamp.from(now.plus(later)));
                ps.setLong(2, lead.leadId());
                ps.executeUpdate();
            }
        }
        history.add(c, lead.debtorId(), now, DebtorHistory.Kind.SKIPPED, lead.campaignId(), null, agentId, summary,
                new JsonObject().put("reason", reason).put("leadId", lead.leadId()));
    }
}
