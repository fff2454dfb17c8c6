package dialer.core.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many new calls one Asterisk may take now. Its fixed caps ({@link PbxLimits}: calls up at
 * once, new calls per second as a token bucket), and a limit of its own, set the way TCP sets its
 * congestion window:
 * <ul>
 * <li><b>strained</b> (a person in the agent's bridge {@link #STRAINED_CONNECT_MILLIS} after being sent
 * there, the dialer's own tick {@link #STRAINED_ENGINE_MILLIS} late: far from the 1.2 s a person
 * waits, but several times a healthy box's p99): the limit stops where the calls up are now and does
 * not climb until {@link #STRAIN_CALM_MILLIS} without such a sign. This is the sign that comes before
 * abandons. A command acknowledged after 200 ms is not one: at 150 agents on a box at 40% of its
 * CPU originates took that long every few seconds, and held dialing down for good;</li>
 * <li><b>slow</b> (acknowledged after {@link #SLOW_COMMAND_MILLIS} or not at all, a person in the
 * bridge after {@link #SLOW_CONNECT_MILLIS}, abandoned on the way to their agent, the dialer's thread
 * {@link #LATE_ENGINE_MILLIS} late): the calls up then are remembered as the level where this PBX was
 * slow, the limit halves, and dialing is progressive (no more calls in flight than ready agents, so a
 * slow PBX costs occupancy, never abandoned calls) until the limit is back near that level;</li>
 * <li>after {@link #CALM_MILLIS} without a bad sign the limit climbs by a tenth a second up to
 * {@link #SAFE_SHARE} of the level where it was slow, then by one call every {@link #PROBE_MILLIS},
 * predictively again, up to {@link #PROBE_PAST} times that level, from where it climbs by a tenth a
 * second again. A limit that climbed straight back to where
 * the PBX was slow found the overload again every half minute (150 agents on a 2-core machine).</li>
 * </ul>
 * Owned by the engine thread.
 */
final class PbxGovernor {

    private static final Logger log = LoggerFactory.getLogger(PbxGovernor.class);

    /**
     * A command (originate, redirect, hang-up) acknowledged later than this says the PBX is slow: a healthy
     * one answers in milliseconds, and the person waiting for a redirect has 1.2 s in all.
     */
    static final long SLOW_COMMAND_MILLIS = 500;
    /**
     * A person in an agent's bridge later than this after being sent there: on a healthy box the p99 is
     * under 50 ms even under heavy API load; at 1 s (tried first) a saturated box already abandoned 13% of
     * the people who answered (the hold limit is 1.2 s after detection).
     */
    static final long SLOW_CONNECT_MILLIS = 400;
    /** The engine's thread ran this much later than its tick asked: the dialer itself is short of CPU beside the PBX. */
    static final long LATE_ENGINE_MILLIS = 500;
    /** A person in the agent's bridge later than this after being sent there: strained (healthy p99 under 50 ms). */
    static final long STRAINED_CONNECT_MILLIS = 200;
    /** The engine's tick this late: strained. */
    static final long STRAINED_ENGINE_MILLIS = 250;
    /**
     * The limit is cut at most once in this long: one slow moment reports through several calls, and the
     * work queued in Asterisk before a cut keeps it slow for seconds after (at 2 s, three cuts in five
     * seconds took 117 calls up to 29 in one overload at 150 agents).
     */
    static final long CUT_SPACING_MILLIS = 5_000;
    /** Probing one call at a time goes this far past the level where the PBX was slow; beyond, that level is history. */
    static final double PROBE_PAST = 1.25;
    /** Healthy this long after the last bad sign before the limit climbs again. */
    static final long CALM_MILLIS = 10_000;
    /** No sign of strain for this long before the limit climbs again. */
    static final long STRAIN_CALM_MILLIS = 5_000;
    /** The share of the level where the PBX was last slow up to which the limit climbs fast, dialing progressively. */
    static final double SAFE_SHARE = 0.8;
    /** Above that, one more call up at once every this long. */
    static final long PROBE_MILLIS = 3_000;

    private final String pbx;
    private final PbxLimits limits;
    private double tokens;
    private long tokensAt = Long.MIN_VALUE;
    /** The governor's own limit on calls up at once; {@code limits.maxCalls()} when not throttled. */
    private int limit;
    private long lastBadAt = Long.MIN_VALUE;
    private long lastStrainAt = Long.MIN_VALUE;
    private long lastStrainLogAt = Long.MIN_VALUE;
    /** Calls up when the PBX was last slow (what the last cut halved); {@code Integer.MAX_VALUE} when it has not been. */
    private int slowAt = Integer.MAX_VALUE;
    private long lastCutAt = Long.MIN_VALUE;
    private long lastRaiseAt = Long.MIN_VALUE;
    /** Why the limit is down, or null. */
    private String throttled;
    /** The limit and throttle last reported. */
    private String reported;
    /** Callee calls up on the PBX when last asked for room: what a cut halves. */
    private int callsUp;

    PbxGovernor(String pbx, PbxLimits limits) {
        this.pbx = pbx;
        this.limits = limits;
        this.limit = limits.maxCalls();
        this.tokens = limits.maxCallsPerSecond();
    }

    /**
     * How many new calls a campaign may place on this PBX now, with {@code callsUp} callee calls up
     * on it ({@code campaignCallsUp} of them the campaign's) and {@code readyAgents} agents of the
     * campaign ready and waiting there.
     */
    int room(int callsUp, int campaignCallsUp, int readyAgents, long nowMillis) {
        this.callsUp = callsUp;
        refill(nowMillis);
        climb(nowMillis);
        int room = Math.min(limit() - callsUp, (int) Math.floor(tokens));
        if (progressive()) {
            // progressive while well under the level where the PBX was slow: a call in flight for each ready agent of the campaign, no more
            room = Math.min(room, readyAgents - campaignCallsUp);
        }
        return Math.max(0, room);
    }

    /** {@code n} calls are being placed: they spend the per-second allowance. */
    void placing(int n) {
        tokens -= n;
    }

    /** A command was acknowledged after {@code millis} ({@code what}: "originate", "redirect"...). */
    void acknowledged(String what, long millis, long nowMillis) {
        if (millis > SLOW_COMMAND_MILLIS) {
            bad(what + " acknowledged after " + millis + " ms", nowMillis);
        }
    }

    /** A command got no answer in time, or the link dropped before it did (not a refusal: Asterisk said nothing). */
    void unanswered(String what, long nowMillis) {
        bad(what + " not acknowledged", nowMillis);
    }

    /** A person reached an agent's bridge {@code millis} after being sent there. */
    void connected(long millis, long nowMillis) {
        if (millis > SLOW_CONNECT_MILLIS) {
            bad("a person reached the agent's bridge " + millis + " ms after being sent there", nowMillis);
        } else if (millis > STRAINED_CONNECT_MILLIS) {
            strained("a person reached the agent's bridge " + millis + " ms after being sent there", nowMillis);
        }
    }

    /** A person was abandoned by the dialplan's hold timer after being sent to an agent: the move was too slow. */
    void abandonedOnTheWay(long nowMillis) {
        bad("a person was abandoned on the way to their agent", nowMillis);
    }

    /** The engine's periodic tick ran {@code millis} late (the dialer's thread, on the same machine, was starved). */
    void engineLate(long millis, long nowMillis) {
        if (millis > LATE_ENGINE_MILLIS) {
            bad("the dialer's own thread ran " + millis + " ms late", nowMillis);
        } else if (millis > STRAINED_ENGINE_MILLIS) {
            strained("the dialer's own thread ran " + millis + " ms late", nowMillis);
        }
    }

    /** Whether the limit or the throttle changed since this was last asked (then it is reported: metrics). */
    boolean changedSinceReported() {
        String now = limit() + " " + throttled;
        if (now.equals(reported)) {
            return false;
        }
        reported = now;
        return true;
    }

    /** Why dialing on this PBX is held down now, or null. */
    String throttled() {
        if (throttled == null) {
            return null;
        }
        if (progressive()) {
            return "PBX " + pbx + " throttled to " + limit + " call(s), progressive: " + throttled;
        }
        return "PBX " + pbx + " held to " + limit + " call(s) up at once" + (slowAt == Integer.MAX_VALUE ? ""
                : " (slow at " + slowAt + ")") + ": " + throttled;
    }

    int limit() {
        return Math.min(limit, limits.maxCalls());
    }

    /** Well under the level where the PBX was last slow: one call in flight per ready agent, no more. */
    private boolean progressive() {
        return throttled != null && slowAt != Integer.MAX_VALUE && limit < SAFE_SHARE * slowAt;
    }

    private void strained(String why, long nowMillis) {
        lastStrainAt = nowMillis;
        if (lastStrainLogAt == Long.MIN_VALUE || nowMillis - lastStrainLogAt >= 30_000) {
            lastStrainLogAt = nowMillis;
            log.info("PBX {}: strained, {} (limit {}, calls up {})", pbx, why, limit(), callsUp);
        }
        if (throttled == null) {
            // stop where it is: no higher until the strain has passed
            limit = Math.max(1, Math.min(limit(), callsUp));
            throttled = "strained, " + why;
        }
    }

    private void bad(String why, long nowMillis) {
        lastBadAt = nowMillis;
        if (lastCutAt != Long.MIN_VALUE && nowMillis - lastCutAt < CUT_SPACING_MILLIS) {
            return;
        }
        lastCutAt = nowMillis;
        boolean wasProgressive = progressive();
        // where it was slow: the calls really up then
        slowAt = Math.max(1, callsUp);
        limit = Math.max(1, Math.min(limit(), callsUp) / 2);
        if (!wasProgressive) {
            log.warn("PBX {}: {}; dialing held to {} call(s) up at once, progressive, until it is healthy again", pbx, why, limit);
        } else {
            log.info("PBX {}: slow again at {} call(s) up, {}; limit {}", pbx, callsUp, why, limit);
        }
        throttled = why;
    }

    private void climb(long nowMillis) {
        if (throttled == null || !quietSince(lastBadAt, CALM_MILLIS, nowMillis) || !quietSince(lastStrainAt, STRAIN_CALM_MILLIS, nowMillis)
                || !quietSince(lastRaiseAt, 1_000, nowMillis)) {
            return;
        }
        if (slowAt != Integer.MAX_VALUE && limit >= SAFE_SHARE * slowAt) {
            // near where it was slow: one call more at a time, a little past it too
            if (!quietSince(lastRaiseAt, PROBE_MILLIS, nowMillis)) {
                return;
            }
            limit++;
            if (limit > PROBE_PAST * slowAt) {
                slowAt = Integer.MAX_VALUE;
            }
        } else {
            int fastUpTo = slowAt == Integer.MAX_VALUE ? limits.maxCalls() : (int) Math.ceil(SAFE_SHARE * slowAt);
            limit = Math.min(fastUpTo, limit + Math.max(1, limit / 10));
        }
        lastRaiseAt = nowMillis;
        if (limit >= limits.maxCalls()) {
            log.info("PBX {}: healthy again; dialing no longer held down", pbx);
            throttled = null;
            slowAt = Integer.MAX_VALUE;
            limit = limits.maxCalls();
        }
    }

    /** Nothing happened at {@code at} (MIN_VALUE: never) within {@code millis} before {@code nowMillis}. */
    private static boolean quietSince(long at, long millis, long nowMillis) {
        return at == Long.MIN_VALUE || nowMillis - at >= millis;
    }

    private void refill(long nowMillis) {
        if (tokensAt != Long.MIN_VALUE) {
            tokens = Math.min(limits.maxCallsPerSecond(), tokens + (nowMillis - tokensAt) * limits.maxCallsPerSecond() / 1000.0);
        }
        tokensAt = nowMillis;
    }
}
