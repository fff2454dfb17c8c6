package dialer.core.http;

import dialer.core.agent.Agent;
import dialer.core.auth.User;
import dialer.core.call.AttemptView;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignStore;
import dialer.core.engine.AgentStatus;
import dialer.core.engine.DialerEngine;
import dialer.core.history.DebtorHistory;
import dialer.core.lead.CallbackStore;
import dialer.core.lead.ContactList;
import dialer.core.lead.DebtorStore;
import dialer.core.lead.ImportReport;
import dialer.core.lead.LeadStore;
import dialer.core.lead.ListStore;
import dialer.core.lead.PromiseStore;
import dialer.core.live.CampaignFigures;
import dialer.core.live.ScreenPop;
import dialer.core.report.AbandonmentStats;
import dialer.pacing.estimate.Tally;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * How the API writes its objects. Explicit, so the wire format changes only on purpose. The few
 * that the live pages show as well (a campaign's disposition set, a debtor's file) are public.
 */
public final class Json {

    private Json() {
    }

    static JsonObject campaign(Campaign c) {
        return new JsonObject()
                .put("id", c.id())
                .put("name", c.name())
                .put("dialMode", c.dialMode().name())
                .put("status", c.status().name())
                .put("dialString", c.dialString())
                .put("trunk", c.trunk())
                .put("callerId", c.callerId())
                .put("defaultRegion", c.defaultRegion())
                .put("ringTimeoutSeconds", c.ringTimeoutSeconds())
                .put("detectMachines", c.detectMachines())
                .put("holdLimitMs", c.holdLimitMs())
                .put("safeHarborPrompt", c.safeHarborPrompt())
                .put("maxAttempts", c.maxAttempts())
                .put("maxAbandonRate", c.maxAbandonRate().doubleValue())
                .put("amdFalsePositiveRate", c.amdFalsePositiveRate().doubleValue())
                .put("amd", c.amd().toJson())
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
        return agent(a, status, null);
    }

    /** An agent; with its phone account (SIP user name, never the password), when the dialer made one. */
    static JsonObject agent(Agent a, AgentStatus status, dialer.core.phone.PhoneAccount phone) {
        return new JsonObject()
                .put("id", a.id())
                .put("name", a.name())
                .put("extension", a.extension())
                .put("phone", a.phone())
                .put("pbx", a.pbx())
                .put("simulated", a.simulated())
                .put("phoneType", phone == null ? dialer.core.phone.PhoneType.DIAL_STRING.name() : phone.type().name())
                .put("sipUsername", phone == null ? null : phone.username())
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
                .put("manual", s.manual())
                .put("logOutAfterCall", s.logOutAfterCall())
                .put("inbound", s.inbound());
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

    private static JsonArray lines(List<ImportReport.Rejection> list) {
        JsonArray out = new JsonArray();
        list.forEach(x -> out.add(new JsonObject().put("line", x.line()).put("reason", x.reason())));
        return out;
    }

    static JsonObject lead(LeadStore.CampaignLead l) {
        return new JsonObject()
                .put("id", l.id())
                .put("debtorId", l.debtorId())
                .put("debtorExternalId", l.debtorExternalId())
                .put("state", l.state())
                .put("attempts", l.attempts())
                .put("nextCallAt", time(l.nextCallAt()))
                .put("lastOutcome", l.lastOutcome())
                .put("blockedReason", l.blockedReason())
                .put("amountOverdue", l.amountOverdue().toPlainString())
                .put("daysOverdue", l.daysOverdue());
    }

    static JsonObject contactList(ContactList l) {
        return new JsonObject().put("id", l.id()).put("name", l.name()).put("defaultRegion", l.defaultRegion())
                .put("mapping", l.mapping().toJson());
    }

    static JsonObject listSummary(ListStore.ListSummary s) {
        return contactList(s.list()).put("debtors", s.debtors()).put("campaigns", new JsonArray(s.campaigns()));
    }

    static JsonObject historyEntry(DebtorHistory.Entry e) {
        return new JsonObject()
                .put("id", e.id())
                .put("at", time(e.at()))
                .put("kind", e.kind())
                .put("campaignId", e.campaignId())
                .put("attemptId", e.attemptId())
                .put("agentId", e.agentId())
                .put("summary", e.summary())
                .put("data", new JsonObject(e.data()));
    }

    /** A campaign's disposition set, as the API and the agent's console show it. */
    public static JsonArray dispositions(List<CampaignStore.Disposition> set) {
        return array(set, Json::disposition);
    }

    static JsonObject disposition(CampaignStore.Disposition d) {
        return new JsonObject()
                .put("code", d.code())
                .put("label", d.label())
                .put("kind", d.kind())
                .put("isContact", d.isContact())
                .put("isRightParty", d.isRightParty())
                .put("isFinal", d.isFinal())
                .put("marksNumberInvalid", d.marksNumberInvalid())
                .put("addsToDnc", d.addsToDnc())
                .put("needsPromise", d.needsPromise())
                .put("needsCallback", d.needsCallback())
                .put("retryMinutes", d.retryMinutes());
    }

    /** Abandonment against the cap: today (with its zone) and the rolling 30 days. */
    static JsonObject abandonment(AbandonmentStats.Abandonment a) {
        return new JsonObject()
                .put("cap", a.cap())
                .put("amdFalsePositiveRate", a.amdFalsePositiveRate())
                .put("today", window(a.today()).put("zone", a.zone().getId())
                        .put("withAmdFalsePositives", a.withAmdFalsePositives(a.today())))
                .put("rolling30Days", window(a.rolling30Days()).put("withAmdFalsePositives", a.withAmdFalsePositives(a.rolling30Days())));
    }

    private static JsonObject window(AbandonmentStats.Window w) {
        return new JsonObject().put("liveAnswered", w.liveAnswered()).put("abandoned", w.abandoned()).put("rate", w.rate());
    }

    /** Today's connect delays of a campaign. */
    public static JsonObject connectDelays(CampaignFigures.ConnectDelays d) {
        return new JsonObject()
                .put("connected", d.connected())
                .put("p50Ms", d.p50())
                .put("p99Ms", d.p99())
                .put("maxMs", d.max())
                .put("overTwoSeconds", d.overTwoSeconds());
    }

    /** A campaign's figures, as the supervisor's dashboard shows them. */
    public static JsonObject figures(CampaignFigures.Figures f) {
        CampaignFigures.Today t = f.today();
        return new JsonObject()
                .put("zone", f.zone().getId())
                .put("abandonment", abandonment(f.abandonment()))
                .put("today", new JsonObject()
                        .put("placed", t.placed())
                        .put("liveAnswered", t.liveAnswered())
                        .put("contacts", t.contacts())
                        .put("rightPartyContacts", t.rightPartyContacts())
                        .put("contactRate", t.contactRate())
                        .put("rightPartyRate", t.rightPartyRate())
                        .put("promises", t.promises())
                        .put("promisedAmount", t.promisedAmount().toPlainString()))
                .put("connectDelay", connectDelays(f.connects()))
                .put("complianceBlocks", array(f.complianceBlocks(), b -> new JsonObject()
                        .put("rule", b.rule()).put("count", b.count())))
                .put("lastHour", array(f.lastHour(), m -> new JsonObject()
                        .put("minute", time(m.minute()))
                        .put("placed", m.placed())
                        .put("connected", m.connected())
                        .put("abandoned", m.abandoned())
                        .put("promises", m.promises())));
    }

    /** A debtor's file, as the API shows it. */
    public static JsonObject debtor(DebtorStore.DebtorFile d) {
        return debtor(d, true);
    }

    /** {@code custom}: with the creditor's own columns (not on the agent's screen pop: they may hold anything). */
    private static JsonObject debtor(DebtorStore.DebtorFile d, boolean custom) {
        JsonObject json = new JsonObject()
                .put("id", d.id())
                .put("externalId", d.externalId())
                .put("name", d.name())
                .put("timeZone", d.timeZone())
                .put("flags", new JsonArray(d.flags()));
        if (custom) {
            json.put("custom", new JsonObject(d.custom()));
        }
        return json
                .put("brokenPromises", d.brokenPromises())
                .put("accounts", array(d.accounts(), a -> new JsonObject()
                        .put("id", a.id())
                        .put("ref", a.ref())
                        .put("product", a.product())
                        .put("amountOverdue", a.amountOverdue().toPlainString())
                        .put("daysOverdue", a.daysOverdue())
                        .put("bucket", a.bucket())
                        .put("creditorRef", a.creditorRef())
                        .put("flags", new JsonArray(a.flags()))))
                .put("phones", array(d.phones(), Json::phone))
                .put("addresses", array(d.addresses(), a -> new JsonObject()
                        .put("line1", a.line1())
                        .put("city", a.city())
                        .put("state", a.state())
                        .put("postalCode", a.postalCode())
                        .put("country", a.country())
                        .put("primary", a.primary())))
                .put("promises", array(d.promises(), Json::debtorPromise))
                .put("callbacks", array(d.callbacks(), b -> new JsonObject()
                        .put("id", b.id())
                        .put("dueAt", time(b.dueAt()))
                        .put("zone", b.zone())
                        .put("ownerAgentId", b.ownerAgentId())
                        .put("status", b.status())
                        .put("note", b.note())
                        .put("campaignId", b.campaignId())));
    }

    private static JsonObject phone(DebtorStore.Phone p) {
        return new JsonObject()
                .put("id", p.id())
                .put("number", p.number())
                .put("type", p.type())
                .put("relationship", p.relationship())
                .put("status", p.status())
                .put("attempts", p.attempts())
                .put("lastOutcome", p.lastOutcome())
                .put("lastAttemptAt", time(p.lastAttemptAt()))
                .put("consent", p.consent() == null ? null : new JsonObject()
                        .put("source", p.consent().source()).put("expiresAt", time(p.consent().expiresAt())));
    }

    private static JsonObject debtorPromise(DebtorStore.Promise p) {
        return new JsonObject()
                .put("id", p.id())
                .put("amount", p.amount().toPlainString())
                .put("dueDate", p.dueDate().toString())
                .put("status", p.status())
                .put("paidAmount", p.paidAmount().toPlainString())
                .put("agentId", p.agentId())
                .put("campaignId", p.campaignId())
                .put("createdAt", time(p.createdAt()));
    }

    /** What the agent's console shows of the debtor on the line. */
    public static JsonObject screenPop(ScreenPop.Pop p) {
        return new JsonObject()
                .put("debtor", debtor(p.debtor(), false))
                .put("dialed", p.dialed() == null ? null : phone(p.dialed()))
                .put("totalOverdue", p.totalOverdue().toPlainString())
                .put("maxDaysOverdue", p.maxDaysOverdue())
                .put("earlierAttempts", array(p.earlierAttempts(), a -> new JsonObject()
                        .put("attemptId", a.attemptId())
                        .put("at", time(a.at()))
                        .put("number", a.number())
                        .put("outcome", a.outcome())
                        .put("path", a.path())
                        .put("disposition", a.disposition())
                        .put("dispositionLabel", a.dispositionLabel())
                        .put("note", a.note())
                        .put("agent", a.agent())))
                .put("notes", array(p.notes(), n -> new JsonObject()
                        .put("at", time(n.at()))
                        .put("agent", n.agent())
                        .put("note", n.note())))
                .put("openPromises", array(p.openPromises(), Json::debtorPromise))
                .put("brokenPromises", array(p.brokenPromises(), Json::debtorPromise));
    }

    static JsonObject user(User u) {
        return new JsonObject().put("id", u.id()).put("username", u.username()).put("displayName", u.displayName())
                .put("role", u.role().name()).put("agentId", u.agentId())
                .put("campaigns", new JsonArray(u.campaigns().stream().sorted().toList())).put("active", u.active());
    }

    static JsonObject auditEntry(CampaignStore.AuditEntry e) {
        return new JsonObject()
                .put("id", e.id())
                .put("actor", e.actor())
                .put("change", e.change())
                .put("reason", e.reason())
                .put("changedAt", time(e.changedAt()));
    }

    static JsonObject promise(PromiseStore.Promise p) {
        return new JsonObject()
                .put("id", p.id())
                .put("debtorId", p.debtorId())
                .put("externalId", p.externalId())
                .put("amount", p.amount().toPlainString())
                .put("dueDate", p.dueDate().toString())
                .put("status", p.status())
                .put("paidAmount", p.paidAmount().toPlainString())
                .put("agentId", p.agentId())
                .put("campaignId", p.campaignId())
                .put("createdAt", time(p.createdAt()))
                .put("settledAt", time(p.settledAt()));
    }

    static JsonObject callback(CallbackStore.Callback cb) {
        return new JsonObject()
                .put("id", cb.id())
                .put("debtorId", cb.debtorId())
                .put("externalId", cb.externalId())
                .put("campaignId", cb.campaignId())
                .put("dueAt", time(cb.dueAt()))
                .put("zone", cb.zone())
                .put("ownerAgentId", cb.ownerAgentId())
                .put("status", cb.status())
                .put("note", cb.note())
                .put("attemptId", cb.attemptId());
    }

    /** What a running campaign's pacer is doing, or null when it is not running. */
    static JsonObject pacing(DialerEngine.PacingState x) {
        return new JsonObject()
                .put("mode", x.mode()).put("callsToPlace", x.callsToPlace()).put("reason", x.reason())
                .put("linesPerAgent", x.linesPerAgent()).put("maxLinesPerAgent", x.maxLinesPerAgent())
                .put("warmedUp", x.warmedUp()).put("target", x.target())
                .put("counted", new JsonObject().put("today", counted(x.countedToday()))
                        .put("rolling30Days", counted(x.countedRolling())));
    }

    private static JsonObject counted(Tally t) {
        return new JsonObject().put("liveAnswered", t.liveAnswered()).put("abandoned", t.abandoned());
    }

    /** Many of one kind, in order. */
    static <T> JsonArray array(List<T> list, Function<T, JsonObject> each) {
        return new JsonArray(list.stream().map(each).toList());
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
