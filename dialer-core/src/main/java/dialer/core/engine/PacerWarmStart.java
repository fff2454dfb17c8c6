package dialer.core.engine;

import dialer.ami.CallOutcome;
import dialer.core.call.PastCalls.PastCall;
import dialer.pacing.CampaignStatistics;
import dialer.pacing.DialOutcome;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Warms the statistics of a run that starts afresh (the dialer restarted, or the campaign was
 * stopped and started) with the campaign's paced calls of the last hour, each observation at the
 * time it happened: the estimates' half-lives weigh them by their age, and a campaign that was
 * dialing a moment ago is predicted at once instead of dialing progressively for its first
 * minutes. Calls older than {@link #WINDOW} are not replayed (the campaign starts cold after a
 * long pause). Only the answer and handle-time estimates learn here; the regulatory abandonment
 * windows are filled from the stored quarter-hours.
 */
final class PacerWarmStart {

    /** How far back calls are replayed: the handle-time estimates' half-life. */
    static final Duration WINDOW = Duration.ofMinutes(60);
    /** At most this many of the newest calls. */
    static final int MAX_CALLS = 3_000;

    private PacerWarmStart() {
    }

    private record Observation(long at, Runnable feed) {
    }

    /** Feeds {@code calls} into {@code statistics} in the order things happened; how many calls were replayed. */
    static int replay(CampaignStatistics statistics, List<PastCall> calls, Instant now) {
        Instant from = now.minus(WINDOW);
        List<Observation> resolutions = new ArrayList<>();
        List<Observation> handling = new ArrayList<>();
        int replayed = 0;
        for (PastCall p : calls) {
            DialOutcome outcome = outcomeOf(p.outcome());
            if (outcome == null || p.originatedAt().isBefore(from) || p.endedAt() == null || p.endedAt().isAfter(now)) {
                continue;
            }
            replayed++;
            Instant resolvedAt = p.answeredAt() != null ? p.answeredAt() : p.endedAt();
            long sinceDial = PacerFeed.millis(p.originatedAt(), resolvedAt);
            resolutions.add(new Observation(resolvedAt.toEpochMilli(),
                    () -> statistics.dialResolved(resolvedAt.toEpochMilli(), outcome, sinceDial)));
            if (p.connectedAt() != null) {
                long talk = PacerFeed.millis(p.connectedAt(), p.endedAt());
                handling.add(new Observation(p.endedAt().toEpochMilli(), () -> statistics.talkCompleted(p.endedAt().toEpochMilli(), talk)));
                if (p.disposedAt() != null && !p.disposedAt().isAfter(now)) {
                    // a disposition given during the call means no wrap-up
                    Instant wrapEnd = p.disposedAt().isBefore(p.endedAt()) ? p.endedAt() : p.disposedAt();
                    long wrap = PacerFeed.millis(p.endedAt(), wrapEnd);
                    handling.add(new Observation(wrapEnd.toEpochMilli(), () -> statistics.wrapCompleted(wrapEnd.toEpochMilli(), wrap, talk)));
                }
            }
        }
        resolutions.sort(Comparator.comparingLong(Observation::at));
        handling.sort(Comparator.comparingLong(Observation::at));
        resolutions.forEach(o -> o.feed().run());
        handling.forEach(o -> o.feed().run());
        return replayed;
    }

    private static DialOutcome outcomeOf(String stored) {
        if (stored == null) {
            return null;
        }
        if (stored.equals("ABANDONED")) {
            return DialOutcome.LIVE;
        }
        try {
            return PacerFeed.dialOutcome(CallOutcome.valueOf(stored));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
