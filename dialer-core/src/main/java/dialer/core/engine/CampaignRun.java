package dialer.core.engine;

import dialer.core.call.QueuedLead;
import dialer.core.campaign.Campaign;
import dialer.core.report.AbandonmentStats;
import dialer.pacing.CampaignStatistics;
import dialer.pacing.Pacer;
import dialer.pacing.Pacers;
import dialer.pacing.PacingConfig;
import dialer.pacing.PacingDecision;
import dialer.pacing.PacingMode;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A running campaign: its settings, its pacer and the statistics the pacer learns from, its queue of
 * next leads. Owned by the engine thread (held in {@link CampaignRuns}). One object for the whole
 * run: new settings change it in place, so work in flight (a claim, a queue fill) always reports
 * back to the object it started on.
 */
final class CampaignRun {

    /** The campaign's settings now. */
    Campaign campaign;
    Pacer pacer;
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
    final List<WaitingCallback> ownedCallbacks = new ArrayList<>();

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
        this.campaign = campaign;
        this.pacer = Pacers.forMode(PacingMode.valueOf(campaign.dialMode().name()));
        this.statistics = new CampaignStatistics(pacingConfig(campaign));
    }

    /**
     * A run that starts afresh (the dialer restarted, or the campaign was started again): its
     * regulatory windows hold what the campaign's calls of the last 30 days already counted, and its
     * estimates learn from the paced calls of the last hour ({@link PacerWarmStart}).
     */
    CampaignRun(Campaign campaign, CampaignLedger.ToRun stored, Instant now) {
        this(campaign);
        for (AbandonmentStats.QuarterHour q : stored.history()) {
            statistics.recordPast(q.start().toEpochMilli(), q.counts());
        }
        PacerWarmStart.replay(statistics, stored.recentCalls(), now);
    }

    /** The pacer's settings that come from the campaign; the rest are the library's defaults. */
    static PacingConfig pacingConfig(Campaign campaign) {
        double target = campaign.maxAbandonRate().doubleValue();
        PacingConfig defaults = PacingConfig.defaults();
        return defaults.toBuilder()
                .targetAbandonRate(target)
                .aimAbandonRate(Math.min(defaults.aimAbandonRate(), target * 0.9))
                // people AMD takes for machines are hung up on: abandoned for the regulator, unseen by the pacer
                .amdFalsePositiveRate(campaign.detectMachines() ? campaign.amdFalsePositiveRate().doubleValue() : 0)
                // the pacer's notion of "no agent in time" is the campaign's hold limit after detection
                .answerGraceMillis(campaign.holdLimitMs())
                // the calendar day the regulator counts is the campaign's
                .zone(campaign.calendarZone())
                .build();
    }

    /**
     * The campaign's new settings: the queue, callbacks, calls being placed and statistics stay, and
     * the pacer steers to the new abandonment target, hold limit and calendar zone from its next
     * decision (and paces by the new dial mode, if that changed).
     */
    void retarget(Campaign changed) {
        PacingConfig settings = pacingConfig(changed);
        statistics.retarget(settings.targetAbandonRate(), settings.aimAbandonRate(), settings.answerGraceMillis(),
                settings.zone(), settings.amdFalsePositiveRate());
        if (changed.dialMode() != campaign.dialMode()) {
            this.pacer = Pacers.forMode(PacingMode.valueOf(changed.dialMode().name()));
        }
        this.campaign = changed;
    }

    /** A call is being cleared by the guard and written on this PBX (+1), or no longer is (-1). */
    void claiming(String pbx, int delta) {
        claiming.merge(pbx, delta, Integer::sum);
    }

    int claimingOn(String pbx) {
        return claiming.getOrDefault(pbx, 0);
    }
}
