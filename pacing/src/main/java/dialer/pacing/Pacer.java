package dialer.pacing;

/**
 * Decides how many calls a campaign should place now.
 *
 * <p>A pacer is called by its driver (the live dialer, or the simulator) every time the driver wants to
 * dial, typically once a second. The decision depends only on the snapshot: who the agents are and what
 * they are doing, which calls are in flight, and the campaign's running {@link CampaignStatistics}. A
 * pacer never reads a clock, never starts a thread and never places a call itself.
 */
public interface Pacer {

    /** How many calls to place now, and why. */
    PacingDecision decide(PacingSnapshot snapshot);
}
