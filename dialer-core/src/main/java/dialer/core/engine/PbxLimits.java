package dialer.core.engine;

/**
 * The fixed caps on one Asterisk: callee calls up at once (ringing, answered, talking) and new calls
 * per second. What the box can carry is set here; {@link PbxGovernor} lowers it further while the
 * PBX shows it is slow.
 */
public record PbxLimits(int maxCalls, int maxCallsPerSecond) {

    /** What one 2-core Asterisk carries with room to spare (see README, "Overload"). */
    public static final PbxLimits DEFAULT = new PbxLimits(300, 30);

    public PbxLimits {
        if (maxCalls < 1 || maxCalls > 100_000) {
            throw new IllegalArgumentException("a PBX's maximum calls must be 1 to 100000, was " + maxCalls);
        }
        if (maxCallsPerSecond < 1 || maxCallsPerSecond > 10_000) {
            throw new IllegalArgumentException("a PBX's maximum calls per second must be 1 to 10000, was " + maxCallsPerSecond);
        }
    }
}
