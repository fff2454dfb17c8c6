package dialer.core.http;

import dialer.core.agent.Agent;
import dialer.core.call.AttemptView;
import dialer.core.campaign.Campaign;
import dialer.core.engine.AgentStatus;
import dialer.core.lead.ImportReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** How the API writes its objects. Explicit, so the wire format changes only on purpose. */
final class Json {

    private Json() {
    }

    static JsonObject campaign(Campaign c) {
        return new JsonObject()
                .put("id", c.id())
                .put("name", c.name())
                .put("dialMode", c.dialMode().name())
                .put("status", c.status().name())
                .put("dialString", c.dialString())
                .put("callerId", c.callerId())
                .put("defaultRegion", c.defaultRegion())
                .put("ringTimeoutSeconds", c.ringTimeoutSeconds())
                .put("detectMachines", c.detectMachines())
                .put("holdLimitMs", c.holdLimitMs())
                .put("safeHarborPrompt", c.safeHarborPrompt())
                .put("maxAttempts", c.maxAttempts())
                .put("maxAbandonRate", c.maxAbandonRate().doubleValue())
                .put("simulatedCallees", c.simulatedCallees())
                .put("compliance", c.compliance().toJson())
                .put("ownListId", c.ownListId())
                .put("schedule", c.schedule() == null ? null : c.schedule().toJson())
                .put("priority", c.priority().toJson())
                .put("maxAttemptsPerNumber", c.maxAttemptsPerNumber())
                .put("wrapUpLimitSeconds", c.wrapUpLimitSeconds())
                .put("createdAt", time(c.createdAt()));
    }

    static JsonObject agent(Agent a, AgentStatus status) {
        return new JsonObject()
                .put("id", a.id())
                .put("name", a.name())
                .put("extension", a.extension())
                .put("phone", a.phone())
                .put("pbx", a.pbx())
                .put("simulated", a.simulated())
                .put("session", status == null ? null : session(status));
    }

    static JsonObject session(AgentStatus s) {
        return new JsonObject()
                .put("agentId", s.agentId())
                .put("campaignId", s.campaignId())
                .put("state", s.state().name())
                .put("since", time(s.since()))
                .put("pauseReason", s.pauseReason())
                .put("attemptId", s.attemptId())
                .put("debtorId", s.debtorId())
                .put("previewLeadId", s.previewLeadId())
                .put("wrapUpEndsAt", time(s.wrapUpEndsAt()))
                .put("manual", s.manual());
    }

    static JsonObject attempt(AttemptView a) {
        return new JsonObject()
                .put("id", a.id())
                .put("campaignId", a.campaignId())
                .put("leadId", a.leadId())
                .put("debtorId", a.debtorId())
                .put("debtorExternalId", a.debtorExternalId())
                .put("phone", a.phone())
                .put("state", a.state())
                .put("outcome", a.outcome())
                .put("agentId", a.agentId())
                .put("detail", a.detail())
                .put("hangupCause", a.hangupCause())
                .put("originatedAt", time(a.originatedAt()))
                .put("answeredAt", time(a.answeredAt()))
                .put("connectedAt", time(a.connectedAt()))
                .put("endedAt", time(a.endedAt()))
                .put("safeHarbor", a.safeHarbor())
                .put("callPath", a.callPath())
                .put("disposition", a.disposition() == null ? null : new JsonObject()
                        .put("code", a.disposition()).put("kind", a.dispositionKind()).put("note", a.note()));
    }

    static JsonObject importReport(ImportReport r) {
        return new JsonObject()
                .put("batchId", r.batchId())
                .put("rows", r.rows())
                .put("accepted", r.accepted())
                .put("newDebtors", r.newDebtors())
                .put("merged", r.merged())
                .put("newLeads", r.newLeads())
                .put("updatedLeads", r.updatedLeads())
                .put("rejectedCount", r.rejectedCount())
                .put("rejected", lines(r.rejected()))
                .put("rejectedListComplete", r.rejected().size() == r.rejectedCount())
                .put("warningCount", r.warningCount())
                .put("warnings", lines(r.warnings()))
                .put("unknownColumns", new JsonArray(r.unknownColumns()));
    }

    private static JsonArray lines(java.util.List<ImportReport.Rejection> list) {
        JsonArray out = new JsonArray();
        list.forEach(x -> out.add(new JsonObject().put("line", x.line()).put("reason", x.reason())));
        return out;
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
