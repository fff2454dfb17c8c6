package dialer.core.demo;

import dialer.core.agent.Agent;
import dialer.core.agent.AgentDraft;
import dialer.core.agent.AgentStore;
import dialer.core.auth.Passwords;
import dialer.core.auth.Role;
import dialer.core.auth.UserStore;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignDraft;
import dialer.core.campaign.CampaignStore;
import dialer.core.campaign.ComplianceSettings;
import dialer.core.campaign.DialMode;
import dialer.core.campaign.PriorityOrder;
import dialer.core.db.Sql;
import dialer.core.engine.AgentState;
import dialer.core.engine.AgentStatus;
import dialer.core.engine.DialerEngine;
import dialer.core.lead.ColumnMapping;
import dialer.core.lead.ImportFormat;
import dialer.core.lead.ImportReport;
import dialer.core.lead.LeadImporter;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The demo: a campaign of simulated debtors and a team of simulated agents, logged in, ready, and
 * dialing through the real Asterisk, under real compliance rules.
 *
 * <p>Calling hours are real too, so the demo dials debtors of the region where it is now
 * daytime (US east, central or west, UK, India, Australia or China) under that region's preset;
 * a tenth of the list lives where it is night, and the compliance guard skips them with its
 * reason. Safe to run again: it reuses what an earlier run created and tops the queue up.
 */
public final class DemoSetup {

    private static final Logger log = LoggerFactory.getLogger(DemoSetup.class);

    /** Demo debtors of a region (numbers starting with one of its prefixes) still to be called. */
    private static final String LEADS_TO_CALL_SQL = """
            select count(*) from campaign_lead l join debtor_phone p on p.debtor_id = l.debtor_id
            where l.campaign_id = ? and l.state in ('READY', 'QUEUED') and left(p.e164, ?) = any(?)""";

    public static final String CAMPAIGN_NAME = "Demo collections";
    /** The agent a person plays at the console (its phone is simulated; the rest is up to them). */
    static final String CONSOLE_EXTENSION = "9100";

    /** A demo account and the password it was given at this start. */
    public record Login(String username, String role, String password) {
    }

    /** What the demo set up: its campaign and the accounts to try the pages with. */
    public record Result(Campaign campaign, List<Login> logins) {
    }
    static final int AGENTS = 6;
    static final int LEADS = 400;
    private static final String[] FIRST = {"Maria", "James", "Wei", "Aisha", "Carlos", "Olga", "Tom", "Priya", "Ahmed",
            "Lucy", "Kenji", "Fatima", "Pedro", "Anna", "Samuel", "Grace", "Ivan", "Mei", "Diego", "Nora"};
    private static final String[] LAST = {"Gonzalez", "Smith", "Zhang", "Khan", "Silva", "Petrova", "Brown", "Patel",
            "Hassan", "Jones", "Tanaka", "Ali", "Costa", "Novak", "Okafor", "Kim", "Ivanov", "Lopez", "Murphy", "Weber"};

    /**
     * A region the demo can dial: its preset, its zone, and number prefixes there (fictional ranges
     * where the country has one); two digits are added, and the last one chooses the simulated
     * callee's behaviour.
     */
    public record Region(String name, String preset, ZoneId zone, List<String> prefixes) {

        public String number(Random random) {
            return prefixes.get(random.nextInt(prefixes.size())) + String.format("%02d", random.nextInt(100));
        }
    }

    private static List<String> nanp(String... areaCodes) {
        return Arrays.stream(areaCodes).map(a -> "+1" + a + "55501").toList();
    }

    private static List<String> digits(String stem) {
        return IntStream.range(0, 10).mapToObj(d -> stem + d).toList();
    }

    static final List<Region> REGIONS = List.of(
            new Region("US east", "US", ZoneId.of("America/New_York"), nanp("212", "646", "718", "917", "215", "404", "305", "202")),
            new Region("US central", "US", ZoneId.of("America/Chicago"), nanp("312", "773", "214", "713", "512", "612", "314", "504")),
            new Region("US west", "US", ZoneId.of("America/Los_Angeles"), nanp("415", "213", "310", "408", "510", "619", "206", "503")),
            new Region("UK", "UK", ZoneId.of("Europe/London"), digits("+442079460")),
            new Region("India", "IN", ZoneId.of("Asia/Kolkata"), digits("+912223456")),
            new Region("Australia", "AU", ZoneId.of("Australia/Sydney"), digits("+61255500")),
            new Region("China", "CN", ZoneId.of("Asia/Shanghai"), digits("+861062345")));

    private final Sql sql;
    private final DialerEngine engine;
    private final Clock clock;
    private final CampaignStore campaigns = new CampaignStore();
    private final AgentStore agents = new AgentStore();
    private final UserStore users = new UserStore();

    public DemoSetup(Sql sql, DialerEngine engine, Clock clock) {
        this.sql = sql;
        this.engine = engine;
        this.clock = clock;
    }

    /** The region where it is now closest to mid-afternoon, and the one closest to the middle of the night. */
    public static Region daytime(Instant now) {
        return REGIONS.stream().min(Comparator.comparingLong(r -> distanceTo(now, r.zone(), LocalTime.of(14, 0)))).orElseThrow();
    }

    static Region nighttime(Instant now) {
        return REGIONS.stream().min(Comparator.comparingLong(r -> distanceTo(now, r.zone(), LocalTime.of(3, 0)))).orElseThrow();
    }

    private static long distanceTo(Instant now, ZoneId zone, LocalTime target) {
        long minutes = Math.abs(Duration.between(target, now.atZone(zone).toLocalTime()).toMinutes());
        return Math.min(minutes, 24 * 60 - minutes);
    }

    /**
     * Creates what is missing and starts dialing; completes with the demo campaign and the demo
     * accounts (a supervisor of the campaign and an agent for the console), whose passwords are
     * new at every start.
     */
    public Future<Result> run() {
        Instant now = clock.instant();
        Region day = daytime(now);
        Region night = nighttime(now);
        log.info("demo: it is {} in {} ({}): dialing there under the {} preset; {} leads ({}) will be skipped by "
                        + "the compliance guard", now.atZone(day.zone()).toLocalTime().withNano(0), day.name(), day.zone(),
                day.preset(), night.name(), now.atZone(night.zone()).toLocalTime().withNano(0));
        record Created(Campaign campaign, List<Agent> team, List<Login> logins) {
        }
        return sql.tx(c -> {
            Campaign campaign = campaigns.findByName(c, CAMPAIGN_NAME).orElse(null);
            ComplianceSettings compliance = new ComplianceSettings(day.preset(), null, null, null, List.of());
            if (campaign == null) {
                campaign = campaigns.create(c, new CampaignDraft(CAMPAIGN_NAME, DialMode.PREDICTIVE,
                        CampaignDraft.SIMULATED_DIAL_STRING, "\"Demo Collections\" <8005550100>", "US", 20, true, 1200,
                        null, 5, new BigDecimal("0.03"), true, compliance, null, PriorityOrder.DEFAULT, 3, 60));
            } else if (!campaign.compliance().preset().equals(day.preset())) {
                campaign = campaigns.setCompliance(c, campaign.id(), compliance);
            }
            ImportReport report = topUpLeads(c, campaign, day, night, now);
            if (report != null) {
                log.info("demo: {} simulated debtors added to the queue", report.accepted());
            }
            List<Agent> team = new ArrayList<>();
            for (int i = 1; i <= AGENTS; i++) {
                String extension = String.valueOf(9000 + i);
                var existing = agents.findByExtension(c, extension);
                team.add(existing.isPresent() ? existing.get() : agents.create(c, new AgentDraft("Demo Agent " + i,
                        extension, Agent.SIMULATED_PHONE, engine.pbxNames().iterator().next(), true)));
            }
            Agent console = agents.findByExtension(c, CONSOLE_EXTENSION).orElse(null);
            if (console == null) {
                console = agents.create(c, new AgentDraft("Console Agent", CONSOLE_EXTENSION, Agent.SIMULATED_PHONE,
                        engine.pbxNames().iterator().next(), false));
            }
            List<Login> logins = List.of(
                    account(c, "supervisor", "Demo Supervisor", Role.SUPERVISOR, null, campaign.id()),
                    account(c, "agent", "Console Agent", Role.AGENT, console.id(), campaign.id()));
            return new Created(campaign, team, logins);
        }).compose(created -> {
            Campaign campaign = created.campaign();
            List<Agent> team = created.team();
            List<Login> logins = created.logins();
            return engine.refreshRules(campaign.id()).compose(v -> engine.agentStatuses()).compose(statuses -> {
                Set<Long> loggedIn = new HashSet<>();
                statuses.stream().filter(s -> s.state() != AgentState.LOGGED_OUT).map(AgentStatus::agentId).forEach(loggedIn::add);
                List<Future<AgentStatus>> sessions = new ArrayList<>();
                for (Agent agent : team) {
                    if (!loggedIn.contains(agent.id())) {
                        sessions.add(engine.login(agent.id(), campaign.id(), true));
                    }
                }
                return Future.all(sessions);
            }).compose(v -> engine.startCampaign(campaign.id())).map(started -> new Result(started, logins));
        });
    }

    /** A demo account, created or given a new password. */
    private Login account(Connection c, String username, String name, Role role, Long agentId, long campaignId)
            throws SQLException {
        String password = Passwords.random();
        var existing = users.withHash(c, username);
        if (existing.isPresent()) {
            long id = (Long) existing.get()[0];
            users.setPassword(c, id, password);
            users.setActive(c, id, true);
            if (role == Role.SUPERVISOR) {
                users.setCampaigns(c, id, Set.of(campaignId));
            }
        } else {
            users.create(c, new UserStore.Draft(username, name, password, role, agentId,
                    role == Role.SUPERVISOR ? Set.of(campaignId) : Set.of()));
        }
        return new Login(username, role.name().toLowerCase(), password);
    }

    /** Adds demo debtors of the daytime region when fewer than half a list of them is still to be called. */
    private ImportReport topUpLeads(Connection c, Campaign campaign, Region day, Region night, Instant now)
            throws Exception {
        try (var ps = c.prepareStatement(LEADS_TO_CALL_SQL)) {
            ps.setLong(1, campaign.id());
            ps.setInt(2, day.prefixes().get(0).length());
            ps.setArray(3, c.createArrayOf("text", day.prefixes().toArray()));
            try (var rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) >= LEADS / 2) {
                    return null;
                }
            }
        }
        Path csv = Files.createTempFile("demo-leads", ".csv");
        try {
            Files.writeString(csv, demoCsv(now.toEpochMilli(), day, night, now), StandardCharsets.UTF_8);
            return new LeadImporter().importIntoCampaign(c, campaign, ImportFormat.CSV, csv, ColumnMapping.NONE);
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    /**
     * Simulated debtors, nine in ten in the daytime region, one in ten in the night region. The last
     * digit of each number chooses how its callee behaves (see {@link SimulatedCallees}); each number
     * carries the consent the debtor gave with the credit agreement two years ago.
     */
    static String demoCsv(long seed, Region day, Region night, Instant now) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder("id,name,phone,amount,days_overdue,phone_type,consent_source,consent_given\n");
        String batch = Long.toString(seed % 1_000_000, 36).toUpperCase(Locale.ROOT);
        String consentGiven = now.minus(Duration.ofDays(730)).toString().substring(0, 10);
        for (int i = 1; i <= LEADS; i++) {
            Region region = i % 10 == 0 ? night : day;
            String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
            String phone = region.number(random);
            String amount = String.format(Locale.ROOT, "%.2f", 50 + random.nextDouble() * 9_950);
            sb.append("DEMO-").append(batch).append('-').append(i).append(',').append(name).append(',').append(phone)
                    .append(',').append(amount).append(',').append(5 + random.nextInt(360))
                    .append(",OWN_MOBILE,credit agreement,").append(consentGiven).append('\n');
        }
        return sb.toString();
    }
}
