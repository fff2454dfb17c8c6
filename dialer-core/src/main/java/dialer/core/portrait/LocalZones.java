package dialer.core.portrait;

import dialer.compliance.zone.CalleeZoneResolver;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The zone a callee's local hour is read in, the same rule as callbacks' times: the debtor's zone on file,
 * else the dialed number's zone (the first by name when the number spans several), else UTC.
 */
public final class LocalZones {

    private static final CalleeZoneResolver RESOLVER = new CalleeZoneResolver();
    private static final ZoneId UTC = ZoneId.of("UTC");
    private final Map<String, ZoneId> onFile = new ConcurrentHashMap<>();

    public ZoneId of(String debtorZone, String phone) {
        if (debtorZone != null && !debtorZone.isBlank()) {
            ZoneId zone = onFile.computeIfAbsent(debtorZone, LocalZones::parse);
            if (zone != null) {
                return zone;
            }
        }
        if (phone == null) {
            return UTC;
        }
        List<ZoneId> zones = RESOLVER.phoneZones(phone);
        return zones.isEmpty() ? UTC : zones.stream().min(Comparator.comparing(ZoneId::getId)).get();
    }

    private static ZoneId parse(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
