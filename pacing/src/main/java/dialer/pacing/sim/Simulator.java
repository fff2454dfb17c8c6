package dialer.pacing.sim;

import dialer.pacing.AgentView;
import dialer.pacing.CallView;
import dialer.pacing.CampaignStatistics;
import dialer.pacing.DialOutcome;
import dialer.pacing.Pacer;
import dialer.pacing.PacingDecision;
import dialer.pacing.PacingSnapshot;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A discrete-event simulation of one campaign's shift in virtual time (milliseconds from 0).
 *
 * <p>Rules, the same for every pacer:
 * <ul>
 *   <li>each placed dial takes the next lead of the run's {@link LeadStream} (common random numbers), or of the
 *       {@link LeadSource} the run was given, which may have none callable at times;</li>
 *   <li>a live answer goes to the longest-idle ready agent; with none, the callee waits up to the grace
 *       time (2 s) for an agent in wrap-up or talk to free up (first come, first served), then hangs up
 *       and counts as abandoned;</li>
 *   <li>a call the pacer places without answering-machine detection ({@link PacingDecision#screenForMachines()}
 *       false) goes to an agent when it is answered, machine or person alike; a person waits as above, a
 *       machine nobody takes is no abandon, and an agent who gets one spends
 *       {@link #MACHINE_AT_AGENT_TALK_MILLIS} and {@link #MACHINE_AT_AGENT_WRAP_MILLIS} on it; such calls are
 *       not fed to the statistics (as a dialer does not feed the calls its agents dial);</li>
 *   <li>agents in wrap-up are not available; an agent who asked for a break or to log out goes once the
 *       call and wrap-up are over;</li>
 *   <li>the pacer is asked every {@link Contender#decisionIntervalMillis()} and sees only what a dialer
 *       sees: agents' states with elapsed times (and the last talk time in wrap-up), calls ringing,
 *       answered and being screened by answering-machine detection (from the moment they are answered,
 *       with the time they rang), or waiting, with elapsed times, and statistics fed with outcomes as
 *       they resolve.</li>
 *   <li>blended scenarios ({@link Scenario#inbound()}): inbound callers arrive as a Poisson stream (drawn in
 *       arrival order from a random stream of the seed's own, so every pacer gets the same callers) and take
 *       the longest-idle ready agent, or wait first come, first served, ahead of every outbound callee, for
 *       the next agent who comes free, until their patience runs out. The pacer's driver reports them
 *       (arrivals, answers, abandons, inbound talk and wrap-up, agents on inbound calls, callers waiting)
 *       unless the contender {@link Contender#ignoringInbound() ignores inbound}.</li>
 * </ul>
 */
public final class Simulator {

    private final Scenario scenario;
    private final boolean answerEvents;

    /** A simulator whose driver sees answers before the answering-machine verdict (as Asterisk reports them). */
    public Simulator(Scenario scenario) {
        this(scenario, true);
    }

    private Simulator(Scenario scenario, boolean answerEvents) {
        this.scenario = scenario;
        this.answerEvents = answerEvents;
    }

    /**
     * The same simulation with a driver that does not see answers: calls show as ringing until the
     * answering-machine verdict, and no screening times are reported (for comparison).
     */
    public Simulator withoutAnswerEvents() {
        return new Simulator(scenario, false);
    }

    public SimulationResult run(Contender contender, long seed) {
        return run(contender, new LeadStream(seed), seed);
    }

    /**
     * A run that takes its leads from {@code leads} (which may have none callable at times) and tells it how
     * each ended; the source holds the run's randomness (the simulator itself draws nothing).
     */
    public SimulationResult run(Contender contender, LeadSource leads) {
        return run(contender, leads, 0);
    }

    /** As {@link #run(Contender, LeadSource)}, with the inbound callers of {@code inboundSeed} (blended scenarios). */
    public SimulationResult run(Contender contender, LeadSource leads, long inboundSeed) {
        return new Run(contender, leads, inboundSeed).execute();
    }

    private enum Kind { TICK, CALL_RESOLVED, WAIT_EXPIRED, TALK_END, WRAP_END, AGENT_EVENT, BREAK_END, INBOUND_ARRIVAL, INBOUND_GIVE_UP }

    private enum AgentState { OFFLINE, READY, TALKING, WRAP_UP, PAUSED }

    private enum Leaving { NONE, PAUSE, LOGOUT }

    private enum CallState { RINGING, WAITING, DONE }

    private static final class Event implements Comparable<Event> {
        final long at;
        final long seq;
        final Kind kind;
        final SimCall call;
        final SimAgent agent;
        final AgentEvent agentEvent;
        final int token;
        InboundCaller caller;

        Event(long at, long seq, Kind kind, SimCall call, SimAgent agent, AgentEvent agentEvent, int token) {
            this.at = at;
            this.seq = seq;
            this.kind = kind;
            this.call = call;
            this.agent = agent;
            this.agentEvent = agentEvent;
            this.token = token;
        }

        @Override
        public int compareTo(Event o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private static final class SimAgent {
        final int id;
        AgentState state = AgentState.OFFLINE;
        long since;
        Leaving leaving = Leaving.NONE;
        long breakMillis;
        int breakToken;
        long talkMillis;
        long wrapMillis;
        boolean inbound;
        /** The call in hand teaches the statistics its talk and wrap-up (not a call placed without AMD). */
        boolean teaches = true;

        SimAgent(int id) {
            this.id = id;
        }
    }

    /**
     * An agent who gets an answering machine (a call placed without AMD) knows it within its greeting and hangs
     * up: 10 s on the line, 3 s to give the disposition. Not drawn, so the leads' random order is unchanged.
     */
    static final long MACHINE_AT_AGENT_TALK_MILLIS = 10_000;
    static final long MACHINE_AT_AGENT_WRAP_MILLIS = 3_000;

    private static final class SimCall {
        final Lead lead;
        final long dialAt;
        /** Placed with answering-machine detection (the usual case); without it every answer goes to an agent. */
        final boolean screened;
        long answeredAt;
        CallState state = CallState.RINGING;
        int ringingIndex;

        SimCall(Lead lead, long dialAt, boolean screened) {
            this.lead = lead;
            this.dialAt = dialAt;
            this.screened = screened;
        }

        /** A person answered (AMD's false positives are people too). */
        boolean person() {
            return lead.outcome() == DialOutcome.LIVE || lead.falsePositive();
        }

        /** What the driver tells the statistics about this call: only calls screened as the pacer expects. */
        boolean teaches() {
            return screened;
        }
    }

    private static final class InboundCaller {
        final long arrivedAt;
        final long talkMillis;
        final long wrapMillis;
        final long patienceMillis;
        boolean waiting;

        InboundCaller(long arrivedAt, long talkMillis, long wrapMillis, long patienceMillis) {
            this.arrivedAt = arrivedAt;
            this.talkMillis = talkMillis;
            this.wrapMillis = wrapMillis;
            this.patienceMillis = patienceMillis;
        }
    }

    private final class Run {
        private final Contender contender;
        private final Pacer pacer;
        private final CampaignStatistics stats;
        private final LeadSource leads;
        private final long grace;
        private final long end;
        private final PriorityQueue<Event> queue = new PriorityQueue<>();
        private long seq;
        private final List<SimAgent> agents = new ArrayList<>();
        private final ArrayDeque<SimAgent> readyQueue = new ArrayDeque<>();
        private final ArrayList<SimCall> ringing = new ArrayList<>();
        private final ArrayDeque<SimCall> waiting = new ArrayDeque<>();
        private final ArrayDeque<InboundCaller> inboundQueue = new ArrayDeque<>();
        private final java.util.SplittableRandom inboundRandom;
        private final boolean reportInbound;
        private final long serviceMillis;
        private long inboundOffered;
        private long inboundWithin;
        private long inboundAnswered;
        private long inboundAbandoned;

        private long now;
        private long lastIntegration;
        private long loggedIn;
        private long talk;
        private long wrap;
        private long dials;
        private long live;
        private long abandoned;
        private long falsePositives;
        private double lineMillis;
        private final long[] minuteLive;
        private final long[] minuteAbandoned;

        Run(Contender contender, LeadSource leads, long inboundSeed) {
            this.inboundRandom = new java.util.SplittableRandom(inboundSeed * 0xD1B54A32D192ED03L + 0x5DEECE66DL);
            this.reportInbound = contender.seesInbound();
            this.serviceMillis = contender.config().inboundServiceMillis();
            this.contender = contender;
            this.pacer = contender.pacer().get();
            this.stats = new CampaignStatistics(contender.config());
            this.leads = leads;
            this.grace = contender.config().answerGraceMillis();
            this.end = scenario.shiftMillis();
            int minutes = (int) ((end + 59_999) / 60_000);
            this.minuteLive = new long[minutes];
            this.minuteAbandoned = new long[minutes];
        }

        SimulationResult execute() {
            for (int i = 0; i < scenario.agents(); i++) {
                SimAgent a = new SimAgent(agents.size());
                agents.add(a);
                becomeReady(a);
            }
            for (AgentEvent e : scenario.agentEvents()) {
                schedule(e.atMillis(), Kind.AGENT_EVENT, null, null, e, 0);
            }
            schedule(0, Kind.TICK, null, null, null, 0);
            if (scenario.inbound() != null) {
                if (reportInbound) {
                    stats.inboundOpened(0);
                }
                scheduleNextArrival();
            }
            while (!queue.isEmpty()) {
                Event e = queue.poll();
                if (e.at > end) {
                    break;
                }
                integrateTo(e.at);
                now = e.at;
                handle(e);
            }
            integrateTo(end);
            now = end;
            for (SimAgent a : agents) {
                leaveState(a);
            }
            return new SimulationResult(scenario.name(), contender.name(), 1, end, loggedIn, talk, wrap,
                    dials, live, abandoned, falsePositives, lineMillis, minuteLive, minuteAbandoned,
                    inboundOffered, inboundWithin, inboundAnswered, inboundAbandoned);
        }

        private void integrateTo(long t) {
            lineMillis += (double) (t - lastIntegration) * (ringing.size() + waiting.size());
            lastIntegration = t;
        }

        private void schedule(long at, Kind kind, SimCall call, SimAgent agent, AgentEvent agentEvent, int token) {
            queue.add(new Event(at, seq++, kind, call, agent, agentEvent, token));
        }

        private void handle(Event e) {
            switch (e.kind) {
                case TICK -> tick();
                case CALL_RESOLVED -> resolve(e.call);
                case WAIT_EXPIRED -> expire(e.call);
                case TALK_END -> talkEnds(e.agent);
                case WRAP_END -> wrapEnds(e.agent);
                case AGENT_EVENT -> staffing(e.agentEvent);
                case INBOUND_ARRIVAL -> inboundArrives();
                case INBOUND_GIVE_UP -> inboundGivesUp(e.caller);
                case BREAK_END -> {
                    if (e.agent.state == AgentState.PAUSED && e.agent.breakToken == e.token) {
                        becomeReady(e.agent);
                    }
                }
            }
        }

        // ---- pacing --------------------------------------------------------------------------------

        private void tick() {
            PacingDecision decision = pacer.decide(snapshot());
            Traffic traffic = scenario.trafficAt(now);
            for (int i = 0; i < decision.callsToPlace(); i++) {
                Lead lead = leads.next(now, traffic);
                if (lead == null) {
                    break;
                }
                SimCall call = new SimCall(lead, now, decision.screenForMachines());
                call.ringingIndex = ringing.size();
                ringing.add(call);
                dials++;
                if (call.teaches()) {
                    stats.dialPlaced(now);
                }
                // without AMD a call is decided when it is answered
                long resolveAfter = call.screened || !lead.answered() ? lead.resolveMillis() : lead.answerMillis();
                schedule(now + resolveAfter, Kind.CALL_RESOLVED, call, null, null, 0);
            }
            long next = now + contender.decisionIntervalMillis();
            if (next < end) {
                schedule(next, Kind.TICK, null, null, null, 0);
            }
        }

        private PacingSnapshot snapshot() {
            List<AgentView> views = new ArrayList<>(agents.size());
            for (SimAgent a : agents) {
                AgentView v = switch (a.state) {
                    case OFFLINE -> null;
                    case READY -> AgentView.ready(now - a.since);
                    case TALKING -> a.inbound && reportInbound ? AgentView.talkingInbound(now - a.since) : AgentView.talking(now - a.since);
                    case WRAP_UP -> a.inbound && reportInbound ? AgentView.wrapUpInbound(now - a.since, a.talkMillis)
                            : AgentView.wrapUp(now - a.since, a.talkMillis);
                    case PAUSED -> AgentView.paused();
                };
                if (v != null) {
                    views.add(a.leaving != Leaving.NONE ? v.leavingAfterThisCall() : v);
                }
            }
            List<CallView> calls = new ArrayList<>(ringing.size() + waiting.size());
            for (SimCall c : ringing) {
                long sinceDial = now - c.dialAt;
                Lead lead = c.lead;
                if (answerEvents && c.screened && lead.answered() && sinceDial >= lead.answerMillis()) {
                    // answered, and answering-machine detection has not decided yet
                    calls.add(CallView.screening(sinceDial - lead.answerMillis(), lead.answerMillis()));
                } else {
                    calls.add(CallView.ringing(sinceDial));
                }
            }
            for (SimCall c : waiting) {
                calls.add(CallView.waitingForAgent(now - c.answeredAt));
            }
            return new PacingSnapshot(now, views, calls, stats, 0, reportInbound ? inboundQueue.size() : 0);
        }

        // ---- calls ---------------------------------------------------------------------------------

        private void resolve(SimCall call) {
            removeRinging(call);
            if (!call.screened) {
                answeredUnscreened(call);
                return;
            }
            Lead lead = call.lead;
            long sinceDial = now - call.dialAt;
            if (answerEvents) {
                stats.dialResolved(now, lead.outcome(), sinceDial, lead.answered() ? sinceDial - lead.answerMillis() : 0);
            } else {
                stats.dialResolved(now, lead.outcome(), sinceDial);
            }
            if (lead.falsePositive()) {
                // a person hung up on as a machine: abandoned in the run's figures, but a dialer never
                // learns which calls these were, so the statistics see only the MACHINE outcome above
                falsePositives++;
                countLive(true);
                call.state = CallState.DONE;
                leads.ended(lead, now, false);
                return;
            }
            if (lead.outcome() != DialOutcome.LIVE) {
                call.state = CallState.DONE;
                leads.ended(lead, now, false);
                return;
            }
            toAnAgent(call);
        }

        /** A call placed without AMD: any answer, machine or person, goes to an agent (the dialer cannot tell them apart). */
        private void answeredUnscreened(SimCall call) {
            if (!call.lead.answered()) {
                call.state = CallState.DONE;
                leads.ended(call.lead, now, false);
                return;
            }
            toAnAgent(call);
        }

        /** An answered call to the longest-idle ready agent, or in line for the next one until the grace time runs out. */
        private void toAnAgent(SimCall call) {
            call.answeredAt = now;
            SimAgent agent = readyQueue.pollFirst();
            if (agent != null) {
                connect(call, agent);
            } else {
                call.state = CallState.WAITING;
                waiting.addLast(call);
                schedule(now + grace, Kind.WAIT_EXPIRED, call, null, null, 0);
            }
        }

        private void removeRinging(SimCall call) {
            int i = call.ringingIndex;
            SimCall last = ringing.remove(ringing.size() - 1);
            if (last != call) {
                ringing.set(i, last);
                last.ringingIndex = i;
            }
        }

        private void expire(SimCall call) {
            if (call.state != CallState.WAITING) {
                return;
            }
            waiting.remove(call);
            call.state = CallState.DONE;
            if (call.teaches()) {
                stats.liveAbandoned(now, now - call.answeredAt);
            }
            if (call.person()) {
                countLive(true); // a machine nobody took is no abandoned person
            }
            leads.ended(call.lead, now, false);
        }

        private void connect(SimCall call, SimAgent agent) {
            call.state = CallState.DONE;
            boolean person = call.person();
            if (call.teaches()) {
                stats.liveConnected(now, now - call.answeredAt);
            }
            if (person) {
                countLive(false);
            }
            leads.ended(call.lead, now, person);
            leaveState(agent);
            agent.state = AgentState.TALKING;
            agent.inbound = false;
            agent.teaches = call.teaches();
            agent.since = now;
            agent.talkMillis = person ? call.lead.talkMillis() : MACHINE_AT_AGENT_TALK_MILLIS;
            agent.wrapMillis = person ? call.lead.wrapMillis() : MACHINE_AT_AGENT_WRAP_MILLIS;
            schedule(now + agent.talkMillis, Kind.TALK_END, null, agent, null, 0);
        }

        private void countLive(boolean wasAbandoned) {
            int minute = (int) Math.min(minuteLive.length - 1, now / 60_000);
            live++;
            minuteLive[minute]++;
            if (wasAbandoned) {
                abandoned++;
                minuteAbandoned[minute]++;
            }
        }

        // ---- inbound callers -------------------------------------------------------------------------

        /** The next caller's arrival, drawn in arrival order (the same for every pacer). */
        private void scheduleNextArrival() {
            InboundTraffic in = scenario.inbound();
            double gap = -Math.log(1 - inboundRandom.nextDouble()) / in.perMilli();
            long at = now + Math.max(1, Math.round(gap));
            if (at <= end) {
                schedule(at, Kind.INBOUND_ARRIVAL, null, null, null, 0);
            }
        }

        private void inboundArrives() {
            InboundTraffic in = scenario.inbound();
            InboundCaller caller = new InboundCaller(now, Math.max(1_000, millis(in.talk().sampleSeconds(inboundRandom))),
                    Math.max(0, millis(in.wrap().sampleSeconds(inboundRandom))), millis(in.patience().sampleSeconds(inboundRandom)));
            scheduleNextArrival();
            inboundOffered++;
            if (reportInbound) {
                stats.inboundArrived(now);
            }
            SimAgent agent = readyQueue.pollFirst();
            if (agent != null) {
                connectInbound(caller, agent);
                return;
            }
            caller.waiting = true;
            inboundQueue.addLast(caller);
            Event giveUp = new Event(now + caller.patienceMillis, seq++, Kind.INBOUND_GIVE_UP, null, null, null, 0);
            giveUp.caller = caller;
            queue.add(giveUp);
        }

        private void inboundGivesUp(InboundCaller caller) {
            if (!caller.waiting) {
                return;
            }
            caller.waiting = false;
            inboundQueue.remove(caller);
            inboundAbandoned++;
            if (reportInbound) {
                stats.inboundAbandoned(now, now - caller.arrivedAt);
            }
        }

        private void connectInbound(InboundCaller caller, SimAgent agent) {
            caller.waiting = false;
            long waited = now - caller.arrivedAt;
            inboundAnswered++;
            if (waited <= serviceMillis) {
                inboundWithin++;
            }
            if (reportInbound) {
                stats.inboundAnswered(now, waited);
            }
            leaveState(agent);
            agent.state = AgentState.TALKING;
            agent.inbound = true;
            agent.since = now;
            agent.talkMillis = caller.talkMillis;
            agent.wrapMillis = caller.wrapMillis;
            schedule(now + agent.talkMillis, Kind.TALK_END, null, agent, null, 0);
        }

        private static long millis(double seconds) {
            return Math.round(seconds * 1_000);
        }

        // ---- agents --------------------------------------------------------------------------------

        /** Books the time spent in the agent's current state up to now. */
        private void leaveState(SimAgent a) {
            long spent = now - a.since;
            if (a.state != AgentState.OFFLINE) {
                loggedIn += spent;
            }
            if (a.state == AgentState.TALKING) {
                talk += spent;
            } else if (a.state == AgentState.WRAP_UP) {
                wrap += spent;
            }
            a.since = now;
        }

        private void talkEnds(SimAgent a) {
            if (a.inbound && reportInbound) {
                stats.inboundTalkCompleted(now, a.talkMillis);
            } else if (a.teaches || a.inbound) {
                stats.talkCompleted(now, a.talkMillis);
            }
            leaveState(a);
            a.state = AgentState.WRAP_UP;
            schedule(now + a.wrapMillis, Kind.WRAP_END, null, a, null, 0);
        }

        private void wrapEnds(SimAgent a) {
            if (a.inbound && reportInbound) {
                stats.inboundWrapCompleted(now, a.wrapMillis, a.talkMillis);
            } else if (a.teaches || a.inbound) {
                stats.wrapCompleted(now, a.wrapMillis, a.talkMillis);
            }
            a.inbound = false;
            a.teaches = true;
            Leaving leaving = a.leaving;
            a.leaving = Leaving.NONE;
            switch (leaving) {
                case LOGOUT -> goOffline(a);
                case PAUSE -> startBreak(a, a.breakMillis);
                case NONE -> becomeReady(a);
            }
        }

        private void becomeReady(SimAgent a) {
            leaveState(a);
            a.state = AgentState.READY;
            InboundCaller caller = inboundQueue.pollFirst();
            if (caller != null) {
                connectInbound(caller, a); // inbound callers come first
                return;
            }
            SimCall call = waiting.pollFirst();
            if (call != null) {
                connect(call, a);
            } else {
                readyQueue.addLast(a);
            }
        }

        private void goOffline(SimAgent a) {
            if (a.state == AgentState.READY) {
                readyQueue.remove(a);
            }
            leaveState(a);
            a.state = AgentState.OFFLINE;
        }

        private void startBreak(SimAgent a, long millis) {
            if (a.state == AgentState.READY) {
                readyQueue.remove(a);
            }
            leaveState(a);
            a.state = AgentState.PAUSED;
            a.breakToken++;
            schedule(now + millis, Kind.BREAK_END, null, a, null, a.breakToken);
        }

        private void staffing(AgentEvent e) {
            int n = e.agents();
            switch (e.action()) {
                case LOGIN -> {
                    for (SimAgent a : agents) {
                        if (n > 0 && a.state == AgentState.OFFLINE) {
                            becomeReady(a);
                            n--;
                        }
                    }
                    while (n-- > 0) {
                        SimAgent a = new SimAgent(agents.size());
                        a.since = now;
                        agents.add(a);
                        becomeReady(a);
                    }
                }
                case LOGOUT -> {
                    for (SimAgent a : agents) {
                        if (n == 0) {
                            break;
                        }
                        if (a.state == AgentState.OFFLINE || a.leaving != Leaving.NONE) {
                            continue;
                        }
                        if (a.state == AgentState.TALKING || a.state == AgentState.WRAP_UP) {
                            a.leaving = Leaving.LOGOUT;
                        } else {
                            goOffline(a);
                        }
                        n--;
                    }
                }
                case PAUSE -> {
                    for (SimAgent a : agents) {
                        if (n == 0) {
                            break;
                        }
                        if (a.state == AgentState.OFFLINE || a.state == AgentState.PAUSED || a.leaving != Leaving.NONE) {
                            continue;
                        }
                        if (a.state == AgentState.READY) {
                            startBreak(a, e.durationMillis());
                        } else {
                            a.leaving = Leaving.PAUSE;
                            a.breakMillis = e.durationMillis();
                        }
                        n--;
                    }
                }
            }
        }
    }
}
