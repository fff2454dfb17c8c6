package dialer.core.testing;

import io.vertx.core.json.JsonObject;

import java.util.concurrent.ThreadLocalRandom;

/** A predictive campaign of simulated callees and simulated agents, through the API, for the fault tests. */
public final class SimulatedFloor {

    private SimulatedFloor() {
    }

    /**
     * A predictive campaign with {@code leads} debtors whose numbers are {@code +1<area>555<4 digits from first>}
     * (distinct per test, so an AMI observer tells them apart); returns its id.
     */
    public static long predictiveCampaign(Api api, String name, String area, int first, int leads) {
        long campaignId = api.expect(201, "/api/campaigns", new JsonObject().put("name", name + " " + System.nanoTime())
                .put("dialMode", "PREDICTIVE").put("simulatedCallees", true).put("ringTimeoutSeconds", 8)).getLong("id");
        StringBuilder csv = new StringBuilder("id,name,phone,phone_type,amount,days_overdue\n");
        for (int i = 0; i < leads; i++) {
            csv.append(name.replace(' ', '-')).append('-').append(i).append(",Debtor ").append(i).append(",+1").append(area)
                    .append("555").append(String.format("%04d", first + i)).append(",HOME,").append(1000 - i).append(",30\n");
        }
        api.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv", csv.toString());
        return campaignId;
    }

    /** A simulated agent (their phone answers by itself; they give dispositions), logged in to the campaign. */
    public static long agent(Api api, String name, long campaignId, boolean ready) {
        long agent = api.expect(201, "/api/agents", new JsonObject().put("name", name).put("simulated", true)
                .put("extension", String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 99_999)))).getLong("id");
        api.expect(200, "/api/agents/" + agent + "/login", new JsonObject().put("campaignId", campaignId).put("ready", ready));
        return agent;
    }
}
