package dialer.compliance.zone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dialer.compliance.CallRequest;
import dialer.compliance.Masking;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds every time zone the callee may be in, from every source: the explicit zone, the address
 * (country, state, postal code: see {@link RegionZones}) and the phone number (libphonenumber's
 * {@link PhoneNumberToTimeZonesMapper}). Sources are united, never chosen between: a disagreement
 * means the callee may be in any of them. With no source, the rule set's fallback zones are used.
 */
public final class CalleeZoneResolver {

    private static final String UNKNOWN = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();
    /** Phone zone lookups by number (bounded: past its size new numbers are looked up each time). */
    private final ConcurrentHashMap<String, List<ZoneId>> phoneCache = new ConcurrentHashMap<>();

    public CalleeZones resolve(CallRequest request, Set<ZoneId> fallback) {
        Set<ZoneId> zones = new LinkedHashSet<>();
        List<String> sources = new ArrayList<>(3);
        if (request.explicitZone() != null) {
            zones.add(request.explicitZone());
            sources.add("explicit " + request.explicitZone().getId());
        }
        if (request.addressCountry() != null) {
            RegionZones.Lookup address = RegionZones.lookup(request.addressCountry(), request.addressState(),
                    request.addressPostalCode());
            if (!address.zones().isEmpty()) {
                zones.addAll(address.zones());
            }
            sources.add(address.description());
        }
        List<ZoneId> phoneZones = phoneZones(request.phone());
        if (!phoneZones.isEmpty()) {
            zones.addAll(phoneZones);
            sources.add("phone " + Masking.phone(request.phone()) + " -> "
                    + String.join(",", phoneZones.stream().map(ZoneId::getId).toList()));
        } else {
            sources.add("phone " + Masking.phone(request.phone()) + " -> no zone");
        }
        if (zones.isEmpty()) {
            if (fallback.isEmpty()) {
                throw new IllegalStateException("no time zone is known for the callee and the rule set has no fallback zones");
            }
            return new CalleeZones(fallback, sources, true);
        }
        return new CalleeZones(zones, sources, false);
    }

    /** The zones libphonenumber maps this number to; empty when it does not know. */
    public List<ZoneId> phoneZones(String e164) {
        List<ZoneId> cached = phoneCache.get(e164);
        if (cached != null) {
            return cached;
        }
        List<ZoneId> zones = lookupPhone(e164);
        if (phoneCache.size() < 200_000) {
            phoneCache.put(e164, zones);
        }
        return zones;
    }

    private static List<ZoneId> lookupPhone(String e164) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            List<String> ids = PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(util.parse(e164, null));
            List<ZoneId> zones = new ArrayList<>(ids.size());
            for (String id : ids) {
                if (!UNKNOWN.equals(id)) {
                    try {
                        zones.add(ZoneId.of(id));
                    } catch (DateTimeException ignored) {
                        // a zone id this JDK does not know: the other sources and the fallback remain
                    }
                }
            }
            return List.copyOf(zones);
        } catch (NumberParseException e) {
            return List.of();
        }
    }
}
