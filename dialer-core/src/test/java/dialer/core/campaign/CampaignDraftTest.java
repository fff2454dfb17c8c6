package dialer.core.campaign;

import dialer.core.Invalid;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CampaignDraftTest {

    @Test
    void aSimulatedCampaignNeedsOnlyAName() {
        CampaignDraft d = CampaignDraft.fromJson(new JsonObject().put("name", " Q4 cards ").put("simulatedCallees", true));
        assertThat(d.name()).isEqualTo("Q4 cards");
        assertThat(d.dialMode()).isEqualTo(DialMode.PROGRESSIVE);
        assertThat(d.dialString()).isEqualTo(CampaignDraft.SIMULATED_DIAL_STRING);
        assertThat(d.maxAbandonRate()).isEqualByComparingTo("0.03");
        assertThat(d.holdLimitMs()).isEqualTo(1200);
    }

    @Test
    void amdSettingsDefaultToTheTunedOnesAndEachFieldMayBeChanged() {
        CampaignDraft plain = CampaignDraft.fromJson(new JsonObject().put("name", "x").put("simulatedCallees", true));
        assertThat(plain.amd()).isEqualTo(AmdSettings.TUNED);
        CampaignDraft changed = CampaignDraft.fromJson(new JsonObject().put("name", "x").put("simulatedCallees", true)
                .put("amd", new JsonObject().put("greeting", 3000).put("silenceThreshold", 700)));
        assertThat(changed.amd().greeting()).isEqualTo(3000);
        assertThat(changed.amd().silenceThreshold()).isEqualTo(700);
        assertThat(changed.amd().maximumNumberOfWords()).as("left out: the tuned value")
                .isEqualTo(AmdSettings.TUNED.maximumNumberOfWords());
        assertThat(changed.amd().toDialplan()).as("AMD()'s nine arguments in its order")
                .isEqualTo(AmdSettings.TUNED.initialSilence() + ":3000:" + AmdSettings.TUNED.afterGreetingSilence() + ":"
                        + AmdSettings.TUNED.totalAnalysisTime() + ":" + AmdSettings.TUNED.minimumWordLength() + ":"
                        + AmdSettings.TUNED.betweenWordsSilence() + ":" + AmdSettings.TUNED.maximumNumberOfWords() + ":700:"
                        + AmdSettings.TUNED.maximumWordLength());
        assertThat(AmdSettings.fromStored(changed.amd().toJson().encode())).isEqualTo(changed.amd());
    }

    @Test
    void badAmdSettingsAreRefusedNamingTheField() {
        Invalid e = catchThrowableOfType(Invalid.class, () -> CampaignDraft.fromJson(new JsonObject().put("name", "x")
                .put("simulatedCallees", true).put("amd", new JsonObject().put("greeting", 50).put("silenceThreshold", "loud")
                        .put("maximumNumberOfWords", 2.5).put("beep", 1))));
        assertThat(e.problems()).extracting(Invalid.Problem::field)
                .containsExactlyInAnyOrder("amd.greeting", "amd.silenceThreshold", "amd.maximumNumberOfWords", "amd.beep");
        assertThat(e.getMessage()).contains("amd.greeting: must be between 500 and 10000, was 50");
        Invalid notAnObject = catchThrowableOfType(Invalid.class, () -> CampaignDraft.fromJson(new JsonObject().put("name", "x")
                .put("simulatedCallees", true).put("amd", "aggressive")));
        assertThat(notAnObject.problems()).extracting(Invalid.Problem::field).containsExactly("amd");
    }

    @Test
    void theExpectedAmdFalsePositivesMustLeaveRoomUnderTheCap() {
        CampaignDraft d = CampaignDraft.fromJson(new JsonObject().put("name", "x").put("simulatedCallees", true)
                .put("maxAbandonRate", 0.03).put("amdFalsePositiveRate", 0.01));
        assertThat(d.amdFalsePositiveRate()).isEqualByComparingTo("0.01");
        assertThat(CampaignDraft.fromJson(new JsonObject().put("name", "x").put("simulatedCallees", true)).amdFalsePositiveRate())
                .as("none expected unless said").isZero();
        for (Object bad : new Object[] {0.03, 0.05, -0.01, "1%", 0.0123456}) {
            Invalid e = catchThrowableOfType(Invalid.class, () -> CampaignDraft.fromJson(new JsonObject().put("name", "x")
                    .put("simulatedCallees", true).put("maxAbandonRate", 0.03).put("amdFalsePositiveRate", bad)));
            assertThat(e.problems()).as(String.valueOf(bad)).extracting(Invalid.Problem::field).containsExactly("amdFalsePositiveRate");
        }
        // a cap lowered under the expected false positives is refused: they alone would break it
        Invalid lowered = catchThrowableOfType(Invalid.class, () -> CampaignDraft.fromJson(new JsonObject().put("name", "x")
                .put("simulatedCallees", true).put("maxAbandonRate", 0.008).put("amdFalsePositiveRate", 0.01)));
        assertThat(lowered.getMessage()).contains("below maxAbandonRate (0.008)");
    }

    @Test
    void everyWrongFieldIsNamedAtOnce() {
        Invalid e = catchThrowableOfType(Invalid.class, () -> CampaignDraft.fromJson(new JsonObject()
                .put("name", 7).put("dialMode", "turbo").put("dialString", "PJSIP/trunk")
                .put("defaultRegion", "XX").put("holdLimitMs", 5000).put("maxAbandonRate", 0.04)
                .put("detectMachines", "yes").put("safeHarborPrompt", "../../etc/passwd")));
        assertThat(e.problems()).extracting(Invalid.Problem::field).containsExactlyInAnyOrder(
                "name", "name", "dialMode", "dialString", "defaultRegion", "holdLimitMs", "maxAbandonRate",
                "detectMachines", "safeHarborPrompt");
        assertThat(e.getMessage()).contains("must contain {number}").contains("3%");
    }

    @Test
    void complianceSettingsTightenAPresetAndNameTheirMistakes() {
        CampaignDraft d = CampaignDraft.fromJson(new JsonObject().put("name", "x").put("simulatedCallees", true)
                .put("compliance", new JsonObject().put("preset", "uk").put("maxAttemptsPerDebtorPerDay", 2)
                        .put("callingHours", new JsonObject().put("from", "09:00").put("until", "20:00"))
                        .put("closedDates", new io.vertx.core.json.JsonArray().add("2026-12-24"))));
        assertThat(d.compliance().preset()).isEqualTo("UK");
        assertThat(d.compliance().maxAttemptsPerDebtorPerDay()).isEqualTo(2);
        assertThat(d.compliance().closedDates()).containsExactly(java.time.LocalDate.of(2026, 12, 24));
        assertThat(ComplianceSettings.fromStored(d.compliance().toJson().encode())).isEqualTo(d.compliance());

        Invalid e = catchThrowableOfType(Invalid.class, () -> CampaignDraft.fromJson(new JsonObject().put("name", "x")
                .put("simulatedCallees", true).put("compliance", new JsonObject().put("preset", "XX")
                        .put("callingHours", new JsonObject().put("from", "20:00").put("until", "09:00"))
                        .put("closedDates", new io.vertx.core.json.JsonArray().add("soon")).put("loosen", true))));
        assertThat(e.problems()).extracting(Invalid.Problem::field).containsExactlyInAnyOrder(
                "compliance.preset", "compliance.callingHours", "compliance.closedDates", "compliance.loosen");
    }

    @Test
    void scheduleAndPriorityAreCheckedAndTurnedIntoSql() {
        CampaignDraft d = CampaignDraft.fromJson(new JsonObject().put("name", "x").put("simulatedCallees", true)
                .put("schedule", new JsonObject().put("zone", "America/Chicago").put("days", new io.vertx.core.json.JsonArray().add("MON").add("fri"))
                        .put("from", "09:00").put("until", "18:00"))
                .put("priority", new io.vertx.core.json.JsonArray()
                        .add(new JsonObject().put("field", "broken_promises").put("direction", "desc"))
                        .add(new JsonObject().put("field", "bucket").put("direction", "asc"))));
        assertThat(d.priority().orderBy()).isEqualTo("broken_promises desc, bucket_rank asc, id");
        assertThat(d.schedule().open(java.time.Instant.parse("2026-11-23T16:00:00Z"))).isTrue();   // Monday 10:00 Chicago
        assertThat(d.schedule().open(java.time.Instant.parse("2026-11-24T16:00:00Z"))).isFalse();  // Tuesday
        assertThat(d.schedule().open(java.time.Instant.parse("2026-11-23T01:00:00Z"))).isFalse();  // Sunday evening
        Invalid e = catchThrowableOfType(Invalid.class, () -> CampaignDraft.fromJson(new JsonObject().put("name", "x")
                .put("simulatedCallees", true).put("priority", new io.vertx.core.json.JsonArray()
                        .add(new JsonObject().put("field", "name; drop table debtor")))
                .put("schedule", new JsonObject().put("zone", "Mars/Olympus"))));
        assertThat(e.problems()).extracting(Invalid.Problem::field).contains("priority", "schedule.zone", "schedule.days");
    }

    @Test
    void theDialStringTakesTheNumberWithoutItsPlus() {
        Campaign c = new Campaign(1, "x", DialMode.PREDICTIVE, CampaignStatus.STOPPED, "PJSIP/{number}@trunk", null, "US",
                25, true, 1200, null, 5, new java.math.BigDecimal("0.03"), false, ComplianceSettings.US, null, null, PriorityOrder.DEFAULT, 3, 120, java.time.Instant.EPOCH);
        assertThat(c.dialStringFor("+12125550110")).isEqualTo("PJSIP/12125550110@trunk");
    }
}
