package dialer.compliance.rules;

import dialer.compliance.CallRequest;
import dialer.compliance.PhoneType;
import dialer.compliance.Decision;
import dialer.compliance.RuleResult;
import dialer.compliance.Verdict;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A named, versioned list of rules that must all pass. A campaign's rule set starts from a preset
 * ({@link #basedOn}) and may only add rules (which can only tighten, since all rules must pass) and
 * fallback zones; removing or replacing a preset rule is a {@link LooseningOverride} with actor,
 * time and reason. The version is a hash of the full canonical description, so the same
 * definition has the same version on every node, and any change gives a new one.
 *
 * <p>A rule set may carry {@link StateOverlay}s: the rules of a debtor's state, applied only to requests
 * whose address is in that state ({@link #forRequest}: the rule set then evaluated is named
 * {@code <id>+<state>}, e.g. {@code US+MA}). Rule sets built on it keep them.
 */
public final class RuleSet {

    private static final Duration MIN_LOOKBACK = Duration.ofDays(1);
    /**
     * History is read by reservation instant, but a call counts from when it was placed (up to a
     * reservation's validity later) and a cool-down from its end: attempts reserved up to this much
     * before the rules' own look-back are read too, so a late dial or a long call is never missed.
     */
    static final Duration CALL_SPAN = Duration.ofDays(1);

    private final String id;
    private final String basedOn;
    /** The rule set this one was built from with {@link #basedOn}, or null. */
    private final RuleSet base;
    private final List<Rule> rules;
    private final List<LooseningOverride> overrides;
    private final Set<ZoneId> fallbackZones;
    private final String description;
    private final String version;
    private final Duration lookback;
    /** State overlays applied per request (not yet in {@link #rules}). */
    private final List<StateOverlay> overlays;
    /** Keys of overlays whose rules are already in {@link #rules} (always applied, e.g. preset US-MA). */
    private final Set<String> appliedOverlays;
    /** The rule sets with overlays applied, by overlay keys, built once. */
    private final Map<String, RuleSet> withOverlays = new ConcurrentHashMap<>();

    private RuleSet(String id, String basedOn, RuleSet base, List<Rule> rules, List<LooseningOverride> overrides,
                    Set<ZoneId> fallbackZones, List<StateOverlay> overlays, Set<String> appliedOverlays) {
        this.id = id;
        this.overlays = List.copyOf(overlays);
        this.appliedOverlays = Set.copyOf(appliedOverlays);
        this.basedOn = basedOn;
        this.base = base;
        this.rules = List.copyOf(rules);
        this.overrides = List.copyOf(overrides);
        this.fallbackZones = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(fallbackZones));
        StringBuilder d = new StringBuilder("rule set ").append(id);
        if (basedOn != null) {
            d.append(" based on ").append(basedOn);
        }
        d.append('\n').append("fallback zones ").append(fallbackZones.stream().map(ZoneId::getId).sorted().toList());
        for (Rule r : rules) {
            d.append('\n').append(r.describe());
        }
        for (LooseningOverride o : overrides) {
            d.append('\n').append(o.describe());
        }
        for (String applied : appliedOverlays.stream().sorted().toList()) {
            d.append('\n').append("overlay ").append(applied).append(" always applied");
        }
        for (StateOverlay o : this.overlays) {
            d.append('\n').append(o.describe());
        }
        this.description = d.toString();
        this.version = sha256(description).substring(0, 16);
        Duration max = MIN_LOOKBACK;
        for (Rule r : rules) {
            if (r.lookback().compareTo(max) > 0) {
                max = r.lookback();
            }
        }
        this.lookback = max.plus(CALL_SPAN);
    }

    public static Builder builder(String id) {
        return new Builder(id, null, null, List.of(), List.of(), Set.of(), List.of(), Set.of());
    }

    /** A new rule set that starts with every rule and state overlay of {@code base}: add rules to tighten it. */
    public static Builder basedOn(RuleSet base, String id) {
        return new Builder(id, base.id + "@" + base.version, base, base.rules, base.overrides, base.fallbackZones,
                base.overlays, base.appliedOverlays);
    }

    public String id() { return id; }
    public String version() { return version; }
    public String basedOnId() { return basedOn; }
    /** The rule set this one was built from ({@link #basedOn}), or null for one built from scratch. */
    public RuleSet base() { return base; }
    public List<Rule> rules() { return rules; }
    public List<LooseningOverride> overrides() { return overrides; }
    public Set<ZoneId> fallbackZones() { return fallbackZones; }
    /** The canonical text the version hashes: every rule with its numbers and source. */
    public String description() { return description; }
    /** How far back (by reservation instant) past attempts matter to any rule: the longest rule's look-back plus a day. */
    public Duration lookback() { return lookback; }
    /** The state overlays applied per request (those always applied are in {@link #rules()} already). */
    public List<StateOverlay> overlays() { return overlays; }
    /** Keys ({@code US-MA}) of the overlays whose rules this rule set always applies. */
    public Set<String> appliedOverlays() { return appliedOverlays; }

    /**
     * The rule set that decides this request: this one, or, when the debtor's address is in a state with
     * an overlay, this one plus the overlay's rules, named {@code <id>+<state>} (e.g. {@code US+MA}) with
     * its own version and this one as its base. {@link #evaluate} applies it by itself; the guard stores
     * and logs decisions under the returned rule set.
     */
    public RuleSet forRequest(CallRequest request) {
        if (overlays.isEmpty()) {
            return this;
        }
        List<StateOverlay> matching = overlays.stream()
                .filter(o -> !appliedOverlays.contains(o.key()) && o.matches(request)).toList();
        if (matching.isEmpty()) {
            return this;
        }
        String key = String.join(",", matching.stream().map(StateOverlay::key).toList());
        return withOverlays.computeIfAbsent(key, k -> applying(matching));
    }

    private RuleSet applying(List<StateOverlay> matching) {
        List<Rule> all = new ArrayList<>(rules);
        Set<String> applied = new java.util.TreeSet<>(appliedOverlays);
        StringBuilder name = new StringBuilder(id);
        for (StateOverlay o : matching) {
            for (Rule r : o.rules()) {
                Rule same = all.stream().filter(x -> x.id().equals(r.id())).findFirst().orElse(null);
                if (same == null) {
                    all.add(r);
                } else if (!same.describe().equals(r.describe())) {
                    // the builder refuses this; a rule of the same id must never stand in for the overlay's
                    throw new IllegalStateException("rule set " + id + " has a rule " + r.id() + " unlike overlay " + o.key() + "'s");
                }
            }
            applied.add(o.key());
            name.append('+').append(o.state());
        }
        return new RuleSet(name.toString(), id + "@" + version, this, all, overrides, fallbackZones, List.of(), applied);
    }

    public Rule rule(String ruleId) {
        return rules.stream().filter(r -> r.id().equals(ruleId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("rule set " + id + " has no rule " + ruleId));
    }

    /** Evaluates every rule and combines them: ALLOW only if all pass. Pure: no clock, no I/O. */
    public Decision evaluate(EvaluationContext ctx) {
        RuleSet effective = forRequest(ctx.request());
        if (effective != this) {
            return effective.evaluate(ctx);
        }
        List<RuleResult> results = new ArrayList<>(rules.size());
        boolean allPass = true;
        boolean unknownNext = false;
        Instant next = ctx.now();
        for (Rule rule : rules) {
            RuleResult r = rule.evaluate(ctx);
            results.add(r);
            if (!r.passed()) {
                allPass = false;
                if (r.nextAllowedAt() == null) {
                    unknownNext = true;
                } else if (r.nextAllowedAt().isAfter(next)) {
                    next = r.nextAllowedAt();
                }
            }
        }
        if (allPass) {
            return new Decision(Verdict.ALLOW, results, id, version, ctx.zones().zones(), ctx.zones().describe(),
                    ctx.now(), ctx.now());
        }
        Instant nextAllowed = unknownNext ? null : nextInsideAllWindows(next, ctx.zones(), ctx.request().phoneType());
        return new Decision(Verdict.BLOCK, results, id, version, ctx.zones().zones(), ctx.zones().describe(),
                ctx.now(), nextAllowed);
    }

    /**
     * Limits and cool-downs, once passed, keep passing while nothing new happens; calling windows
     * open and close. So the first instant everything passes is the first instant at or after the
     * latest limit/cool-down time at which every window is open in every zone.
     */
    private Instant nextInsideAllWindows(Instant from, dialer.compliance.zone.CalleeZones callee, PhoneType type) {
        Set<ZoneId> zones = callee.zones();
        List<CallingWindow> windows = rules.stream().filter(CallingWindow.class::isInstance)
                .map(CallingWindow.class::cast).filter(w -> w.appliesTo(callee, type)).toList();
        Instant t = from;
        for (int i = 0; i < 1000; i++) {
            Instant latest = t;
            for (CallingWindow w : windows) {
                Instant open = w.nextOpenInAll(t, zones);
                if (open == null) {
                    return null;
                }
                if (open.isAfter(latest)) {
                    latest = open;
                }
            }
            if (latest.equals(t)) {
                return t;
            }
            t = latest;
        }
        return null;
    }

    /**
     * Until when a call allowed at {@code now} may still be placed: {@code now + validity}, or earlier
     * when a calling window that applies to this callee closes first in any of its zones.
     */
    public Instant validUntil(Instant now, Duration validity, dialer.compliance.zone.CalleeZones callee, CallRequest request) {
        return forRequest(request).validUntil(now, validity, callee, request.phoneType());
    }

    /** As {@link #validUntil(Instant, Duration, dialer.compliance.zone.CalleeZones, CallRequest)}, with this rule set's own rules only (no state overlay). */
    public Instant validUntil(Instant now, Duration validity, dialer.compliance.zone.CalleeZones callee, PhoneType type) {
        Instant until = now.plus(validity);
        for (Rule r : rules) {
            if (r instanceof CallingWindow w && w.appliesTo(callee, type)) {
                for (ZoneId zone : callee.zones()) {
                    Instant close = w.firstCloseBefore(now, until, zone);
                    if (close.isBefore(until)) {
                        until = close;
                    }
                }
            }
        }
        return until;
    }

    /**
     * {@link #validUntil(Instant, Duration, dialer.compliance.zone.CalleeZones, PhoneType)} for a call
     * allowed in {@code ctx}: a call placed on a consumer's request is valid no longer than the request
     * (its tolerance, and its 7-day consent period when the call relies on that), and a window that
     * is closed now but let the call through on the request does not cut the validity to nothing.
     */
    public Instant validUntil(EvaluationContext ctx, Duration validity) {
        RuleSet effective = forRequest(ctx.request());
        if (effective != this) {
            return effective.validUntil(ctx, validity); // with the debtor's state overlay
        }
        var asked = ctx.consumerRequest();
        if (asked.isEmpty()) {
            return validUntil(ctx.now(), validity, ctx.zones(), ctx.request().phoneType());
        }
        Instant now = ctx.now();
        Instant until = now.plus(validity);
        if (asked.get().closesAt().isBefore(until)) {
            until = asked.get().closesAt();
        }
        if (ctx.regFConsent().isPresent()) {
            Instant end = asked.get().givenAt().plus(dialer.compliance.ConsumerRequest.REG_F_CONSENT_PERIOD);
            if (end.isBefore(until)) {
                until = end;
            }
        }
        for (Rule r : rules) {
            if (r instanceof CallingWindow w && w.appliesTo(ctx.zones(), ctx.request().phoneType())) {
                boolean openEverywhere = ctx.zones().zones().stream().allMatch(z -> w.openAt(now, z));
                if (!openEverywhere && w.consumerMayAsk()) {
                    continue; // let through on the request, bounded by it above
                }
                for (ZoneId zone : ctx.zones().zones()) {
                    Instant close = w.firstCloseBefore(now, until, zone);
                    if (close.isBefore(until)) {
                        until = close;
                    }
                }
            }
        }
        return until;
    }

    @Override
    public String toString() {
        return id + "@" + version;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public static final class Builder {
        private final String id;
        private final String basedOn;
        private final RuleSet base;
        private final List<Rule> rules;
        private final List<LooseningOverride> overrides;
        private final Set<ZoneId> fallbackZones;
        private final List<StateOverlay> overlays;
        private final Set<String> appliedOverlays;

        private Builder(String id, String basedOn, RuleSet base, List<Rule> rules, List<LooseningOverride> overrides,
                        Set<ZoneId> fallbackZones, List<StateOverlay> overlays, Set<String> appliedOverlays) {
            if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}")) {
                throw new IllegalArgumentException("rule set id must be 1-100 letters, digits or . _ : - , got '" + id + "'");
            }
            this.id = id;
            this.basedOn = basedOn;
            this.base = base;
            this.rules = new ArrayList<>(rules);
            this.overrides = new ArrayList<>(overrides);
            this.fallbackZones = new LinkedHashSet<>(fallbackZones);
            this.overlays = new ArrayList<>(overlays);
            this.appliedOverlays = new LinkedHashSet<>(appliedOverlays);
        }

        /** Attaches a state overlay: its rules apply to requests whose address is in its state. Only tightens. */
        public Builder overlay(StateOverlay overlay) {
            Objects.requireNonNull(overlay, "overlay");
            if (overlays.stream().anyMatch(o -> o.key().equals(overlay.key()))) {
                throw new IllegalArgumentException("rule set " + id + " already has an overlay " + overlay.key());
            }
            for (Rule r : overlay.rules()) {
                if (rules.stream().anyMatch(x -> x.id().equals(r.id()))) {
                    throw new IllegalArgumentException("overlay " + overlay.key() + "'s rule " + r.id() + " has the id of a rule of " + id);
                }
            }
            overlays.add(overlay);
            return this;
        }

        /** Applies a state overlay to every request, wherever the debtor lives (e.g. preset US-MA): its rules are added. */
        public Builder applyOverlay(StateOverlay overlay) {
            Objects.requireNonNull(overlay, "overlay");
            appliedOverlays.add(overlay.key());
            for (Rule r : overlay.rules()) {
                add(r);
            }
            return this;
        }

        /** Adds a rule. All rules must pass, so this can only tighten. */
        public Builder add(Rule rule) {
            Objects.requireNonNull(rule, "rule");
            if (rules.stream().anyMatch(r -> r.id().equals(rule.id()))) {
                throw new IllegalArgumentException("rule set " + id + " already has a rule " + rule.id()
                        + "; add the tighter rule under a new id (both then apply), or replace it with loosen(...)");
            }
            for (StateOverlay o : overlays) {
                if (!appliedOverlays.contains(o.key()) && o.rules().stream().anyMatch(r -> r.id().equals(rule.id()))) {
                    throw new IllegalArgumentException("rule set " + id + " has overlay " + o.key() + " with a rule " + rule.id()
                            + "; add the tighter rule under a new id");
                }
            }
            rules.add(rule);
            return this;
        }

        /** Adds a calling window that applies only to callees of unknown zone (see {@link CallingWindow#whenZoneUnknown()}). */
        public Builder fallbackWindow(CallingWindow window) {
            return add(window.whenZoneUnknown());
        }

        /** Adds zones assumed when no source knows the callee's zone. More zones can only tighten. */
        public Builder fallbackZones(ZoneId... zones) {
            fallbackZones.addAll(List.of(zones));
            return this;
        }

        /** Removes or replaces a rule: an explicit, audited loosening. */
        public Builder loosen(LooseningOverride override) {
            Objects.requireNonNull(override, "override");
            int index = -1;
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).id().equals(override.ruleId())) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new IllegalArgumentException("rule set " + id + " has no rule " + override.ruleId() + " to loosen");
            }
            Rule replacement = override.replacement();
            if (replacement != null && !replacement.id().equals(override.ruleId())
                    && rules.stream().anyMatch(r -> r.id().equals(replacement.id()))) {
                throw new IllegalArgumentException("rule set " + id + " already has a rule " + replacement.id()
                        + "; the replacement of " + override.ruleId() + " needs another id");
            }
            if (replacement == null) {
                rules.remove(index);
            } else {
                rules.set(index, override.replacement());
            }
            overrides.add(override);
            return this;
        }

        public RuleSet build() {
            if (rules.isEmpty()) {
                throw new IllegalArgumentException("rule set " + id + " has no rules");
            }
            if (fallbackZones.isEmpty()) {
                throw new IllegalArgumentException("rule set " + id + " needs fallback zones for callees whose zone is unknown");
            }
            return new RuleSet(id, basedOn, base, rules, overrides, fallbackZones, overlays, appliedOverlays);
        }
    }
}
