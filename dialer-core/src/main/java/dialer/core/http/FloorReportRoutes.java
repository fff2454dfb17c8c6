package dialer.core.http;

import dialer.core.Invalid;
import dialer.core.auth.Access;
import dialer.core.auth.Role;
import dialer.core.auth.User;
import dialer.core.db.Sql;
import dialer.core.floor.AgentFloorReport;
import dialer.core.floor.BucketReport;
import dialer.core.floor.FloorCsv;
import dialer.core.floor.FloorQuery;
import dialer.core.floor.Periods;
import dialer.core.floor.RollMatrix;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The floor reports (per collector and per delinquency bucket), as JSON or as CSV streamed from the
 * database cursor. Supervisors (their campaigns) and administrators only.
 */
final class FloorReportRoutes {

    private static final Logger log = LoggerFactory.getLogger(FloorReportRoutes.class);

    private final Sql sql;
    private final Clock clock;

    FloorReportRoutes(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/reports/floor/agents").handler(this::agents);
        router.get("/api/reports/floor/agents.csv").handler(this::agentsCsv);
        router.get("/api/reports/floor/buckets").handler(this::buckets);
        router.get("/api/reports/floor/buckets.csv").handler(this::bucketsCsv);
    }

    private void agents(RoutingContext ctx) {
        FloorQuery q = query(ctx);
        Responses.reply(ctx, 200, sql.tx(c -> {
            JsonArray rows = new JsonArray();
            AgentFloorReport.stream(c, q, row -> rows.add(json(row)));
            return new JsonObject().put("from", q.from().toString()).put("to", q.to().toString()).put("zone", q.zone().getId())
                    .put("groupBy", q.grouping().name().toLowerCase(Locale.ROOT)).put("rows", rows);
        }));
    }

    /** Streamed: each row goes to the client as the cursor gives it (in chunks), none is kept. */
    private void agentsCsv(RoutingContext ctx) {
        FloorQuery q = query(ctx);
        User u = Access.user(ctx);
        log.info("{} exports the floor report by agent, {} to {}", u.actor(), q.from(), q.to());
        StreamedCsv out = new StreamedCsv(ctx.response(), "floor-agents-" + q.from() + "-" + q.to() + ".csv");
        sql.tx(c -> {
            out.line(FloorCsv.AGENT_HEADER);
            AgentFloorReport.stream(c, q, row -> out.line(FloorCsv.line(row)));
            out.finish();
            return null;
        }).onFailure(e -> failed(ctx, e));
    }

    private void buckets(RoutingContext ctx) {
        FloorQuery q = query(ctx);
        Responses.reply(ctx, 200, sql.tx(c -> BucketReport.between(c, q.from(), q.to(), q.zone(), q.campaignIds())).map(m -> {
            JsonArray rows = new JsonArray();
            m.lines().forEach(l -> rows.add(json(l)));
            return new JsonObject().put("from", q.from().toString()).put("to", q.to().toString()).put("zone", q.zone().getId())
                    .put("rows", rows);
        }));
    }

    /** Six lines from a query grouped to at most 36 rows: written through the same streamed answer. */
    private void bucketsCsv(RoutingContext ctx) {
        FloorQuery q = query(ctx);
        StreamedCsv out = new StreamedCsv(ctx.response(), "floor-buckets-" + q.from() + "-" + q.to() + ".csv");
        sql.tx(c -> {
            RollMatrix m = BucketReport.between(c, q.from(), q.to(), q.zone(), q.campaignIds());
            out.line(FloorCsv.BUCKET_HEADER);
            m.lines().forEach(l -> out.line(FloorCsv.line(l)));
            out.finish();
            return null;
        }).onFailure(e -> failed(ctx, e));
    }

    /** Before anything was sent: the usual error answer. After: the connection is reset (a cut file must not look whole). */
    private static void failed(RoutingContext ctx, Throwable e) {
        if (!ctx.response().headWritten()) {
            Responses.error(ctx, e);
        } else if (!ctx.response().ended()) {
            log.warn("floor report CSV cut: {}", e.toString());
            ctx.response().reset();
        }
    }

    /** The parameters, each checked (400 naming it); supervisors get their campaigns only, agents a 403. */
    FloorQuery query(RoutingContext ctx) {
        User u = Access.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        Invalid.Collector problems = new Invalid.Collector();
        ZoneId zone = ZoneId.systemDefault();
        String z = ctx.request().getParam("zone");
        if (z != null && !z.isBlank()) {
            try {
                zone = ZoneId.of(z.trim());
            } catch (DateTimeException e) {
                problems.add("zone", "must be a time zone such as America/New_York");
            }
        }
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate from = date(ctx, "from", today, problems);
        LocalDate to = date(ctx, "to", from == null ? today : from, problems);
        Periods.Grouping grouping = Periods.Grouping.DAY;
        String g = ctx.request().getParam("groupBy");
        if (g != null && !g.isBlank()) {
            try {
                grouping = Periods.Grouping.valueOf(g.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("groupBy", "must be day or week");
            }
        }
        Long campaignId = null;
        Long agentId = null;
        try {
            campaignId = Params.optionalId(ctx, "campaignId");
        } catch (Invalid e) {
            e.problems().forEach(p -> problems.add(p.field(), p.problem()));
        }
        try {
            agentId = Params.optionalId(ctx, "agentId");
        } catch (Invalid e) {
            e.problems().forEach(p -> problems.add(p.field(), p.problem()));
        }
        problems.throwIfAny();
        FloorQuery q = new FloorQuery(from, to, zone, grouping, campaigns(ctx, u, campaignId), agentId, clock.instant());
        q.periods(); // the range: to before from, or too many periods, is a 400 now
        return q;
    }

    /** The campaigns the report covers: the one asked (if the user may see it), else all (admin) or the supervisor's. */
    private static List<Long> campaigns(RoutingContext ctx, User u, Long campaignId) {
        if (campaignId != null) {
            Access.supervisorOf(ctx, campaignId);
            return List.of(campaignId);
        }
        return u.admin() ? null : new ArrayList<>(u.campaigns());
    }

    private static LocalDate date(RoutingContext ctx, String name, LocalDate otherwise, Invalid.Collector problems) {
        String value = ctx.request().getParam(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeException e) {
            problems.add(name, "must be a date such as 2026-11-22");
            return null;
        }
    }

    private static JsonObject json(AgentFloorReport.Row r) {
        JsonObject reasons = new JsonObject();
        r.pausedByReason().forEach(reasons::put);
        return new JsonObject().put("period", r.period().toString()).put("agentId", r.agentId()).put("agent", r.agent())
                .put("loggedInSeconds", r.loggedIn()).put("readySeconds", r.ready()).put("previewingSeconds", r.previewing())
                .put("talkingSeconds", r.talking()).put("wrapUpSeconds", r.wrapUp()).put("pausedSeconds", r.paused())
                .put("connectingSeconds", r.connecting()).put("pausedByReason", reasons).put("calls", r.calls())
                .put("contacts", r.contacts()).put("rightPartyContacts", r.rightPartyContacts())
                .put("rpcPerLoggedInHour", number(r.rpcPerHour())).put("promises", r.promises())
                .put("promisesPerLoggedInHour", number(r.promisesPerHour())).put("promisedAmount", r.promisedAmount().toPlainString())
                .put("promisesDue", r.promisesDue()).put("kept", r.kept()).put("broken", r.broken())
                .put("keptRate", number(r.keptRate())).put("collected", r.collected().toPlainString());
    }

    private static JsonObject json(RollMatrix.Line l) {
        JsonObject to = new JsonObject();
        l.toBucket().forEach(to::put);
        return new JsonObject().put("bucket", l.bucket()).put("accounts", l.accounts())
                .put("balanceAtStart", l.balanceAtStart().toPlainString()).put("toBucket", to)
                .put("rolledForward", l.rolledForward()).put("rolledToNext", l.rolledToNext()).put("stayed", l.stayed())
                .put("improved", l.improved()).put("rollRate", number(l.rollRate())).put("collected", l.collected().toPlainString())
                .put("recoveryRate", number(l.recoveryRate()));
    }

    private static Double number(BigDecimal d) {
        return d == null ? null : d.doubleValue();
    }
}
