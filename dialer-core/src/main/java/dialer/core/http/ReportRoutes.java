package dialer.core.http;

import dialer.core.Invalid;
import dialer.core.db.Sql;
import dialer.core.report.RecoveryReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;

/** The daily recovery report, as JSON or as a CSV file. */
final class ReportRoutes {

    private final Sql sql;
    private final RecoveryReport report = new RecoveryReport();

    private final java.time.Clock clock;

    ReportRoutes(Sql sql, java.time.Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/reports/recovery").handler(this::recovery);
        router.get("/api/reports/recovery.csv").handler(this::recoveryCsv);
        new FloorReportRoutes(sql, clock).mount(router);
    }

    /** The day's recovery report as JSON, one line per campaign and per agent in it. */
    private void recovery(RoutingContext ctx) {
        ReportQuery p = params(ctx, clock);
        Responses.reply(ctx, 200, sql.tx(c -> report.daily(c, p.day, p.zone, p.campaignId)).map(lines -> {
            JsonArray out = new JsonArray();
            for (RecoveryReport.Line l : lines) {
                out.add(new JsonObject().put("date", p.day.toString()).put("campaignId", l.campaignId())
                        .put("campaign", l.campaign()).put("agentId", l.agentId()).put("agent", l.agent())
                        .put("attempts", l.attempts()).put("contacts", l.contacts())
                        .put("rightPartyContacts", l.rightPartyContacts()).put("promises", l.promises())
                        .put("promisedAmount", l.promisedAmount().toPlainString()).put("kept", l.kept())
                        .put("broken", l.broken()).put("collected", l.collected().toPlainString()));
            }
            return out;
        }));
    }

    /** The same report as a CSV file. */
    private void recoveryCsv(RoutingContext ctx) {
        ReportQuery p = params(ctx, clock);
        sql.tx(c -> RecoveryReport.csv(report.daily(c, p.day, p.zone, p.campaignId), p.day))
                .onSuccess(csv -> ctx.response().putHeader("content-type", "text/csv; charset=utf-8")
                        .putHeader("content-disposition", "attachment; filename=\"recovery-" + p.day + ".csv\"").end(csv))
                .onFailure(e -> Responses.error(ctx, e));
    }

    private record ReportQuery(LocalDate day, ZoneId zone, Long campaignId) {
    }

    private static ReportQuery params(RoutingContext ctx, java.time.Clock clock) {
        dialer.core.auth.User u = dialer.core.auth.Access.require(ctx, dialer.core.auth.Role.ADMIN, dialer.core.auth.Role.SUPERVISOR);
        ZoneId zone;
        try {
            String z = ctx.request().getParam("zone");
            zone = z == null ? ZoneId.of("UTC") : ZoneId.of(z);
        } catch (DateTimeException e) {
            throw Invalid.of("zone", "must be a time zone such as America/New_York");
        }
        LocalDate day;
        try {
            String d = ctx.request().getParam("date");
            day = d == null ? LocalDate.now(clock.withZone(zone)) : LocalDate.parse(d);
        } catch (DateTimeException e) {
            throw Invalid.of("date", "must be a date such as 2026-11-22");
        }
        Long campaignId = Params.optionalId(ctx, "campaignId");
        if (!u.admin()) {
            if (campaignId == null) {
                throw Invalid.of("campaignId", "is required: a campaign you supervise");
            }
            dialer.core.auth.Access.supervisorOf(ctx, campaignId);
        }
        return new ReportQuery(day, zone, campaignId);
    }
}
