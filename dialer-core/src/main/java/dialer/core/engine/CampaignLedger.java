package dialer.core.engine;

import dialer.core.agent.Agent;
import dialer.core.agent.SessionStore;
import dialer.core.call.HandDialedLeads;
import dialer.core.call.OpenAttempts;
import dialer.core.call.PastCalls;
import dialer.core.call.QueuedLead;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignStatus;
import dialer.core.report.AbandonmentStats;
import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Campaigns, agents and leads as the engine reads and claims them. Like {@link AttemptLedger}:
 * database workers, immutable values in and out, futures completed back on the engine thread, and
 * the guard's rule sets registered here whenever a campaign is read.
 */
interface CampaignLedger {

    /** A campaign to run, with its calls of the regulators' longest window (for a pacer that starts afresh). */
    /**
     * A campaign to run, with its calls of the regulators' longest window and its paced calls of the
     * last hour (for a pacer that starts afresh: {@link PacerWarmStart}).
     */
    record ToRun(Campaign campaign, List<AbandonmentStats.QuarterHour> history, List<PastCalls.PastCall> recentCalls) {
    }

    /** Claimed leads the guard allows now, and the rules that blocked the others (each one a lead). */
    record QueueFill(int claimed, List<QueuedLead> allowed, List<List<String>> blocked) {
    }

    /** A lead an agent dialed by hand, found among the campaign's debtors. */
    record HandDialTarget(Campaign campaign, HandDialedLeads.Target target) {
    }

    /** An agent whose session this node ran when it stopped, as last written. */
    record RestoredAgent(Agent agent, SessionStore.SavedSession saved) {
    }

    /**
     * What an earlier run of this node left: the campaigns to resume, every campaign (their rule
     * sets registered), the calls to adopt (open, or conversations awaiting their disposition), the
     * agents to take back, and the newest session version written.
     */
    record Recovery(List<ToRun> resumed, List<Campaign> campaigns, List<OpenAttempts.OpenAttempt> calls,
                    List<RestoredAgent> agents, long sessionVersion) {
    }

    /**
     * At start: finds what this node left (see {@link Recovery}), gives back the leads it claimed
     * and did not dial, registers every campaign's rule set and expires stale reservations.
     */
    Future<Recovery> recover(Duration staleReservation);

    /** Writes an agent's session as it stands (a newer version than any written before wins). */
    Future<Void> saveSession(SessionStore.SavedSession session);

    Future<Integer> expireStale(Duration staleReservation);

    /** Marks the campaign RUNNING; {@code withHistory} for a run that starts afresh. */
    Future<ToRun> start(long campaignId, boolean withHistory);

    Future<Campaign> setStatus(long campaignId, CampaignStatus status);

    /** The campaign as stored, its rule set rebuilt. */
    Future<Campaign> reload(long campaignId);

    /** The agent, once the campaign is known to exist. */
    Future<Agent> agentFor(long agentId, long campaignId);

    /** Claims up to {@code wanted} leads (SKIP LOCKED) and previews each with the guard. */
    Future<QueueFill> fillQueue(Campaign campaign, int wanted, Instant now);

    Future<List<QueuedLead>> dueCallbacks(Campaign campaign, Instant now, int limit);

    /** Leads this node queued or held go back to the database (callbacks wait again, due now). */
    Future<Void> giveBack(List<QueuedLead> leads);

    /** An agent passed on a previewed lead: offered again later. */
    Future<Void> skipped(QueuedLead lead, long agentId, String reason, Instant now);

    /**
     * Finds the lead of a number an agent dials by hand; {@code running} is the campaign as this
     * node runs it, or null (then it is read, and its rules registered). Fails with Forbidden when
     * {@code phoneId} is not a number of {@code seenDebtor}.
     */
    Future<HandDialTarget> findHandDialed(long campaignId, Campaign running, Long phoneId, String number, Long seenDebtor);

    Future<HandDialedLeads.Claimed> claimHandDialed(HandDialedLeads.Target target, Instant now);

    /** Marks overdue promises broken and schedules their follow-up calls; how many broke. */
    Future<Integer> breakOverduePromises();
}
