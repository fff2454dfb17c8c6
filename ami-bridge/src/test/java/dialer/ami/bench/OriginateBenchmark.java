package dialer.ami.bench;

import dialer.ami.CallEvent;
import dialer.ami.CallOutcome;
import dialer.ami.CallIds;
import dialer.ami.DialplanLocation;
import dialer.ami.OriginateRequest;
import dialer.ami.asterisk.AmiSettings;
import dialer.ami.asterisk.AsteriskCallControl;
import dialer.ami.testing.AsteriskForTests;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Originates N calls at R per second through a real Asterisk (simulated callees with a
 * collections-like outcome mix) and prints calls/s achieved, results accounted for (must be
 * all), outcomes right, and event lag (when the bridge's listener saw an event minus Asterisk's
 * timestamp on it). The same load runs first through a bare AMI socket client, as the baseline.
 *
 * <pre>
 * mvn -q -pl ami-bridge test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dialer.ami.bench.OriginateBenchmark -Dexec.args="2000 150"
 * </pre>
 */
public final class OriginateBenchmark {

    /** Simulated callee behaviour, its share of calls, and the outcome the bridge must report. */
    private record Behaviour(String name, int percent, CallOutcome expected) {
    }

    private static final List<Behaviour> MIX = List.of(
            new Behaviour("human", 35, CallOutcome.ANSWERED_HUMAN),
            new Behaviour("machine", 25, CallOutcome.ANSWERED_MACHINE),
            new Behaviour("busy", 10, CallOutcome.BUSY),
            new Behaviour("noanswer", 15, CallOutcome.NO_ANSWER),
            new Behaviour("congestion", 5, CallOutcome.CONGESTION),
            new Behaviour("unallocated", 10, CallOutcome.INVALID_NUMBER));
    private static final Duration RING_TIMEOUT = Duration.ofSeconds(3);

    /** One run's figures. */
    record Result(String client, int calls, double offeredRate, double achievedRate, int accounted,
                          int outcomesRight, long lagP50Micros, long lagP99Micros, long lagMaxMicros, double drainSeconds) {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 100;
        AmiSettings ami = AsteriskForTests.ami();
        System.out.printf("Originate benchmark: %d calls at %.0f/s against Asterisk at %s%n", calls, rate, ami.address());
        List<Result> results = run(ami, calls, rate);
        print(results);
        boolean allAccounted = results.stream().allMatch(r -> r.accounted() == r.calls());
        boolean bridgeRight = results.get(1).outcomesRight() == calls;
        if (!allAccounted || !bridgeRight) {
            System.out.println("FAILED: every call must be accounted for, and every bridge outcome right");
            System.exit(1);
        }
        System.exit(0);
    }

    /** The baseline's run, then the bridge's, on the same plan of callees: [baseline, bridge]. */
    static List<Result> run(AmiSettings ami, int calls, double rate) throws Exception {
        List<Behaviour> plan = plan(calls, new Random(42));
        List<Result> results = new ArrayList<>();
        results.add(runRaw(ami, plan, rate));
        Thread.sleep(3000); // let Asterisk settle between runs
        results.add(runBridge(ami, plan, rate));
        return results;
    }

    private static List<Behaviour> plan(int calls, Random random) {
        List<Behaviour> plan = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            int roll = random.nextInt(100);
            int acc = 0;
            for (Behaviour b : MIX) {
                acc += b.percent();
                if (roll < acc) {
                    plan.add(b);
                    break;
                }
            }
        }
        return plan;
    }

    private static String number(int i) {
        return String.format("1555%07d", i);
    }

    // --- the bridge ---------------------------------------------------------------------------

    private static Result runBridge(AmiSettings ami, List<Behaviour> plan, double rate) throws Exception {
        String run = "b" + (System.currentTimeMillis() % 100000);
        Map<String, Behaviour> byCall = new ConcurrentHashMap<>();
        Set<String> outcomeSeen = ConcurrentHashMap.newKeySet();
        Set<String> hungUp = ConcurrentHashMap.newKeySet();
        Set<String> right = ConcurrentHashMap.newKeySet();
        List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(plan.size());
        Set<String> finished = ConcurrentHashMap.newKeySet();

        try (AsteriskCallControl bridge = new AsteriskCallControl(ami)) {
            bridge.addListener(event -> {
                lags.add(Duration.between(event.at(), Instant.now()).toNanos() / 1000);
                if (event instanceof CallEvent.Outcome o) {
                    Behaviour expected = byCall.get(o.callId());
                    if (expected == null || !outcomeSeen.add(o.callId())) {
                        return;
                    }
                    if (o.outcome() == expected.expected()) {
                        right.add(o.callId());
                    }
                    boolean over = !o.outcome().answered() || hungUp.contains(o.callId());
                    if (over && finished.add(o.callId())) {
                        done.countDown();
                    }
                } else if (event instanceof CallEvent.WaitingForAgent w) {
                    bridge.hangup(CallIds.channelId(w.callId()), 16);
                } else if (event instanceof CallEvent.HungUp h) {
                    hungUp.add(h.callId());
                    if (outcomeSeen.contains(h.callId()) && finished.add(h.callId())) {
                        done.countDown();
                    }
                }
            });
            bridge.start();
            bridge.whenConnected(Duration.ofSeconds(20)).join();
            long start = System.nanoTime();
            long periodNanos = (long) (1_000_000_000L / rate);
            List<java.util.concurrent.CompletableFuture<Void>> accepted = new ArrayList<>();
            for (int i = 0; i < plan.size(); i++) {
                LockSupport.parkNanos(start + i * periodNanos - System.nanoTime());
                String callId = run + "x" + i;
                Behaviour b = plan.get(i);
                byCall.put(callId, b);
                accepted.add(bridge.originate(new OriginateRequest(callId, "Local/" + number(i) + "@sim-carrier",
                        DialplanLocation.of("dialer-answered", "s"), RING_TIMEOUT, null, true,
                        Map.of("SIM_OUTCOME", b.name(), "SIM_RING", "1", "SIM_TALK", "2"))));
            }
            java.util.concurrent.CompletableFuture.allOf(accepted.toArray(new java.util.concurrent.CompletableFuture[0])).join();
            double originateSeconds = (System.nanoTime() - start) / 1e9;
            done.await(120, TimeUnit.SECONDS);
            double drain = (System.nanoTime() - start) / 1e9;
            return summarize("bridge (Asterisk-Java + CallTracker)", plan.size(), rate, originateSeconds, finished.size(),
                    right.size(), lags, drain);
        }
    }

    // --- the baseline ------------------------------------------------------------------------

    private static Result runRaw(AmiSettings ami, List<Behaviour> plan, double rate) throws Exception {
        String run = "r" + (System.currentTimeMillis() % 100000);
        Set<String> finished = ConcurrentHashMap.newKeySet();
        Set<String> queued = ConcurrentHashMap.newKeySet();
        List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(plan.size());
        CountDownLatch allQueued = new CountDownLatch(plan.size());
        RawAmiClient[] client = new RawAmiClient[1];
        client[0] = new RawAmiClient(ami.host(), ami.port(), ami.username(), ami.secret(), message -> {
            String ts = message.get("Timestamp");
            if (ts != null) {
                Instant now = Instant.now();
                long nowMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
                lags.add(nowMicros - Math.round(Double.parseDouble(ts) * 1_000_000));
            }
            String response = message.get("Response");
            String actionId = message.get("ActionID");
            if (response != null && message.get("Event") == null && actionId != null && actionId.startsWith(run)
                    && queued.add(actionId)) {
                allQueued.countDown();
            }
            String event = message.get("Event");
            String uniqueId = message.get("Uniqueid");
            if (event == null || uniqueId == null || !uniqueId.startsWith("dlr-" + run)) {
                return;
            }
            String callId = CallIds.callIdOf(uniqueId).orElse("");
            if (event.equals("OriginateResponse") && "Failure".equals(message.get("Response"))
                    || event.equals("Hangup") && CallIds.isPrimary(uniqueId)) {
                if (finished.add(callId)) {
                    done.countDown();
                }
            } else if (event.equals("UserEvent") && "DialerWaiting".equals(message.get("UserEvent"))) {
                try {
                    client[0].send("Action: Hangup", "Channel: " + uniqueId, "Cause: 16");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        try {
            long start = System.nanoTime();
            long periodNanos = (long) (1_000_000_000L / rate);
            for (int i = 0; i < plan.size(); i++) {
                LockSupport.parkNanos(start + i * periodNanos - System.nanoTime());
                String callId = run + "x" + i;
                Behaviour b = plan.get(i);
                client[0].send("Action: Originate", "ActionID: " + callId,
                        "Channel: Local/" + number(i) + "@sim-carrier", "Context: dialer-answered", "Exten: s",
                        "Priority: 1", "Async: true", "Timeout: " + RING_TIMEOUT.toMillis(),
                        "ChannelId: " + CallIds.channelId(callId), "OtherChannelId: " + CallIds.otherChannelId(callId),
                        "Variable: __DIALER_CALL=" + callId, "Variable: SIM_OUTCOME=" + b.name(),
                        "Variable: SIM_RING=1", "Variable: SIM_TALK=2");
            }
            allQueued.await(60, TimeUnit.SECONDS);
            double originateSeconds = (System.nanoTime() - start) / 1e9;
            done.await(120, TimeUnit.SECONDS);
            double drain = (System.nanoTime() - start) / 1e9;
            // the bare client does not map outcomes: "right" is not measured for it
            return summarize("baseline (bare AMI socket)", plan.size(), rate, originateSeconds, finished.size(), -1, lags, drain);
        } finally {
            client[0].close();
        }
    }

    // --- figures --------------------------------------------------------------------------------

    private static Result summarize(String client, int calls, double rate, double originateSeconds, int accounted,
                                    int right, List<Long> lags, double drain) {
        List<Long> sorted;
        synchronized (lags) {
            sorted = new ArrayList<>(lags);
        }
        Collections.sort(sorted);
        return new Result(client, calls, rate, calls / originateSeconds, accounted, right,
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1), drain);
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static void print(List<Result> results) {
        System.out.println();
        System.out.printf("%-38s %7s %9s %9s %10s %8s %9s %9s %9s %8s%n", "client", "calls", "offered/s", "achieved/s",
                "accounted", "right", "lag p50", "lag p99", "lag max", "drain s");
        for (Result r : results) {
            System.out.printf("%-38s %7d %9.1f %10.1f %10s %8s %7.2fms %7.2fms %7.2fms %8.1f%n", r.client(), r.calls(),
                    r.offeredRate(), r.achievedRate(), r.accounted() + "/" + r.calls(),
                    r.outcomesRight() < 0 ? "n/a" : r.outcomesRight() + "/" + r.calls(),
                    r.lagP50Micros() / 1000.0, r.lagP99Micros() / 1000.0, r.lagMaxMicros() / 1000.0, r.drainSeconds());
        }
        System.out.println();
        System.out.println("accounted: calls whose end was seen (failed originate, or hang-up of an answered call)");
        System.out.println("right: outcome the bridge reported equals the simulated callee's behaviour");
        System.out.println("lag: when the client saw an event minus Asterisk's timestamp on it");
    }
}
