package dialer.pacing.sim;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How often a pacer whose abandons are independent breaks short-window levels by chance alone: each of
 * {@code perMinute} live answers a minute is abandoned with probability equal to the pacer's average, and
 * every 10- and 30-minute window sliding a minute at a time over {@code minutes} is checked against 5% and 4%
 * (issue 14's levels). The most favourable case for any pacer: real abandons come in bursts.
 *
 * <pre>
 * java -cp pacing/target/classes dialer.pacing.sim.WindowOdds [perMinute=10] [minutes=300] [draws=2000]
 * </pre>
 * S2 after its answer-rate step connects about 10 people a minute for five hours.
 */
public final class WindowOdds {

    private WindowOdds() {
    }

    public static void main(String[] args) {
        int perMinute = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int draws = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        System.out.printf(Locale.ROOT, "%d live answers a minute, %d minutes, %d draws per average%n", perMinute, minutes, draws);
        System.out.println("average abandonment | P(some 10-minute window > 5%) | P(some 30-minute window > 4%)");
        for (double average : new double[] {0.028, 0.02, 0.015, 0.01, 0.0075}) {
            SplittableRandom random = new SplittableRandom(1);
            int over10 = 0;
            int over30 = 0;
            for (int d = 0; d < draws; d++) {
                int[] abandons = new int[minutes];
                for (int m = 0; m < minutes; m++) {
                    for (int a = 0; a < perMinute; a++) {
                        if (random.nextDouble() < average) {
                            abandons[m]++;
                        }
                    }
                }
                over10 += anyWindowOver(abandons, perMinute, 10, 0.05) ? 1 : 0;
                over30 += anyWindowOver(abandons, perMinute, 30, 0.04) ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "%18.2f%% | %28.1f%% | %28.1f%%%n", 100 * average, 100.0 * over10 / draws,
                    100.0 * over30 / draws);
        }
    }

    static boolean anyWindowOver(int[] abandons, int perMinute, int window, double level) {
        int sum = 0;
        for (int m = 0; m < abandons.length; m++) {
            sum += abandons[m];
            if (m >= window) {
                sum -= abandons[m - window];
            }
            if (m >= window - 1 && sum > level * perMinute * window) {
                return true;
            }
        }
        return false;
    }
}
