package dialer.core;

import dialer.ami.asterisk.AmiSettings;
import dialer.ami.testing.AsteriskForTests;
import dialer.core.demo.DemoSetup;
import dialer.core.testing.Api;
import dialer.core.testing.Await;
import dialer.core.testing.DialerProcess;
import dialer.postgres.EmbeddedPostgres;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two dialer processes on one PostgreSQL and one Asterisk work the same campaign: every lead is
 * called once, by one of them, and both take part.
 */
class TwoNodesIT {

    private final List<DialerProcess> nodes = new ArrayList<>();
    private EmbeddedPostgres pg;

    @AfterEach
    void stopEverything() throws Exception {
        for (DialerProcess p : nodes) {
            p.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void twoDialerProcessesNeverCallTheSameLead() throws Exception {
        AmiSettings ami = AsteriskForTests.ami();
        pg = EmbeddedPostgres.startThrowaway("dialer");
        // real clocks here: dial the region where it is daytime now, under its own preset
        DemoSetup.Region region = DemoSetup.daytime(Instant.now());
        Api a = node("node-a", ami);
        Api b = node("node-b", ami);

        long campaignId = a.expect(201, "/api/campaigns", new JsonObject().put("name", "Two nodes").put("dialMode", "PROGRESSIVE")
                .put("simulatedCallees", true).put("ringTimeoutSeconds", 5)
                .put("compliance", new JsonObject().put("preset", region.preset()))).getLong("id");
        StringBuilder csv = new StringBuilder("id,name,phone,phone_type,amount,days_overdue\n");
        Set<String> numbers = new HashSet<>();
        Random random = new Random(7);
        int leads = 30;
        while (numbers.size() < leads) {
            String n = region.number(random);
            // …6: busy, so each call ends at once and is not retried within the test
            numbers.add(n.substring(0, n.length() - 1) + "6");
        }
        int i = 0;
        for (String n : numbers) {
            csv.append("T-").append(i).append(",Debtor ").append(i).append(',').append(n).append(",HOME,").append(100 + i)
                    .append(",10\n");
            i++;
        }
        assertThat(a.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", csv.toString()).json().getInteger("accepted"))
                .isEqualTo(leads);
        for (Api node : List.of(a, b)) {
            for (int k = 0; k < 2; k++) {
                long agent = node.expect(201, "/api/agents", new JsonObject().put("name", "Agent").put("simulated", true)
                        .put("extension", String.valueOf(20_000 + new Random().nextInt(70_000)))).getLong("id");
                node.expect(200, "/api/agents/" + agent + "/login", new JsonObject().put("campaignId", campaignId).put("ready", true));
            }
        }
        a.expect(200, "/api/campaigns/" + campaignId + "/start", null);
        b.expect(200, "/api/campaigns/" + campaignId + "/start", null);

        Map<Long, List<String>> attemptsByLead = Await.until("every lead called", Duration.ofSeconds(120),
                () -> attemptsByLead(campaignId), m -> m.size() == leads);
        a.expect(200, "/api/campaigns/" + campaignId + "/stop", null);

        assertThat(attemptsByLead.values()).as("each lead once").allMatch(nodesOfLead -> nodesOfLead.size() == 1);
        Set<String> nodesThatCalled = new HashSet<>();
        attemptsByLead.values().forEach(nodesThatCalled::addAll);
        assertThat(nodesThatCalled).containsExactlyInAnyOrder("node-a", "node-b");
    }

    private Map<Long, List<String>> attemptsByLead(long campaignId) {
        Map<Long, List<String>> out = new HashMap<>();
        try (Connection c = pg.connect("dialer");
             var ps = c.prepareStatement("select lead_id, node from call_attempt where campaign_id = ?")) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private Api node(String name, AmiSettings ami) throws IOException {
        DialerProcess node = DialerProcess.start(name, pg, ami);
        nodes.add(node);
        return node.api();
    }
}
