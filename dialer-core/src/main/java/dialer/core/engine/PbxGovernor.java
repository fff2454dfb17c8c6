package dialer.core.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many new calls one Asterisk may take now. Its fixed caps ({@link PbxLimits}: calls up at
 * once, new calls per second as a token bucket), and a limit of its own that halves as soon as the
 * PBX shows it is slow (a command acknowledged late or not at all, a person reaching the agent's
 * bridge late after being sent there, a person abandoned on the way to their agent, the dialer's own
 * thread running late beside it) and climbs back by a tenth each second once it has been healthy for
 * {@link #CALM_MILLIS} (a limit that doubled back at once swung the PBX straight into overload again).
 * While that limit holds, dialing is progressive too: no more calls in flight than ready agents,
 * so a slow PBX costs occupancy, never abandoned calls. Owned by the engine thread.
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
    /** The limit is cut at most once in this long (one slow moment reports through several calls). */
    static final long CUT_SPACING_MILLIS = 2_000;
    /** Healthy this long after the last bad sign before the limit climbs again. */
    static final long CALM_MILLIS = 10_000;

    private final String pbx;
    private final PbxLimits limits;
    private double tokens;
    private long tokensAt = Long.MIN_VALUE;
    /** The governor's own limit on calls up at once; {@code limits.maxCalls()} when not throttled. */
    private int limit;
    private long lastBadAt = Long.MIN_VALUE;
    private long lastCutAt = Long.MIN_VALUE;
    private long lastRaiseAt = Long.MIN_VALUE;
    /** Why the limit is down, or null. */
    private String throttled;
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
        if (throttled != null) {
            // progressive while throttled: a call in flight for each ready agent of the campaign, no more
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
        }
    }

    /** Why dialing on this PBX is held down now, or null. */
    String throttled() {
        return throttled == null ? null : "PBX " + pbx + " throttled to " + limit + " call(s), progressive: " + throttled;
    }

    int limit() {
        return Math.min(limit, limits.maxCalls());
    }

    private void bad(String why, long nowMillis) {
        lastBadAt = nowMillis;
        if (lastCutAt != Long.MIN_VALUE && nowMillis - lastCutAt < CUT_SPACING_MILLIS) {
            return;
        }
        lastCutAt = nowMillis;
        int before = limit();
        limit = Math.max(1, Math.min(before, callsUp) / 2);
        if (throttled == null) {
            log.warn("PBX {}: {}; dialing held to {} call(s) up at once, progressive, until it is healthy again", pbx, why, limit);
        }
        throttled = why;
    }

    private void climb(long nowMillis) {
        if (throttled == null || nowMillis - lastBadAt < CALM_MILLIS
                || (lastRaiseAt != Long.MIN_VALUE && nowMillis - lastRaiseAt < 1_000)) {
            return;
        }
        lastRaiseAt = nowMillis;
        limit = Math.min(limits.maxCalls(), limit + Math.max(1, limit / 10));
        if (limit >= limits.maxCalls()) {
            log.info("PBX {}: healthy again; dialing no longer held down", pbx);
            throttled = null;
        }
    }

    private void refill(long nowMillis) {
        if (tokensAt != Long.MIN_VALUE) {
            tokens = Math.min(limits.maxCallsPerSecond(), tokens + (nowMillis - tokensAt) * limits.maxCallsPerSecond() / 1000.0);
        }
        tokensAt = nowMillis;
    }
}
