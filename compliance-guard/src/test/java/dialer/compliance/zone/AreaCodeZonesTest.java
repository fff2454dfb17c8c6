package dialer.compliance.zone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class AreaCodeZonesTest {

    /**
     * Area code -> every zone it must get. Sources: "lpn" = libphonenumber geocoder 3.23's own time-zone
     * data (the generated table); "supp" = a row of nanp-area-code-zones-supplement.tsv (its citation is
     * there); the zone facts behind each split are the time-zone boundaries of 49 CFR part 71.
     */
    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource(delimiter = ';', value = {
            "850; America/Chicago|America/New_York; lpn: Florida panhandle, Central west of the Apalachicola River",
            "448; America/Chicago|America/New_York; supp: overlay of 850",
            "208; America/Boise|America/Denver|America/Los_Angeles; lpn: Idaho, Pacific in the north",
            "986; America/Boise|America/Los_Angeles; lpn: overlay of 208 (Boise = Mountain time)",
            "605; America/Chicago|America/Denver|America/North_Dakota/Center; lpn: South Dakota, Mountain in the west",
            "308; America/Chicago|America/Denver; lpn: western Nebraska, Mountain in the panhandle",
            "541; America/Denver|America/Los_Angeles; lpn: Oregon, Malheur County on Mountain time",
            "458; America/Denver|America/Los_Angeles; supp: overlay of 541",
            "915; America/Denver; lpn: El Paso and Hudspeth counties, Mountain only",
            "432; America/Chicago; lpn: west Texas east of the Mountain-time counties",
            "270; America/Chicago|America/New_York; lpn: western Kentucky",
            "364; America/Chicago|America/New_York; supp: overlay of 270",
            "606; America/Chicago|America/New_York; lpn: eastern Kentucky (Wayne, Clinton, Russell, Cumberland counties on Central)",
            "812; America/Chicago|America/New_York; lpn: southern Indiana, Central in the south-west",
            "930; America/Chicago|America/New_York; supp: overlay of 812",
            "219; America/Chicago|America/New_York; lpn: north-west Indiana (Lake, Porter counties on Central)",
            "906; America/Chicago|America/New_York; lpn: Michigan's Upper Peninsula, 4 counties on Central",
            "701; America/Chicago|America/Denver|America/North_Dakota/Center; lpn: North Dakota, Mountain in the south-west",
            "785; America/Chicago|America/Denver; lpn: northern Kansas, Mountain in the west",
            "620; America/Chicago|America/Denver; lpn: southern Kansas, Mountain in the west",
            "806; America/Chicago; lpn: Texas panhandle, all Central",
            "928; America/Denver|America/Phoenix; lpn: northern Arizona, the Navajo Nation keeps DST (Mountain)",
            "423; America/Chicago|America/New_York; lpn: east Tennessee, Central in the south-west (Marion county)",
            "907; America/Adak|America/Anchorage|America/Juneau|Pacific/Honolulu; lpn: Alaska, Aleutians west of 169.5 W",
            "250; America/Edmonton|America/Vancouver; lpn: British Columbia, East Kootenay on Mountain time",
            "778; America/Edmonton|America/Vancouver; supp: overlay of 250/604",
            "474; America/Regina|America/Winnipeg; supp: overlay of 306/639 (Saskatchewan)",
            "212; America/New_York; lpn: Manhattan, one zone",
    })
    void everyZoneOfTheAreaCode(String npa, String expected, String source) {
        assertThat(ids(AreaCodeZones.of(npa))).as(source).isEqualTo(new TreeSet<>(Arrays.asList(expected.split("\\|"))));
    }

    @Test
    void nonGeographicAndUnknownAreaCodesAreNotInTheTable() {
        // toll-free 800 has no zone of its own in the data (only the country code's list): the resolver keeps
        // libphonenumber's answer for it; 999 is not an area code
        assertThat(AreaCodeZones.of("800")).isEmpty();
        assertThat(AreaCodeZones.of("999")).isEmpty();
    }

    @Test
    void theCheckedInTableIsWhatTheLibraryOnTheClassPathGives() throws IOException {
        List<String> rows;
        try (InputStream in = AreaCodeZones.class.getResourceAsStream(AreaCodeZones.GENERATED)) {
            rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
        assertThat(rows).as("regenerate with AreaCodeZonesGenerator (compliance-guard/README.md)")
                .isEqualTo(AreaCodeZonesGenerator.rows());
        String header = AreaCodeZonesGenerator.header(java.time.LocalDate.of(2000, 1, 1));
        assertThat(header).contains("geocoder:" + AreaCodeZonesGenerator.geocoderVersion());
    }

    @Test
    void everySupplementRowAddsAZoneTheGeneratedTableLacks() {
        for (Map.Entry<String, Set<ZoneId>> row : AreaCodeZones.supplement().entrySet()) {
            Set<ZoneId> generated = AreaCodeZones.generated().getOrDefault(row.getKey(), Set.of());
            assertThat(generated.containsAll(row.getValue()))
                    .as("supplement row %s adds nothing to the generated %s: drop it", row.getKey(), generated).isFalse();
        }
    }

    private static Set<String> ids(Set<ZoneId> zones) {
        return zones.stream().map(ZoneId::getId).collect(Collectors.toCollection(TreeSet::new));
    }
}
