package dialer.core.engine;

import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignStatus;
import dialer.core.campaign.DialMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgentLegCallerIdTest {

    private static Campaign campaign(String name, String callerId) {
        return new Campaign(1, name, DialMode.PROGRESSIVE, CampaignStatus.RUNNING, "PJSIP/{number}@trunk", callerId, "US",
                25, true, 1200, null, 5, new java.math.BigDecimal("0.03"), false, dialer.core.campaign.ComplianceSettings.US, null,
                null, dialer.core.campaign.PriorityOrder.DEFAULT, 3, 120, java.time.Instant.EPOCH);
    }

    @Test
    void theAgentsPhoneSeesTheCampaignsNameAndNumber() {
        assertThat(AgentLegCallerId.of(campaign("Spring arrears", "+15550001111"), 1, "1001"))
                .isEqualTo("\"Spring arrears\" <+15550001111>");
        assertThat(AgentLegCallerId.of(campaign("Spring arrears", "\"Acme\" <442071234567>"), 1, "1001"))
                .isEqualTo("\"Spring arrears\" <442071234567>");
    }

    @Test
    void withoutANumberTheExtensionAndWithoutTheCampaignItsId() {
        assertThat(AgentLegCallerId.of(campaign("Late payers", null), 1, "1001")).isEqualTo("\"Late payers\" <1001>");
        assertThat(AgentLegCallerId.of(null, 42, "1001")).isEqualTo("\"Campaign 42\" <1001>");
    }

    @Test
    void aNameCannotBreakTheCallerId() {
        assertThat(AgentLegCallerId.of(campaign("\"Q1\" <early>\\ list", null), 1, "1001")).isEqualTo("\"Q1 early list\" <1001>");
        assertThat(AgentLegCallerId.of(campaign("x".repeat(60), null), 1, "1001")).isEqualTo("\"" + "x".repeat(40) + "\" <1001>");
    }
}
