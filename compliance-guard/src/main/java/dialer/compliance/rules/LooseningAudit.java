package dialer.compliance.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * No loosening by the back door: a rule set a campaign uses must not carry a preset's id unless it
 * is that preset, and must be at least as strict as the preset the campaign names, except where a
 * {@link LooseningOverride} (who, when, why; stored before use) removes or replaces a rule. Checked
 * when a rule set is assigned to a campaign, so no decision is ever made, or logged, under a rule
 * set that passes for something it is not.
 */
final class LooseningAudit {

    private LooseningAudit() {
    }

    /** Refuses a rule set that reuses a preset's id without being that preset. */
    static void checkId(RuleSet rs) {
        if (Presets.isPresetId(rs.id()) && !Presets.isPreset(rs)) {
            throw new IllegalArgumentException("rule set '" + rs.id() + "' (version " + rs.version() + ") reuses the id of preset "
                    + rs.id().toUpperCase(java.util.Locale.ROOT) + " but is not that preset: decisions would be logged under "
                    + "the preset's name; build it with RuleSet.basedOn(preset, ownId), loosening only with loosen(...)");
        }
    }

    /**
     * Refuses {@code rs} unless it is {@code preset} or built from it and keeps every one of its rules
     * unchanged, and all its fallback zones, except rules removed or replaced by a loosening override.
     */
    static void checkNotWeaker(RuleSet rs, RuleSet preset) {
        checkId(rs);
        if (Presets.isPreset(rs) && rs.id().equals(preset.id())) {
            return;
        }
        boolean built = false;
        for (RuleSet r = rs.base(); r != null; r = r.base()) {
            built |= Presets.isPreset(r) && r.id().equals(preset.id());
        }
        if (!built) {
            throw new IllegalArgumentException("rule set " + rs + " is not built on preset " + preset.id()
                    + ", which the campaign names: use RuleSet.basedOn(Presets." + preset.id().replace('-', '_')
                    + ", id) and loosen(...) for any rule that must go");
        }
        Set<String> overridden = rs.overrides().stream().map(LooseningOverride::ruleId).collect(Collectors.toSet());
        Map<String, Rule> own = rs.rules().stream().collect(Collectors.toMap(Rule::id, Function.identity()));
        List<String> weaker = new ArrayList<>();
        for (Rule p : preset.rules()) {
            if (overridden.contains(p.id())) {
                continue;
            }
            Rule mine = own.get(p.id());
            if (mine == null) {
                weaker.add(p.id() + " is missing");
            } else if (!mine.describe().equals(p.describe())) {
                weaker.add(p.id() + " is changed (" + mine.describe() + ")");
            }
        }
        for (StateOverlay o : preset.overlays()) {
            if (!rs.overlays().contains(o) && !rs.appliedOverlays().contains(o.key())) {
                weaker.add("state overlay " + o.key() + " is missing");
            }
        }
        if (!rs.fallbackZones().containsAll(preset.fallbackZones())) {
            weaker.add("fallback zones " + preset.fallbackZones() + " are not all kept");
        }
        if (!weaker.isEmpty()) {
            throw new IllegalArgumentException("rule set " + rs + " is weaker than preset " + preset + " without a loosening "
                    + "override: " + String.join("; ", weaker));
        }
    }
}
