package dialer.core.engine;

import dialer.core.call.QueuedLead;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.DialMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Keeps each running campaign's queue of next leads ahead of its pacer: claimed in the database
 * and previewed by the guard (blocked leads never reach the pacer); polls due callbacks; keeps an
 * agent's own callbacks for that agent a while; and gives leads back that this node will not dial.
 */
final class LeadSupply {

    private static final Logger log = LoggerFactory.getLogger(LeadSupply.class);
    /** How long an agent's own callback waits for them before the team takes it. */
    static final Duration OWNED_CALLBACK_PATIENCE = Duration.ofMinutes(30);

    /** An agent's own callback that is due, and the agent, ready now, to take it. */
    record OwnedCallback(QueuedLead lead, AgentSession owner) {
    }

    private final EngineThread thread;
    private final Clock clock;
    private final CampaignRuns runs;
    private final AgentSessions agents;
    private final CampaignLedger ledger;
    private final AttemptWrites writes;
    private final EngineEvents events;

    LeadSupply(EngineThread thread, Clock clock, CampaignRuns runs, AgentSessions agents, CampaignLedger ledger,
               AttemptWrites writes, EngineEvents events) {
        this.thread = thread;
        this.clock = clock;
        this.runs = runs;
        this.agents = agents;
        this.ledger = ledger;
        this.writes = writes;
        this.events = events;
    }

    /** Claims more leads when the queue runs below half of three per working agent (at least five). */
    void topUp(CampaignRun run, Instant now) {
        thread.check();
        int staffing = (int) agents.inCampaign(run.campaign.id()).stream()
                .filter(s -> !s.in(AgentState.PAUSED) && !s.in(AgentState.CONNECTING)).count();
        int target = Math.max(5, 3 * staffing);
        if (run.filling || run.queue.size() >= target / 2 || now.isBefore(run.queueEmptyUntil) || staffing == 0) {
            return;
        }
        run.filling = true;
        int wanted = target - run.queue.size();
        Campaign campaign = run.campaign;
        ledger.fillQueue(campaign, wanted, now).onComplete(ar -> {
            run.filling = false;
            if (ar.failed()) {
                writes.failed(null, "the queue of campaign " + campaign.id(), ar.cause());
                run.queueEmptyUntil = clock.instant().plusSeconds(5);
                return;
            }
            CampaignLedger.QueueFill fill = ar.result();
            fill.blocked().forEach(rules -> events.leadBlocked(campaign.id(), rules));
            if (runs.get(campaign.id()) != run) {
                // stopped meanwhile: the leads go back
                giveBack(fill.allowed());
                return;
            }
            run.queue.addAll(fill.allowed());
            if (fill.claimed() < wanted) {
                run.queueEmptyUntil = clock.instant().plusSeconds(3);
            }
        });
    }

    /** Due callbacks: the team's go to the front of the queue; an agent's wait for that agent. */
    void pollCallbacks(CampaignRun run, Instant now) {
        thread.check();
        if (run.pollingCallbacks || now.isBefore(run.nextCallbackPoll)) {
            return;
        }
        run.pollingCallbacks = true;
        run.nextCallbackPoll = now.plusSeconds(2);
        ledger.dueCallbacks(run.campaign, now, 20).onComplete(ar -> {
            run.pollingCallbacks = false;
            if (ar.failed()) {
                writes.failed(null, "the due callbacks of campaign " + run.campaign.id(), ar.cause());
                return;
            }
            if (runs.get(run.campaign.id()) != run) {
                giveBack(ar.result());
                return;
            }
            for (QueuedLead lead : ar.result()) {
                if (lead.ownerAgentId() == null) {
                    run.queue.addFirst(lead);
                } else {
                    run.ownedCallbacks.add(new CampaignRun.WaitingCallback(lead, now));
                }
            }
        });
    }

    /**
     * Agents' own callbacks whose owner is ready now (taken off the list: the caller dials or shows
     * them); those that waited past the patience go to the team's queue.
     */
    List<OwnedCallback> ownedCallbacksDue(CampaignRun run, Instant now, Predicate<AgentSession> canTake) {
        thread.check();
        List<OwnedCallback> due = new ArrayList<>();
        for (CampaignRun.WaitingCallback waiting : List.copyOf(run.ownedCallbacks)) {
            QueuedLead lead = waiting.lead();
            AgentSession owner = agents.get(lead.ownerAgentId());
            if (owner != null && owner.campaignId == run.campaign.id() && owner.in(AgentState.READY) && canTake.test(owner)
                    && due.stream().noneMatch(d -> d.owner() == owner)) {
                run.ownedCallbacks.remove(waiting);
                due.add(new OwnedCallback(lead, owner));
            } else if (now.isAfter(waiting.since().plus(OWNED_CALLBACK_PATIENCE))) {
                run.ownedCallbacks.remove(waiting);
                log.info("callback {}: agent {} is not available; the team takes it", lead.callbackId(), lead.ownerAgentId());
                run.queue.addFirst(lead.forCallback(lead.callbackId(), null));
            }
        }
        return due;
    }

    /** The next lead to dial, or null. */
    QueuedLead next(CampaignRun run) {
        thread.check();
        return run.queue.pollFirst();
    }

    /** A lead that was not dialed after all goes back where it came from (the run's queue, or the database). */
    void putBack(CampaignRun run, QueuedLead lead) {
        thread.check();
        if (runs.get(run.campaign.id()) != run) {
            giveBack(List.of(lead));
        } else if (lead.ownerAgentId() == null) {
            run.queue.addFirst(lead);
        } else {
            run.ownedCallbacks.add(new CampaignRun.WaitingCallback(lead, clock.instant()));
        }
    }

    /** A lead an agent previewed and did not dial goes back to the front of the queue (or to the database). */
    void previewReturned(long campaignId, QueuedLead lead) {
        CampaignRun run = runs.get(campaignId);
        if (run == null) {
            giveBack(List.of(lead));
        } else {
            putBack(run, lead);
        }
    }

    /** Drops {@code leadId} from the queue (an agent dials it by hand). */
    void remove(long campaignId, long leadId) {
        CampaignRun run = runs.get(campaignId);
        if (run != null) {
            run.queue.removeIf(l -> l.leadId() == leadId);
        }
    }

    /** A campaign stopped: every lead it held here goes back to the database. */
    void stopped(CampaignRun run) {
        thread.check();
        List<QueuedLead> back = new ArrayList<>(run.queue);
        run.ownedCallbacks.forEach(w -> back.add(w.lead()));
        run.queue.clear();
        run.ownedCallbacks.clear();
        giveBack(back);
    }

    private void giveBack(List<QueuedLead> leads) {
        if (!leads.isEmpty()) {
            writes.once(null, leads.size() + " lead(s) given back", () -> ledger.giveBack(leads));
        }
    }

    static boolean previewing(Campaign campaign) {
        return campaign.dialMode() == DialMode.PREVIEW;
    }
}
