package dialer.core.engine;

import dialer.core.call.DispositionRequest;
import dialer.core.call.DispositionWritten;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The dispositions of calls. The agent's is written after its call's own writes and before it is
 * acknowledged; when the database cannot be reached it is kept, the agent is told so and moves on,
 * and it is written, in order, as soon as the database is back: an outage loses no disposition.
 * NO_DISPOSITION is written when the wrap-up time runs out, never over an agent's disposition that
 * is kept meanwhile.
 */
final class Dispositions {

    private static final Logger log = LoggerFactory.getLogger(Dispositions.class);
    private static final String AGENTS = "the agent's disposition";

    private final EngineThread thread;
    private final AgentSessions agents;
    private final AttemptWrites writes;
    private final AttemptLedger ledger;
    private final RecordingHealth health;
    private final PacerFeed feed;
    private final EngineEvents events;
    /** Engine thread: attempts whose agent's disposition is kept until the database takes it. */
    private final Set<Long> kept = new HashSet<>();

    Dispositions(EngineThread thread, AgentSessions agents, AttemptWrites writes, AttemptLedger ledger, RecordingHealth health,
                 PacerFeed feed, EngineEvents events) {
        this.thread = thread;
        this.agents = agents;
        this.writes = writes;
        this.ledger = ledger;
        this.health = health;
        this.feed = feed;
        this.events = events;
    }

    Future<DispositionAnswer> ofAgent(long attemptId, DispositionRequest request) {
        thread.check();
        if (kept.contains(attemptId)) {
            return Future.failedFuture(new dialer.core.Conflict("attempt " + attemptId + " already has a disposition waiting to be written"));
        }
        if (!health.healthy()) {
            return Future.succeededFuture(keep(attemptId, request, "the database cannot be reached"));
        }
        return writes.afterTheCall(attemptId, () -> ledger.agentDisposition(attemptId, request))
                .<DispositionAnswer>map(written -> {
                    landed(written, request.agentId());
                    agentDone(request.agentId(), attemptId);
                    return new DispositionAnswer.Written(written);
                })
                .recover(error -> RecordingHealth.databaseUnreachable(error)
                        ? Future.succeededFuture(keep(attemptId, request, "the database cannot be reached"))
                        : Future.failedFuture(error));
    }

    private DispositionAnswer keep(long attemptId, DispositionRequest request, String why) {
        kept.add(attemptId);
        log.warn("attempt {}: {}; agent {}'s disposition is kept and written when it is back", attemptId, why, request.agentId());
        writes.kept(attemptId, AGENTS, () -> ledger.agentDisposition(attemptId, request)).onComplete(ar -> {
            kept.remove(attemptId);
            if (ar.succeeded()) {
                log.info("attempt {}: agent {}'s kept disposition is written", attemptId, request.agentId());
                landed(ar.result(), request.agentId());
            } else {
                // refused by the data when it landed (another disposition got there first): nothing more to do
                log.error("attempt {}: agent {}'s kept disposition was refused: {}", attemptId, request.agentId(),
                        ar.cause().getMessage());
            }
        });
        agentDone(request.agentId(), attemptId);
        return new DispositionAnswer.Kept(attemptId, why);
    }

    private void landed(DispositionWritten written, long agentId) {
        if (written.addsToDnc()) {
            writes.once(written.attemptId(), "the do-not-call entry", () -> ledger.addToDoNotCall(written, "agent " + agentId));
        }
        events.dispositionWritten(written.campaignId(), written.attemptId(), written.code(), agentId);
    }

    /** The agent is done with the call: out of wrap-up (ready or paused, as asked), or no wrap-up after a call in progress. */
    private void agentDone(long agentId, long attemptId) {
        AgentSession s = agents.get(agentId);
        if (s == null || !s.holds(attemptId)) {
            return;
        }
        if (s.in(AgentState.WRAP_UP)) {
            if (s.inbound) {
                feed.inboundWrapCompleted(s.campaignId, PacerFeed.millis(s.since, agents.now()), s.lastTalkMillis);
            } else if (!s.manual && !s.screenWaived) {
                feed.wrapCompleted(s.campaignId, PacerFeed.millis(s.since, agents.now()), s.lastTalkMillis);
            }
            agents.afterCall(s);
        } else {
            agents.disposedDuringCall(s);
        }
    }

    /** The agent's wrap-up time ran out: NO_DISPOSITION, unless the agent's own is written or kept first. */
    void wrapUpRanOut(AgentSession s, long attemptId) {
        thread.check();
        writes.once(attemptId, "NO_DISPOSITION", () -> kept.contains(attemptId)
                ? Future.failedFuture(new dialer.core.Conflict("the agent's disposition is kept"))
                : ledger.noDisposition(attemptId)).onComplete(ar -> {
            if (ar.failed()) {
                // the agent's own disposition got there first
                log.debug("attempt {}: no NO_DISPOSITION: {}", attemptId, ar.cause().getMessage());
                return;
            }
            log.info("attempt {}: agent {} gave no disposition within {} s; NO_DISPOSITION written", attemptId,
                    s.agent.id(), Duration.between(s.since, agents.now()).toSeconds());
            events.dispositionWritten(ar.result().campaignId(), attemptId, "NO_DISPOSITION", s.agent.id());
            if (agents.wrappingUp(s, attemptId)) {
                agents.afterCall(s);
            }
        });
    }
}
