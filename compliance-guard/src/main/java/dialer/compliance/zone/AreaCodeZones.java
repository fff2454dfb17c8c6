package dialer.compliance.zone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every time zone of a NANP area code (NPA), whichever exchange of it a number belongs to: a number
 * of a split area code (850: Florida's panhandle on Central time, the rest on Eastern) may ring in
 * any of them, while libphonenumber answers for the one exchange it was asked about (and often
 * answers Eastern for all of 850). Two checked-in tables, read once:
 * <ul>
 * <li>{@value #GENERATED}: generated from libphonenumber's own time-zone data by {@link AreaCodeZonesGenerator}
 * (the union of the zones of every prefix under the NPA; its header names the data's version and date);</li>
 * <li>{@value #SUPPLEMENT}: zones that data leaves out (an overlay area code listed with fewer zones than the
 * area code it overlays), each row with its citation. Only adds zones.</li>
 * </ul>
 */
public final class AreaCodeZones {

    static final String GENERATED = "nanp-area-code-zones.tsv";
    static final String SUPPLEMENT = "nanp-area-code-zones-supplement.tsv";

    private static final Map<String, Set<ZoneId>> GENERATED_ZONES = read(GENERATED, false);
    private static final Map<String, Set<ZoneId>> SUPPLEMENT_ZONES = read(SUPPLEMENT, true);
    private static final Map<String, Set<ZoneId>> ZONES = merge();

    private AreaCodeZones() {
    }

    /** Every zone of area code {@code npa} (3 digits), sorted by id; empty for an area code no table lists. */
    public static Set<ZoneId> of(String npa) {
        return ZONES.getOrDefault(npa, Set.of());
    }

    /** What the generated table alone gives (for tests). */
    static Map<String, Set<ZoneId>> generated() {
        return GENERATED_ZONES;
    }

    /** What the supplement adds, by area code (for tests). */
    static Map<String, Set<ZoneId>> supplement() {
        return SUPPLEMENT_ZONES;
    }

    private static Map<String, Set<ZoneId>> merge() {
        Map<String, Set<ZoneId>> all = new HashMap<>();
        for (Map<String, Set<ZoneId>> table : java.util.List.of(GENERATED_ZONES, SUPPLEMENT_ZONES)) {
            table.forEach((npa, zones) -> all.computeIfAbsent(npa, k -> sorted()).addAll(zones));
        }
        all.replaceAll((npa, zones) -> Collections.unmodifiableSet(zones));
        return Map.copyOf(all);
    }

    private static Set<ZoneId> sorted() {
        return new TreeSet<>((a, b) -> a.getId().compareTo(b.getId()));
    }

    /** Lines {@code npa<TAB>zone,zone[<TAB>citation]}; {@code #} starts a comment line. */
    private static Map<String, Set<ZoneId>> read(String name, boolean citationRequired) {
        Map<String, Set<ZoneId>> table = new LinkedHashMap<>();
        try (InputStream in = AreaCodeZones.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length < 2 || !cols[0].matches("[2-9][0-9]{2}") || (citationRequired && (cols.length < 3 || cols[2].isBlank()))) {
                    throw new IllegalStateException(name + " line " + n + ": expected npa<TAB>zones" + (citationRequired ? "<TAB>citation" : "")
                            + ", got '" + line + "'");
                }
                Set<ZoneId> zones = table.computeIfAbsent(cols[0], k -> sorted());
                for (String id : cols[1].split(",")) {
                    zones.add(ZoneId.of(id.trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name, e);
        }
        return Collections.unmodifiableMap(table);
    }
}
