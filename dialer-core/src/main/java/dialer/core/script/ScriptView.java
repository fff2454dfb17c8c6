package dialer.core.script;

import dialer.core.NotFound;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignStore;
import dialer.core.portrait.Portrait;
import dialer.core.portrait.PortraitReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The script the agent of a call sees: chosen by the debtor's segment (from the portrait) and the
 * call's situation, with the debtor's fields filled in and, for each disclosure, whether and when
 * it was read on this call. Runs in the caller's transaction.
 */
public final class ScriptView {

    private static final String ATTEMPT = """
            select a.campaign_id, a.debtor_id, a.agent_id, a.phone, d.name, ag.name
              from call_attempt a join debtor d on d.id = a.debtor_id left join agent ag on ag.id = a.agent_id where a.id = ?""";
    private static final String LAST_PROMISE = """
            select amount, due_date from promise where debtor_id = ? order by created_at desc, id desc limit 1""";

    private final ScriptStore scripts = new ScriptStore();
    private final CampaignStore campaigns = new CampaignStore();
    private final PortraitReader portraits = new PortraitReader();

    /** A script chosen for a call, with what it was chosen by. */
    public record Chosen(CallScript script, String segment, Situation situation, long debtorId, long agentId,
                         Map<String, String> values) {
    }

    /** {@code situation} null: the call's default (a broken promise if the last one was broken, else the right party). */
    public Chosen choose(Connection c, long attemptId, Situation situation, Instant now) throws SQLException {
        long campaignId;
        long debtorId;
        Long agentId;
        String phone;
        String debtorName;
        String agentName;
        try (PreparedStatement ps = c.prepareStatement(ATTEMPT)) {
            ps.setLong(1, attemptId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("attempt " + attemptId);
                }
                campaignId = rs.getLong(1);
                debtorId = rs.getLong(2);
                agentId = (Long) rs.getObject(3);
                phone = rs.getString(4);
                debtorName = rs.getString(5);
                agentName = rs.getString(6);
            }
        }
        Campaign campaign = campaigns.get(c, campaignId);
        Portrait portrait = portraits.read(c, debtorId, campaignId, now, null);
        String segment = portrait.segment().name();
        Situation asked = situation != null ? situation : ScriptChooser.defaultSituation(portrait.promises().brokenInARow());
        CallScript script = ScriptChooser.choose(scripts.list(c, campaignId), segment, asked)
                .or(() -> ScriptChooser.choose(DefaultScripts.forCampaign(campaignId, campaign.compliance().preset()), segment, asked))
                .orElseThrow();
        Map<String, String> values = ScriptFields.values();
        values.put("debtor.name", debtorName);
        values.put("debtor.firstName", debtorName == null ? null : debtorName.strip().split("\\s+")[0]);
        values.put("agent.name", agentName);
        values.put("campaign.name", campaign.name());
        values.put("overdue.total", money(portrait.overdue().total()));
        values.put("overdue.days", String.valueOf(portrait.overdue().oldestDaysOverdue()));
        values.put("overdue.bucket", portrait.buckets().worst());
        values.put("overdue.accounts", String.valueOf(portrait.overdue().accounts().size()));
        values.put("promises.broken", String.valueOf(portrait.promises().broken()));
        values.put("promises.brokenInARow", String.valueOf(portrait.promises().brokenInARow()));
        values.put("payment.lastAmount", money(portrait.payments().lastAmount()));
        values.put("payment.lastDate", portrait.payments().lastPaidOn() == null ? null : portrait.payments().lastPaidOn().toString());
        try (PreparedStatement ps = c.prepareStatement(LAST_PROMISE)) {
            ps.setLong(1, debtorId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    values.put("promise.lastAmount", money(rs.getBigDecimal(1)));
                    values.put("promise.lastDueDate", rs.getDate(2).toLocalDate().toString());
                }
            }
        }
        values.put("phone.last4", phone == null || phone.length() < 4 ? null : "…" + phone.substring(phone.length() - 4));
        values.put("segment", segment);
        return new Chosen(script, segment, asked, debtorId, agentId == null ? 0 : agentId, values);
    }

    /** The agent's view: the steps and disclosures filled in, each disclosure with when it was read on this call. */
    public JsonObject json(Connection c, long attemptId, Chosen chosen) throws SQLException {
        Map<String, ScriptStore.DisclosureRead> read = scripts.reads(c, attemptId).stream()
                .collect(Collectors.toMap(ScriptStore.DisclosureRead::disclosureId, r -> r));
        JsonArray steps = new JsonArray();
        chosen.script().steps().forEach(s -> steps.add(new JsonObject().put("title", ScriptFields.fill(s.title(), chosen.values()))
                .put("text", ScriptFields.fill(s.text(), chosen.values()))));
        JsonArray disclosures = new JsonArray();
        for (CallScript.Disclosure d : chosen.script().disclosures()) {
            ScriptStore.DisclosureRead r = read.get(d.id());
            disclosures.add(new JsonObject().put("id", d.id()).put("text", ScriptFields.fill(d.text(), chosen.values()))
                    .put("required", d.required()).put("source", d.source())
                    .put("readAt", r == null ? null : r.at().toString()).put("readBy", r == null ? null : r.agentId()));
        }
        return new JsonObject().put("attemptId", attemptId).put("scriptId", chosen.script().id())
                .put("name", chosen.script().name()).put("shipped", chosen.script().id() == null)
                .put("segment", chosen.segment()).put("situation", chosen.situation().name())
                .put("situations", new JsonArray(List.of(Situation.values()).stream().map(Enum::name).toList()))
                .put("steps", steps).put("disclosures", disclosures);
    }

    /** The disclosure {@code id} of the call's script, as the agent reads it (filled in); null if the script has none such. */
    public static CallScript.Disclosure disclosure(Chosen chosen, String id) {
        return chosen.script().disclosures().stream().filter(d -> d.id().equals(id))
                .map(d -> new CallScript.Disclosure(d.id(), ScriptFields.fill(d.text(), chosen.values()), d.required(), d.source()))
                .findFirst().orElse(null);
    }

    private static String money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
