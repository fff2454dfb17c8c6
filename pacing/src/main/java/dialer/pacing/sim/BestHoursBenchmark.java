package dialer.pacing.sim;

import dialer.pacing.order.BestHours;
import dialer.pacing.order.QueueOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 15: does dialling each debtor at their learned best hours raise right-party contacts per agent hour
 * over the amount-then-days order, at the same abandonment? The same list ({@link DebtorPopulation}), the
 * same seeds, agents and predictive pacer (3% target) run under both orders; the warm-up days are dialled
 * amount-then-days in both arms (so both start the measured days with the same history), then each arm
 * dials its own order, the learner still learning. Prints, per seed and pooled, for the measured days:
 * right-party contacts per agent hour, occupancy, abandonment, calls per right-party contact.
 *
 * <pre>
 * mvn -q -o -pl pacing compile exec:java -Dexec.mainClass=dialer.pacing.sim.BestHoursBenchmark [-Dexec.args="--seeds 5"]
 * java -cp pacing/target/classes dialer.pacing.sim.BestHoursBenchmark [--seeds N] [--debtors N] [--agents N]
 *      [--warmup DAYS] [--days DAYS] [--scenario S1] [--oracle] [--list-hours]
 * </pre>
 * {@code --oracle} adds an arm ordered by the population's true chances, {@code --list-hours} one ordered by
 * the list's hour profile alone (what the debtors' own histories add).
 */
public final class BestHoursBenchmark {

    /**
     * What a setting of the benchmark is.
     *
     * @param scenario   timings and staffing of each day (its outcome mix is replaced by the debtors')
     * @param debtors    list size
     * @param warmupDays days dialled amount-then-days whose history the learner keeps
     * @param days       measured days
     */
    public record Setup(Scenario scenario, int debtors, int warmupDays, int days, CallingList.Rules rules) {

        /** S1's timings and 10 agents over a 12-hour day, 40,000 debtors, 5 warm-up days, 5 measured days. */
        public static Setup defaults() {
            return new Setup(ScenarioLoader.loadShipped("S1").withShiftMillis(12 * 3_600_000L), 40_000, 5, 5,
                    CallingList.Rules.defaults());
        }
    }

    /** The measured days of one arm (one order, one or several seeds). */
    public record Arm(String order, SimulationResult pacing, long dials, long connected, long rightPartyContacts,
                      double worstDayAbandonRate) {

        public double rightPartyContactsPerAgentHour() {
            return rightPartyContacts / pacing.agentHours();
        }

        public double callsPerRightPartyContact() {
            return rightPartyContacts == 0 ? Double.NaN : (double) dials / rightPartyContacts;
        }

        /** Share of connected calls that were the right party. */
        public double rightPartyShare() {
            return connected == 0 ? 0 : (double) rightPartyContacts / connected;
        }

        static Arm pool(List<Arm> arms) {
            List<SimulationResult> results = new ArrayList<>();
            long dials = 0;
            long connected = 0;
            long rpc = 0;
            double worst = 0;
            for (Arm a : arms) {
                results.add(a.pacing());
                dials += a.dials();
                connected += a.connected();
                rpc += a.rightPartyContacts();
                worst = Math.max(worst, a.worstDayAbandonRate());
            }
            return new Arm(arms.get(0).order(), SimulationResult.pool(results), dials, connected, rpc, worst);
        }
    }

    /** The queue orders compared. */
    public enum Order {
        /** Priority tier, amount, days overdue: the campaign default. */
        AMOUNT_THEN_DAYS,
        /** Priority tier, then the learned chance now ({@link BestHours}). */
        BEST_HOURS,
        /** Priority tier, then the population's true chance now: what a perfect learner would reach. */
        ORACLE,
        /** Priority tier, then the list's learned chance at the lead's local hour only (no debtor's own history): an ablation. */
        LIST_HOURS;

        QueueOrder queueOrder(DebtorPopulation population, BestHours learner) {
            return switch (this) {
                case AMOUNT_THEN_DAYS -> QueueOrder.amountThenDays();
                case BEST_HOURS -> QueueOrder.bestHours(learner);
                case LIST_HOURS -> QueueOrder.byChance("list-hours", (id, hour) -> learner.listScore(hour));
                case ORACLE -> QueueOrder.byChance("oracle", (id, hour) -> {
                    DebtorPopulation.Debtor d = population.debtors().get((int) id);
                    return d.live(hour) * d.rightParty(hour);
                });
            };
        }
    }

    private BestHoursBenchmark() {
    }

    /** One arm for one seed: the warm-up days amount-then-days, then the measured days in {@code order}. */
    public static Arm run(Setup setup, Contender contender, long seed, Order order) {
        DebtorPopulation population = DebtorPopulation.generate(setup.debtors(), seed);
        BestHours learner = new BestHours();
        CallingList list = new CallingList(population, setup.rules(), learner, seed);
        QueueOrder measured = order.queueOrder(population, learner);
        Simulator simulator = new Simulator(setup.scenario());
        List<Arm> days = new ArrayList<>();
        for (int day = 0; day < setup.warmupDays() + setup.days(); day++) {
            boolean warmup = day < setup.warmupDays();
            list.startDay(day, warmup ? QueueOrder.amountThenDays() : measured);
            SimulationResult result = simulator.run(contender, list);
            if (!warmup) {
                days.add(new Arm(measured.name(), result, list.dials(), list.connected(), list.rightPartyContacts(),
                        result.abandonRate()));
            }
        }
        return Arm.pool(days);
    }

    public static void main(String[] args) {
        int seeds = 5;
        List<Order> orders = new ArrayList<>(List.of(Order.AMOUNT_THEN_DAYS, Order.BEST_HOURS));
        Setup setup = Setup.defaults();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--oracle" -> orders.add(Order.ORACLE);
                case "--list-hours" -> orders.add(Order.LIST_HOURS);
                case "--debtors" -> setup = new Setup(setup.scenario(), Integer.parseInt(args[++i]), setup.warmupDays(), setup.days(), setup.rules());
                case "--agents" -> setup = new Setup(setup.scenario().withAgents(Integer.parseInt(args[++i])), setup.debtors(), setup.warmupDays(), setup.days(), setup.rules());
                case "--warmup" -> setup = new Setup(setup.scenario(), setup.debtors(), Integer.parseInt(args[++i]), setup.days(), setup.rules());
                case "--days" -> setup = new Setup(setup.scenario(), setup.debtors(), setup.warmupDays(), Integer.parseInt(args[++i]), setup.rules());
                case "--scenario" -> setup = new Setup(ScenarioLoader.loadShipped(args[++i]).withShiftMillis(setup.scenario().shiftMillis()),
                        setup.debtors(), setup.warmupDays(), setup.days(), setup.rules());
                default -> {
                    System.err.println("usage: BestHoursBenchmark [--seeds N] [--debtors N] [--agents N] [--warmup DAYS] [--days DAYS] [--scenario S1] [--oracle] [--list-hours]");
                    System.exit(2);
                }
            }
        }
        long started = System.nanoTime();
        Contender contender = Contender.predictive();
        List<List<Arm>> arms = new ArrayList<>();
        orders.forEach(o -> arms.add(new ArrayList<>()));
        StringBuilder rows = new StringBuilder();
        for (long seed = 1; seed <= seeds; seed++) {
            for (int k = 0; k < orders.size(); k++) {
                Arm arm = run(setup, contender, seed, orders.get(k));
                arms.get(k).add(arm);
                rows.append(row(Long.toString(seed), arm));
            }
        }
        List<Arm> pooled = arms.stream().map(Arm::pool).toList();
        Arm a = pooled.get(0);
        System.out.printf(Locale.ROOT, "Best hours benchmark: %d debtors, %s (%d agents, %.0f h a day), predictive pacer (3%% target),%n"
                        + "%d warm-up day(s) amount-then-days, then %d measured day(s) per order; seeds 1-%d%n%n",
                setup.debtors(), setup.scenario().name(), setup.scenario().agents(), setup.scenario().shiftMillis() / 3_600_000.0,
                setup.warmupDays(), setup.days(), seeds);
        System.out.println(header());
        System.out.print(rows);
        System.out.println("-".repeat(header().length()));
        pooled.forEach(arm -> System.out.print(row("all", arm)));
        System.out.println();
        for (Arm arm : pooled.subList(1, pooled.size())) {
            System.out.printf(Locale.ROOT, "%s / amount-then-days: RPC per agent hour %+.1f%%, calls per RPC %+.1f%%%n", arm.order(),
                    100 * (arm.rightPartyContactsPerAgentHour() / a.rightPartyContactsPerAgentHour() - 1),
                    100 * (arm.callsPerRightPartyContact() / a.callsPerRightPartyContact() - 1));
        }
        System.out.printf(Locale.ROOT, "RPC = right-party contact (the debtor reached an agent); occupancy = (talk + wrap) / logged-in time;%n"
                + "abandon = abandoned / live answered (measured days pooled), worst day = highest of a single day;%n"
                + "RP share = right-party contacts / calls connected to an agent.%n(%.1f s)%n", (System.nanoTime() - started) / 1e9);
    }

    private static String header() {
        return String.format(Locale.ROOT, "%-5s %-17s %9s %9s %8s %9s %9s %8s %8s %8s",
                "seed", "order", "RPC/a.h", "occupancy", "abandon", "worst day", "calls/RPC", "RP share", "RPCs", "agent h");
    }

    private static String row(String seed, Arm arm) {
        return String.format(Locale.ROOT, "%-5s %-17s %9.2f %8.1f%% %7.2f%% %8.2f%% %9.1f %7.1f%% %8d %8.0f%n",
                seed, arm.order(), arm.rightPartyContactsPerAgentHour(), 100 * arm.pacing().occupancy(),
                100 * arm.pacing().abandonRate(), 100 * arm.worstDayAbandonRate(), arm.callsPerRightPartyContact(),
                100 * arm.rightPartyShare(), arm.rightPartyContacts(), arm.pacing().agentHours());
    }
}
