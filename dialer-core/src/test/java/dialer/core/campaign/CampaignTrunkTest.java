package dialer.core.campaign;

import dialer.core.Invalid;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A campaign that dials through a named trunk: its dial string, and its caller id (never anonymous). */
class CampaignTrunkTest {

    private static JsonObject campaign() {
        return new JsonObject().put("name", "Cards").put("dialMode", "PREDICTIVE").put("trunk", "carrier");
    }

    @Test
    void aTrunkCampaignDialsPjsipThroughItAndNamesIt() {
        CampaignDraft d = CampaignDraft.fromJson(campaign().put("callerId", "\"ACME\" <+15557770001>"));
        assertThat(d.dialString()).isEqualTo("PJSIP/{number}@carrier");
        assertThat(CampaignDraft.trunkOf(d.dialString())).isEqualTo("carrier");
        assertThat(CampaignDraft.trunkOf("Local/{number}@sim-carrier")).isNull();
    }

    @Test
    void aTrunkCampaignWithoutACallerIdIsRefused() {
        assertThatThrownBy(() -> CampaignDraft.fromJson(campaign()))
                .isInstanceOf(Invalid.class).hasMessageContaining("callerId").hasMessageContaining("anonymous");
        assertThatThrownBy(() -> CampaignDraft.fromJson(campaign().put("callerId", "Anonymous")))
                .isInstanceOf(Invalid.class).hasMessageContaining("callerId");
    }

    @Test
    void aTrunkAndAnotherDialStringAreRefusedAndABadNameIsNamed() {
        assertThatThrownBy(() -> CampaignDraft.fromJson(campaign().put("callerId", "+15557770001")
                .put("dialString", "Local/{number}@sim-carrier"))).hasMessageContaining("trunk");
        assertThatThrownBy(() -> CampaignDraft.fromJson(campaign().put("trunk", "Bad Trunk!").put("callerId", "+15557770001")))
                .hasMessageContaining("trunk");
    }

    @Test
    void simulatedAndFreeDialStringCampaignsStillWork() {
        assertThat(CampaignDraft.fromJson(new JsonObject().put("name", "Sim").put("dialMode", "PREDICTIVE")
                .put("simulatedCallees", true)).dialString()).startsWith("Local/");
        assertThat(CampaignDraft.fromJson(new JsonObject().put("name", "Legacy").put("dialMode", "PREDICTIVE")
                .put("dialString", "SIP/{number}@old-peer")).dialString()).isEqualTo("SIP/{number}@old-peer");
    }
}
