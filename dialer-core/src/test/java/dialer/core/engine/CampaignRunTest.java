package dialer.core.engine;

import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignStatus;
import dialer.core.campaign.ComplianceSettings;
import dialer.core.campaign.DialMode;
import dialer.core.campaign.PriorityOrder;
import dialer.pacing.PacingConfig;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What the pacer is told of a campaign. */
class CampaignRunTest {

    private static Campaign campaign(boolean detectMachines, String amdFalsePositives) {
        return new Campaign(1, "c", DialMode.PREDICTIVE, CampaignStatus.RUNNING, "Local/{number}@sim", null, "US", 25, detectMachines,
                1200, null, 5, new BigDecimal("0.03"), true, ComplianceSettings.US, null, null, PriorityOrder.DEFAULT, 3, 120,
                Instant.EPOCH, new BigDecimal(amdFalsePositives));
    }

    @Test
    void theExpectedAmdFalsePositivesComeOutOfThePacersBudget() {
        PacingConfig config = CampaignRun.pacingConfig(campaign(true, "0.01"));
        assertThat(config.amdFalsePositiveRate()).isEqualTo(0.01);
        assertThat(config.targetAbandonRate()).isEqualTo(0.03);
        assertThat(CampaignRun.pacingConfig(campaign(false, "0.01")).amdFalsePositiveRate())
                .as("no machine detection, no false positives").isZero();
    }
}
