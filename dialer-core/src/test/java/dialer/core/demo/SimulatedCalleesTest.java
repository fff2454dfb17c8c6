package dialer.core.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedCalleesTest {

    @Test
    void theLastDigitChoosesTheBehaviour() {
        assertThat(SimulatedCallees.variablesFor("+12125550110")).containsEntry("SIM_OUTCOME", "human")
                .containsEntry("SIM_TALK", "25").containsEntry("SIM_RING", "2");
        assertThat(SimulatedCallees.variablesFor("+12125550134")).containsEntry("SIM_OUTCOME", "machine");
        assertThat(SimulatedCallees.variablesFor("+12125550146")).containsEntry("SIM_OUTCOME", "busy");
        assertThat(SimulatedCallees.variablesFor("+12125550157")).containsEntry("SIM_OUTCOME", "noanswer");
        assertThat(SimulatedCallees.variablesFor("+12125550108")).containsEntry("SIM_TALK", "4");
        assertThat(SimulatedCallees.variablesFor("+12125550169")).containsEntry("SIM_OUTCOME", "unallocated");
    }

    @Test
    void theDemoDialsWhereItIsDaytimeAndKeepsATenthWhereItIsNight() {
        java.time.Instant now = java.time.Instant.parse("2026-11-23T15:00:00Z"); // 15:00 London, 23:00 Shanghai
        assertThat(DemoSetup.daytime(now).zone().getId()).isEqualTo("Europe/London");
        DemoSetup.Region night = DemoSetup.nighttime(now);
        assertThat(night.preset()).isIn("IN", "CN", "AU");
        java.time.Instant later = java.time.Instant.parse("2026-11-23T04:00:00Z"); // 15:00 Sydney, 12:00 Shanghai
        assertThat(DemoSetup.daytime(later).preset()).isEqualTo("AU");
        java.time.Instant evening = java.time.Instant.parse("2026-11-23T19:00:00Z"); // 14:00 New York, 13:00 Chicago
        assertThat(DemoSetup.daytime(evening).zone().getId()).isEqualTo("America/New_York");
    }

    @Test
    void theDemoListIsValidAndMixed() {
        java.time.Instant now = java.time.Instant.parse("2026-11-23T15:00:00Z");
        String csv = DemoSetup.demoCsv(42, DemoSetup.daytime(now), DemoSetup.nighttime(now), now);
        String[] lines = csv.split("\n");
        assertThat(lines).hasSize(DemoSetup.LEADS + 1);
        assertThat(lines[0]).startsWith("id,name,phone,amount,days_overdue,phone_type,consent_source,consent_given");
        long people = java.util.Arrays.stream(lines).skip(1).map(l -> l.split(",")[2])
                .filter(p -> "human".equals(SimulatedCallees.variablesFor(p).get("SIM_OUTCOME"))).count();
        assertThat(people).isBetween(120L, 280L);
        for (String line : java.util.Arrays.copyOfRange(lines, 1, lines.length)) {
            assertThat(dialer.core.lead.PhoneNormalizer.normalize(line.split(",")[2], "US").ok()).as(line).isTrue();
            assertThat(line).contains(",OWN_MOBILE,credit agreement,");
        }
    }
}
