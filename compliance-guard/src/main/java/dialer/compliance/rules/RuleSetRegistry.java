package dialer.compliance.rules;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which rule set each campaign uses. Thread-safe; reassigning takes effect for the next decision
 * (each decision records the rule set id and version it used).
 */
public final class RuleSetRegistry {

    private final Map<String, RuleSet> byCampaign = new ConcurrentHashMap<>();

    /**
     * Campaign {@code campaignId} uses {@code ruleSet}: a preset, one built on a preset (then it must
     * be no weaker than that preset except by loosening overrides), or one built from scratch under an
     * id of its own. Refused: a rule set that reuses a preset's id without being that preset.
     */
    public RuleSetRegistry assign(String campaignId, RuleSet ruleSet) {
        check(campaignId, ruleSet);
        RuleSet preset = Presets.presetOf(ruleSet);
        if (preset != null) {
            LooseningAudit.checkNotWeaker(ruleSet, preset);
        } else {
            LooseningAudit.checkId(ruleSet);
        }
        byCampaign.put(campaignId, ruleSet);
        return this;
    }

    /**
     * Campaign {@code campaignId} names preset {@code presetCode} and uses {@code ruleSet}, which must
     * be that preset or be built on it and be no weaker, except by audited loosening overrides
     * ({@link RuleSet.Builder#loosen}).
     */
    public RuleSetRegistry assign(String campaignId, String presetCode, RuleSet ruleSet) {
        check(campaignId, ruleSet);
        LooseningAudit.checkNotWeaker(ruleSet, Presets.byCode(presetCode));
        byCampaign.put(campaignId, ruleSet);
        return this;
    }

    private static void check(String campaignId, RuleSet ruleSet) {
        if (campaignId == null || campaignId.isBlank()) {
            throw new IllegalArgumentException("campaign id is required");
        }
        if (ruleSet == null) {
            throw new IllegalArgumentException("campaign " + campaignId + " needs a rule set, got null");
        }
    }

    /** Campaign {@code campaignId} uses the preset with this code. */
    public RuleSetRegistry assign(String campaignId, String presetCode) {
        return assign(campaignId, Presets.byCode(presetCode));
    }

    public RuleSet forCampaign(String campaignId) {
        RuleSet rs = byCampaign.get(campaignId);
        if (rs == null) {
            throw new IllegalArgumentException("campaign " + campaignId + " has no rule set: assign one first "
                    + "(a preset " + Presets.codes() + " or a rule set based on one); calls are never evaluated without rules");
        }
        return rs;
    }

    public Map<String, RuleSet> assignments() {
        return Map.copyOf(byCampaign);
    }
}
