package dialer.core.engine;

import dialer.compliance.Decision;
import dialer.compliance.RuleResult;
import dialer.core.Forbidden;
import dialer.core.agent.Agent;
import dialer.core.agent.AgentStore;
import dialer.core.agent.SessionStore;
import dialer.core.call.AttemptStore;
import dialer.core.call.LeadClaims;
import dialer.core.portrait.ListHourProfiles;
import dialer.core.queue.BestHoursWindow;
import dialer.core.call.HandDialedLeads;
import dialer.core.call.OpenAttempts;
import dialer.core.call.PastCalls;
import dialer.core.call.QueuedLead;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignStatus;
import dialer.core.campaign.CampaignStore;
import dialer.core.compliance.ComplianceGate;
import dialer.core.db.Sql;
import dialer.core.followup.BrokenPromises;
import dialer.core.report.AbandonmentStats;
import dialer.pacing.PacingConfig;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link CampaignLedger} in PostgreSQL: each method one or two transactions on a {@code dialer-db} worker. */
final class SqlCampaignLedger implements CampaignLedger {

    private static final Logger log = LoggerFactory.getLogger(SqlCampaignLedger.class);

    private final Sql sql;
    private final ComplianceGate gate;
    private final EngineThread thread;
    private final String node;
    private final Clock clock;
    private final CampaignStore campaigns = new CampaignStore();
    private final AgentStore agents = new AgentStore();
    private final AttemptStore attempts = new AttemptStore();
    private final LeadClaims claims;
    private final OpenAttempts openAttempts = new OpenAttempts();
    private final PastCalls pastCalls = new PastCalls();
    private final SessionStore sessions = new SessionStore();
    private final AbandonmentStats abandonmentStats = new AbandonmentStats();
    private final HandDialedLeads handDialed = new HandDialedLeads();
    private final BrokenPromises brokenPromises = new BrokenPromises();

    SqlCampaignLedger(Sql sql, ComplianceGate gate, EngineThread thread, String node, Clock clock, ListHourProfiles hourProfiles) {
        this.sql = sql;
        this.gate = gate;
        this.thread = thread;
        this.node = node;
        this.clock = clock;
        // the best-hours order reads each campaign's list profile by local hour (cached, read in the background)
        this.claims = new LeadClaims(new BestHoursWindow(hourProfiles::current));
    }

    private <T> Future<T> tx(Sql.Work<T> work) {
        return thread.back(sql.tx(work));
    }

    @Override
    public Future<Recovery> recover(Duration staleReservation) {
        return tx(c -> {
            List<OpenAttempts.OpenAttempt> open = openAttempts.ofNode(c, node);
            int released = openAttempts.releaseUndialedClaims(c, node);
            if (!open.isEmpty() || released > 0) {
                log.info("an earlier run of node {} left {} call(s) to adopt and {} undialed lead(s), back in their queues",
                        node, open.size(), released);
            }
            List<Campaign> all = campaigns.list(c);
            for (Campaign campaign : all) {
                gate.register(campaign, campaigns.overrides(c, campaign.id()));
            }
            int expired = gate.recoverStale(staleReservation);
            if (expired > 0) {
                log.info("{} compliance reservation(s) left open were recovered (never dialed: lapsed, free; dialed: one call each)",
                        expired);
            }
            List<ToRun> resumed = new ArrayList<>();
            for (Campaign campaign : all) {
                if (campaign.status() == CampaignStatus.RUNNING) {
                    resumed.add(new ToRun(campaign, history(c, campaign), recentCalls(c, campaign)));
                }
            }
            List<RestoredAgent> restored = new ArrayList<>();
            for (SessionStore.SavedSession saved : sessions.ofNode(c, node)) {
                restored.add(new RestoredAgent(agents.get(c, saved.agentId()), saved));
            }
            return new Recovery(resumed, all, open, restored, sessions.latestVersion(c));
        });
    }

    @Override
    public Future<Void> saveSession(SessionStore.SavedSession session) {
        Instant at = clock.instant();
        return tx(c -> {
            sessions.save(c, session, at);
            return null;
        });
    }

    private List<PastCalls.PastCall> recentCalls(Connection c, Campaign campaign) throws SQLException {
        return pastCalls.recentPaced(c, campaign.id(), clock.instant().minus(PacerWarmStart.WINDOW), PacerWarmStart.MAX_CALLS);
    }

    /** The campaign's calls of the regulators' longest window, for a pacer that starts afresh. */
    private List<AbandonmentStats.QuarterHour> history(Connection c, Campaign campaign) throws SQLException {
        Instant now = clock.instant();
        return abandonmentStats.quarterHours(c, campaign.id(),
                now.minus(Duration.ofDays(PacingConfig.defaults().rollingWindowDays())), now);
    }

    @Override
    public Future<Integer> expireStale(Duration staleReservation) {
        return tx(c -> gate.recoverStale(staleReservation));
    }

    @Override
    public Future<ToRun> start(long campaignId, boolean withHistory) {
        return tx(c -> {
            Campaign campaign = campaigns.setStatus(c, campaignId, CampaignStatus.RUNNING);
            gate.register(campaign, campaigns.overrides(c, campaignId));
            return withHistory ? new ToRun(campaign, history(c, campaign), recentCalls(c, campaign))
                    : new ToRun(campaign, List.of(), List.of());
        });
    }

    @Override
    public Future<Campaign> setStatus(long campaignId, CampaignStatus status) {
        return tx(c -> campaigns.setStatus(c, campaignId, status));
    }

    @Override
    public Future<Campaign> reload(long campaignId) {
        return tx(c -> {
            Campaign campaign = campaigns.get(c, campaignId);
            gate.register(campaign, campaigns.overrides(c, campaignId));
            return campaign;
        });
    }

    @Override
    public Future<Agent> agentFor(long agentId, long campaignId) {
        return tx(c -> {
            Agent agent = agents.get(c, agentId);
            campaigns.get(c, campaignId);
            return agent;
        });
    }

    @Override
    public Future<QueueFill> fillQueue(Campaign campaign, int wanted, Instant now) {
        return tx(c -> claims.claimForQueue(c, campaign, wanted, node, now)).compose(claimed -> tx(c -> {
            List<QueuedLead> allowed = new ArrayList<>();
            List<List<String>> blocked = new ArrayList<>();
            for (QueuedLead lead : claimed) {
                Decision d = gate.preview(lead, DialRequest.pathOf(lead));
                if (d.allowed()) {
                    allowed.add(lead);
                } else {
                    attempts.blocked(c, lead.leadId(), gate.retryAt(lead.campaignId(), d, clock.instant()),
                            SqlAttemptLedger.reasons(d));
                    log.info("lead {} skipped: {}", lead.leadId(), d.summary());
                    blocked.add(d.failures().stream().map(RuleResult::ruleId).toList());
                }
            }
            return new QueueFill(claimed.size(), allowed, blocked);
        }));
    }

    @Override
    public Future<List<QueuedLead>> dueCallbacks(Campaign campaign, Instant now, int limit) {
        return tx(c -> attempts.claimDueCallbacks(c, campaign, node, now, limit));
    }

    @Override
    public Future<Void> giveBack(List<QueuedLead> leads) {
        if (leads.isEmpty()) {
            return Future.succeededFuture();
        }
        return tx(c -> {
            Instant now = clock.instant();
            List<Long> queued = new ArrayList<>();
            for (QueuedLead lead : leads) {
                if (lead.callbackId() != null) {
                    attempts.callbackWaits(c, lead, now, false, null);
                } else {
                    queued.add(lead.leadId());
                }
            }
            if (!queued.isEmpty()) {
                attempts.unqueue(c, queued);
            }
            return null;
        });
    }

    @Override
    public Future<Void> skipped(QueuedLead lead, long agentId, String reason, Instant now) {
        return tx(c -> {
            handDialed.skipped(c, lead, agentId, reason, now, HandDialing.SKIPPED_LEAD_DELAY);
            return null;
        });
    }

    @Override
    public Future<HandDialTarget> findHandDialed(long campaignId, Campaign running, Long phoneId, String number,
                                                 Long seenDebtor) {
        return tx(c -> {
            Campaign campaign = running;
            if (campaign == null) {
                // a campaign that does not run here may never have had its rules read on this node
                campaign = campaigns.get(c, campaignId);
                gate.register(campaign, campaigns.overrides(c, campaign.id()));
            }
            HandDialedLeads.Target target = handDialed.find(c, campaign, phoneId, number);
            if (phoneId != null && !Long.valueOf(target.debtorId()).equals(seenDebtor)) {
                throw new Forbidden("number " + phoneId + " is not a number of the debtor you are looking at");
            }
            return new HandDialTarget(campaign, target);
        });
    }

    @Override
    public Future<HandDialedLeads.Claimed> claimHandDialed(HandDialedLeads.Target target, Instant now) {
        return tx(c -> handDialed.claim(c, target, node, now));
    }

    @Override
    public Future<Integer> breakOverduePromises() {
        return tx(c -> brokenPromises.breakOverdue(c, clock.instant()));
    }
}
