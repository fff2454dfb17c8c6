package dialer.core.call;

import dialer.core.live.CampaignFigures;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignDraft;
import dialer.core.campaign.CampaignStore;
import dialer.core.db.Database;
import dialer.core.db.Sql;
import dialer.core.lead.LeadImporter;
import dialer.postgres.EmbeddedPostgres;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a node finds after it was killed mid-call, and how claims keep two nodes apart. */
class AttemptRecoveryIT {

    private static Database db;
    private final AttemptStore attempts = new AttemptStore();

    @BeforeAll
    static void open() {
        EmbeddedPostgres pg = dialer.core.testing.MigratedPostgres.startThrowaway();
        db = Database.open(pg.jdbcUrl("dialer"), pg.user(), "", pg);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private Campaign campaignWithLeads(int n) throws Exception {
        return Sql.inTransaction(db.dataSource(), c -> {
            Campaign campaign = new CampaignStore().create(c, CampaignDraft.fromJson(new JsonObject()
                    .put("name", "recovery " + System.nanoTime()).put("simulatedCallees", true)));
            StringBuilder csv = new StringBuilder("id,name,phone,amount,days_overdue\n");
            for (int i = 0; i < n; i++) {
                csv.append("R").append(campaign.id()).append('-').append(i).append(",Debtor,+1212555010").append(i % 10)
                        .append(',').append(100 + i).append(",1\n");
            }
            Path file = Files.createTempFile("recovery", ".csv");
            Files.writeString(file, csv);
            new LeadImporter().importIntoCampaign(c, campaign, dialer.core.lead.ImportFormat.CSV, file,
                    dialer.core.lead.ColumnMapping.NONE);
            Files.delete(file);
            return campaign;
        });
    }

    @Test
    void aRestartedNodeFindsItsCallsToAdoptAndReturnsTheLeadsItDidNotDial() throws Exception {
        Campaign campaign = campaignWithLeads(4);
        Instant now = Instant.now();
        String node = "restarted-" + campaign.id();
        List<PlacedCall> placed = Sql.inTransaction(db.dataSource(), c -> {
            List<PlacedCall> opened = new java.util.ArrayList<>();
            List<QueuedLead> claimed = new LeadClaims().claimForQueue(c, campaign, 4, node, now);
            // three dialed, the fourth still queued when the node died
            for (QueuedLead lead : claimed.subList(0, 3)) {
                opened.add(attempts.openAttempt(c, lead, node, "local", 1000 + lead.leadId(), "AUTOMATIC", now));
            }
            return opened;
        });
        assertThat(placed).hasSize(3);
        // highest amount first
        assertThat(placed).extracting(PlacedCall::leadId).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        Sql.inTransaction(db.dataSource(), c -> {
            attempts.end(c, placed.get(0).attemptId(), "BUSY", "done before the crash", 17, now, "BUSY");
            return null;
        });

        OpenAttempts open = new OpenAttempts();
        List<OpenAttempts.OpenAttempt> found = Sql.inTransaction(db.dataSource(), c -> open.ofNode(c, node));
        int released = Sql.inTransaction(db.dataSource(), c -> open.releaseUndialedClaims(c, node));

        assertThat(found).extracting(o -> o.placed().attemptId())
                .containsExactly(placed.get(1).attemptId(), placed.get(2).attemptId());
        assertThat(found).allMatch(o -> o.pbx().equals("local") && o.state().equals("DIALING") && !o.ended()
                && o.placed().e164().startsWith("+1212") && o.placed().reservationId() == 1000 + o.placed().leadId());
        assertThat(released).as("the lead queued but not dialed").isEqualTo(1);
        // the leads of calls still open stay claimed: no other node dials them while they may be up
        long claimed = Sql.inTransaction(db.dataSource(), c -> {
            try (var ps = c.prepareStatement("select count(*) from campaign_lead where campaign_id = ? and state = 'CLAIMED'")) {
                ps.setLong(1, campaign.id());
                var rs = ps.executeQuery();
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(claimed).isEqualTo(2);
        List<OpenAttempts.OpenAttempt> ofAnother = Sql.inTransaction(db.dataSource(), c -> open.ofNode(c, "another-node"));
        assertThat(ofAnother).isEmpty();
    }

    @Test
    void recentPacedCallsCarryTheTimesThePacerLearnsFrom() throws Exception {
        Campaign campaign = campaignWithLeads(6);
        Instant now = Instant.parse("2026-12-01T19:00:00Z");
        String node = "warm-" + campaign.id();
        List<PastCalls.PastCall> found = Sql.inTransaction(db.dataSource(), c -> {
            long agent = new dialer.core.agent.AgentStore().create(c, new dialer.core.agent.AgentDraft("Warm agent",
                    String.valueOf(40_000 + campaign.id()), dialer.core.agent.Agent.SIMULATED_PHONE, "local", true)).id();
            List<QueuedLead> leads = new LeadClaims().claimForQueue(c, campaign, 6, node, now);
            // a conversation disposed by its agent, a busy number, a call an agent dialed by hand, one too old,
            // and one the guard no longer let be dialed (its reservation lapsed): no call, nothing to learn from
            PlacedCall talked = attempts.openAttempt(c, leads.get(0), node, "local", 1, "AUTOMATIC", now.minusSeconds(600));
            attempts.markAnswered(c, talked.attemptId(), "ANSWERED_HUMAN", null, now.minusSeconds(592));
            attempts.markConnected(c, talked.attemptId(), agent, now.minusSeconds(590), 12L);
            attempts.end(c, talked.attemptId(), null, null, 16, now.minusSeconds(530), null);
            attempts.agentDisposition(c, talked.attemptId(), new DispositionRequest(agent, "RPC", null, null, null),
                    now.minusSeconds(520));
            PlacedCall busy = attempts.openAttempt(c, leads.get(1), node, "local", 2, "RETRY", now.minusSeconds(300));
            attempts.end(c, busy.attemptId(), "BUSY", null, 17, now.minusSeconds(297), "BUSY");
            PlacedCall manual = attempts.openAttempt(c, leads.get(2), node, "local", 3, "MANUAL", now.minusSeconds(200));
            attempts.end(c, manual.attemptId(), "NO_ANSWER", null, 19, now.minusSeconds(170), "NO_ANSWER");
            PlacedCall old = attempts.openAttempt(c, leads.get(3), node, "local", 4, "AUTOMATIC", now.minusSeconds(7200));
            attempts.end(c, old.attemptId(), "BUSY", null, 17, now.minusSeconds(7190), "BUSY");
            PlacedCall lapsed = attempts.openAttempt(c, leads.get(4), node, "local", 5, "AUTOMATIC", now.minusSeconds(100));
            attempts.end(c, lapsed.attemptId(), "NOT_DIALED", "reservation expired", null, now.minusSeconds(40), null);
            // and one a small team placed without AMD: its answer may have been a machine at the agent
            PlacedCall waived = attempts.openAttempt(c, leads.get(5), node, "local", 6, "AUTOMATIC", now.minusSeconds(400));
            attempts.markAmdWaived(c, waived.attemptId());
            attempts.markAnswered(c, waived.attemptId(), "ANSWERED_HUMAN", null, now.minusSeconds(380));
            attempts.end(c, waived.attemptId(), null, null, 16, now.minusSeconds(360), null);
            // the lapsed one is no call placed on the dashboard either: 4 in the last hour (the conversation, busy,
            // by hand, without AMD)
            CampaignFigures.Figures figures = new CampaignFigures().of(c, campaign, now);
            assertThat(figures.lastHour().stream().mapToLong(CampaignFigures.Minute::placed).sum()).isEqualTo(4);
            assertThat(figures.today().placed()).as("placed today (the old one included)").isEqualTo(5);
            assertThat(figures.connects().connected()).isEqualTo(1);
            assertThat(figures.connects().p99()).isEqualTo(12);
            return new PastCalls().recentPaced(c, campaign.id(), now.minusSeconds(3600), 100);
        });
        assertThat(found).extracting(PastCalls.PastCall::outcome).as("paced calls of the last hour, oldest first")
                .containsExactly("ANSWERED_HUMAN", "BUSY");
        PastCalls.PastCall talked = found.get(0);
        assertThat(talked.originatedAt()).isEqualTo(now.minusSeconds(600));
        assertThat(talked.answeredAt()).isEqualTo(now.minusSeconds(592));
        assertThat(talked.connectedAt()).isEqualTo(now.minusSeconds(590));
        assertThat(talked.endedAt()).isEqualTo(now.minusSeconds(530));
        assertThat(talked.disposedAt()).as("the agent's disposition").isEqualTo(now.minusSeconds(520));
        assertThat(found.get(1).disposedAt()).as("a system disposition is no wrap-up").isNull();
    }

    @Test
    void twoNodesClaimingAtOnceNeverTakeTheSameLead() throws Exception {
        Campaign campaign = campaignWithLeads(40);
        Instant now = Instant.now();
        var a = new java.util.concurrent.CompletableFuture<List<QueuedLead>>();
        var b = new java.util.concurrent.CompletableFuture<List<QueuedLead>>();
        Thread ta = new Thread(() -> a.complete(claimAll(campaign, "node-a", now)));
        Thread tb = new Thread(() -> b.complete(claimAll(campaign, "node-b", now)));
        ta.start();
        tb.start();
        List<Long> leadsA = a.get().stream().map(QueuedLead::leadId).toList();
        List<Long> leadsB = b.get().stream().map(QueuedLead::leadId).toList();
        assertThat(leadsA).doesNotContainAnyElementsOf(leadsB);
        assertThat(leadsA.size() + leadsB.size()).isEqualTo(40);
    }

    private List<QueuedLead> claimAll(Campaign campaign, String node, Instant now) {
        List<QueuedLead> all = new java.util.ArrayList<>();
        try {
            while (true) {
                List<QueuedLead> batch = Sql.inTransaction(db.dataSource(), c -> new LeadClaims().claimForQueue(c, campaign, 3, node, now));
                if (batch.isEmpty()) {
                    return all;
                }
                all.addAll(batch);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
