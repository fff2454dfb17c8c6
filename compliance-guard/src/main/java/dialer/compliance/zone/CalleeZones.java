package dialer.compliance.zone;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The time zones a callee may be in, and where each came from. A call is allowed only at times that
 * every zone permits. {@code fallback} is true when no source knew a zone and the rule set's safe
 * fallback zones were used.
 */
public record CalleeZones(Set<ZoneId> zones, List<String> sources, boolean fallback) {
    public CalleeZones {
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("a callee needs at least one time zone");
        }
        TreeSet<ZoneId> sorted = new TreeSet<>((a, b) -> a.getId().compareTo(b.getId()));
        sorted.addAll(zones);
        zones = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(sorted));
        sources = List.copyOf(sources);
    }

    public static CalleeZones of(ZoneId... zones) {
        return new CalleeZones(Set.of(zones), List.of("given"), false);
    }

    /** e.g. {@code America/Chicago,America/Denver}. */
    public String ids() {
        return String.join(",", zones.stream().map(ZoneId::getId).toList());
    }

    public String describe() {
        return ids() + " (" + String.join("; ", sources) + (fallback ? "; fallback" : "") + ")";
    }
}
