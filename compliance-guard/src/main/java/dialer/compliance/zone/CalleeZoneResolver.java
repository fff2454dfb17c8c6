package dialer.compliance.zone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
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
 * (country, state, postal code: see {@link RegionZones}) and the phone number (a NANP number: every
 * zone of its area code, {@link AreaCodeZones}; others: libphonenumber's {@link PhoneNumberToTimeZonesMapper},
 * or the zones of the number's country code when libphonenumber cannot place it). Sources are united,
 * never chosen between: a disagreement means the callee may be in any of them (12 CFR 1006.6(b)(1)(i)
 * and its commentary: with conflicting information on the consumer's location, a time convenient in
 * all of the locations). With no source, the rule set's fallback zones are used.
 *
 * <p>One exception: a number with no area in it (an Australian 04 mobile) says only which country
 * it belongs to, and libphonenumber then gives every zone of that country, remote islands
 * included. An address in that country places the callee better, so the number adds nothing to
 * it; without one, the number gets the zones of the country's states ({@link
 * RegionZones#countryWideNumber}).
 */
public final class CalleeZoneResolver {

    private static final String UNKNOWN = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();
    /**
     * What a number says of where it rings: its zones, and the country it belongs to as a whole when
     * it has no area (null for a number of an area or a place).
     */
    private record PhonePlace(List<ZoneId> zones, String wholeCountry, String areaCode) {
    }

    /** Phone zone lookups by number (bounded: past its size new numbers are looked up each time). */
    private final ConcurrentHashMap<String, PhonePlace> phoneCache = new ConcurrentHashMap<>();

    public CalleeZones resolve(CallRequest request, Set<ZoneId> fallback) {
        Set<ZoneId> zones = new LinkedHashSet<>();
        List<String> sources = new ArrayList<>(3);
        if (request.explicitZone() != null) {
            zones.add(request.explicitZone());
            sources.add("explicit " + request.explicitZone().getId());
        }
        boolean addressPlaced = false;
        if (request.addressCountry() != null) {
            RegionZones.Lookup address = RegionZones.lookup(request.addressCountry(), request.addressState(),
                    request.addressPostalCode());
            if (!address.zones().isEmpty()) {
                zones.addAll(address.zones());
                addressPlaced = true;
            }
            sources.add(address.description());
        }
        PhonePlace place = phonePlace(request.phone());
        List<ZoneId> phoneZones = place.zones();
        String how = place.areaCode() != null ? "area code " + place.areaCode() + ": " : "";
        if (place.wholeCountry() != null) {
            Set<ZoneId> country = RegionZones.countryWideNumber(place.wholeCountry());
            if (addressPlaced && place.wholeCountry().equals(request.addressCountry())) {
                sources.add("phone " + Masking.phone(request.phone()) + " -> any zone of " + place.wholeCountry()
                        + " (no area): the address decides");
                phoneZones = List.of();
            } else if (!country.isEmpty()) {
                phoneZones = List.copyOf(country);
                how = "any zone of " + place.wholeCountry() + " (no area), its states': ";
            }
        }
        if (phoneZones.isEmpty()) {
            if (place.zones().isEmpty()) {
                sources.add("phone " + Masking.phone(request.phone()) + " -> no zone");
            }
        } else {
            zones.addAll(phoneZones);
            sources.add("phone " + Masking.phone(request.phone()) + " -> "
                    + how + String.join(",", phoneZones.stream().map(ZoneId::getId).sorted().toList()));
        }
        if (zones.isEmpty()) {
            if (fallback.isEmpty()) {
                throw new IllegalStateException("no time zone is known for the callee and the rule set has no fallback zones");
            }
            return new CalleeZones(fallback, sources, true);
        }
        return new CalleeZones(zones, sources, false);
    }

    private static List<ZoneId> zoneIds(List<String> ids) {
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
        return zones;
    }

    /**
     * The zones this number may ring in: for a NANP number every zone of its area code ({@link AreaCodeZones}),
     * otherwise libphonenumber's (its country's when libphonenumber cannot place the number); empty when unknown.
     */
    public List<ZoneId> phoneZones(String e164) {
        return phonePlace(e164).zones();
    }

    private PhonePlace phonePlace(String e164) {
        PhonePlace cached = phoneCache.get(e164);
        if (cached != null) {
            return cached;
        }
        PhonePlace place = lookupPhone(e164);
        if (phoneCache.size() < 200_000) {
            phoneCache.put(e164, place);
        }
        return place;
    }

    private static PhonePlace lookupPhone(String e164) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            Phonenumber.PhoneNumber number = util.parse(e164, null);
            PhoneNumberToTimeZonesMapper mapper = PhoneNumberToTimeZonesMapper.getInstance();
            Set<ZoneId> zones = new LinkedHashSet<>(zoneIds(mapper.getTimeZonesForNumber(number)));
            String area = null;
            if (number.getCountryCode() == 1) {
                // NANP: every zone of the area code, not only the one exchange's (AreaCodeZones)
                String npa = String.valueOf(number.getNationalNumber() / 10_000_000L);
                Set<ZoneId> areaZones = AreaCodeZones.of(npa);
                if (!areaZones.isEmpty()) {
                    zones.addAll(areaZones);
                    area = npa;
                }
            }
            if (zones.isEmpty()) {
                // a number of its country that libphonenumber cannot type (a range it does not know): the
                // zones of its country code, so a foreign number still brings its country's hours
                zones.addAll(zoneIds(mapper.getTimeZonesForGeographicalNumber(
                        new Phonenumber.PhoneNumber().setCountryCode(number.getCountryCode()).setNationalNumber(0L))));
            }
            // a number with no area (not geographical) is mapped to its whole country
            String wholeCountry = null;
            if (zones.size() > 1 && area == null && !util.isNumberGeographical(number)) {
                String region = util.getRegionCodeForNumber(number);
                wholeCountry = region != null ? region : util.getRegionCodeForCountryCode(number.getCountryCode());
            }
            return new PhonePlace(List.copyOf(zones), wholeCountry, area);
        } catch (NumberParseException e) {
            return new PhonePlace(List.of(), null, null);
        }
    }
}
