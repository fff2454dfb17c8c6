package dialer.pacing.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A list of debtors whose chance to answer, and to be the one who answers, depends on their local hour and
 * on the person. Known only to the simulator; the dialer learns it from outcomes.
 *
 * <p>Four kinds of people, with chances per dial by local hour (before the person's own factor):
 * <table>
 *   <caption>live answer (right party among live answers)</caption>
 *   <tr><th>kind</th><th>share</th><th>08-09</th><th>09-17</th><th>17-18</th><th>18-21</th></tr>
 *   <tr><td>day job</td><td>45%</td><td>10% (70%)</td><td>5% (35%)</td><td>15% (80%)</td><td>35% (85%)</td></tr>
 *   <tr><td>retired</td><td>20%</td><td colspan="2">35% until 12, 25% until 16, then 12% (85%)</td><td colspan="2">12% (85%)</td></tr>
 *   <tr><td>at home</td><td>20%</td><td colspan="4">18% (70%)</td></tr>
 *   <tr><td>nearly unreachable</td><td>15%</td><td colspan="4">2% (50%)</td></tr>
 * </table>
 * Each person's live chances are multiplied by a factor of their own (lognormal, mean 1, sigma 0.5;
 * capped at 90%). A dial that is not answered live goes to a machine 35% of the time, is busy 5% and rings
 * out otherwise. Zones: 40% at the floor's zone, 30% one hour west, 10% two, 20% three (Eastern, Central,
 * Mountain, Pacific for a floor on Eastern time). Campaign priority tiers: 10% tier 0, 30% tier 1, 60%
 * tier 2. Amount overdue lognormal (median 800, sigma 1), days overdue uniform 30-360.
 */
public final class DebtorPopulation {

    public enum Kind { DAY_JOB, RETIRED, AT_HOME, UNREACHABLE }

    /**
     * One debtor.
     *
     * @param id              index in the list (0..size-1)
     * @param zoneOffsetHours local time minus the floor's time, in hours (0, -1, -2, -3)
     * @param factor          the person's multiplier of their kind's live-answer chances
     */
    public record Debtor(int id, int zoneOffsetHours, Kind kind, double factor, int priority, long amountCents,
                         int daysOverdue) {

        /** The chance that a dial at this local hour is answered by a person. */
        public double live(int localHour) {
            double base = switch (kind) {
                case DAY_JOB -> localHour < 9 ? 0.10 : localHour < 17 ? 0.05 : localHour < 18 ? 0.15 : 0.35;
                case RETIRED -> localHour < 12 ? 0.35 : localHour < 16 ? 0.25 : 0.12;
                case AT_HOME -> 0.18;
                case UNREACHABLE -> 0.02;
            };
            return Math.min(0.9, base * factor);
        }

        /** The chance that a person answering at this local hour is the debtor. */
        public double rightParty(int localHour) {
            return switch (kind) {
                case DAY_JOB -> localHour < 9 ? 0.70 : localHour < 17 ? 0.35 : localHour < 18 ? 0.80 : 0.85;
                case RETIRED -> 0.85;
                case AT_HOME -> 0.70;
                case UNREACHABLE -> 0.50;
            };
        }
    }

    private final List<Debtor> debtors;

    private DebtorPopulation(List<Debtor> debtors) {
        this.debtors = List.copyOf(debtors);
    }

    /** {@code size} debtors drawn from {@code seed}: the same list for every queue order run with that seed. */
    public static DebtorPopulation generate(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
        List<Debtor> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            double u = random.nextDouble();
            Kind kind = u < 0.45 ? Kind.DAY_JOB : u < 0.65 ? Kind.RETIRED : u < 0.85 ? Kind.AT_HOME : Kind.UNREACHABLE;
            double z = random.nextDouble();
            int zone = z < 0.40 ? 0 : z < 0.70 ? -1 : z < 0.80 ? -2 : -3;
            double sigma = 0.5;
            double factor = Math.exp(sigma * gaussian(random) - sigma * sigma / 2);
            double p = random.nextDouble();
            int priority = p < 0.10 ? 0 : p < 0.40 ? 1 : 2;
            long amount = Math.round(80_000 * Math.exp(gaussian(random)));
            int days = 30 + random.nextInt(331);
            list.add(new Debtor(i, zone, kind, factor, priority, amount, days));
        }
        return new DebtorPopulation(list);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller, one of the pair
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    public List<Debtor> debtors() {
        return debtors;
    }

    public int size() {
        return debtors.size();
    }
}
