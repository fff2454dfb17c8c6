package dialer.pacing.sim;

import dialer.pacing.order.BestHours;
import dialer.pacing.order.QueueOrder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A campaign's list of debtors dialled over several days, one {@link Simulator} run per day: the source of
 * a run's leads. It keeps, across days, each debtor's attempts and whether they were reached, and feeds a
 * {@link BestHours} learner with every attempt's outcome at the debtor's local hour.
 *
 * <p>Rules (the same for every queue order):
 * <ul>
 *   <li>the floor works from {@link Rules#floorStartHour()} (the floor's zone) for the scenario's shift;
 *       a debtor may be called only between {@link Rules#windowFromHour()} and {@link Rules#windowToHour()}
 *       of their own local time;</li>
 *   <li>at most {@link Rules#maxAttemptsPerDay()} attempts per debtor and day, at least
 *       {@link Rules#retrySpacingMillis()} apart; one call at a time per debtor;</li>
 *   <li>a debtor reached (right-party contact) leaves the list for the rest of the run (a promise or a
 *       payment plan follows);</li>
 *   <li>like a dialer's hopper, the callable debtors are ordered every {@link Rules#hopperMillis()} with the
 *       day's {@link QueueOrder} at their local hour then, and handed out in that order, each re-checked
 *       when it is dialled; an exhausted hopper is refilled at most once a minute.</li>
 * </ul>
 * What a dial does is drawn when it is placed, from the debtor's chances at their local hour, with the
 * timings of the scenario's traffic, from a random stream of its own derived from the seed, the debtor and
 * their attempt number: the same debtor's n-th attempt at the same hour ends the same way under any order.
 */
public final class CallingList implements LeadSource {

    /**
     * The list's rules.
     *
     * @param floorStartHour     the floor's local hour at the start of each day's run
     * @param windowFromHour     a debtor's local calling window opens (inclusive)
     * @param windowToHour       and closes (exclusive)
     * @param maxAttemptsPerDay  per debtor
     * @param retrySpacingMillis between two attempts on a debtor
     * @param hopperMillis       how often the callable debtors are ordered again
     */
    public record Rules(int floorStartHour, int windowFromHour, int windowToHour, int maxAttemptsPerDay,
                        long retrySpacingMillis, long hopperMillis) {

        /** Floor from 09:00, local window 08:00-21:00, 2 attempts a day 3 hours apart, hopper every 10 minutes. */
        public static Rules defaults() {
            return new Rules(9, 8, 21, 2, 3 * HOUR, 10 * 60_000);
        }
    }

    private static final long HOUR = 3_600_000;
    private static final long DAY = 24 * HOUR;

    private final DebtorPopulation population;
    private final Rules rules;
    private final BestHours learner;
    private final long seed;
    private final int[] attemptsToday;
    private final int[] attempts;
    private final long[] lastAttempt;
    private final boolean[] reached;
    private final boolean[] inFlight;
    private final Map<Lead, int[]> dialled = new IdentityHashMap<>();

    private int day;
    private QueueOrder order = QueueOrder.amountThenDays();
    private List<QueueOrder.Candidate> hopper = List.of();
    private int hopperNext;
    private long hopperBuiltAt = -DAY;

    private long dials;
    private long connected;
    private long rightPartyContacts;

    public CallingList(DebtorPopulation population, Rules rules, BestHours learner, long seed) {
        this.population = population;
        this.rules = rules;
        this.learner = learner;
        this.seed = seed;
        int n = population.size();
        attemptsToday = new int[n];
        attempts = new int[n];
        lastAttempt = new long[n];
        Arrays.fill(lastAttempt, Long.MIN_VALUE / 2);
        reached = new boolean[n];
        inFlight = new boolean[n];
    }

    /** Starts day {@code day} (0, 1, ...) dialled in {@code order}; the day's counters start again. */
    public void startDay(int day, QueueOrder order) {
        this.day = day;
        this.order = order;
        Arrays.fill(attemptsToday, 0);
        Arrays.fill(inFlight, false);
        dialled.clear();
        hopper = List.of();
        hopperNext = 0;
        hopperBuiltAt = -DAY;
        dials = 0;
        connected = 0;
        rightPartyContacts = 0;
    }

    /** Dials placed today. */
    public long dials() {
        return dials;
    }

    /** Dials today whose callee reached an agent. */
    public long connected() {
        return connected;
    }

    /** Right-party contacts today (the debtor reached an agent). */
    public long rightPartyContacts() {
        return rightPartyContacts;
    }

    /** Debtors reached so far, all days. */
    public int reachedSoFar() {
        int n = 0;
        for (boolean r : reached) {
            n += r ? 1 : 0;
        }
        return n;
    }

    @Override
    public Lead next(long nowMillis, Traffic traffic) {
        long at = absolute(nowMillis);
        if (hopperNext >= hopper.size() || nowMillis - hopperBuiltAt >= rules.hopperMillis()) {
            if (hopperNext < hopper.size() || nowMillis - hopperBuiltAt >= 60_000) {
                refill(at, nowMillis);
            }
        }
        while (hopperNext < hopper.size()) {
            int id = (int) hopper.get(hopperNext++).debtorId();
            if (callable(id, at)) {
                return dial(id, at, traffic);
            }
        }
        return null;
    }

    @Override
    public void ended(Lead lead, long nowMillis, boolean wasConnected) {
        int[] call = dialled.remove(lead);
        if (call == null) {
            return;
        }
        int id = call[0];
        inFlight[id] = false;
        boolean rpc = wasConnected && lead.rightParty();
        learner.record(id, call[1], rpc);
        if (wasConnected) {
            connected++;
        }
        if (rpc) {
            rightPartyContacts++;
            reached[id] = true;
        }
    }

    private void refill(long at, long nowMillis) {
        List<QueueOrder.Candidate> candidates = new ArrayList<>();
        for (DebtorPopulation.Debtor d : population.debtors()) {
            if (callable(d.id(), at)) {
                candidates.add(new QueueOrder.Candidate(d.id(), d.priority(), d.amountCents(), d.daysOverdue(),
                        localHour(d, at)));
            }
        }
        hopper = order.order(candidates);
        hopperNext = 0;
        hopperBuiltAt = nowMillis;
    }

    private Lead dial(int id, long at, Traffic traffic) {
        DebtorPopulation.Debtor d = population.debtors().get(id);
        int hour = localHour(d, at);
        double live = d.live(hour);
        double rest = 1 - live;
        Traffic person = new Traffic(live, 0.35 * rest, 0.05 * rest, 0, 0.60 * rest, d.rightParty(hour),
                traffic.liveRing(), traffic.liveAmdSeconds(), traffic.machineRing(), traffic.machineAmdSeconds(),
                traffic.noAnswerTimeout(), traffic.busySeconds(), traffic.invalidSeconds(),
                traffic.rightPartyTalk(), traffic.rightPartyWrap(), traffic.otherTalk(), traffic.otherWrap(),
                traffic.amdFalsePositive());
        Lead lead = Lead.draw(new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + id * 0xC2B2AE3D27D4EB4FL + attempts[id])), person);
        attempts[id]++;
        attemptsToday[id]++;
        lastAttempt[id] = at;
        inFlight[id] = true;
        dialled.put(lead, new int[] {id, hour});
        dials++;
        return lead;
    }

    private boolean callable(int id, long at) {
        if (reached[id] || inFlight[id] || attemptsToday[id] >= rules.maxAttemptsPerDay()
                || at - lastAttempt[id] < rules.retrySpacingMillis()) {
            return false;
        }
        long local = Math.floorMod(at + population.debtors().get(id).zoneOffsetHours() * HOUR, DAY);
        return local >= rules.windowFromHour() * HOUR && local < rules.windowToHour() * HOUR;
    }

    private long absolute(long nowMillis) {
        return day * DAY + rules.floorStartHour() * HOUR + nowMillis;
    }

    private static int localHour(DebtorPopulation.Debtor d, long at) {
        return (int) (Math.floorMod(at + d.zoneOffsetHours() * HOUR, DAY) / HOUR);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
