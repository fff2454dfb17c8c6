package dialer.core.live;

import dialer.core.auth.Role;
import dialer.core.auth.User;

/**
 * Whether a stream's user may see what it watches now: checked for every event sent and whenever
 * the user's grants or the agent's campaign change. Pure: the user (with the campaigns supervised,
 * as last read) and the watched agent's campaign come in.
 */
final class StreamGrants {

    private StreamGrants() {
    }

    /** A campaign's dashboard: administrators and supervisors of that campaign. */
    static boolean mayWatchCampaign(User user, long campaignId) {
        return user != null && user.active() && user.supervises(campaignId);
    }

    /**
     * An agent's console (with the screen pop of their debtor): the agent themself, administrators,
     * and supervisors of the campaign the agent works now. A supervisor keeps seeing an agent who
     * works no campaign (logged out: the view then holds no debtor), not one who moved to a
     * campaign they do not supervise.
     */
    static boolean mayWatchAgent(User user, long agentId, Long agentsCampaign) {
        if (user == null || !user.active()) {
            return false;
        }
        if (user.admin()) {
            return true;
        }
        if (user.role() == Role.AGENT) {
            return user.agentId() != null && user.agentId() == agentId;
        }
        return user.role() == Role.SUPERVISOR && (agentsCampaign == null || user.supervises(agentsCampaign));
    }
}
