package dialer.core.demo;

import dialer.core.agent.Agent;
import dialer.core.agent.AgentDraft;
import dialer.core.agent.AgentStore;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignDraft;
import dialer.core.campaign.CampaignStore;
import dialer.core.campaign.DialMode;
import dialer.core.db.Sql;
import dialer.core.engine.AgentState;
import dialer.core.engine.AgentStatus;
import dialer.core.engine.DialerEngine;
import dialer.core.lead.ImportReport;
import dialer.core.lead.LeadImporter;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The demo: a campaign of simulated debtors and a team of simulated agents, logged in, ready, and
 * dialing through the real Asterisk. Safe to run again: it reuses what an earlier run created and
 * tops the queue up.
 */
public final class DemoSetup {

    private static final Logger log = LoggerFactory.getLogger(DemoSetup.class);
    public static final String CAMPAIGN_NAME = "Demo collections";
    static final int AGENTS = 6;
    static final int LEADS = 400;
    private static final String[] FIRST = {"Maria", "James", "Wei", "Aisha", "Carlos", "Olga", "Tom", "Priya", "Ahmed",
            "Lucy", "Kenji", "Fatima", "Pedro", "Anna", "Samuel", "Grace", "Ivan", "Mei", "Diego", "Nora"};
    private static final String[] LAST = {"Gonzalez", "Smith", "Zhang", "Khan", "Silva", "Petrova", "Brown", "Patel",
            "Hassan", "Jones", "Tanaka", "Ali", "Costa", "Novak", "Okafor", "Kim", "Ivanov", "Lopez", "Murphy", "Weber"};

    private final Sql sql;
    private final DialerEngine engine;
    private final CampaignStore campaigns = new CampaignStore();
    private final AgentStore agents = new AgentStore();

    public DemoSetup(Sql sql, DialerEngine engine) {
        this.sql = sql;
        this.engine = engine;
    }

    /** Creates what is missing and starts dialing; completes with the demo campaign. */
    public Future<Campaign> run() {
        return sql.tx(c -> {
            Campaign campaign = campaigns.findByName(c, CAMPAIGN_NAME).orElse(null);
            if (campaign == null) {
                campaign = campaigns.create(c, new CampaignDraft(CAMPAIGN_NAME, DialMode.PREDICTIVE,
                        CampaignDraft.SIMULATED_DIAL_STRING, "\"Demo Collections\" <8005550100>", "US", 20, true, 1200,
                        null, 5, new BigDecimal("0.03"), true));
            }
            ImportReport report = topUpLeads(c, campaign);
            if (report != null) {
                log.info("demo: {} simulated debtors in the queue", report.accepted());
            }
            List<Agent> team = new ArrayList<>();
            for (int i = 1; i <= AGENTS; i++) {
                String extension = String.valueOf(9000 + i);
                var existing = agents.findByExtension(c, extension);
                team.add(existing.isPresent() ? existing.get() : agents.create(c, new AgentDraft("Demo Agent " + i,
                        extension, Agent.SIMULATED_PHONE, engine.pbxNames().iterator().next(), true)));
            }
            return new Object[] {campaign, team};
        }).compose(created -> {
            Campaign campaign = (Campaign) created[0];
            @SuppressWarnings("unchecked")
            List<Agent> team = (List<Agent>) created[1];
            return engine.agentStatuses().compose(statuses -> {
                Set<Long> loggedIn = new java.util.HashSet<>();
                statuses.stream().filter(s -> s.state() != AgentState.LOGGED_OUT).map(AgentStatus::agentId).forEach(loggedIn::add);
                List<Future<AgentStatus>> logins = new ArrayList<>();
                for (Agent agent : team) {
                    if (!loggedIn.contains(agent.id())) {
                        logins.add(engine.login(agent.id(), campaign.id(), true));
                    }
                }
                return Future.all(logins);
            }).compose(v -> engine.startCampaign(campaign.id()));
        });
    }

    /** Adds demo debtors when fewer than half the demo list is still to be called. */
    private ImportReport topUpLeads(java.sql.Connection c, Campaign campaign) throws Exception {
        try (var ps = c.prepareStatement("select count(*) from campaign_lead where campaign_id = ? and state = 'READY'")) {
            ps.setLong(1, campaign.id());
            try (var rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) >= LEADS / 2) {
                    return null;
                }
            }
        }
        Path csv = Files.createTempFile("demo-leads", ".csv");
        try {
            Files.writeString(csv, demoCsv(System.currentTimeMillis()), StandardCharsets.UTF_8);
            return new LeadImporter().importCsv(c, campaign, csv);
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    /** Simulated debtors: the last digits of each number choose how its callee behaves (SimulatedCallees). */
    static String demoCsv(long seed) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder("id,name,phone,amount,days_overdue\n");
        String batch = Long.toString(seed % 1_000_000, 36).toUpperCase();
        for (int i = 1; i <= LEADS; i++) {
            String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
            // 555-01xx numbers are reserved for fiction; several area codes so the list looks real
            String[] areas = {"212", "312", "415", "617", "713", "305"};
            String phone = "+1" + areas[random.nextInt(areas.length)] + "55501" + String.format("%02d", random.nextInt(100));
            String amount = String.format(java.util.Locale.ROOT, "%.2f", 50 + random.nextDouble() * 9_950);
            sb.append("DEMO-").append(batch).append('-').append(i).append(',').append(name).append(',').append(phone)
                    .append(',').append(amount).append(',').append(5 + random.nextInt(360)).append('\n');
        }
        return sb.toString();
    }
}
