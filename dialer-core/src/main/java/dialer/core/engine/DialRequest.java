package dialer.core.engine;

import dialer.compliance.CallPath;
import dialer.core.call.HandDialedLeads;
import dialer.core.call.QueuedLead;
import dialer.core.campaign.Campaign;

import java.time.Instant;

/**
 * One call to place: for which campaign (its settings at the decision), on which PBX, to which
 * lead, by which call path.
 *
 * @param detectMachines  run AMD on the answer (off for calls an agent dials)
 * @param reservedAgentId the agent the call is for (preview, manual, an agent's own callback); null for the team
 * @param handClaim       a lead an agent dialed by hand, to give back as it was if the call is not placed
 * @param decidedAt       when the engine decided to place it: a decision held up longer than the
 *                        ledger allows (the database was slow or down) is dropped, not dialed late
 */
record DialRequest(Campaign campaign, String pbx, QueuedLead lead, CallPath path, boolean detectMachines,
                   Long reservedAgentId, HandDialedLeads.Claimed handClaim, Instant decidedAt) {

    /** A call the pacer places for the team (or, with {@code forAgent}, for the owner of a callback). */
    static DialRequest paced(Campaign campaign, String pbx, QueuedLead lead, Long forAgent, Instant now) {
        return paced(campaign, pbx, lead, forAgent, now, true);
    }

    /**
     * A call the pacer places, with AMD as the campaign says unless the pacer waived it ({@code screen} false:
     * a small team whose campaign expects AMD false positives, {@link dialer.pacing.PacingDecision#screenForMachines()}).
     */
    static DialRequest paced(Campaign campaign, String pbx, QueuedLead lead, Long forAgent, Instant now, boolean screen) {
        return new DialRequest(campaign, pbx, lead, pathOf(lead), campaign.detectMachines() && screen, forAgent, null, now);
    }

    /** A call an agent dials: machine detection off, the call comes to that agent. */
    static DialRequest byAgent(Campaign campaign, String pbx, QueuedLead lead, CallPath path, long agentId,
                               HandDialedLeads.Claimed handClaim, Instant now) {
        return new DialRequest(campaign, pbx, lead, path, false, agentId, handClaim, now);
    }

    /** How long the decision has waited by {@code now}. */
    long heldMillis(Instant now) {
        return Math.max(0, java.time.Duration.between(decidedAt, now).toMillis());
    }

    /** The pacer placed this call itself (not an agent's preview or manual dial). */
    boolean paced() {
        return path != CallPath.MANUAL && path != CallPath.PREVIEW;
    }

    /** The pacer placed this call without the AMD its campaign uses (a small team's, see {@link #paced(Campaign, String, QueuedLead, Long, Instant, boolean)}). */
    boolean amdWaived() {
        return paced() && campaign.detectMachines() && !detectMachines;
    }

    /**
     * The pacer's statistics learn from the calls it placed itself as the campaign places them: not from those
     * agents dialed, nor from those it placed without the campaign's AMD (their answers include machines).
     */
    boolean teachesPacer() {
        return paced() && !amdWaived();
    }

    static CallPath pathOf(QueuedLead lead) {
        if (lead.callbackId() != null) {
            return CallPath.CALLBACK;
        }
        return lead.attemptsMade() > 0 ? CallPath.RETRY : CallPath.AUTOMATIC;
    }
}
