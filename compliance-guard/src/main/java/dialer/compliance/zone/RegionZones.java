package dialer.compliance.zone;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The table of address regions to time zones that the guard ships. It is documented, with its
 * reasoning, in compliance-guard/README.md ("Time zones of an address").
 *
 * <p>A state that spans several zones maps to all of them. A postal code narrows it only where this
 * table lists the postal prefix; any other postal code keeps every zone of the state. A postal code
 * listed under a different state than the address's makes the address contradict itself: both are
 * used. Lists err on the side of more zones: an unofficial local observance (Phenix City AL on
 * Eastern time, Kenton OK and West Wendover NV on Mountain time, Eucla WA on its own offset) adds
 * its zone too.
 */
public final class RegionZones {

    /** What an address says: the zones (possibly empty) and a sentence for the decision's zone sources. */
    public record Lookup(Set<ZoneId> zones, String description) {
    }

    private record Region(Set<ZoneId> zones, Map<String, Set<ZoneId>> byPostal, Set<ZoneId> otherPostal) {
    }

    private static final ZoneId ET = ZoneId.of("America/New_York");
    private static final ZoneId ET_IN = ZoneId.of("America/Indiana/Indianapolis");
    private static final ZoneId ET_KY = ZoneId.of("America/Kentucky/Louisville");
    private static final ZoneId ET_MI = ZoneId.of("America/Detroit");
    private static final ZoneId CT = ZoneId.of("America/Chicago");
    private static final ZoneId MT = ZoneId.of("America/Denver");
    private static final ZoneId MT_ID = ZoneId.of("America/Boise");
    private static final ZoneId MST = ZoneId.of("America/Phoenix");
    private static final ZoneId PT = ZoneId.of("America/Los_Angeles");
    private static final ZoneId AKT = ZoneId.of("America/Anchorage");
    private static final ZoneId HAT = ZoneId.of("America/Adak");
    private static final ZoneId HT = ZoneId.of("Pacific/Honolulu");

    private static final Map<String, Map<String, Region>> COUNTRIES = new HashMap<>();
    private static final Map<String, Set<ZoneId>> COUNTRY_ZONES = new HashMap<>();
    /**
     * Where a number that belongs to a whole country (a mobile with no area) may ring when nothing
     * else says where its owner lives: the zones of the country's states and territories as their
     * capitals keep time, without the localities of a few hundred people on an offset of their own
     * (see compliance-guard/README.md). Countries not listed keep all their zones.
     */
    private static final Map<String, Set<ZoneId>> COUNTRY_WIDE_NUMBER_ZONES = new HashMap<>();

    static {
        Map<String, Region> us = new HashMap<>();
        for (String s : new String[] {"CT", "DE", "DC", "GA", "ME", "MD", "MA", "NH", "NJ", "NY", "NC", "OH", "PA",
                "RI", "SC", "VT", "VA", "WV"}) {
            us.put(s, single(ET));
        }
        for (String s : new String[] {"AR", "IL", "IA", "LA", "MN", "MS", "MO", "WI"}) {
            us.put(s, single(CT));
        }
        for (String s : new String[] {"CO", "MT", "NM", "UT", "WY"}) {
            us.put(s, single(MT));
        }
        us.put("CA", single(PT));
        us.put("WA", single(PT));
        us.put("HI", single(HT));
        us.put("PR", single(ZoneId.of("America/Puerto_Rico")));
        us.put("VI", single(ZoneId.of("America/St_Thomas")));
        us.put("GU", single(ZoneId.of("Pacific/Guam")));
        us.put("MP", single(ZoneId.of("Pacific/Saipan")));
        us.put("AS", single(ZoneId.of("Pacific/Pago_Pago")));
        // states spanning several zones: all of them, unless the ZIP code's first three digits narrow it
        us.put("AL", split(zones(CT, ET), zip3(CT, "350-367", "369")));            // 368: Phenix City/Opelika area
        us.put("AK", split(zones(AKT, HAT), zip3(AKT, "997-999")));                // 995-996 include the Aleutians
        us.put("AZ", split(zones(MST, MT), zip3(MST, "850-853", "855-857")));      // 859-865: Navajo Nation (DST)
        us.put("FL", split(zones(ET, CT), zip3(ET, "320-322", "326-349"), zip3(CT, "325"))); // 323-324 mixed
        us.put("ID", split(zones(MT_ID, PT), zip3(MT_ID, "832-834", "836-837"), zip3(PT, "838"))); // 835 mixed
        us.put("IN", split(zones(ET_IN, CT), zip3(ET_IN, "460-462", "466-474", "478-479"), zip3(CT, "463-464", "476-477")));
        us.put("KS", split(zones(CT, MT), zip3(CT, "660-676", "679")));            // 677-678: western counties
        us.put("KY", split(zones(ET_KY, CT), zip3(ET_KY, "400-405", "410-412"), zip3(CT, "420", "423-424")));
        us.put("MI", split(zones(ET_MI, CT), zip3(ET_MI, "480-497")));             // 498-499: Upper Peninsula
        us.put("NE", split(zones(CT, MT), zip3(CT, "680-689")));                   // 690-693: west
        us.put("NV", split(zones(PT, MT), zip3(PT, "889-897")));                   // 898: Elko county (West Wendover)
        us.put("ND", split(zones(CT, MT), zip3(CT, "580-585", "587")));            // 586, 588: south-west
        us.put("OK", split(zones(CT, MT), zip3(CT, "730-738", "740-749")));        // 739: panhandle (Kenton)
        us.put("OR", split(zones(PT, MT_ID), zip3(PT, "970-978")));                // 979: Malheur county
        us.put("SD", split(zones(CT, MT), zip3(CT, "570-574"), zip3(MT, "577")));  // 575-576 mixed
        us.put("TN", split(zones(CT, ET), zip3(CT, "370-372", "380-385"), zip3(ET, "376-379"))); // 373-375 mixed
        us.put("TX", split(zones(CT, MT), zip3(CT, "750-797"), zip3(MT, "799", "885"))); // 798: mixed
        COUNTRIES.put("US", us);
        COUNTRY_ZONES.put("US", zones(ET, ET_IN, ET_KY, ET_MI, CT, MT, MT_ID, MST, PT, AKT, HAT, HT));

        ZoneId sydney = ZoneId.of("Australia/Sydney");
        ZoneId perth = ZoneId.of("Australia/Perth");
        Map<String, Region> au = new HashMap<>();
        au.put("NSW", new Region(zones(sydney, ZoneId.of("Australia/Broken_Hill"), ZoneId.of("Australia/Lord_Howe")),
                Map.of("2880", zones(ZoneId.of("Australia/Broken_Hill")), "2898", zones(ZoneId.of("Australia/Lord_Howe"))),
                zones(sydney)));
        au.put("ACT", single(sydney));
        au.put("JBT", single(sydney));
        au.put("VIC", single(ZoneId.of("Australia/Melbourne")));
        au.put("QLD", single(ZoneId.of("Australia/Brisbane")));
        au.put("SA", single(ZoneId.of("Australia/Adelaide")));
        au.put("TAS", single(ZoneId.of("Australia/Hobart")));
        au.put("NT", single(ZoneId.of("Australia/Darwin")));
        au.put("WA", new Region(zones(perth, ZoneId.of("Australia/Eucla")),
                Map.of("6443", zones(perth, ZoneId.of("Australia/Eucla"))), zones(perth)));
        COUNTRIES.put("AU", au);
        Set<ZoneId> allAu = new LinkedHashSet<>();
        au.values().forEach(r -> allAu.addAll(r.zones()));
        COUNTRY_ZONES.put("AU", Set.copyOf(allAu));
        // Lord Howe Island (UTC+10:30, about 400 people), Eucla (UTC+8:45, about 50) and the external
        // territories Christmas and Cocos Islands (UTC+7 and +6:30, about 2,200) are left out
        COUNTRY_WIDE_NUMBER_ZONES.put("AU", zones(sydney, ZoneId.of("Australia/Melbourne"), ZoneId.of("Australia/Brisbane"),
                ZoneId.of("Australia/Adelaide"), ZoneId.of("Australia/Hobart"), ZoneId.of("Australia/Darwin"), perth));

        COUNTRY_ZONES.put("GB", zones(ZoneId.of("Europe/London")));
        COUNTRY_ZONES.put("CN", zones(ZoneId.of("Asia/Shanghai")));
        COUNTRY_ZONES.put("IN", zones(ZoneId.of("Asia/Kolkata")));
    }

    private RegionZones() {
    }

    /**
     * The zones a number of the whole country (no area in it) is taken to ring in when the address
     * does not place its owner: empty for a country this table does not know.
     */
    public static Set<ZoneId> countryWideNumber(String country) {
        Set<ZoneId> zones = COUNTRY_WIDE_NUMBER_ZONES.get(country);
        return zones != null ? zones : COUNTRY_ZONES.getOrDefault(country, Set.of());
    }

    /** The zones of an address. Unknown countries or states give no zone (the other sources decide). */
    public static Lookup lookup(String country, String state, String postalCode) {
        Map<String, Region> regions = COUNTRIES.get(country);
        if (state == null || regions == null) {
            // a country and nothing more places the callee no better than a number of the whole country
            Set<ZoneId> zones = countryWideNumber(country);
            return new Lookup(zones, zones.isEmpty()
                    ? "address " + country + " -> no zone table"
                    : "address " + country + " -> " + ids(zones));
        }
        Region region = regions.get(state);
        if (region == null) {
            Set<ZoneId> zones = COUNTRY_ZONES.getOrDefault(country, Set.of());
            return new Lookup(zones, "address " + country + "-" + state + " (unknown state) -> " + ids(zones));
        }
        String label = "address " + country + "-" + state;
        if (postalCode == null) {
            return new Lookup(region.zones(), label + " -> " + ids(region.zones()));
        }
        String key = postalKey(country, postalCode);
        Set<ZoneId> narrowed = region.byPostal().get(key);
        if (narrowed != null) {
            return new Lookup(narrowed, label + " " + key + " -> " + ids(narrowed));
        }
        for (Map.Entry<String, Region> other : regions.entrySet()) {
            Set<ZoneId> elsewhere = other.getValue().byPostal().get(key);
            if (elsewhere != null && !other.getKey().equals(state)) {
                Set<ZoneId> both = new LinkedHashSet<>(region.zones());
                both.addAll(elsewhere);
                return new Lookup(Set.copyOf(both), label + " with postal " + key + " of " + other.getKey()
                        + " (contradiction, both used) -> " + ids(both));
            }
        }
        Set<ZoneId> zones = region.otherPostal() != null ? region.otherPostal() : region.zones();
        return new Lookup(zones, label + " " + key + " -> " + ids(zones));
    }

    private static String postalKey(String country, String postalCode) {
        String digits = postalCode.replaceAll("[^0-9A-Z]", "");
        if ("US".equals(country)) {
            return digits.length() >= 3 ? digits.substring(0, 3) : digits;
        }
        return digits;
    }

    private static String ids(Set<ZoneId> zones) {
        return String.join(",", zones.stream().map(ZoneId::getId).sorted().toList());
    }

    private static Set<ZoneId> zones(ZoneId... z) {
        return Set.of(z);
    }

    private static Region single(ZoneId zone) {
        return new Region(Set.of(zone), Map.of(), null);
    }

    @SafeVarargs
    private static Region split(Set<ZoneId> all, Map<String, Set<ZoneId>>... narrowing) {
        Map<String, Set<ZoneId>> byPostal = new HashMap<>();
        for (Map<String, Set<ZoneId>> m : narrowing) {
            byPostal.putAll(m);
        }
        return new Region(all, Map.copyOf(byPostal), null);
    }

    /** ZIP3 prefixes ("350-367" or "369") that lie wholly in one zone. */
    private static Map<String, Set<ZoneId>> zip3(ZoneId zone, String... ranges) {
        Map<String, Set<ZoneId>> m = new HashMap<>();
        for (String range : ranges) {
            String[] ends = range.split("-");
            int from = Integer.parseInt(ends[0]);
            int to = Integer.parseInt(ends[ends.length - 1]);
            for (int z = from; z <= to; z++) {
                m.put(String.format("%03d", z), Set.of(zone));
            }
        }
        return m;
    }
}
