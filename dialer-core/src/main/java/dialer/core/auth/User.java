package dialer.core.auth;

import java.util.Set;

/** A signed-in person. {@code agentId} for agents; {@code campaigns} a supervisor supervises. */
public record User(long id, String username, String displayName, Role role, Long agentId, Set<Long> campaigns,
                   boolean active) {

    public User {
        campaigns = Set.copyOf(campaigns);
    }

    public boolean admin() {
        return role == Role.ADMIN;
    }

    /** Who did it, for audit trails. */
    public String actor() {
        return displayName + " (" + username + ")";
    }

    public boolean supervises(long campaignId) {
        return admin() || role == Role.SUPERVISOR && campaigns.contains(campaignId);
    }
}
