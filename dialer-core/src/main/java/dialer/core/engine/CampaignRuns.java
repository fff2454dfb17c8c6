package dialer.core.engine;

import dialer.core.campaign.Campaign;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The campaigns running on this node. */
final class CampaignRuns {

    private final EngineThread thread;
    /** Engine thread: runs by campaign id. */
    private final Map<Long, CampaignRun> runs = new HashMap<>();

    CampaignRuns(EngineThread thread) {
        this.thread = thread;
    }

    CampaignRun get(long campaignId) {
        thread.check();
        return runs.get(campaignId);
    }

    boolean running(long campaignId) {
        return get(campaignId) != null;
    }

    Collection<CampaignRun> all() {
        thread.check();
        return runs.values();
    }

    Set<Long> ids() {
        thread.check();
        return runs.keySet();
    }

    /** Runs {@code fresh} unless the campaign runs already; returns the run that runs now. */
    CampaignRun start(CampaignRun fresh) {
        thread.check();
        return runs.computeIfAbsent(fresh.campaign.id(), id -> fresh);
    }

    CampaignRun stop(long campaignId) {
        thread.check();
        return runs.remove(campaignId);
    }

    /** New settings reach a running campaign in place. */
    void update(Campaign campaign) {
        CampaignRun run = get(campaign.id());
        if (run != null) {
            run.retarget(campaign);
        }
    }
}
