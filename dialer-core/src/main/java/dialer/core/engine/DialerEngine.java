package dialer.core.engine;

import dialer.ami.CallEvent;
import dialer.ami.CallIds;
import dialer.ami.CallOutcome;
import dialer.ami.DialplanLocation;
import dialer.ami.LiveChannel;
import dialer.ami.OriginateRequest;
import dialer.ami.PbxCommandRefused;
import dialer.core.Conflict;
import dialer.core.Masked;
import dialer.core.agent.Agent;
import dialer.core.agent.AgentStore;
import dialer.compliance.CallPath;
import dialer.compliance.Decision;
import dialer.compliance.Reservation;
import dialer.compliance.RuleResult;
import dialer.core.call.AttemptStore;
import dialer.core.call.DispositionRequest;
import dialer.core.call.DispositionWritten;
import dialer.core.call.PlacedCall;
import dialer.core.call.QueuedLead;
import dialer.core.compliance.CampaignRuleSets;
import dialer.core.compliance.ComplianceGate;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignStatus;
import dialer.core.campaign.CampaignStore;
import dialer.core.campaign.DialMode;
import dialer.core.db.Sql;
import dialer.core.report.AbandonmentStats;
import dialer.pacing.AgentView;
import dialer.pacing.CallView;
import dialer.pacing.DialOutcome;
import dialer.pacing.PacingConfig;
import dialer.pacing.PacingDecision;
import dialer.pacing.PacingSnapshot;
import dialer.pacing.estimate.Tally;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The dialer: paces running campaigns, places calls, connects answered people to ready agents,
 * and keeps every attempt and disposition in the database.
 *
 * <p>All its state lives on one Vert.x context: public methods and AMI events hop onto it, so
 * nothing here needs a lock. Database work runs on worker threads and comes back to the context.
 * Every attempt is written before its call is placed; each attempt's later writes are chained so
 * they land in order.
 */
public final class DialerEngine {

    private static final Logger log = LoggerFactory.getLogger(DialerEngine.class);
    private static final long TICK_MILLIS = 250;
    private static final int MAX_CALLS_PER_TICK = 25;
    /** How long an agent's own callback waits for them before the team takes it. */
    private static final Duration OWNED_CALLBACK_PATIENCE = Duration.ofMinutes(30);
    /** A reservation still open after this long is counted as used (longer than any call and wrap-up). */
    private static final Duration STALE_RESERVATION = Duration.ofMinutes(30);
    static final DialplanLocation ANSWERED = DialplanLocation.of("dialer-answered", "s");
    static final String ABANDON_CONTEXT = "dialer-abandon";
    /** A lead skipped in preview is offered again after this long. */
    static final Duration SKIPPED_LEAD_DELAY = Duration.ofHours(1);

    private final Vertx vertx;
    private final Context context;
    private final Sql sql;
    private final Map<String, Pbx> pbxs;
    private final String node;
    private final Clock clock;
    private final CallVariables callVariables;
    private final ComplianceGate gate;
    private final CampaignStore campaigns = new CampaignStore();
    private final AgentStore agentStore = new AgentStore();
    private final AttemptStore attempts = new AttemptStore();
    private final AbandonmentStats abandonmentStats = new AbandonmentStats();
    private final dialer.core.followup.BrokenPromises brokenPromises = new dialer.core.followup.BrokenPromises();
    private final dialer.core.call.HandDialedLeads handDialed = new dialer.core.call.HandDialedLeads();
    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();

    private final Map<Long, AgentSession> sessions = new HashMap<>();
    private final Map<String, Long> agentLegs = new HashMap<>();
    private final Map<String, LiveCall> calls = new LinkedHashMap<>();
    private final Map<Long, CampaignRun> runs = new HashMap<>();
    private final Deque<LiveCall> waiting = new ArrayDeque<>();
    private final Set<String> connectedPbxs = new HashSet<>();
    private long ticker = -1;
    private boolean tickScheduled;

    public DialerEngine(Vertx vertx, Sql sql, Collection<Pbx> pbxs, String node, Clock clock, CallVariables callVariables,
                        ComplianceGate gate) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.sql = sql;
        this.pbxs = new LinkedHashMap<>();
        pbxs.forEach(p -> this.pbxs.put(p.name(), p));
        this.node = node;
        this.clock = clock;
        this.callVariables = callVariables;
        this.gate = gate;
        for (Pbx pbx : pbxs) {
            pbx.control().addListener(event -> context.runOnContext(v -> onCallEvent(pbx.name(), event)));
        }
    }

    public void addListener(EngineListener listener) {
        listeners.add(listener);
    }

    public Set<String> pbxNames() {
        return pbxs.keySet();
    }

    /** Settles what an earlier run of this node left open, resumes running campaigns, starts pacing. */
    public Future<Void> start() {
        return inEngine(() -> sql.tx(c -> {
            int recovered = attempts.recover(c, node, clock.instant());
            if (recovered > 0) {
                log.info("closed {} attempt(s) left open by an earlier run of node {}", recovered, node);
            }
            List<Campaign> all = campaigns.list(c);
            for (Campaign campaign : all) {
                gate.register(campaign, campaigns.overrides(c, campaign.id()));
            }
            int expired = gate.recoverStale(STALE_RESERVATION);
            if (expired > 0) {
                log.info("{} compliance reservation(s) left open were counted as used", expired);
            }
            List<CampaignRun> resumed = new ArrayList<>();
            for (Campaign campaign : all) {
                if (campaign.status() == CampaignStatus.RUNNING) {
                    resumed.add(new CampaignRun(campaign, abandonmentHistory(c, campaign)));
                }
            }
            return resumed;
        }).map(resumed -> {
            vertx.setPeriodic(STALE_RESERVATION.toMillis() / 3, id -> sql.tx(c -> gate.recoverStale(STALE_RESERVATION)));
            checkPromises();
            vertx.setPeriodic(60_000, id -> checkPromises());
            for (CampaignRun run : resumed) {
                runs.put(run.campaign.id(), run);
                log.info("campaign {} '{}' resumes", run.campaign.id(), run.campaign.name());
            }
            ticker = vertx.setPeriodic(TICK_MILLIS, id -> pace());
            return null;
        }));
    }

    public Future<Void> stop() {
        return inEngine(() -> {
            if (ticker >= 0) {
                vertx.cancelTimer(ticker);
            }
            return Future.succeededFuture();
        });
    }

    // --- campaigns ----------------------------------------------------------------------------

    public Future<Campaign> startCampaign(long campaignId) {
        return inEngine(() -> {
            boolean alreadyRunning = runs.containsKey(campaignId);
            return sql.tx(c -> {
                Campaign campaign = campaigns.setStatus(c, campaignId, CampaignStatus.RUNNING);
                gate.register(campaign, campaigns.overrides(c, campaignId));
                return new CampaignRun(campaign, alreadyRunning ? List.of() : abandonmentHistory(c, campaign));
            }).map(fresh -> {
                Campaign campaign = fresh.campaign;
                runs.putIfAbsent(campaignId, fresh);
                log.info("campaign {} '{}' started ({})", campaign.id(), campaign.name(), campaign.dialMode());
                listeners.forEach(l -> l.campaignChanged(campaignId));
                scheduleTick();
                return campaign;
            });
        });
    }

    public Future<Campaign> stopCampaign(long campaignId, CampaignStatus status) {
        return inEngine(() -> sql.tx(c -> campaigns.setStatus(c, campaignId, status)).map(campaign -> {
            CampaignRun run = runs.remove(campaignId);
            for (AgentSession s : sessions.values()) {
                if (s.campaignId == campaignId && s.state == AgentState.PREVIEWING) {
                    returnPreview(s);
                    setState(s, AgentState.READY, null);
                }
            }
            if (run != null) {
                for (CampaignRun.WaitingCallback cb : run.ownedCallbacks) {
                    sql.tx(c -> {
                        attempts.callbackWaits(c, cb.lead(), clock.instant(), false, null);
                        return null;
                    });
                }
                for (QueuedLead cb : run.queue.stream().filter(l -> l.callbackId() != null).toList()) {
                    run.queue.remove(cb);
                    sql.tx(c -> {
                        attempts.callbackWaits(c, cb, clock.instant(), false, null);
                        return null;
                    });
                }
            }
            if (run != null && !run.queue.isEmpty()) {
                List<Long> queued = run.queue.stream().map(QueuedLead::leadId).toList();
                run.queue.clear();
                sql.tx(c -> {
                    attempts.unqueue(c, queued);
                    return null;
                });
            }
            log.info("campaign {} '{}' {}", campaign.id(), campaign.name(), status.name().toLowerCase());
            listeners.forEach(l -> l.campaignChanged(campaignId));
            return campaign;
        }));
    }

    /**
     * Rebuilds a campaign's rule set from what is stored (its settings and audited overrides);
     * the next decision uses it.
     */
    public Future<Campaign> refreshRules(long campaignId) {
        return inEngine(() -> sql.tx(c -> {
            Campaign campaign = campaigns.get(c, campaignId);
            gate.register(campaign, campaigns.overrides(c, campaignId));
            return campaign;
        }));
    }

    /** Marks overdue promises broken and schedules their follow-up calls; completes with how many broke. */
    public Future<Integer> checkPromises() {
        return sql.tx(c -> brokenPromises.breakOverdue(c, clock.instant())).onSuccess(n -> {
            if (n > 0) {
                log.info("{} promise(s) to pay broken; follow-up calls scheduled", n);
            }
        });
    }

    /** Settings of a campaign changed: a running campaign dials by them from now on, keeping what its pacer learned. */
    public Future<Campaign> campaignChanged(long campaignId) {
        return inEngine(() -> sql.tx(c -> {
            Campaign campaign = campaigns.get(c, campaignId);
            gate.register(campaign, campaigns.overrides(c, campaignId));
            return campaign;
        }).map(campaign -> {
            CampaignRun run = runs.get(campaignId);
            if (run != null) {
                runs.put(campaignId, run.withCampaign(campaign));
            }
            listeners.forEach(l -> l.campaignChanged(campaignId));
            return campaign;
        }));
    }

    /** The campaign's calls of the regulators' longest window, for a pacer that starts afresh. */
    private List<AbandonmentStats.QuarterHour> abandonmentHistory(Connection c, Campaign campaign) throws SQLException {
        Instant now = clock.instant();
        return abandonmentStats.quarterHours(c, campaign.id(), now.minus(Duration.ofDays(PacingConfig.defaults().rollingWindowDays())), now);
    }

    /**
     * What a running campaign's pacer is doing: its last decision, the lines per agent, and the abandonment
     * it holds itself to (today in the campaign's zone and the rolling window, earlier runs included).
     */
    public record PacingState(String mode, int callsToPlace, String reason, double linesPerAgent, double maxLinesPerAgent,
                              boolean warmedUp, double target, Tally countedToday, Tally countedRolling) {
    }

    public Future<Optional<PacingState>> pacingState(long campaignId) {
        return inEngine(() -> {
            long now = clock.millis();
            return Future.succeededFuture(Optional.ofNullable(runs.get(campaignId)).map(r -> new PacingState(
                    r.campaign.dialMode().name(), r.lastDecision.callsToPlace(), r.lastDecision.reason(), r.linesPerAgent,
                    r.maxLinesPerAgent, r.statistics.warmedUp(), r.statistics.config().targetAbandonRate(),
                    r.statistics.calendarDay(now), r.statistics.rollingWindow(now))));
        });
    }

    /**
     * What a campaign's supervisor sees live: its agents, its calls by stage, and how hard the
     * pacer dials. Empty figures when the campaign is not running here and no agent works it.
     */
    public record CampaignLive(long campaignId, boolean running, List<AgentStatus> agents, Map<String, Integer> callsByStage,
                               double linesPerAgent, double maxLinesPerAgent, String pacing, int queued) {
        /** The stages a call in progress goes through, as shown and measured. */
        public static final List<String> STAGES = List.of("ringing", "screening", "waiting", "connected");
    }

    public Future<CampaignLive> campaignLive(long campaignId) {
        return inEngine(() -> Future.succeededFuture(liveOf(campaignId)));
    }

    /** The live figures of every campaign that runs here, has agents here or calls still in progress here. */
    public Future<List<CampaignLive>> allLive() {
        return inEngine(() -> {
            Set<Long> ids = new java.util.TreeSet<>(runs.keySet());
            sessions.values().forEach(s -> ids.add(s.campaignId));
            calls.values().forEach(call -> ids.add(call.campaign.id()));
            return Future.succeededFuture(ids.stream().map(this::liveOf).toList());
        });
    }

    private CampaignLive liveOf(long campaignId) {
        CampaignRun run = runs.get(campaignId);
        List<AgentStatus> agents = sessions.values().stream().filter(s -> s.campaignId == campaignId).map(AgentSession::status)
                .sorted(Comparator.comparingLong(AgentStatus::agentId)).toList();
        Map<String, Integer> stages = new LinkedHashMap<>();
        CampaignLive.STAGES.forEach(stage -> stages.put(stage, 0));
        for (LiveCall call : calls.values()) {
            if (call.campaign.id() != campaignId) {
                continue;
            }
            String stage = switch (call.phase) {
                case RINGING -> call.answeredAt == null ? "ringing" : "screening";
                case WAITING_FOR_AGENT, CONNECTING -> "waiting";
                case CONNECTED -> "connected";
                case ENDED -> null;
            };
            if (stage != null) {
                stages.merge(stage, 1, Integer::sum);
            }
        }
        return new CampaignLive(campaignId, run != null, agents, stages, run == null ? 0 : run.linesPerAgent,
                run == null ? 0 : run.maxLinesPerAgent, run == null ? "not running" : run.lastDecision.reason(),
                run == null ? 0 : run.queue.size());
    }

    // --- agents -------------------------------------------------------------------------------

    /** Rings the agent's phone into their conference; the agent is PAUSED (or READY) once it is there. */
    public Future<AgentStatus> login(long agentId, long campaignId, boolean ready) {
        return inEngine(() -> sql.tx(c -> {
            Agent agent = agentStore.get(c, agentId);
            campaigns.get(c, campaignId);
            return agent;
        }).compose(agent -> {
            AgentSession existing = sessions.get(agentId);
            if (existing != null) {
                return Future.failedFuture(new Conflict("agent " + agentId + " is already logged in (" + existing.state + ")"));
            }
            Pbx pbx = pbxs.get(agent.pbx());
            if (pbx == null) {
                return Future.failedFuture(new Conflict("agent " + agentId + " is on PBX '" + agent.pbx()
                        + "', which this dialer does not drive"));
            }
            String legCallId = "a" + agentId + "x" + Long.toString(clock.millis(), 36);
            AgentSession session = new AgentSession(agent, campaignId, legCallId, ready, clock.instant());
            sessions.put(agentId, session);
            agentLegs.put(legCallId, agentId);
            changed(session);
            OriginateRequest leg = new OriginateRequest(legCallId, agent.phoneDialString(),
                    DialplanLocation.of("dialer-agent", agent.extension()), Duration.ofSeconds(30), null, false,
                    Map.of("DIALER_ROLE", "agent"));
            return hangUpEarlierLegs(pbx, agentId).compose(v -> fromBridge(pbx.control().originate(leg))).recover(error -> {
                endSession(session, "could not ring the agent's phone: " + error.getMessage());
                return Future.failedFuture(new Conflict("could not ring agent " + agentId + "'s phone: " + error.getMessage()));
            }).map(v -> session.status());
        }));
    }

    /**
     * A phone leg of this agent that an earlier session left in Asterisk (the dialer was killed,
     * say) would sit in the agent's conference with the new one: hang it up first.
     */
    private Future<Void> hangUpEarlierLegs(Pbx pbx, long agentId) {
        String prefix = "a" + agentId + "x";
        return fromBridge(pbx.control().liveChannels()).compose(channels -> {
            List<Future<Void>> hangups = new ArrayList<>();
            for (LiveChannel channel : channels) {
                if (channel.callId().filter(id -> id.startsWith(prefix)).isPresent() && CallIds.isPrimary(channel.channelId())) {
                    log.info("agent {}: hanging up a phone leg left by an earlier session", agentId);
                    hangups.add(fromBridge(pbx.control().hangup(channel.channelId(), 16)).recover(e -> Future.succeededFuture()));
                }
            }
            return Future.all(hangups).<Void>mapEmpty();
        });
    }

    public Future<AgentStatus> ready(long agentId) {
        return inEngine(() -> {
            AgentSession s = session(agentId);
            switch (s.state) {
                case READY -> {
                    return Future.succeededFuture(s.status());
                }
                case PAUSED -> {
                    s.pauseAfterCall = null;
                    becomeReady(s);
                    return Future.succeededFuture(s.status());
                }
                case WRAP_UP -> {
                    return Future.failedFuture(new Conflict("agent " + agentId + " must give the disposition of attempt "
                            + s.attemptId + " before taking another call"));
                }
                case RESERVED, ON_CALL, PREVIEWING -> {
                    s.pauseAfterCall = null;
                    return Future.succeededFuture(s.status());
                }
                default -> {
                    s.readyWhenConnected = true;
                    return Future.succeededFuture(s.status());
                }
            }
        });
    }

    public Future<AgentStatus> pause(long agentId, String reason) {
        return inEngine(() -> {
            AgentSession s = session(agentId);
            switch (s.state) {
                case READY, PAUSED -> setState(s, AgentState.PAUSED, reason);
                case PREVIEWING -> {
                    returnPreview(s);
                    setState(s, AgentState.PAUSED, reason);
                }
                case CONNECTING -> s.readyWhenConnected = false;
                default -> s.pauseAfterCall = reason;
            }
            return Future.succeededFuture(s.status());
        });
    }

    /** Ends the agent's session by hanging up their phone leg. Not while they are on a call. */
    public Future<AgentStatus> logout(long agentId) {
        return inEngine(() -> {
            AgentSession s = session(agentId);
            if (s.state == AgentState.ON_CALL || s.state == AgentState.RESERVED) {
                return Future.failedFuture(new Conflict("agent " + agentId + " is on a call; log out after it"));
            }
            Pbx pbx = pbxs.get(s.agent.pbx());
            return fromBridge(pbx.control().hangup(CallIds.channelId(s.legCallId), 16))
                    .recover(error -> {
                        // the leg is gone already (e.g. the phone hung up): end the session here
                        endSession(s, "logged out");
                        return Future.succeededFuture();
                    })
                    .map(v -> s.status());
        });
    }

    public Future<Optional<AgentStatus>> agentStatus(long agentId) {
        return inEngine(() -> Future.succeededFuture(Optional.ofNullable(sessions.get(agentId)).map(AgentSession::status)));
    }

    public Future<List<AgentStatus>> agentStatuses() {
        return inEngine(() -> Future.succeededFuture(sessions.values().stream().map(AgentSession::status)
                .sorted(Comparator.comparingLong(AgentStatus::agentId)).toList()));
    }

    /**
     * An agent's disposition of the call they took; written before it is acknowledged. The agent
     * becomes ready (or pauses, if asked) when the call is over.
     */
    public Future<DispositionWritten> disposition(long attemptId, DispositionRequest request) {
        long agentId = request.agentId();
        return inEngine(() -> sql.tx(c -> {
            DispositionWritten written = attempts.agentDisposition(c, attemptId, request, clock.instant());
            // before the lead can be due again: the guard must already count this call with its outcome
            settleReservationNow(written, true);
            return written;
        }).map(written -> {
            if (written.addsToDnc()) {
                addToDoNotCall(written, "agent " + agentId);
            }
            long campaignId = written.campaignId();
            AgentSession s = sessions.get(agentId);
            listeners.forEach(l -> l.dispositionWritten(campaignId, attemptId, written.code(), agentId));
            if (s != null && s.attemptId != null && s.attemptId == attemptId) {
                if (s.state == AgentState.WRAP_UP) {
                    CampaignRun run = s.manual ? null : runs.get(s.campaignId);
                    if (run != null) {
                        run.statistics.wrapCompleted(clock.millis(), Duration.between(s.since, clock.instant()).toMillis(),
                                s.lastTalkMillis);
                    }
                    afterCall(s);
                } else {
                    s.disposed = true;
                    changed(s);
                }
            }
            return written;
        }));
    }

    /** The debtor asked not to be called on this number: it goes on the do-not-call list. */
    private void addToDoNotCall(DispositionWritten written, String by) {
        sql.tx(c -> gate.guard().lists().addDoNotCall(written.phone(), null,
                "disposition " + written.code() + " of attempt " + written.attemptId(), by))
                .onFailure(e -> log.error("attempt {}: could not add the number to the do-not-call list", written.attemptId(), e));
    }

    /** Hangs up the callee of the agent's current call (the agent stays in their conference). */
    public Future<Void> hangupCall(long agentId) {
        return inEngine(() -> {
            AgentSession s = session(agentId);
            if (s.attemptId == null || s.state != AgentState.ON_CALL) {
                return Future.failedFuture(new Conflict("agent " + agentId + " has no call to hang up"));
            }
            LiveCall call = calls.get("c" + s.attemptId);
            if (call == null) {
                return Future.succeededFuture();
            }
            return fromBridge(pbxs.get(call.pbx).control().hangup(CallIds.channelId(call.callId()), 16));
        });
    }

    /** The debtor this agent may see now: of their call, wrap-up or preview. */
    public Future<Optional<Long>> debtorOfAgent(long agentId) {
        return inEngine(() -> Future.succeededFuture(Optional.ofNullable(sessions.get(agentId)).map(s -> s.debtorId)));
    }

    // --- preview and manual dialing -----------------------------------------------------------

    /** Dials the lead the agent previews: the guard decides, machine detection is off, the agent takes the call. */
    public Future<DialResult> previewDial(long agentId) {
        return inEngine(() -> {
            AgentSession s = session(agentId);
            if (s.state != AgentState.PREVIEWING || s.preview == null) {
                return Future.failedFuture(new Conflict("agent " + agentId + " has no lead in preview"));
            }
            CampaignRun run = runs.get(s.campaignId);
            Pbx pbx = pbxs.get(s.agent.pbx());
            if (run == null || !connectedPbxs.contains(pbx.name())) {
                return Future.failedFuture(new Conflict(run == null ? "campaign " + s.campaignId + " is not running"
                        : "PBX " + pbx.name() + " is unreachable; try again when it is back"));
            }
            QueuedLead lead = s.preview;
            s.preview = null;
            s.attemptId = null;
            s.manual = true;
            s.debtorId = lead.debtorId();
            s.phoneId = lead.phoneId();
            setState(s, AgentState.RESERVED, null);
            return dial(run, pbx, lead, clock.instant(), s, lead.callbackId() != null ? CallPath.CALLBACK : CallPath.PREVIEW,
                    false, null);
        });
    }

    /** The agent passes on the lead they preview: it is offered again later, and they get the next one. */
    public Future<AgentStatus> previewSkip(long agentId, String reason) {
        return inEngine(() -> {
            AgentSession s = session(agentId);
            if (s.state != AgentState.PREVIEWING || s.preview == null) {
                return Future.failedFuture(new Conflict("agent " + agentId + " has no lead in preview"));
            }
            QueuedLead lead = s.preview;
            s.preview = null;
            Instant now = clock.instant();
            return sql.tx(c -> {
                handDialed.skipped(c, lead, agentId, reason, now, SKIPPED_LEAD_DELAY);
                return null;
            }).map(v -> {
                if (s.state == AgentState.PREVIEWING) {
                    becomeReady(s);
                }
                return s.status();
            });
        });
    }

    /**
     * A call the agent dials by hand, to one of the numbers of the debtor they look at
     * ({@code phoneId}) or to a number they type, which must be a number of one of the campaign's
     * debtors. The compliance guard decides as for any call; machine detection is off and the call
     * comes to this agent. An agent dials from pause (and pauses again after the call), from ready,
     * or while previewing.
     */
    public Future<DialResult> manualDial(long agentId, Long phoneId, String number) {
        return inEngine(() -> {
            AgentSession s = session(agentId);
            if (s.state != AgentState.PAUSED && s.state != AgentState.READY && s.state != AgentState.PREVIEWING) {
                return Future.failedFuture(new Conflict("agent " + agentId + " cannot dial while " + s.state));
            }
            Pbx pbx = pbxs.get(s.agent.pbx());
            if (!connectedPbxs.contains(pbx.name())) {
                return Future.failedFuture(new Conflict("PBX " + pbx.name() + " is unreachable; try again when it is back"));
            }
            Long seenDebtor = s.debtorId;
            String pausedFor = s.state == AgentState.PAUSED ? s.pauseReason : null;
            QueuedLead previewed = s.preview;
            Instant now = clock.instant();
            return sql.tx(c -> {
                Campaign campaign = runs.containsKey(s.campaignId) ? runs.get(s.campaignId).campaign : campaigns.get(c, s.campaignId);
                if (!runs.containsKey(s.campaignId)) {
                    // a campaign that does not run here may never have had its rules read on this node
                    gate.register(campaign, campaigns.overrides(c, campaign.id()));
                }
                dialer.core.call.HandDialedLeads.Target target = handDialed.find(c, campaign, phoneId, number);
                if (phoneId != null && !Long.valueOf(target.debtorId()).equals(seenDebtor)) {
                    throw new dialer.core.Forbidden("number " + phoneId + " is not a number of the debtor you are looking at");
                }
                return new Object[] {campaign, target};
            }).compose(found -> {
                Campaign campaign = (Campaign) found[0];
                dialer.core.call.HandDialedLeads.Target target = (dialer.core.call.HandDialedLeads.Target) found[1];
                if (s.state != AgentState.PAUSED && s.state != AgentState.READY && s.state != AgentState.PREVIEWING
                        || sessions.get(agentId) != s) {
                    return Future.failedFuture(new Conflict("agent " + agentId + " is now " + s.state + "; not dialed"));
                }
                CampaignRun run = runs.get(campaign.id());
                // the lead must not be dialed twice: out of this node's queue (and this agent's preview) first
                boolean wasPreviewed = previewed != null && s.preview == previewed && previewed.leadId() == target.leadId();
                if (s.state == AgentState.PREVIEWING && !wasPreviewed) {
                    returnPreview(s);
                }
                s.preview = null;
                if (run != null) {
                    run.queue.removeIf(l -> l.leadId() == target.leadId());
                }
                s.attemptId = null;
                s.manual = true;
                s.debtorId = target.debtorId();
                s.phoneId = target.phoneId();
                s.pauseAfterCall = pausedFor;
                setState(s, AgentState.RESERVED, null);
                return sql.tx(c -> handDialed.claim(c, target, node, now)).recover(error -> {
                    afterCall(s);
                    return Future.failedFuture(error);
                }).compose(claimed -> dial(run != null ? run : new CampaignRun(campaign), pbx, claimed.lead(), now, s,
                        CallPath.MANUAL, false, claimed));
            });
        });
    }

    /** Shows the campaign's next leads to its ready agents, longest ready first. */
    private void offerPreviews(CampaignRun run) {
        List<AgentSession> ready = sessions.values().stream()
                .filter(s -> s.campaignId == run.campaign.id() && s.state == AgentState.READY)
                .sorted(Comparator.comparing(s -> s.readySince)).toList();
        for (AgentSession s : ready) {
            QueuedLead lead = run.queue.pollFirst();
            if (lead == null) {
                run.lastDecision = PacingDecision.none("preview: no lead due");
                return;
            }
            preview(s, lead);
        }
        run.lastDecision = PacingDecision.none("preview: the agents dial");
    }

    private void preview(AgentSession s, QueuedLead lead) {
        s.preview = lead;
        s.attemptId = null;
        s.debtorId = lead.debtorId();
        s.phoneId = lead.phoneId();
        setState(s, AgentState.PREVIEWING, null);
    }

    /** A lead the agent previewed and did not dial goes back to the front of the queue (or to the database). */
    private void returnPreview(AgentSession s) {
        QueuedLead lead = s.preview;
        if (lead == null) {
            return;
        }
        s.preview = null;
        CampaignRun run = runs.get(s.campaignId);
        if (run != null && lead.ownerAgentId() == null) {
            run.queue.addFirst(lead);
        } else if (run != null) {
            run.ownedCallbacks.add(new CampaignRun.WaitingCallback(lead, clock.instant()));
        } else {
            sql.tx(c -> {
                if (lead.callbackId() != null) {
                    attempts.callbackWaits(c, lead, clock.instant(), false, null);
                } else {
                    attempts.unqueue(c, List.of(lead.leadId()));
                }
                return null;
            });
        }
    }

    // --- wrap-up --------------------------------------------------------------------------------

    /** The call ended before the agent's disposition: wrap-up, which the campaign may limit. */
    private void startWrapUp(AgentSession s, Campaign campaign) {
        cancelWrapUpTimer(s);
        int limit = campaign.wrapUpLimitSeconds();
        if (limit > 0 && s.attemptId != null) {
            long attemptId = s.attemptId;
            s.wrapUpEndsAt = clock.instant().plusSeconds(limit);
            s.wrapUpTimer = vertx.setTimer(limit * 1000L, id -> context.runOnContext(v -> wrapUpRanOut(s, attemptId)));
        }
        setState(s, AgentState.WRAP_UP, null);
    }

    private void cancelWrapUpTimer(AgentSession s) {
        if (s.wrapUpTimer >= 0) {
            vertx.cancelTimer(s.wrapUpTimer);
            s.wrapUpTimer = -1;
        }
        s.wrapUpEndsAt = null;
    }

    /** The wrap-up ran out: NO_DISPOSITION is written for the agent, who is ready again (or paused, if asked). */
    private void wrapUpRanOut(AgentSession s, long attemptId) {
        s.wrapUpTimer = -1;
        if (sessions.get(s.agent.id()) != s || s.state != AgentState.WRAP_UP || !Long.valueOf(attemptId).equals(s.attemptId)) {
            return;
        }
        sql.tx(c -> {
            DispositionWritten written = attempts.systemDisposition(c, attemptId, "NO_DISPOSITION", clock.instant());
            settleReservationNow(written, true);
            return written;
        }).onComplete(ar -> {
            if (ar.failed()) {
                // the agent's own disposition got there first
                log.debug("attempt {}: no NO_DISPOSITION: {}", attemptId, ar.cause().getMessage());
                return;
            }
            log.info("attempt {}: agent {} gave no disposition within {} s; NO_DISPOSITION written", attemptId,
                    s.agent.id(), Duration.between(s.since, clock.instant()).toSeconds());
            listeners.forEach(l -> l.dispositionWritten(ar.result().campaignId(), attemptId, "NO_DISPOSITION", s.agent.id()));
            if (sessions.get(s.agent.id()) == s && s.state == AgentState.WRAP_UP && Long.valueOf(attemptId).equals(s.attemptId)) {
                afterCall(s);
            }
        });
    }

    // --- pacing -------------------------------------------------------------------------------

    private void scheduleTick() {
        if (!tickScheduled) {
            tickScheduled = true;
            context.runOnContext(v -> {
                tickScheduled = false;
                pace();
            });
        }
    }

    private void pace() {
        Instant now = clock.instant();
        for (CampaignRun run : runs.values()) {
            if (run.campaign.schedule() != null && !run.campaign.schedule().open(now)) {
                run.lastDecision = PacingDecision.none("outside the campaign's schedule");
                continue;
            }
            fillQueue(run, now);
            pollCallbacks(run, now);
            dialOwnedCallbacks(run, now);
            if (run.campaign.dialMode() == DialMode.PREVIEW) {
                offerPreviews(run);
                continue;
            }
            for (Pbx pbx : pbxs.values()) {
                if (connectedPbxs.contains(pbx.name())) {
                    paceOn(run, pbx, now);
                }
            }
        }
    }

    private void paceOn(CampaignRun run, Pbx pbx, Instant now) {
        List<AgentView> agents = new ArrayList<>();
        for (AgentSession s : sessions.values()) {
            if (s.campaignId == run.campaign.id() && s.agent.pbx().equals(pbx.name()) && s.state != AgentState.CONNECTING) {
                AgentView view = new AgentView(s.state.activity(), Math.max(0, Duration.between(s.since, now).toMillis()),
                        s.state == AgentState.WRAP_UP ? s.lastTalkMillis : 0, false);
                agents.add(s.pauseAfterCall != null ? view.leavingAfterThisCall() : view);
            }
        }
        if (agents.isEmpty()) {
            run.lastDecision = PacingDecision.none("no agent logged in on " + pbx.name());
            return;
        }
        List<CallView> inFlight = new ArrayList<>();
        for (LiveCall call : calls.values()) {
            if (call.campaign.id() != run.campaign.id() || !call.pbx.equals(pbx.name())) {
                continue;
            }
            switch (call.phase) {
                case RINGING -> inFlight.add(call.answeredAt == null
                        ? CallView.ringing(Duration.between(call.placedAt, now).toMillis())
                        // answered, machine detection still listening
                        : CallView.screening(Math.max(0, Duration.between(call.answeredAt, now).toMillis()),
                                Math.max(0, Duration.between(call.placedAt, call.answeredAt).toMillis())));
                case WAITING_FOR_AGENT, CONNECTING -> inFlight.add(CallView.waitingForAgent(
                        Math.max(0, Duration.between(call.detectedAt, now).toMillis())));
                default -> {
                }
            }
        }
        for (int i = 0; i < run.claimingOn(pbx.name()); i++) {
            inFlight.add(CallView.ringing(0));
        }
        PacingDecision decision = run.pacer.decide(new PacingSnapshot(now.toEpochMilli(), agents, inFlight, run.statistics));
        run.lastDecision = decision;
        long staffing = agents.stream().filter(AgentView::staffing).count();
        run.linesPerAgent = staffing == 0 ? 0 : (inFlight.size() + decision.callsToPlace()) / (double) staffing;
        run.maxLinesPerAgent = Math.max(run.maxLinesPerAgent, run.linesPerAgent);
        int n = Math.min(decision.callsToPlace(), MAX_CALLS_PER_TICK);
        if (n > 0) {
            place(run, pbx, n, now);
        }
    }

    /** Keeps the campaign's queue of next leads ahead of the pacer: claimed, and previewed by the guard. */
    private void fillQueue(CampaignRun run, Instant now) {
        int staffing = (int) sessions.values().stream().filter(s -> s.campaignId == run.campaign.id()
                && s.state != AgentState.PAUSED && s.state != AgentState.CONNECTING).count();
        int target = Math.max(5, 3 * staffing);
        if (run.filling || run.queue.size() >= target / 2 || now.isBefore(run.queueEmptyUntil) || staffing == 0) {
            return;
        }
        run.filling = true;
        int wanted = target - run.queue.size();
        Campaign campaign = run.campaign;
        sql.tx(c -> attempts.claimForQueue(c, campaign, wanted, node, now)).compose(claimed -> sql.tx(c -> {
            List<QueuedLead> allowed = new ArrayList<>();
            for (QueuedLead lead : claimed) {
                Decision d = gate.preview(lead, pathOf(lead));
                if (d.allowed()) {
                    allowed.add(lead);
                } else {
                    attempts.blocked(c, lead.leadId(), gate.retryAt(lead.campaignId(), d, clock.instant()), reasons(d));
                    log.info("lead {} skipped: {}", lead.leadId(), d.summary());
                    List<String> rules = d.failures().stream().map(RuleResult::ruleId).toList();
                    listeners.forEach(l -> l.leadBlocked(lead.campaignId(), rules));
                }
            }
            return new Object[] {claimed.size(), allowed};
        })).onComplete(ar -> {
            run.filling = false;
            current(run).filling = false;
            if (ar.failed()) {
                log.warn("could not fill the queue of campaign {}: {}", campaign.id(), ar.cause().toString());
                run.queueEmptyUntil = clock.instant().plusSeconds(5);
                return;
            }
            int claimedCount = (int) ar.result()[0];
            @SuppressWarnings("unchecked")
            List<QueuedLead> allowed = (List<QueuedLead>) ar.result()[1];
            CampaignRun current = runs.get(campaign.id());
            if (current == null) {
                // stopped meanwhile: the leads go back
                sql.tx(c -> {
                    attempts.unqueue(c, allowed.stream().map(QueuedLead::leadId).toList());
                    return null;
                });
                return;
            }
            current.queue.addAll(allowed);
            if (claimedCount < wanted) {
                current.queueEmptyUntil = clock.instant().plusSeconds(3);
            }
        });
    }

    /** Due callbacks: the team's go to the front of the queue; an agent's wait for that agent. */
    private void pollCallbacks(CampaignRun run, Instant now) {
        if (run.pollingCallbacks || now.isBefore(run.nextCallbackPoll)) {
            return;
        }
        run.pollingCallbacks = true;
        run.nextCallbackPoll = now.plusSeconds(2);
        sql.tx(c -> attempts.claimDueCallbacks(c, run.campaign, node, now, 20)).onComplete(ar -> {
            run.pollingCallbacks = false;
            current(run).pollingCallbacks = false;
            if (ar.failed()) {
                log.warn("could not read due callbacks of campaign {}: {}", run.campaign.id(), ar.cause().toString());
                return;
            }
            CampaignRun current = runs.get(run.campaign.id());
            for (QueuedLead lead : ar.result()) {
                if (current == null) {
                    sql.tx(c -> {
                        attempts.callbackWaits(c, lead, now, false, null);
                        return null;
                    });
                } else if (lead.ownerAgentId() == null) {
                    current.queue.addFirst(lead);
                } else {
                    current.ownedCallbacks.add(new CampaignRun.WaitingCallback(lead, now));
                }
            }
        });
    }

    /** An agent's own callback is dialed when that agent is ready, for them; after a while the team takes it. */
    private void dialOwnedCallbacks(CampaignRun run, Instant now) {
        for (CampaignRun.WaitingCallback waiting : List.copyOf(run.ownedCallbacks)) {
            QueuedLead lead = waiting.lead();
            AgentSession owner = sessions.get(lead.ownerAgentId());
            Pbx pbx = owner == null ? null : pbxs.get(owner.agent.pbx());
            if (owner != null && owner.campaignId == run.campaign.id() && owner.state == AgentState.READY
                    && connectedPbxs.contains(owner.agent.pbx())) {
                run.ownedCallbacks.remove(waiting);
                if (run.campaign.dialMode() == DialMode.PREVIEW) {
                    preview(owner, lead);
                    continue;
                }
                owner.attemptId = null;
                setState(owner, AgentState.RESERVED, null);
                dial(run, pbx, lead, now, owner, pathOf(lead), run.campaign.detectMachines(), null);
            } else if (now.isAfter(waiting.since().plus(OWNED_CALLBACK_PATIENCE))) {
                run.ownedCallbacks.remove(waiting);
                log.info("callback {}: agent {} is not available; the team takes it", lead.callbackId(), lead.ownerAgentId());
                run.queue.addFirst(lead.forCallback(lead.callbackId(), null));
            }
        }
    }

    private void place(CampaignRun run, Pbx pbx, int n, Instant now) {
        for (int i = 0; i < n && !run.queue.isEmpty(); i++) {
            QueuedLead lead = run.queue.pollFirst();
            dial(run, pbx, lead, now, null, pathOf(lead), run.campaign.detectMachines(), null);
        }
    }

    /**
     * The binding compliance check at the moment of dialing, then the attempt row, then the call.
     * A blocked lead goes back to the queue until the guard allows it; a lead an agent dialed by
     * hand ({@code handClaim}) goes back as it was. Completes with the attempt, or the guard's no.
     */
    private Future<DialResult> dial(CampaignRun run, Pbx pbx, QueuedLead lead, Instant now, AgentSession reservedAgent,
                                    CallPath path, boolean detectMachines, dialer.core.call.HandDialedLeads.Claimed handClaim) {
        run.claiming.merge(pbx.name(), 1, Integer::sum);
        List<DialResult.Block> blocks = new ArrayList<>();
        Future<PlacedCall> opened = sql.tx(c -> {
            Reservation r = gate.reserve(lead, path);
            if (!r.granted()) {
                r.decision().failures().forEach(f -> blocks.add(new DialResult.Block(f.ruleId(), f.reason())));
                Instant retry = gate.retryAt(lead.campaignId(), r.decision(), clock.instant());
                if (handClaim != null) {
                    handDialed.release(c, handClaim);
                } else if (lead.callbackId() != null && retry != null) {
                    attempts.callbackWaits(c, lead, retry, false, "compliance: " + r.decision().summary());
                } else {
                    if (lead.callbackId() != null) {
                        attempts.callbackFinished(c, lead.callbackId(), "MISSED", null);
                    }
                    attempts.blocked(c, lead.leadId(), retry, reasons(r.decision()));
                }
                log.info("lead {} blocked at dialing: {}", lead.leadId(), r.decision().summary());
                List<String> rules = r.decision().failures().stream().map(RuleResult::ruleId).toList();
                listeners.forEach(l -> l.leadBlocked(lead.campaignId(), rules));
                return null;
            }
            try {
                return attempts.openAttempt(c, lead, node, pbx.name(), r.id(), path.name(), now);
            } catch (java.sql.SQLException | RuntimeException e) {
                gate.release(r.id(), "the attempt could not be written: " + e.getMessage());
                throw e;
            }
        });
        return opened.transform(ar -> {
            current(run).claiming.merge(pbx.name(), -1, Integer::sum);
            if (ar.failed() || ar.result() == null) {
                if (ar.failed()) {
                    log.warn("lead {}: could not dial: {}", lead.leadId(), ar.cause().toString());
                    if (handClaim != null) {
                        sql.tx(c -> {
                            handDialed.release(c, handClaim);
                            return null;
                        });
                    }
                }
                if (reservedAgent != null && reservedAgent.state == AgentState.RESERVED && reservedAgent.attemptId == null) {
                    afterCall(reservedAgent);
                }
                return ar.failed() ? Future.failedFuture(ar.cause()) : Future.succeededFuture(DialResult.blocked(blocks));
            }
            LiveCall call = originate(runs.getOrDefault(run.campaign.id(), run), pbx, ar.result(), detectMachines,
                    path != CallPath.MANUAL && path != CallPath.PREVIEW);
            if (reservedAgent != null) {
                call.reservedAgentId = reservedAgent.agent.id();
                reservedAgent.attemptId = call.attemptId();
                reservedAgent.debtorId = lead.debtorId();
                reservedAgent.phoneId = lead.phoneId();
                changed(reservedAgent);
            }
            return Future.succeededFuture(DialResult.placed(call.attemptId()));
        });
    }

    /** The run of the campaign now (its settings may have changed since {@code run}), or {@code run} if it stopped. */
    private CampaignRun current(CampaignRun run) {
        return runs.getOrDefault(run.campaign.id(), run);
    }

    private static CallPath pathOf(QueuedLead lead) {
        if (lead.callbackId() != null) {
            return CallPath.CALLBACK;
        }
        return lead.attemptsMade() > 0 ? CallPath.RETRY : CallPath.AUTOMATIC;
    }

    private static String reasons(Decision d) {
        StringBuilder sb = new StringBuilder();
        for (RuleResult r : d.failures()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(r.ruleId()).append(": ").append(r.reason());
        }
        return sb.toString();
    }

    private LiveCall originate(CampaignRun run, Pbx pbx, PlacedCall placed, boolean detectMachines, boolean paced) {
        Campaign campaign = run.campaign;
        Instant now = clock.instant();
        LiveCall call = new LiveCall(placed, campaign, pbx.name(), now);
        call.paced = paced;
        calls.put(call.callId(), call);
        if (paced) {
            run.statistics.dialPlaced(now.toEpochMilli());
        }
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("DIALER_HOLD", String.format(java.util.Locale.ROOT, "%.1f", campaign.holdLimitMs() / 1000.0));
        if (campaign.safeHarborPrompt() != null) {
            variables.put("DIALER_SAFE_HARBOR", campaign.safeHarborPrompt());
        }
        if (!detectMachines) {
            variables.put("DIALER_AMD", "off");
        }
        variables.putAll(callVariables.forCall(campaign, placed));
        OriginateRequest request = new OriginateRequest(call.callId(), campaign.dialStringFor(placed.e164()), ANSWERED,
                Duration.ofSeconds(campaign.ringTimeoutSeconds()), campaign.callerId(), detectMachines, variables);
        log.info("attempt {}: calling {} for campaign {} on {}", placed.attemptId(), Masked.phone(placed.e164()),
                campaign.id(), pbx.name());
        listeners.forEach(l -> l.callPlaced(campaign.id(), placed.attemptId()));
        fromBridge(pbx.control().originate(request)).onComplete(ar -> {
            if (ar.succeeded()) {
                call.dialed.complete(true);
                sql.tx(c -> {
                    gate.markDialed(placed.reservationId());
                    return null;
                });
            } else if (ar.cause() instanceof PbxCommandRefused) {
                // Asterisk refused the originate: nothing was dialed, the slot is freed
                log.warn("attempt {}: Asterisk refused the call: {}", placed.attemptId(), ar.cause().getMessage());
                call.dialed.complete(false);
            } else {
                // unknown whether it left (e.g. no answer from AMI in time): count it as dialed
                log.warn("attempt {}: originate unconfirmed: {}", placed.attemptId(), ar.cause().getMessage());
                call.dialed.complete(true);
                sql.tx(c -> {
                    gate.markDialed(placed.reservationId());
                    return null;
                });
            }
        });
        return call;
    }

    // --- call events --------------------------------------------------------------------------

    /**
     * Asterisk stamps events with the wall clock; the engine runs on its own clock (the same one the
     * compliance guard judges by). Event times are moved onto the engine's clock so every duration
     * and every stored time is measured on one clock.
     */
    private Instant onEngineClock(Instant wall) {
        return wall.plus(Duration.between(Instant.now(), clock.instant()));
    }

    private void onCallEvent(String pbx, CallEvent wallClockEvent) {
        CallEvent event = onEngineClock(wallClockEvent);
        try {
            if (event instanceof CallEvent.Outcome o) {
                if (agentLegs.containsKey(o.callId())) {
                    agentLegOutcome(o);
                } else {
                    withCall(o.callId(), call -> callOutcome(call, o));
                }
            } else if (event instanceof CallEvent.Answered a) {
                withCall(a.callId(), call -> call.answeredAt = a.at());
            } else if (event instanceof CallEvent.JoinedConference j && j.callId() != null) {
                if (agentLegs.containsKey(j.callId())) {
                    agentJoined(j);
                } else {
                    withCall(j.callId(), call -> calleeJoined(call, j));
                }
            } else if (event instanceof CallEvent.Abandoned a) {
                withCall(a.callId(), this::abandonedByDialplan);
            } else if (event instanceof CallEvent.SafeHarborPlayed s) {
                safeHarborPlayed(s);
            } else if (event instanceof CallEvent.HungUp h) {
                Long agentId = agentLegs.get(h.callId());
                if (agentId != null) {
                    AgentSession s = sessions.get(agentId);
                    if (s != null) {
                        endSession(s, "the agent's phone hung up");
                    }
                } else {
                    withCall(h.callId(), call -> callHungUp(call, h));
                }
            } else if (event instanceof CallEvent.ConnectionLost lost) {
                connectedPbxs.remove(pbx);
                log.warn("PBX {} unreachable ({}); no new calls there until it is back", pbx, lost.reason());
            } else if (event instanceof CallEvent.Resynchronized r) {
                connectedPbxs.add(pbx);
                resynchronized(pbx, r.channels());
            }
        } catch (RuntimeException e) {
            log.error("failed to handle {} from {}", event, pbx, e);
        }
    }

    private void withCall(String callId, java.util.function.Consumer<LiveCall> action) {
        LiveCall call = calls.get(callId);
        if (call != null) {
            action.accept(call);
        }
    }

    private void callOutcome(LiveCall call, CallEvent.Outcome o) {
        call.outcome = o.outcome();
        CampaignRun run = call.paced ? runs.get(call.campaign.id()) : null;
        if (run != null) {
            long sinceDial = Math.max(0, Duration.between(call.placedAt, o.at()).toMillis());
            if (call.answeredAt != null && o.outcome().answered()) {
                run.statistics.dialResolved(clock.millis(), dialOutcome(o.outcome()), sinceDial,
                        Math.max(0, Duration.between(call.answeredAt, o.at()).toMillis()));
            } else {
                run.statistics.dialResolved(clock.millis(), dialOutcome(o.outcome()), sinceDial);
            }
        }
        listeners.forEach(l -> l.callResolved(call.campaign.id(), call.attemptId(), o.outcome()));
        switch (o.outcome()) {
            case ANSWERED_HUMAN -> {
                call.phase = LiveCall.Phase.WAITING_FOR_AGENT;
                call.detectedAt = o.at();
                if (call.answeredAt == null) {
                    call.answeredAt = o.at();
                }
                Instant answeredAt = call.answeredAt;
                write(call, c -> attempts.markAnswered(c, call.attemptId(), o.outcome().name(), o.detail(), answeredAt));
                connectOrQueue(call);
            }
            case ANSWERED_MACHINE -> {
                Instant answeredAt = call.answeredAt == null ? o.at() : call.answeredAt;
                write(call, c -> attempts.markAnswered(c, call.attemptId(), o.outcome().name(), o.detail(), answeredAt));
                finish(call, o.outcome().name(), o.detail(), null, o.at(), "MACHINE");
            }
            default -> finish(call, o.outcome().name(), o.detail(), o.hangupCause() == 0 ? null : o.hangupCause(),
                    o.at(), systemCode(o.outcome()));
        }
    }

    private void connectOrQueue(LiveCall call) {
        if (call.reservedAgentId != null) {
            AgentSession owner = sessions.get(call.reservedAgentId);
            if (owner != null && owner.state == AgentState.RESERVED && Long.valueOf(call.attemptId()).equals(owner.attemptId)) {
                connect(call, owner);
                return;
            }
        }
        AgentSession agent = longestReady(call.campaign.id(), call.pbx);
        if (agent != null) {
            connect(call, agent);
        } else {
            waiting.addLast(call);
            log.debug("attempt {}: person waiting, no agent ready", call.attemptId());
        }
    }

    private AgentSession longestReady(long campaignId, String pbx) {
        AgentSession best = null;
        for (AgentSession s : sessions.values()) {
            if (s.state == AgentState.READY && s.campaignId == campaignId && s.agent.pbx().equals(pbx)
                    && (best == null || s.readySince.isBefore(best.readySince))) {
                best = s;
            }
        }
        return best;
    }

    private void connect(LiveCall call, AgentSession agent) {
        call.phase = LiveCall.Phase.CONNECTING;
        call.agentId = agent.agent.id();
        agent.attemptId = call.attemptId();
        agent.debtorId = call.placed.debtorId();
        agent.phoneId = call.placed.phoneId();
        agent.disposed = false;
        setState(agent, AgentState.RESERVED, null);
        fromBridge(pbxs.get(call.pbx).control().redirect(CallIds.channelId(call.callId()),
                DialplanLocation.of("dialer-agent", agent.agent.extension()))).onFailure(error -> {
            log.warn("attempt {}: could not move the person to agent {}: {}", call.attemptId(), agent.agent.id(),
                    error.getMessage());
            if (agent.state == AgentState.RESERVED && Long.valueOf(call.attemptId()).equals(agent.attemptId)) {
                agent.attemptId = null;
                becomeReady(agent);
            }
            if (call.phase == LiveCall.Phase.CONNECTING) {
                call.phase = LiveCall.Phase.WAITING_FOR_AGENT;
                call.agentId = null;
                waiting.addFirst(call);
            }
        });
    }

    private void calleeJoined(LiveCall call, CallEvent.JoinedConference j) {
        AgentSession agent = call.agentId == null ? null : sessions.get(call.agentId);
        if (agent == null || !j.conference().equals(agent.agent.conference())) {
            log.warn("attempt {}: joined {} unexpectedly", call.attemptId(), j.conference());
            return;
        }
        call.phase = LiveCall.Phase.CONNECTED;
        call.connectedAt = j.at();
        setState(agent, AgentState.ON_CALL, null);
        long waited = Math.max(0, Duration.between(call.detectedAt, j.at()).toMillis());
        CampaignRun run = call.paced ? runs.get(call.campaign.id()) : null;
        if (run != null && !call.abandoned) {
            run.statistics.liveConnected(clock.millis(), waited);
        }
        long agentId = agent.agent.id();
        write(call, c -> attempts.markConnected(c, call.attemptId(), agentId, j.at()));
        log.info("attempt {}: connected to agent {} {} ms after the person was detected", call.attemptId(), agentId, waited);
        listeners.forEach(l -> l.callConnected(call.campaign.id(), call.attemptId(), agentId));
    }

    /** The dialplan's hold limit passed before an agent took the person: the safe-harbor message plays. */
    private void abandonedByDialplan(LiveCall call) {
        if (call.abandoned || call.phase == LiveCall.Phase.CONNECTED || call.phase == LiveCall.Phase.ENDED) {
            return;
        }
        waiting.remove(call);
        countAbandoned(call, clock.instant());
        log.info("attempt {}: abandoned, no agent within the hold limit", call.attemptId());
    }

    /** Recorded on the attempt, which may have ended already (the callee hung up during the message). */
    private void safeHarborPlayed(CallEvent.SafeHarborPlayed s) {
        if (!s.callId().startsWith("c")) {
            return;
        }
        long attemptId;
        try {
            attemptId = Long.parseLong(s.callId().substring(1));
        } catch (NumberFormatException e) {
            return;
        }
        LiveCall call = calls.get(s.callId());
        if (call != null) {
            write(call, c -> attempts.safeHarbor(c, attemptId, s.played(), s.status()));
        } else {
            sql.tx(c -> {
                attempts.safeHarbor(c, attemptId, s.played(), s.status());
                return null;
            });
        }
        if (!s.played()) {
            log.warn("attempt {}: the safe-harbor message did not play to the end ({})", attemptId, s.status());
        }
    }

    private void countAbandoned(LiveCall call, Instant at) {
        call.abandoned = true;
        CampaignRun run = call.paced ? runs.get(call.campaign.id()) : null;
        if (run != null && call.detectedAt != null) {
            run.statistics.liveAbandoned(clock.millis(), Math.max(0, Duration.between(call.detectedAt, at).toMillis()));
        }
        write(call, c -> attempts.markAbandoned(c, call.attemptId(), at));
        // told once it is stored, so what reads the database (the dashboard) sees it
        call.writes.onComplete(v -> listeners.forEach(l -> l.callAbandoned(call.campaign.id(), call.attemptId())));
    }

    private void callHungUp(LiveCall call, CallEvent.HungUp h) {
        switch (call.phase) {
            case CONNECTED -> {
                long talk = Math.max(0, Duration.between(call.connectedAt, h.at()).toMillis());
                CampaignRun run = call.paced ? runs.get(call.campaign.id()) : null;
                if (run != null) {
                    run.statistics.talkCompleted(clock.millis(), talk);
                }
                AgentSession agent = sessions.get(call.agentId);
                if (agent != null && Long.valueOf(call.attemptId()).equals(agent.attemptId)) {
                    agent.lastTalkMillis = talk;
                    if (agent.disposed) {
                        // the disposition came during the call: no wrap-up at all
                        if (run != null) {
                            run.statistics.wrapCompleted(clock.millis(), 0, talk);
                        }
                        afterCall(agent);
                    } else {
                        startWrapUp(agent, call.campaign);
                    }
                }
                finish(call, null, null, h.cause(), h.at(), null);
            }
            case WAITING_FOR_AGENT, CONNECTING -> {
                waiting.remove(call);
                releaseReservation(call);
                long waited = call.detectedAt == null ? 0 : Duration.between(call.detectedAt, h.at()).toMillis();
                if (!call.abandoned && waited > call.campaign.holdLimitMs()) {
                    countAbandoned(call, h.at());
                }
                String code = call.abandoned ? "ABANDONED" : "CALLEE_HUNG_UP";
                finish(call, call.abandoned ? "ABANDONED" : null, call.abandoned ? null : "hung up after " + waited
                        + " ms waiting for an agent", h.cause(), h.at(), code);
            }
            default -> finish(call, null, null, h.cause(), h.at(), call.outcome == null ? "FAILED" : systemCode(call.outcome));
        }
    }

    private void releaseReservation(LiveCall call) {
        if (call.agentId == null) {
            return;
        }
        AgentSession agent = sessions.get(call.agentId);
        if (agent != null && agent.state == AgentState.RESERVED && Long.valueOf(call.attemptId()).equals(agent.attemptId)) {
            agent.attemptId = null;
            becomeReady(agent);
        }
    }

    /** Ends the attempt in the database (with a system disposition, or awaiting the agent's). */
    private void finish(LiveCall call, String outcome, String detail, Integer cause, Instant at, String systemCode) {
        call.phase = LiveCall.Phase.ENDED;
        calls.remove(call.callId());
        if (call.reservedAgentId != null && call.connectedAt == null) {
            AgentSession owner = sessions.get(call.reservedAgentId);
            if (owner != null && owner.state == AgentState.RESERVED && Long.valueOf(call.attemptId()).equals(owner.attemptId)) {
                owner.attemptId = null;
                becomeReady(owner);
            }
        }
        // whether the call left is known by now, except when Asterisk refused it a moment ago
        Boolean dialed = call.dialed.future().isComplete() ? call.dialed.future().result() : null;
        Future<DispositionWritten> ended = writeAndGet(call, c -> {
            DispositionWritten written = attempts.end(c, call.attemptId(), outcome, detail, cause, at, systemCode);
            if (written != null && dialed != null) {
                // before the lead can be due again: the guard must already count this call as over
                settleReservationNow(written, dialed);
            }
            return written;
        });
        ended.onSuccess(written -> {
            if (written != null && dialed == null) {
                settleReservation(call, written);
            }
        });
        call.writes.onSuccess(v -> {
            listeners.forEach(l -> l.callEnded(call.campaign.id(), call.attemptId()));
            if (systemCode != null) {
                listeners.forEach(l -> l.dispositionWritten(call.campaign.id(), call.attemptId(), systemCode, null));
            }
        });
    }

    /**
     * Tells the guard how a call it granted ended, once it is known whether the call was dialed
     * at all: a call Asterisk refused frees its slot; any other counts with its outcome.
     */
    private void settleReservation(LiveCall call, DispositionWritten written) {
        call.dialed.future().onSuccess(dialed -> sql.tx(c -> {
            settleReservationNow(written, dialed);
            return null;
        }));
    }

    /**
     * On a worker thread: the guard hears how the call it granted ended (a call Asterisk refused
     * frees its slot). A failure is logged, not thrown: the reservation then stays open and the
     * guard's recovery counts it as used, which is the safe side.
     */
    private void settleReservationNow(DispositionWritten written, boolean dialed) {
        if (written.reservationId() == null) {
            return;
        }
        try {
            if (dialed) {
                gate.complete(written.reservationId(),
                        CampaignRuleSets.outcomeOf(written.code(), written.contact(), written.rightParty()));
            } else {
                gate.release(written.reservationId(), "Asterisk refused the originate");
            }
        } catch (RuntimeException e) {
            log.error("attempt {}: the guard could not record how the call ended", written.attemptId(), e);
        }
    }

    /** A write of one attempt's state. */
    @FunctionalInterface
    private interface AttemptWrite {
        void run(java.sql.Connection c) throws java.sql.SQLException;
    }

    private void write(LiveCall call, AttemptWrite work) {
        writeAndGet(call, c -> {
            work.run(c);
            return null;
        });
    }

    /** Chains a write after the attempt's earlier ones; its result comes back on the engine's context. */
    private <T> Future<T> writeAndGet(LiveCall call, Sql.Work<T> work) {
        Future<T> result = call.writes.compose(v -> sql.tx(work));
        call.writes = result.<Void>mapEmpty().recover(error -> {
            log.error("attempt {}: could not write to the database", call.attemptId(), error);
            return Future.succeededFuture();
        });
        return result;
    }

    // --- agent sessions -----------------------------------------------------------------------

    private void agentLegOutcome(CallEvent.Outcome o) {
        AgentSession s = sessions.get(agentLegs.get(o.callId()));
        if (s != null && o.outcome() != CallOutcome.ANSWERED_HUMAN) {
            endSession(s, "the agent's phone did not answer (" + o.outcome() + ")");
        }
    }

    private void agentJoined(CallEvent.JoinedConference j) {
        AgentSession s = sessions.get(agentLegs.get(j.callId()));
        if (s == null || s.state != AgentState.CONNECTING) {
            return;
        }
        if (s.readyWhenConnected) {
            becomeReady(s);
        } else {
            setState(s, AgentState.PAUSED, "logged in");
        }
        log.info("agent {} is in conference {}", s.agent.id(), s.agent.conference());
    }

    private void becomeReady(AgentSession s) {
        s.readySince = clock.instant();
        setState(s, AgentState.READY, null);
        // someone may be waiting for exactly this agent
        for (LiveCall call : List.copyOf(waiting)) {
            if (call.campaign.id() == s.campaignId && call.pbx.equals(s.agent.pbx())) {
                waiting.remove(call);
                connect(call, s);
                return;
            }
        }
        scheduleTick();
    }

    private void afterCall(AgentSession s) {
        s.attemptId = null;
        s.disposed = false;
        s.manual = false;
        s.debtorId = null;
        s.phoneId = null;
        cancelWrapUpTimer(s);
        if (s.pauseAfterCall != null) {
            String reason = s.pauseAfterCall;
            s.pauseAfterCall = null;
            setState(s, AgentState.PAUSED, reason);
        } else {
            becomeReady(s);
        }
    }

    private void endSession(AgentSession s, String why) {
        sessions.remove(s.agent.id());
        agentLegs.remove(s.legCallId);
        returnPreview(s);
        cancelWrapUpTimer(s);
        if (s.attemptId != null) {
            LiveCall call = calls.get("c" + s.attemptId);
            if (call != null && call.phase != LiveCall.Phase.ENDED) {
                // the agent is gone: the person must not stay in an empty conference
                pbxs.get(call.pbx).control().hangup(CallIds.channelId(call.callId()), 16);
            }
        }
        s.state = AgentState.LOGGED_OUT;
        s.since = clock.instant();
        s.pauseReason = why;
        log.info("agent {} logged out: {}", s.agent.id(), why);
        listeners.forEach(l -> l.agentChanged(s.status()));
    }

    private void setState(AgentSession s, AgentState state, String reason) {
        if (state == AgentState.READY || state == AgentState.PAUSED) {
            s.debtorId = null;
            s.phoneId = null;
            s.manual = false;
            s.wrapUpEndsAt = null;
        }
        s.state = state;
        s.since = clock.instant();
        s.pauseReason = state == AgentState.PAUSED ? reason : null;
        listeners.forEach(l -> l.agentChanged(s.status()));
    }

    private void changed(AgentSession s) {
        listeners.forEach(l -> l.agentChanged(s.status()));
    }

    private AgentSession session(long agentId) {
        AgentSession s = sessions.get(agentId);
        if (s == null) {
            throw new Conflict("agent " + agentId + " is not logged in");
        }
        return s;
    }

    private void resynchronized(String pbx, List<LiveChannel> channels) {
        Set<String> live = new HashSet<>();
        channels.forEach(ch -> live.add(ch.channelId()));
        for (AgentSession s : List.copyOf(sessions.values())) {
            if (s.agent.pbx().equals(pbx) && s.state != AgentState.CONNECTING
                    && !live.contains(CallIds.channelId(s.legCallId))) {
                endSession(s, "the agent's phone leg ended while " + pbx + " was unreachable");
            }
        }
        log.info("PBX {} connected: {} live channel(s)", pbx, channels.size());
        scheduleTick();
    }

    // --- helpers ------------------------------------------------------------------------------

    private static DialOutcome dialOutcome(CallOutcome outcome) {
        return switch (outcome) {
            case ANSWERED_HUMAN -> DialOutcome.LIVE;
            case ANSWERED_MACHINE -> DialOutcome.MACHINE;
            case NO_ANSWER -> DialOutcome.NO_ANSWER;
            case BUSY -> DialOutcome.BUSY;
            default -> DialOutcome.INVALID;
        };
    }

    static String systemCode(CallOutcome outcome) {
        return switch (outcome) {
            case ANSWERED_MACHINE -> "MACHINE";
            case BUSY -> "BUSY";
            case NO_ANSWER -> "NO_ANSWER";
            case CONGESTION -> "CONGESTION";
            case INVALID_NUMBER -> "INVALID_NUMBER";
            default -> "FAILED";
        };
    }

    private CallEvent onEngineClock(CallEvent e) {
        if (e instanceof CallEvent.Outcome o) {
            return new CallEvent.Outcome(o.callId(), o.outcome(), o.originateReason(), o.hangupCause(), o.detail(), onEngineClock(o.at()));
        } else if (e instanceof CallEvent.Answered a) {
            return new CallEvent.Answered(a.callId(), onEngineClock(a.at()));
        } else if (e instanceof CallEvent.JoinedConference j) {
            return new CallEvent.JoinedConference(j.conference(), j.channelId(), j.callId(), onEngineClock(j.at()));
        } else if (e instanceof CallEvent.HungUp h) {
            return new CallEvent.HungUp(h.callId(), h.channelId(), h.cause(), onEngineClock(h.at()));
        }
        return e;
    }

    /** Runs on the engine's context and completes there. */
    private <T> Future<T> inEngine(Supplier<Future<T>> action) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> {
            try {
                action.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }

    /** A bridge future, completed back on the engine's context. */
    private <T> Future<T> fromBridge(CompletableFuture<T> future) {
        Promise<T> promise = Promise.promise();
        future.whenComplete((value, error) -> context.runOnContext(v -> {
            if (error != null) {
                promise.fail(error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            } else {
                promise.complete(value);
            }
        }));
        return promise.future();
    }
}
