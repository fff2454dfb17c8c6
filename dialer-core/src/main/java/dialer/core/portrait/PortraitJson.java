package dialer.core.portrait;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/** The portrait as the API and the screen pop send it (amounts as strings, times ISO-8601, numbers masked). */
public final class PortraitJson {

    private PortraitJson() {
    }

    public static JsonObject of(Portrait p) {
        return new JsonObject()
                .put("debtorId", p.debtorId())
                .put("asOf", p.asOf().toString())
                .put("campaignId", p.campaignId())
                .put("zone", p.zone())
                .put("segment", new JsonObject().put("name", p.segment().name()).put("reasons", new JsonArray(p.segment().reasons()))
                        .put("rules", p.campaignRules() ? "campaign" : "defaults"))
                .put("overdue", new JsonObject()
                        .put("total", money(p.overdue().total()))
                        .put("oldestDaysOverdue", p.overdue().oldestDaysOverdue())
                        .put("accounts", array(p.overdue().accounts(), a -> new JsonObject()
                                .put("id", a.id()).put("ref", a.ref()).put("product", a.product())
                                .put("amountOverdue", money(a.amountOverdue())).put("daysOverdue", a.daysOverdue())
                                .put("bucket", a.bucket()).put("flags", new JsonArray(a.flags())))))
                .put("bucket", new JsonObject()
                        .put("worst", p.buckets().worst())
                        .put("trend", p.buckets().trend())
                        .put("trendDays", PortraitFigures.TREND_DAYS)
                        .put("everCured", p.buckets().everCured())
                        .put("recentChanges", array(p.buckets().recent(), b -> new JsonObject()
                                .put("accountId", b.accountId()).put("from", b.from()).put("to", b.to()).put("at", b.at().toString()))))
                .put("payments", new JsonObject()
                        .put("lastPaidOn", p.payments().lastPaidOn() == null ? null : p.payments().lastPaidOn().toString())
                        .put("lastAmount", money(p.payments().lastAmount()))
                        .put("paidLast90Days", money(p.payments().paid90Days()))
                        .put("countLast90Days", p.payments().count90Days())
                        .put("smallLast90Days", p.payments().small90Days())
                        .put("countEver", p.payments().countEver()))
                .put("promises", new JsonObject()
                        .put("made", p.promises().made()).put("open", p.promises().open()).put("kept", p.promises().kept())
                        .put("broken", p.promises().broken()).put("cancelled", p.promises().cancelled())
                        .put("partial", p.promises().partial()).put("brokenInARow", p.promises().brokenInARow()))
                .put("contacts", contacts(p.contacts()))
                .put("bestHours", new JsonObject()
                        .put("hours", array(p.bestHours().hours(), h -> new JsonObject().put("hour", h.hour())
                                .put("chance", Math.round(h.chance() * 10_000) / 10_000.0).put("ownAttempts", h.ownAttempts())
                                .put("ownRightPartyContacts", h.ownRightPartyContacts())))
                        .put("listAttempts", p.bestHours().listAttempts())
                        .put("listAsOf", p.bestHours().listAsOf() == null ? null : p.bestHours().listAsOf().toString()))
                .put("flags", new JsonObject().put("debtor", new JsonArray(p.debtorFlags()))
                        .put("accounts", array(p.overdue().accounts().stream().filter(a -> !a.flags().isEmpty()).toList(),
                                a -> new JsonObject().put("accountId", a.id()).put("ref", a.ref()).put("flags", new JsonArray(a.flags())))));
    }

    private static JsonObject contacts(Portrait.Contacts c) {
        Portrait.LastConversation last = c.last();
        return new JsonObject()
                .put("attempts", c.attempts())
                .put("rightPartyContacts", c.rightPartyContacts())
                .put("conversations", c.conversations())
                .put("byNumber", array(c.byNumber(), n -> new JsonObject().put("phoneId", n.phoneId()).put("number", n.number())
                        .put("type", n.type()).put("attempts", n.attempts()).put("conversations", n.conversations())
                        .put("rightPartyContacts", n.rightPartyContacts())))
                .put("byLocalHour", array(c.byLocalHour(), h -> new JsonObject().put("hour", h.hour()).put("attempts", h.attempts())
                        .put("conversations", h.conversations()).put("rightPartyContacts", h.rightPartyContacts())))
                .put("lastConversation", last == null ? null : new JsonObject().put("at", last.at().toString())
                        .put("localTime", last.localTime()).put("number", last.number()).put("agent", last.agent())
                        .put("disposition", last.disposition()));
    }

    private static String money(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    private static <T> JsonArray array(List<T> list, Function<T, JsonObject> f) {
        JsonArray out = new JsonArray();
        list.forEach(x -> out.add(f.apply(x)));
        return out;
    }
}
