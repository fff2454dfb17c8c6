package dialer.core.engine;

import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignStatus;
import dialer.core.campaign.DialMode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue of next leads ahead of the pacer, and the count of calls being placed, through changes of the campaign. */
class LeadSupplyTest {

    private final EngineFixture f = new EngineFixture();

    @Test
    void theQueueIsFilledForTheStaffAndOnlyWhenSomeoneWorks() {
        f.addCampaign(1, DialMode.PREDICTIVE, 0);
        f.addLeads(1, 100);
        f.await(f.engine.startCampaign(1));
        f.tick();
        assertThat(f.await(f.engine.campaignLive(1)).queued()).as("nobody works the campaign").isZero();
        for (long agent = 1; agent <= 4; agent++) {
            f.login(agent, 1, false);
        }
        f.tick();
        assertThat(f.await(f.engine.campaignLive(1)).queued()).as("paused agents do not count").isZero();
        for (long agent = 1; agent <= 4; agent++) {
            f.await(f.engine.ready(agent));
        }
        f.tick();
        int claimed = 100 - f.db.ready.get(1L).size();
        assertThat(claimed).as("at most three leads per working agent, at least five").isBetween(5, 12);
    }

    @Test
    void aStoppedCampaignGivesEveryLeadItHeldBack() {
        f.running(1, 100, 0, 1, 2);
        f.tick();
        f.tick();
        int queued = f.await(f.engine.campaignLive(1)).queued();
        assertThat(queued).isPositive();
        f.await(f.engine.stopCampaign(1, CampaignStatus.STOPPED));
        assertThat(f.db.givenBack).hasSize(queued);
        assertThat(f.await(f.engine.campaignLive(1)).running()).isFalse();
    }

    /** A second agent becomes ready while the database stalls: one more call is being placed. */
    private void placingWhileTheDatabaseStalls() {
        f.running(1, 100, 0, 1);
        f.login(2, 1, false);
        f.nextCall();
        f.db.stall = true;
        f.await(f.engine.ready(2));
        f.tick();
    }

    @Test
    void theCountOfCallsBeingPlacedSurvivesNewSettingsMidClaim() {
        placingWhileTheDatabaseStalls();
        CampaignRun run = f.engine.runs().get(1);
        assertThat(run.claimingOn(EngineFixture.PBX)).as("a call is being cleared and written").isEqualTo(1);
        Campaign changed = new Campaign(1, "renamed", DialMode.PREDICTIVE, CampaignStatus.RUNNING, "Local/{number}@sim",
                "+12125550100", "US", 25, true, 1500, null, 5, new BigDecimal("0.02"), true, f.db.campaigns.get(1L).compliance(),
                null, null, f.db.campaigns.get(1L).priority(), 3, 0, f.db.campaigns.get(1L).createdAt());
        // what campaignChanged does once the new settings are read, while the claim still waits on the database
        f.engine.runs().update(changed);
        assertThat(f.engine.runs().get(1)).as("the same run, with the new settings").isSameAs(run);
        assertThat(run.campaign.maxAbandonRate()).isEqualByComparingTo("0.02");
        assertThat(run.statistics.config().targetAbandonRate()).isEqualTo(0.02);
        f.db.unstall();
        f.thread.drain();
        assertThat(run.claimingOn(EngineFixture.PBX)).as("the claim ended on the run it started on").isZero();
    }

    @Test
    void aClaimThatEndsAfterTheCampaignStoppedAndStartedAgainDoesNotTouchTheNewRun() {
        placingWhileTheDatabaseStalls();
        CampaignRun before = f.engine.runs().get(1);
        assertThat(before.claimingOn(EngineFixture.PBX)).isEqualTo(1);
        f.db.unstall();
        f.await(f.engine.stopCampaign(1, CampaignStatus.STOPPED));
        f.await(f.engine.startCampaign(1));
        CampaignRun after = f.engine.runs().get(1);
        assertThat(after).isNotSameAs(before);
        assertThat(after.claimingOn(EngineFixture.PBX)).isZero();
        assertThat(before.claimingOn(EngineFixture.PBX)).isZero();
    }

    @Test
    void aLeadTheGuardBlocksAtDialingIsReportedAndTheAgentStaysFree() {
        f.addCampaign(1, DialMode.PREDICTIVE, 0);
        f.addLeads(1, 3);
        f.db.blockedByGuard.put(1001L, "calling-hours");
        java.util.List<String> blocks = new java.util.ArrayList<>();
        f.engine.addListener(new EngineListener() {
            @Override
            public void leadBlocked(long campaignId, java.util.List<String> rules) {
                blocks.addAll(rules);
            }
        });
        f.login(1, 1, true);
        f.await(f.engine.startCampaign(1));
        String call = f.nextCall();
        assertThat(f.db.attempts.get(EngineFixture.attemptOf(call)).leadId()).isEqualTo(1002L);
        assertThat(blocks).containsExactly("calling-hours");
    }
}
