package dialer.compliance.rules;

import dialer.compliance.PastAttempt;
import dialer.compliance.PhoneType;
import dialer.compliance.RuleResult;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * At most {@code max} counted calls per scope within a window. A new call is allowed only while
 * fewer than {@code max} are counted, so the call being asked about would be number {@code max} at
 * most. It applies to requests whose phone type is in {@code phoneTypes}, and counts only past
 * attempts to numbers of those types.
 */
public record FrequencyLimit(String id, String source, Scope scope, Counted counted, int max, CountWindow window,
                             Set<PhoneType> phoneTypes, boolean consumerConsentExcludes) implements Rule {

    public FrequencyLimit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(counted, "counted");
        Objects.requireNonNull(window, "window");
        if (max < 1) {
            throw new IllegalArgumentException("frequency limit " + id + " needs max >= 1, got " + max
                    + " (to forbid calls outright use a list or a flag)");
        }
        phoneTypes = phoneTypes == null || phoneTypes.isEmpty() ? Set.copyOf(EnumSet.allOf(PhoneType.class))
                : Set.copyOf(phoneTypes);
    }

    public FrequencyLimit(String id, String source, Scope scope, Counted counted, int max, CountWindow window,
                          Set<PhoneType> phoneTypes) {
        this(id, source, scope, counted, max, window, phoneTypes, false);
    }

    public static FrequencyLimit of(String id, String source, Scope scope, Counted counted, int max, CountWindow window) {
        return new FrequencyLimit(id, source, scope, counted, max, window, null);
    }

    public FrequencyLimit onlyFor(PhoneType... types) {
        return new FrequencyLimit(id, source, scope, counted, max, window, Set.of(types), consumerConsentExcludes);
    }

    /**
     * The same limit, from which calls placed on a consumer's request within its 7-day consent period
     * are excluded: such a call is let through and never counted (12 CFR 1006.14(b)(3)(i)).
     */
    public FrequencyLimit excludingConsumerConsent() {
        return new FrequencyLimit(id, source, scope, counted, max, window, phoneTypes, true);
    }

    @Override
    public String describe() {
        return "limit " + id + ": at most " + max + " " + counted.label() + " per " + scope.name().toLowerCase()
                + " in " + window.describe() + " for " + sortedTypes()
                + (consumerConsentExcludes ? ", calls on the consumer's direct consent excluded" : "") + " [" + source + "]";
    }

    private String sortedTypes() {
        return phoneTypes.stream().sorted().map(Enum::name).toList().toString();
    }

    @Override
    public Duration lookback() {
        return window.lookback();
    }

    @Override
    public RuleResult evaluate(EvaluationContext ctx) {
        String title = "at most " + max + " " + counted.label() + " per " + scope.name().toLowerCase() + " in "
                + window.describe() + " (" + source + ")";
        if (!phoneTypes.contains(ctx.request().phoneType())) {
            return RuleResult.pass(id, title + ": does not apply to " + ctx.request().phoneType() + " numbers");
        }
        if (consumerConsentExcludes) {
            var consent = ctx.regFConsent();
            if (consent.isPresent()) {
                return RuleResult.pass(id, title + ": not counted, placed on the consumer's direct consent: " + consent.get().describe());
            }
        }
        List<ZoneId> zones = window.zoneDependent() ? List.copyOf(ctx.zones().zones()) : List.of(ZoneId.of("UTC"));
        List<String> over = new ArrayList<>();
        Instant next = null;
        int highest = 0;
        for (Scope.Group group : scope.groups(ctx.request(), ctx.history())) {
            for (ZoneId zone : zones) {
                List<Instant> times = new ArrayList<>();
                for (PastAttempt a : group.attempts()) {
                    // a call counts from the instant it was placed (see PastAttempt.placedAt)
                    if (phoneTypes.contains(a.phoneType()) && counted.counts(a, ctx.now())
                            && !(consumerConsentExcludes && a.regFExcluded())
                            && window.contains(a.placedAt(), ctx.now(), zone)) {
                        times.add(a.placedAt());
                    }
                }
                highest = Math.max(highest, times.size());
                if (times.size() >= max) {
                    times.sort(Comparator.naturalOrder());
                    Instant free = window.leaves(times.get(times.size() - max), zone);
                    next = next == null || free.isAfter(next) ? free : next;
                    over.add(times.size() + " for " + group.label()
                            + (window.zoneDependent() ? " in " + zone.getId() : ""));
                }
            }
        }
        if (over.isEmpty()) {
            return RuleResult.pass(id, title + ": " + highest + " counted");
        }
        return RuleResult.fail(id, title + ": limit reached, " + String.join("; ", over), next);
    }
}
