package dialer.core.engine;

import dialer.ami.CallOutcome;
import dialer.pacing.CampaignStatistics;
import dialer.pacing.DialOutcome;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything the pacer's statistics learn, in one place: the calls it placed (not those agents
 * dialed), how they resolved, waits, abandonment, talk and wrap-up times; and debtors' calls to us
 * (inbound), which a blended campaign's pacer leaves room for: their arrivals, waits, abandons and
 * handle times, counted apart from the outbound ones.
 */
final class PacerFeed {

    private final CampaignRuns runs;
    private final Clock clock;

    PacerFeed(CampaignRuns runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    private CampaignStatistics of(LiveCall call) {
        return call.teachesPacer() ? of(call.campaign.id()) : null;
    }

    private CampaignStatistics inboundOf(LiveCall call) {
        return call.inbound ? of(call.campaign.id()) : null;
    }

    /** A caller was picked up: in line for an agent from now. */
    void inboundArrived(LiveCall call) {
        CampaignStatistics s = inboundOf(call);
        if (s != null) {
            s.inboundArrived(clock.millis());
        }
    }

    /** A caller hung up waiting, or nobody was free within the campaign's wait. */
    void inboundAbandoned(LiveCall call, Instant at) {
        CampaignStatistics s = inboundOf(call);
        if (s != null) {
            s.inboundAbandoned(clock.millis(), millis(call.detectedAt == null ? call.placedAt : call.detectedAt, at));
        }
    }

    /** The inbound line of a running campaign opened (it takes callers now, to this target) or closed. */
    void inboundLine(long campaignId, boolean open, double serviceLevel, long serviceMillis) {
        CampaignStatistics s = of(campaignId);
        if (s == null) {
            return;
        }
        if (open) {
            s.retargetInbound(serviceLevel, serviceMillis);
            s.inboundOpened(clock.millis());
        } else {
            s.inboundClosed(clock.millis());
        }
    }

    /** An agent's wrap-up of a debtor's call to us ended. */
    void inboundWrapCompleted(long campaignId, long wrapMillis, long talkMillis) {
        CampaignStatistics s = of(campaignId);
        if (s != null) {
            s.inboundWrapCompleted(clock.millis(), wrapMillis, talkMillis);
        }
    }

    private CampaignStatistics of(long campaignId) {
        CampaignRun run = runs.get(campaignId);
        return run == null ? null : run.statistics;
    }

    void dialPlaced(LiveCall call) {
        CampaignStatistics s = of(call);
        if (s != null) {
            s.dialPlaced(call.placedAt.toEpochMilli());
        }
    }

    void resolved(LiveCall call, CallOutcome outcome, Instant at) {
        CampaignStatistics s = of(call);
        if (s == null) {
            return;
        }
        long sinceDial = millis(call.placedAt, at);
        if (call.answeredAt != null && outcome.answered()) {
            s.dialResolved(clock.millis(), dialOutcome(outcome), sinceDial, millis(call.answeredAt, at));
        } else {
            s.dialResolved(clock.millis(), dialOutcome(outcome), sinceDial);
        }
    }

    void connected(LiveCall call, long waitedMillis) {
        CampaignStatistics in = inboundOf(call);
        if (in != null) {
            in.inboundAnswered(clock.millis(), waitedMillis);
            return;
        }
        CampaignStatistics s = of(call);
        if (s != null && !call.abandoned) {
            s.liveConnected(clock.millis(), waitedMillis);
        }
    }

    void abandoned(LiveCall call, Instant at) {
        CampaignStatistics s = of(call);
        if (s != null && call.detectedAt != null) {
            s.liveAbandoned(clock.millis(), millis(call.detectedAt, at));
        }
    }

    void talkCompleted(LiveCall call, long talkMillis) {
        CampaignStatistics in = inboundOf(call);
        if (in != null) {
            in.inboundTalkCompleted(clock.millis(), talkMillis);
            return;
        }
        CampaignStatistics s = of(call);
        if (s != null) {
            s.talkCompleted(clock.millis(), talkMillis);
        }
    }

    /** A paced call's wrap-up ended (0 ms when the disposition came during the call). */
    void wrapCompleted(long campaignId, long wrapMillis, long talkMillis) {
        CampaignStatistics s = of(campaignId);
        if (s != null) {
            s.wrapCompleted(clock.millis(), wrapMillis, talkMillis);
        }
    }

    static long millis(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }

    static DialOutcome dialOutcome(CallOutcome outcome) {
        return switch (outcome) {
            case ANSWERED_HUMAN -> DialOutcome.LIVE;
            case ANSWERED_MACHINE -> DialOutcome.MACHINE;
            case NO_ANSWER -> DialOutcome.NO_ANSWER;
            case BUSY -> DialOutcome.BUSY;
            default -> DialOutcome.INVALID;
        };
    }
}
