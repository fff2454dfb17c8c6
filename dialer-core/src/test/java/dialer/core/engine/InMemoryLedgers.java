package dialer.core.engine;

import dialer.core.Conflict;
import dialer.core.agent.Agent;
import dialer.core.call.DispositionRequest;
import dialer.core.call.DispositionWritten;
import dialer.core.call.HandDialedLeads;
import dialer.core.call.PlacedCall;
import dialer.core.call.QueuedLead;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.CampaignStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Both ledgers in memory, for unit tests: what was written, in order, and a database that can go
 * down ({@link #down}: every call fails as an unreachable server does) or stall ({@link #stall}:
 * calls wait until the test lets them through). Results come back on the engine thread, later,
 * as from a worker.
 */
final class InMemoryLedgers implements AttemptLedger, CampaignLedger {

    /** One write, as the database would have it. */
    record Write(long attemptId, String what) {
    }

    private final ManualEngineThread thread;
    private final Clock clock;
    private final Duration maxDecisionAge;
    final Map<Long, Campaign> campaigns = new HashMap<>();
    final Map<Long, Agent> agents = new HashMap<>();
    /** Leads waiting in the database per campaign, in priority order. */
    final Map<Long, Deque<QueuedLead>> ready = new HashMap<>();
    /** Leads the guard blocks, by lead id, with the rule. */
    final Map<Long, String> blockedByGuard = new HashMap<>();
    final Map<Long, PlacedCall> attempts = new LinkedHashMap<>();
    final Map<Long, String> dispositions = new HashMap<>();
    final List<Write> writes = new CopyOnWriteArrayList<>();
    final List<Long> givenBack = new ArrayList<>();
    final Set<Long> reservationsOpen = new HashSet<>();
    boolean down;
    boolean stall;
    /** The guard refuses every dial mark, as for reservations past their validity. */
    boolean refuseDialMarks;
    private final List<Runnable> stalled = new ArrayList<>();
    private long nextAttempt = 1;

    InMemoryLedgers(ManualEngineThread thread, Clock clock, Duration maxDecisionAge) {
        this.thread = thread;
        this.clock = clock;
        this.maxDecisionAge = maxDecisionAge;
    }

    /** Lets stalled calls through (each sees the database as it is now). */
    void unstall() {
        stall = false;
        List<Runnable> go = new ArrayList<>(stalled);
        stalled.clear();
        go.forEach(Runnable::run);
    }

    private <T> Future<T> db(Supplier<T> work) {
        Promise<T> promise = Promise.promise();
        Runnable attempt = () -> thread.run(() -> {
            if (down) {
                promise.fail(new SQLTransientConnectionException("dialer-db - Connection is not available, request timed out"));
                return;
            }
            try {
                promise.complete(work.get());
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        if (stall) {
            stalled.add(attempt);
        } else {
            attempt.run();
        }
        return promise.future();
    }

    private Future<Void> write(long attemptId, String what) {
        return db(() -> {
            writes.add(new Write(attemptId, what));
            return null;
        });
    }

    void addLead(QueuedLead lead) {
        ready.computeIfAbsent(lead.campaignId(), id -> new ArrayDeque<>()).add(lead);
    }

    List<String> writesOf(long attemptId) {
        return writes.stream().filter(w -> w.attemptId() == attemptId).map(Write::what).toList();
    }

    // --- AttemptLedger --------------------------------------------------------------------------

    @Override
    public Future<Placement> reserveAndOpen(DialRequest request) {
        return db(() -> {
            long held = request.heldMillis(clock.instant());
            if (held > maxDecisionAge.toMillis()) {
                return new Stale(held);
            }
            QueuedLead lead = request.lead();
            String rule = blockedByGuard.get(lead.leadId());
            if (rule != null) {
                return new Blocked(List.of(new DialResult.Block(rule, "blocked by the test")));
            }
            long id = nextAttempt++;
            PlacedCall placed = new PlacedCall(id, lead.campaignId(), lead.leadId(), lead.debtorId(), lead.phoneId(), lead.e164(),
                    lead.phoneType(), lead.debtorName(), 1000 + id, request.path().name());
            attempts.put(id, placed);
            reservationsOpen.add(1000 + id);
            writes.add(new Write(id, request.amdWaived() ? "opened without AMD" : "opened"));
            return new Opened(placed);
        });
    }

    @Override
    public Future<Void> markDialed(long reservationId) {
        if (refuseDialMarks) {
            return db(() -> {
                throw new dialer.compliance.ReservationExpiredException(reservationId, clock.instant());
            });
        }
        return write(reservationId - 1000, "dialed");
    }

    @Override
    public Future<Void> notDialed(long attemptId, long reservationId, String reason, Instant at) {
        return db(() -> {
            reservationsOpen.remove(reservationId);
            writes.add(new Write(attemptId, "not dialed"));
            return null;
        });
    }

    @Override
    public Future<Void> neverPlaced(long attemptId, long reservationId, String reason, Instant at) {
        return db(() -> {
            reservationsOpen.remove(reservationId);
            writes.add(new Write(attemptId, "never placed"));
            return null;
        });
    }

    @Override
    public Future<Void> markAnswered(long attemptId, String outcome, String detail, Instant at) {
        return write(attemptId, "answered " + outcome);
    }

    @Override
    public Future<Void> markConnected(long attemptId, long agentId, Instant at, Long connectMillis) {
        return write(attemptId, "connected to agent " + agentId);
    }

    @Override
    public Future<Void> markAbandoned(long attemptId, Instant at) {
        return write(attemptId, "abandoned");
    }

    @Override
    public Future<Void> safeHarbor(long attemptId, boolean played, String status) {
        return write(attemptId, "safe harbor " + status);
    }

    @Override
    public Future<DispositionWritten> end(long attemptId, String outcome, String detail, Integer cause, Instant at,
                                          String systemCode, Boolean dialed) {
        return db(() -> {
            writes.add(new Write(attemptId, "ended" + (systemCode == null ? "" : " " + systemCode)));
            if (systemCode == null) {
                return null;
            }
            DispositionWritten written = disposition(attemptId, systemCode);
            if (dialed != null) {
                reservationsOpen.remove(written.reservationId());
            }
            return written;
        });
    }

    private DispositionWritten disposition(long attemptId, String code) {
        if (dispositions.containsKey(attemptId)) {
            throw new Conflict("attempt " + attemptId + " already has a disposition");
        }
        dispositions.put(attemptId, code);
        PlacedCall p = attempts.get(attemptId);
        return new DispositionWritten(attemptId, p.campaignId(), p.reservationId(), code, false, false, p.debtorId(), p.e164(),
                false, null, null);
    }

    @Override
    public Future<Void> settle(DispositionWritten written, boolean dialed) {
        return db(() -> {
            reservationsOpen.remove(written.reservationId());
            writes.add(new Write(written.attemptId(), dialed ? "settled" : "released"));
            return null;
        });
    }

    @Override
    public Future<DispositionWritten> agentDisposition(long attemptId, DispositionRequest request) {
        return db(() -> {
            DispositionWritten written = disposition(attemptId, request.code());
            reservationsOpen.remove(written.reservationId());
            writes.add(new Write(attemptId, "disposition " + request.code()));
            return written;
        });
    }

    @Override
    public Future<DispositionWritten> noDisposition(long attemptId) {
        return db(() -> {
            DispositionWritten written = disposition(attemptId, "NO_DISPOSITION");
            reservationsOpen.remove(written.reservationId());
            writes.add(new Write(attemptId, "disposition NO_DISPOSITION"));
            return written;
        });
    }

    @Override
    public Future<Void> addToDoNotCall(DispositionWritten written, String by) {
        return write(written.attemptId(), "do-not-call");
    }

    @Override
    public Future<Void> releaseHandClaim(HandDialedLeads.Claimed claim) {
        return write(0, "hand claim released");
    }

    @Override
    public Future<Void> probe() {
        return db(() -> null);
    }

    // --- CampaignLedger -------------------------------------------------------------------------

    @Override
    public Future<Recovery> recover(Duration staleReservation) {
        return db(() -> new Recovery(campaigns.values().stream().filter(c -> c.status() == CampaignStatus.RUNNING)
                .map(c -> new ToRun(c, List.of(), List.copyOf(pastCalls))).toList(), List.copyOf(campaigns.values()), List.copyOf(leftOpen),
                sessions.values().stream().filter(s -> !s.ended()).map(s -> new RestoredAgent(agents.get(s.agentId()), s)).toList(),
                sessions.values().stream().mapToLong(dialer.core.agent.SessionStore.SavedSession::version).max().orElse(0)));
    }

    /** Paced calls already stored (what a run that starts afresh learns from). */
    final List<dialer.core.call.PastCalls.PastCall> pastCalls = new java.util.ArrayList<>();

    /** Calls an earlier run left open (what {@link #recover} finds). */
    final List<dialer.core.call.OpenAttempts.OpenAttempt> leftOpen = new java.util.ArrayList<>();
    /** Agents' sessions as written, by agent. */
    final Map<Long, dialer.core.agent.SessionStore.SavedSession> sessions = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public Future<Void> saveSession(dialer.core.agent.SessionStore.SavedSession session) {
        return db(() -> {
            sessions.merge(session.agentId(), session, (old, now) -> now.version() > old.version() ? now : old);
            return null;
        });
    }

    @Override
    public Future<Integer> expireStale(Duration staleReservation) {
        return db(() -> 0);
    }

    @Override
    public Future<ToRun> start(long campaignId, boolean withHistory) {
        return db(() -> new ToRun(campaigns.get(campaignId), List.of(), withHistory ? List.copyOf(pastCalls) : List.of()));
    }

    @Override
    public Future<Campaign> setStatus(long campaignId, CampaignStatus status) {
        return db(() -> campaigns.get(campaignId));
    }

    @Override
    public Future<Campaign> reload(long campaignId) {
        return db(() -> campaigns.get(campaignId));
    }

    @Override
    public Future<Agent> agentFor(long agentId, long campaignId) {
        return db(() -> agents.get(agentId));
    }

    @Override
    public Future<QueueFill> fillQueue(Campaign campaign, int wanted, Instant now) {
        return db(() -> {
            Deque<QueuedLead> leads = ready.getOrDefault(campaign.id(), new ArrayDeque<>());
            List<QueuedLead> allowed = new ArrayList<>();
            int claimed = 0;
            while (claimed < wanted && !leads.isEmpty()) {
                allowed.add(leads.poll());
                claimed++;
            }
            return new QueueFill(claimed, allowed, List.of());
        });
    }

    @Override
    public Future<List<QueuedLead>> dueCallbacks(Campaign campaign, Instant now, int limit) {
        return db(List::of);
    }

    @Override
    public Future<Void> giveBack(List<QueuedLead> leads) {
        return db(() -> {
            leads.forEach(l -> givenBack.add(l.leadId()));
            return null;
        });
    }

    @Override
    public Future<Void> skipped(QueuedLead lead, long agentId, String reason, Instant now) {
        return write(0, "skipped lead " + lead.leadId());
    }

    @Override
    public Future<HandDialTarget> findHandDialed(long campaignId, Campaign running, Long phoneId, String number,
                                                 Long seenDebtor) {
        return db(() -> new HandDialTarget(running != null ? running : campaigns.get(campaignId),
                new HandDialedLeads.Target(900, seenDebtor == null ? 90 : seenDebtor, phoneId == null ? 9000 : phoneId)));
    }

    @Override
    public Future<HandDialedLeads.Claimed> claimHandDialed(HandDialedLeads.Target target, Instant now) {
        return db(() -> new HandDialedLeads.Claimed(EngineFixture.lead(target.leadId(), 1, target.debtorId()), "READY"));
    }

    @Override
    public Future<Integer> breakOverduePromises() {
        return db(() -> 0);
    }
}
