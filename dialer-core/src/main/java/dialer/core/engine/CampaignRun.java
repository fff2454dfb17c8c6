package dialer.core.engine;

import dialer.core.campaign.Campaign;
import dialer.pacing.CampaignStatistics;
import dialer.pacing.Pacer;
import dialer.pacing.PacingConfig;
import dialer.pacing.PacingDecision;
import dialer.pacing.PacingMode;
import dialer.pacing.Pacers;

import dialer.core.call.QueuedLead;
import dialer.core.report.AbandonmentStats;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
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
    /** Callbacks owned by an agent, waiting for that agent to be ready since they were due. */
    final java.util.List<WaitingCallback> ownedCallbacks = new java.util.ArrayList<>();

    record WaitingCallback(QueuedLead lead, Instant since) {
    }
    boolean pollingCallbacks;
    Instant nextCallbackPoll = Instant.EPOCH;
    /** When the database had no due lead left: do not ask again before this. */
    Instant queueEmptyUntil = Instant.EPOCH;
    PacingDecision lastDecision = PacingDecision.none("not run yet");
    /** Calls ringing or waiting per staffing agent, now and at most so far in this run. */
    double linesPerAgent;
    double maxLinesPerAgent;

    CampaignRun(Campaign campaign) {
        this(campaign, (CampaignStatistics) null);
    }

    /**
     * A run whose pacer starts afresh but whose regulatory windows hold what the campaign's calls of
     * the last 30 days already counted (the dialer restarted, or the campaign was started again).
     */
    CampaignRun(Campaign campaign, List<AbandonmentStats.QuarterHour> history) {
        this(campaign, (CampaignStatistics) null);
        for (AbandonmentStats.QuarterHour q : history) {
            statistics.recordPast(q.start().toEpochMilli(), q.counts());
        }
    }

    private CampaignRun(Campaign campaign, CampaignStatistics learned) {
        this.campaign = campaign;
        this.pacer = Pacers.forMode(PacingMode.valueOf(campaign.dialMode().name()));
        if (learned != null) {
            this.statistics = learned;
            return;
        }
        this.statistics = new CampaignStatistics(pacingConfig(campaign));
    }

    /** The pacer's settings that come from the campaign; the rest are the library's defaults. */
    static PacingConfig pacingConfig(Campaign campaign) {
        double target = campaign.maxAbandonRate().doubleValue();
        PacingConfig defaults = PacingConfig.defaults();
        return defaults.toBuilder()
                .targetAbandonRate(target)
                .aimAbandonRate(Math.min(defaults.aimAbandonRate(), target * 0.9))
                // the pacer's notion of "no agent in time" is the campaign's hold limit after detection
                .answerGraceMillis(campaign.holdLimitMs())
                // the calendar day the regulator counts is the campaign's
                .zone(campaign.calendarZone())
                .build();
    }

    /**
     * The same run with the campaign's new settings: the queue, callbacks, calls being placed and
     * statistics carry over (work in flight reports to whichever run is current when it ends), and the
     * pacer steers to the new abandonment target, hold limit and calendar zone from its next decision.
     */
    CampaignRun withCampaign(Campaign changed) {
        PacingConfig settings = pacingConfig(changed);
        statistics.retarget(settings.targetAbandonRate(), settings.aimAbandonRate(), settings.answerGraceMillis(),
                settings.zone());
        CampaignRun next = new CampaignRun(changed, statistics);
        next.claiming.putAll(claiming);
        next.queue.addAll(queue);
        next.ownedCallbacks.addAll(ownedCallbacks);
        next.lastDecision = lastDecision;
        next.maxLinesPerAgent = maxLinesPerAgent;
        return next;
    }

    int claimingOn(String pbx) {
        return claiming.getOrDefault(pbx, 0);
    }
}
