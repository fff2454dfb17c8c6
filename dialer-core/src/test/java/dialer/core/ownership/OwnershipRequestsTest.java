package dialer.core.ownership;

import dialer.core.Invalid;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How ownership requests are read: what is accepted, and each refusal naming its field. */
class OwnershipRequestsTest {

    private static Invalid refused(Runnable r) {
        try {
            r.run();
        } catch (Invalid e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    @Test
    void aTargetIsExactlyOneOfAnAgentATeamOrNobody() {
        assertThat(OwnerTarget.fromJson(new JsonObject().put("agentId", 7), "to")).isEqualTo(new OwnerTarget(7L, null, false));
        assertThat(OwnerTarget.fromJson(new JsonObject().put("teamId", 3).put("spread", true), "to"))
                .isEqualTo(new OwnerTarget(null, 3L, true));
        assertThat(OwnerTarget.fromJson(new JsonObject().put("nobody", true), "to").nobody()).isTrue();
        assertThat(refused(() -> OwnerTarget.fromJson(new JsonObject().put("agentId", 7).put("teamId", 3), "to")).problems())
                .extracting(Invalid.Problem::field).containsExactly("to");
        assertThat(refused(() -> OwnerTarget.fromJson(new JsonObject(), "to")).problems()).extracting(Invalid.Problem::field)
                .containsExactly("to");
        assertThat(refused(() -> OwnerTarget.fromJson(new JsonObject().put("agentId", 7).put("spread", true), "to")).problems())
                .extracting(Invalid.Problem::field).containsExactly("to.spread");
        assertThat(refused(() -> OwnerTarget.fromJson(new JsonObject().put("agentId", -1), "to")).problems())
                .extracting(Invalid.Problem::field).contains("to.agentId");
        assertThat(refused(() -> OwnerTarget.fromJson(new JsonObject().put("agentId", 2.5), "to")).problems())
                .extracting(Invalid.Problem::field).contains("to.agentId");
        assertThat(refused(() -> OwnerTarget.fromJson(new JsonObject().put("nobody", "yes"), "to")).problems())
                .extracting(Invalid.Problem::field).contains("to.nobody");
        assertThat(refused(() -> OwnerTarget.fromJson(new JsonObject().put("agent", 7), "to")).problems())
                .extracting(Invalid.Problem::field).contains("to.agent");
        assertThat(refused(() -> OwnerTarget.fromJson(null, "owner")).problems()).extracting(Invalid.Problem::field)
                .containsExactly("owner");
    }

    @Test
    void aSelectionCombinesItsCriteriaAndBindsThemInOrder() {
        DebtorSelection s = DebtorSelection.fromJson(new JsonObject().put("campaignId", 4).put("buckets", new JsonArray().add("M2"))
                .put("minAmount", "100.50").put("regions", new JsonArray().add("tx")).put("unowned", true), "which");
        assertThat(s.campaignId()).isEqualTo(4L);
        assertThat(s.minAmount()).isEqualTo(new BigDecimal("100.50"));
        assertThat(s.regions()).containsExactly("TX");
        String where = s.where();
        assertThat(where).contains("l.campaign_id = ?").contains("a.bucket = any(?)").contains(">= ?").contains("upper(r.state) = any(?)")
                .contains("d.owner_agent_id is null and d.owner_team_id is null");
        assertThat(where.chars().filter(ch -> ch == '?').count()).isEqualTo(4);
        assertThat(where.indexOf("campaign_id")).isLessThan(where.indexOf("bucket"));
        assertThat(DebtorSelection.fromJson(s.toJson(), "which")).isEqualTo(s);
        assertThat(DebtorSelection.byHand(9).where()).isEqualTo("d.id = any(?)");
    }

    @Test
    void aSelectionWithoutCriterionOrWithAWrongOneIsRefusedByField() {
        assertThat(refused(() -> DebtorSelection.fromJson(new JsonObject(), "which")).problems()).extracting(Invalid.Problem::field)
                .containsExactly("which");
        assertThat(refused(() -> DebtorSelection.fromJson(new JsonObject().put("buckets", new JsonArray().add("M9")), "which"))
                .problems()).extracting(Invalid.Problem::field).containsExactly("which.buckets");
        assertThat(refused(() -> DebtorSelection.fromJson(new JsonObject().put("minAmount", "12.345"), "which")).problems())
                .extracting(Invalid.Problem::field).containsExactly("which.minAmount");
        assertThat(refused(() -> DebtorSelection.fromJson(new JsonObject().put("minAmount", 500).put("maxAmount", 100), "which"))
                .problems()).extracting(Invalid.Problem::field).containsExactly("which.maxAmount");
        assertThat(refused(() -> DebtorSelection.fromJson(new JsonObject().put("unowned", true).put("ownerTeamId", 2), "which"))
                .problems()).extracting(Invalid.Problem::field).containsExactly("which.unowned");
        assertThat(refused(() -> DebtorSelection.fromJson(new JsonObject().put("debtorIds", new JsonArray().add("x")), "which"))
                .problems()).extracting(Invalid.Problem::field).containsExactly("which.debtorIds");
        assertThat(refused(() -> DebtorSelection.fromJson(new JsonObject().put("regions", new JsonArray().add("T X;")), "which"))
                .problems()).extracting(Invalid.Problem::field).containsExactly("which.regions");
        assertThat(refused(() -> DebtorSelection.fromJson(new JsonObject().put("everyone", true), "which")).problems())
                .extracting(Invalid.Problem::field).contains("which.everyone");
    }

    @Test
    void aCampaignsScopeFiltersItsClaimsByOwner() {
        assertThat(WorkScope.ALL.claimFilter()).isEmpty();
        assertThat(WorkScope.fromJson(new JsonObject().put("works", "UNOWNED")).claimFilter())
                .contains("owner_agent_id is null and d.owner_team_id is null");
        assertThat(WorkScope.fromJson(new JsonObject().put("works", "TEAM").put("teamId", 12)).claimFilter())
                .contains("d.owner_team_id = 12");
        assertThatThrownBy(() -> WorkScope.fromJson(new JsonObject().put("works", "TEAM"))).isInstanceOf(Invalid.class)
                .hasMessageContaining("teamId");
        assertThat(refused(() -> WorkScope.fromJson(new JsonObject().put("works", "SOME"))).problems())
                .extracting(Invalid.Problem::field).containsExactly("works");
        assertThat(refused(() -> WorkScope.fromJson(new JsonObject().put("works", "ALL").put("teamId", 3))).problems())
                .extracting(Invalid.Problem::field).containsExactly("teamId");
    }
}
