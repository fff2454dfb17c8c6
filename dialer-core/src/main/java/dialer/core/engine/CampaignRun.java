package dialer.core.engine;

import dialer.core.campaign.Campaign;
import dialer.pacing.CampaignStatistics;
import dialer.pacing.Pacer;
import dialer.pacing.PacingConfig;
import dialer.pacing.PacingDecision;
import dialer.pacing.PacingMode;
import dialer.pacing.Pacers;

import dialer.core.call.QueuedLead;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** A running campaign: its pacer and the statistics the pacer learns from. Engine-confined. */
final class CampaignRun {

    final Campaign campaign;
    final Pacer pacer;
    final CampaignStatistics statistics;
    /** Calls being cleared by the guard and written right now, per PBX: counted as calls ringing. */
    final Map<String, Integer> claiming = new HashMap<>();
    /**
     * This node's queue of next leads, in priority order: claimed in the database (QUEUED) and
     * already previewed by the compliance guard, so blocked leads never reach the pacer.
     */
    final Deque<QueuedLead> queue = new ArrayDeque<>();
    boolean filling;
    /** When the database had no due lead left: do not ask again before this. */
    Instant queueEmptyUntil = Instant.EPOCH;
    PacingDecision lastDecision = PacingDecision.none("not run yet");

    CampaignRun(Campaign campaign) {
        this.campaign = campaign;
        this.pacer = Pacers.forMode(PacingMode.valueOf(campaign.dialMode().name()));
        double target = campaign.maxAbandonRate().doubleValue();
        PacingConfig defaults = PacingConfig.defaults();
        this.statistics = new CampaignStatistics(defaults.toBuilder()
                .targetAbandonRate(target)
                .aimAbandonRate(Math.min(defaults.aimAbandonRate(), target * 0.9))
                // the pacer's notion of "no agent in time" is the campaign's hold limit after detection
                .answerGraceMillis(campaign.holdLimitMs())
                .build());
    }

    int claimingOn(String pbx) {
        return claiming.getOrDefault(pbx, 0);
    }
}
