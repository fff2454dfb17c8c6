package dialer.compliance.zone;

import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.Phonenumber;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes {@value AreaCodeZones#GENERATED}: for every NANP area code (NPA) libphonenumber knows, the
 * union of the time zones its time-zone data ({@link PhoneNumberToTimeZonesMapper}, artifact
 * {@code geocoder}) gives to any prefix under it. The data's prefixes for country code 1 are at
 * most 7 digits (1 + NPA + NXX), so looking up every NPA-NXX sees every one of them.
 *
 * <p>Run after a libphonenumber upgrade (compliance-guard/README.md, "Area codes that span time zones"):
 * <pre>mvn -o -q -pl compliance-guard compile exec:java -Dexec.mainClass=dialer.compliance.zone.AreaCodeZonesGenerator \
 *     -Dexec.args=compliance-guard/src/main/resources/dialer/compliance/zone/nanp-area-code-zones.tsv</pre>
 * {@code AreaCodeZonesTest} fails while the checked-in table differs from what the library on the
 * class path gives.
 */
public final class AreaCodeZonesGenerator {

    private AreaCodeZonesGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: AreaCodeZonesGenerator <output .tsv>");
        }
        Path out = Path.of(args[0]);
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write(header(LocalDate.now(ZoneOffset.UTC)));
            for (String line : rows()) {
                w.write(line);
                w.write('\n');
            }
        }
        System.out.println("wrote " + out + " (" + rows().size() + " area codes, libphonenumber geocoder " + geocoderVersion() + ")");
    }

    static String header(LocalDate generated) {
        return "# NANP area code -> every time zone libphonenumber's time-zone data gives to any prefix under it (union)\n"
                + "# source: com.googlecode.libphonenumber:geocoder:" + geocoderVersion()
                + " (PhoneNumberToTimeZonesMapper data, timezones/data/map_data)\n"
                + "# generated: " + generated + " by dialer.compliance.zone.AreaCodeZonesGenerator; do not edit: add to "
                + AreaCodeZones.SUPPLEMENT + " instead\n"
                + "# npa\tzones\n";
    }

    /** One line per NPA: {@code npa<TAB>zone,zone,...}, zones sorted, NPAs ascending. */
    static List<String> rows() {
        PhoneNumberToTimeZonesMapper mapper = PhoneNumberToTimeZonesMapper.getInstance();
        String unknown = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();
        // what an NPA without data of its own falls back to: the entry of country code 1 (every NANP zone)
        Set<String> countryLevel = new TreeSet<>(mapper.getTimeZonesForGeographicalNumber(
                new Phonenumber.PhoneNumber().setCountryCode(1).setNationalNumber(0L)));
        Map<Integer, Set<String>> byNpa = new TreeMap<>();
        for (int npa = 200; npa <= 999; npa++) {
            Set<String> zones = new TreeSet<>();
            boolean own = false;
            for (int nxx = 0; nxx <= 999; nxx++) {
                List<String> ids = mapper.getTimeZonesForGeographicalNumber(
                        new Phonenumber.PhoneNumber().setCountryCode(1).setNationalNumber(npa * 10_000_000L + nxx * 10_000L));
                Set<String> found = new TreeSet<>(ids);
                found.remove(unknown);
                if (!found.isEmpty() && !found.equals(countryLevel)) {
                    own = true;
                    zones.addAll(found);
                }
            }
            if (own) {
                byNpa.put(npa, zones);
            }
        }
        List<String> lines = new ArrayList<>(byNpa.size());
        byNpa.forEach((npa, zones) -> lines.add(npa + "\t" + String.join(",", zones)));
        return lines;
    }

    static String geocoderVersion() {
        try (InputStream in = PhoneNumberToTimeZonesMapper.class.getResourceAsStream(
                "/META-INF/maven/com.googlecode.libphonenumber/geocoder/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
