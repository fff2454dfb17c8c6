package dialer.core.live;

import dialer.core.auth.Role;
import dialer.core.auth.User;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StreamGrantsTest {

    private static final User ADMIN = new User(1, "admin", "Admin", Role.ADMIN, null, Set.of(), true);
    private static final User SUPERVISOR = new User(2, "sup", "Sup", Role.SUPERVISOR, null, Set.of(10L), true);
    private static final User AGENT = new User(3, "ag", "Ag", Role.AGENT, 7L, Set.of(), true);

    @Test
    void aDashboardGoesToItsSupervisorsAndAdministratorsOnly() {
        assertThat(StreamGrants.mayWatchCampaign(SUPERVISOR, 10)).isTrue();
        assertThat(StreamGrants.mayWatchCampaign(SUPERVISOR, 11)).isFalse();
        assertThat(StreamGrants.mayWatchCampaign(ADMIN, 11)).isTrue();
        assertThat(StreamGrants.mayWatchCampaign(AGENT, 10)).isFalse();
        assertThat(StreamGrants.mayWatchCampaign(null, 10)).isFalse();
    }

    @Test
    void aSupervisorLosesTheCampaignAndTheDashboardWithIt() {
        User without = new User(2, "sup", "Sup", Role.SUPERVISOR, null, Set.of(), true);
        assertThat(StreamGrants.mayWatchCampaign(without, 10)).isFalse();
        User switchedOff = new User(2, "sup", "Sup", Role.SUPERVISOR, null, Set.of(10L), false);
        assertThat(StreamGrants.mayWatchCampaign(switchedOff, 10)).isFalse();
    }

    @Test
    void anAgentsConsoleFollowsTheCampaignTheAgentWorksNow() {
        assertThat(StreamGrants.mayWatchAgent(SUPERVISOR, 7, 10L)).isTrue();
        assertThat(StreamGrants.mayWatchAgent(SUPERVISOR, 7, 11L)).as("the agent moved to another campaign").isFalse();
        assertThat(StreamGrants.mayWatchAgent(SUPERVISOR, 7, null)).as("logged out: no debtor in the view").isTrue();
        assertThat(StreamGrants.mayWatchAgent(ADMIN, 7, 11L)).isTrue();
        assertThat(StreamGrants.mayWatchAgent(AGENT, 7, 11L)).isTrue();
        assertThat(StreamGrants.mayWatchAgent(AGENT, 8, null)).as("another agent").isFalse();
    }
}
