package dialer.core.script;

import dialer.core.Invalid;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Scripts as written (each 400 naming its field), chosen (closest fit first), and filled (no full number, ever). */
class ScriptsTest {

    private static Invalid refused(JsonObject json) {
        try {
            ScriptDraft.fromJson(1, json);
        } catch (Invalid e) {
            return e;
        }
        throw new AssertionError("accepted " + json);
    }

    private static JsonObject valid() {
        return new JsonObject().put("name", "Hardship plan").put("segment", "hardship").put("situation", "RIGHT_PARTY")
                .put("steps", new JsonArray().add(new JsonObject().put("title", "Open").put("text", "Hello {{debtor.firstName}}")))
                .put("disclosures", new JsonArray().add(new JsonObject().put("id", "mini-miranda").put("text", "This is {{campaign.name}}.")));
    }

    @Test
    void aScriptIsReadAndEachWrongFieldIsNamed() {
        CallScript s = ScriptDraft.fromJson(3, valid());
        assertThat(s.segment()).isEqualTo("hardship");
        assertThat(s.situation()).isEqualTo(Situation.RIGHT_PARTY);
        assertThat(s.disclosures()).singleElement().satisfies(d -> assertThat(d.required()).as("required unless said").isTrue());
        assertThat(ScriptDraft.fromJson(3, ScriptDraft.toJson(s))).isEqualTo(s);

        assertThat(refused(valid().put("segment", "rich")).problems()).extracting(Invalid.Problem::field).containsExactly("segment");
        assertThat(refused(valid().put("situation", "ANGRY")).problems()).extracting(Invalid.Problem::field).containsExactly("situation");
        assertThat(refused(valid().put("steps", new JsonArray())).problems()).extracting(Invalid.Problem::field).containsExactly("steps");
        assertThat(refused(valid().put("steps", new JsonArray().add(new JsonObject().put("title", "x").put("text", "Call {{debtor.phone}}"))))
                .problems()).extracting(Invalid.Problem::field).containsExactly("steps[0].text");
        assertThat(refused(valid().put("disclosures", new JsonArray().add(new JsonObject().put("id", "A B").put("text", "t"))))
                .problems()).extracting(Invalid.Problem::field).containsExactly("disclosures[0].id");
        assertThat(refused(valid().put("disclosures", new JsonArray().add(new JsonObject().put("id", "a").put("text", "t"))
                .add(new JsonObject().put("id", "a").put("text", "u")))).problems()).extracting(Invalid.Problem::field)
                .containsExactly("disclosures[1].id");
        assertThat(refused(valid().remove("name") == null ? valid() : valid().put("name", "")).problems())
                .extracting(Invalid.Problem::field).containsExactly("name");
        assertThat(refused(valid().put("priority", 1.5)).problems()).extracting(Invalid.Problem::field).containsExactly("priority");
    }

    @Test
    void theClosestScriptWinsThenPriorityThenTheOldest() {
        CallScript any = script(1L, null, null, 0);
        CallScript rightParty = script(2L, null, Situation.RIGHT_PARTY, 0);
        CallScript hardship = script(3L, "hardship", null, 0);
        CallScript hardshipRightParty = script(4L, "hardship", Situation.RIGHT_PARTY, 0);
        CallScript hardshipRightPartyLater = script(5L, "hardship", Situation.RIGHT_PARTY, 0);
        CallScript urgent = script(6L, null, Situation.RIGHT_PARTY, 5);
        List<CallScript> all = List.of(any, rightParty, hardship, hardshipRightParty, hardshipRightPartyLater, urgent);
        assertThat(ScriptChooser.choose(all, "hardship", Situation.RIGHT_PARTY)).contains(hardshipRightParty);
        assertThat(ScriptChooser.choose(all, "hardship", Situation.THIRD_PARTY)).contains(hardship);
        assertThat(ScriptChooser.choose(all, "avoider", Situation.RIGHT_PARTY)).contains(urgent);
        assertThat(ScriptChooser.choose(all, "avoider", Situation.HARDSHIP)).contains(any);
        assertThat(ScriptChooser.choose(List.of(rightParty), "avoider", Situation.HARDSHIP)).isEmpty();
        assertThat(ScriptChooser.defaultSituation(2)).isEqualTo(Situation.BROKEN_PROMISE);
        assertThat(ScriptChooser.defaultSituation(0)).isEqualTo(Situation.RIGHT_PARTY);
    }

    @Test
    void theShippedScriptsFitEverySegmentAndSituationAndCarryTheMiniMirandaUnderAUsPreset() {
        List<CallScript> us = DefaultScripts.forCampaign(1, "US-MA");
        for (String segment : ScriptDraft.SEGMENTS) {
            for (Situation situation : Situation.values()) {
                CallScript chosen = ScriptChooser.choose(us, segment, situation).orElseThrow();
                boolean toTheDebtor = situation != Situation.THIRD_PARTY;
                assertThat(chosen.disclosures().stream().anyMatch(d -> d.id().equals("mini-miranda") && d.required()))
                        .as(segment + "/" + situation).isEqualTo(toTheDebtor);
                for (CallScript.Step step : chosen.steps()) {
                    assertThat(ScriptFields.unknown(step.text())).isEmpty();
                }
            }
        }
        assertThat(ScriptChooser.choose(us, "hardship", Situation.RIGHT_PARTY).orElseThrow().name()).isEqualTo("Right party: hardship");
        assertThat(ScriptChooser.choose(us, "standard", Situation.RIGHT_PARTY).orElseThrow().name()).isEqualTo("Right party");
        assertThat(DefaultScripts.forCampaign(1, "UK")).allSatisfy(s -> assertThat(s.disclosures()).isEmpty());
        // with a third party nothing of the debt is said (15 U.S.C. 1692b, 1692c(b)): no amount, no promise, no bucket
        CallScript third = ScriptChooser.choose(us, "avoider", Situation.THIRD_PARTY).orElseThrow();
        String said = String.join(" ", third.steps().stream().map(CallScript.Step::text).toList());
        assertThat(said).doesNotContain("{{overdue.", "{{promise", "{{payment.", "{{campaign.name}}");
    }

    @Test
    void fieldsAreFilledAndAMissingOneSaysSo() {
        Map<String, String> values = ScriptFields.values();
        values.put("debtor.firstName", "Dee");
        values.put("overdue.total", "1200.00");
        assertThat(ScriptFields.fill("Hi {{debtor.firstName}}, {{ overdue.total }} is due; last paid {{payment.lastDate}}.", values))
                .isEqualTo("Hi Dee, 1200.00 is due; last paid (not known).");
        assertThat(ScriptFields.fill("cost $5 {{debtor.firstName}} \\o/", values)).isEqualTo("cost $5 Dee \\o/");
        assertThat(ScriptFields.unknown("{{debtor.ssn}} {{debtor.name}} {{phone}}")).containsExactly("debtor.ssn", "phone");
        assertThat(ScriptFields.NAMES).noneMatch(n -> n.equals("phone") || n.equals("phone.number") || n.equals("debtor.phone"));
    }

    private static CallScript script(Long id, String segment, Situation situation, int priority) {
        return new CallScript(id, 1, "s" + id, segment, situation, List.of(new CallScript.Step("t", "x")), List.of(), priority);
    }
}
