package dialer.core.call;

import dialer.core.campaign.Campaign;
import dialer.core.ownership.WorkScope;
import dialer.core.queue.BestHoursWindow;
import dialer.core.queue.QueueOrderSetting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A node's claims of a campaign's next leads into its queue of next calls: in the campaign's
 * priority order or its best-hours order, only debtors in the campaign's scope of ownership, rows
 * another node holds skipped. Each method runs in the caller's transaction.
 */
public final class LeadClaims {

    private static final String CLAIM_READY_LEADS = """
            with next as (select id from campaign_lead
                           where campaign_id = ? and state = 'READY' and next_call_at <= ?%s
                           order by %s limit ? for update skip locked)
            update campaign_lead l set state = 'QUEUED', claimed_by = ?, claimed_at = ?
              from next where l.id = next.id
            returning l.id""";
    private static final String CLAIMED_LEADS_IN_ORDER = """
            select id, debtor_id, attempts from campaign_lead where id = any(?) order by %s""";

    private final BestHoursWindow bestHours;

    /** Claims with no list profile for the best-hours order (the debtors' own histories decide). */
    public LeadClaims() {
        this(new BestHoursWindow(campaignId -> null));
    }

    /** {@code bestHours}: how a campaign in the BEST_HOURS order claims its leads. */
    public LeadClaims(BestHoursWindow bestHours) {
        this.bestHours = bestHours;
    }

    /**
     * Takes up to {@code count} due leads of a campaign, in its priority order, into this node's
     * queue of next calls, each with its next number and what the compliance guard needs to judge
     * a call to it. Rows another node has locked are skipped, so two nodes never take the same
     * lead. Leads with no number left to dial are finished.
     */
    public List<QueuedLead> claimForQueue(Connection c, Campaign campaign, int count, String node, Instant now)
            throws SQLException {
        String order = campaign.priority().orderBy();
        // owned debtors are worked by their owners: the campaign may take only unowned ones, or one team's
        String scope = WorkScope.of(c, campaign.id()).claimFilter();
        QueueOrderSetting queueOrder = QueueOrderSetting.of(c, campaign.id());
        List<Long> ids = queueOrder.order() == QueueOrderSetting.Order.BEST_HOURS
                ? bestHours.claim(c, campaign.id(), scope, order, count, queueOrder.window(), node, now)
                : claimInOrder(c, campaign, scope, order, count, node, now);
        if (ids.isEmpty()) {
            return List.of();
        }
        // RETURNING does not keep the sub-select's order: read the claimed leads back in priority order
        List<long[]> claimed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CLAIMED_LEADS_IN_ORDER.formatted(order))) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
                }
            }
        }
        if (queueOrder.order() == QueueOrderSetting.Order.BEST_HOURS) {
            // best first, as the window chose them
            claimed.sort(Comparator.comparingInt(lead -> ids.indexOf(lead[0])));
        }
        List<QueuedLead> queued = new ArrayList<>();
        for (long[] lead : claimed) {
            Optional<QueuedLead> details = LeadToCall.next(c, campaign.id(), lead[0], lead[1], (int) lead[2],
                    campaign.maxAttemptsPerNumber(), null);
            if (details.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(AttemptStore.FINISH_UNDIALABLE_LEAD)) {
                    ps.setLong(1, lead[0]);
                    ps.executeUpdate();
                }
            } else {
                queued.add(details.get());
            }
        }
        return queued;
    }

    /** The next {@code count} due leads in the campaign's priority order, claimed; their ids in that order. */
    private static List<Long> claimInOrder(Connection c, Campaign campaign, String scope, String order, int count, String node,
                                           Instant now) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CLAIM_READY_LEADS.formatted(scope, order))) {
            ps.setLong(1, campaign.id());
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setInt(3, count);
            ps.setString(4, node);
            ps.setTimestamp(5, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }
}
