package dialer.pacing.sim;

import dialer.pacing.AgentActivity;
import dialer.pacing.AgentView;
import dialer.pacing.CampaignStatistics;
import dialer.pacing.Pacer;
import dialer.pacing.PacingConfig;
import dialer.pacing.PacingDecision;
import dialer.pacing.PacingSnapshot;
import dialer.pacing.PredictivePacer;
import dialer.pacing.estimate.HandleTimeModel;
import dialer.pacing.estimate.Tally;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cold-start diagnostic (test scope): abandonment per 30-s bin of the first minutes of a campaign, the
 * day's abandonment from the start at 5 and 10 minutes, when the pacer warmed up, the estimates at warm-up
 * against their values 60 minutes in, and the calibration of the supply forecast (sum over busy agents of
 * P(free within 10 s + grace) against how many were free 12 s later), by 30-s bin after warm-up.
 *
 * <pre>
 * java -cp pacing/target/classes:pacing/target/test-classes dialer.pacing.sim.ColdStartDiagnostic [--seeds 10] [--long]
 * </pre>
 */
public final class ColdStartDiagnostic {

    static final int BINS = 20; // 30-s bins, 10 minutes
    static final long BIN = 30_000;
    static final int HORIZON_INDEX = 10; // supply horizon index 10 = 10 s + 2 s grace
    static final long CHECK = 12_000;

    /** What one run recorded. */
    static final class Probe implements Pacer {
        final Pacer inner = new PredictivePacer();
        final long[] cumLive = new long[BINS + 1];
        final long[] cumAband = new long[BINS + 1];
        long warmAt = -1;
        double[] warmEstimates;
        double[] lateEstimates;
        // supply calibration by 30-s bin after warm-up (bin 0..BINS-1), plus steady (after 30 min) in last slot
        final double[] predTalk = new double[BINS + 1];
        final double[] realTalk = new double[BINS + 1];
        final double[] predWrap = new double[BINS + 1];
        final double[] realWrap = new double[BINS + 1];
        final List<Pending> pending = new ArrayList<>();

        record Pending(long at, int index, boolean wasTalking, double p) {
        }

        @Override
        public PacingDecision decide(PacingSnapshot s) {
            long now = s.nowMillis();
            CampaignStatistics stats = s.statistics();
            if (now % BIN == 0 && now / BIN <= BINS) {
                Tally day = stats.calendarDay(now);
                cumLive[(int) (now / BIN)] = day.liveAnswered();
                cumAband[(int) (now / BIN)] = day.abandoned();
            }
            // realised supply of the checks due now
            List<AgentView> agents = s.agents();
            pending.removeIf(p -> {
                if (now - p.at < CHECK) {
                    return false;
                }
                AgentView a = agents.get(p.index);
                boolean free = a.activity() == AgentActivity.READY
                        || (a.activity() == AgentActivity.TALKING && a.elapsedMillis() < CHECK)
                        || (a.activity() == AgentActivity.WRAP_UP && !p.wasTalking && a.elapsedMillis() < CHECK);
                int bin = slot(p.at);
                if (bin >= 0) {
                    if (p.wasTalking) {
                        realTalk[bin] += free ? 1 : 0;
                    } else {
                        realWrap[bin] += free ? 1 : 0;
                    }
                }
                return true;
            });
            PacingDecision d = inner.decide(s);
            if (stats.warmedUp()) {
                if (warmAt < 0) {
                    warmAt = now;
                    warmEstimates = estimates(stats, s);
                }
                if (lateEstimates == null && now >= 60 * 60_000L) {
                    lateEstimates = estimates(stats, s);
                }
                int bin = slot(now);
                CampaignStatistics.Forecasts f = stats.forecasts(now, agents);
                if (bin >= 0 && f != null) {
                    for (int i = 0; i < agents.size(); i++) {
                        AgentView a = agents.get(i);
                        if (!a.staffing() || (a.activity() != AgentActivity.TALKING && a.activity() != AgentActivity.WRAP_UP)) {
                            continue;
                        }
                        double p = f.agents().freeWithin(a)[HORIZON_INDEX];
                        boolean talking = a.activity() == AgentActivity.TALKING;
                        if (talking) {
                            predTalk[bin] += p;
                        } else {
                            predWrap[bin] += p;
                        }
                        pending.add(new Pending(now, i, talking, p));
                    }
                }
            }
            return d;
        }

        /** 30-s bin after warm-up, BINS for steady state (30-40 min), -1 otherwise. */
        int slot(long now) {
            if (warmAt < 0) {
                return -1;
            }
            long since = now - warmAt;
            if (since < BINS * BIN) {
                return (int) (since / BIN);
            }
            return now >= 30 * 60_000L && now < 40 * 60_000L ? BINS : -1;
        }

        static double[] estimates(CampaignStatistics stats, PacingSnapshot s) {
            CampaignStatistics.Forecasts f = stats.forecasts(s.nowMillis(), s.agents());
            HandleTimeModel.Forecast a = f.agents();
            return new double[] {stats.liveAnswerRate(), f.dials().liveAfter().meanMillis() / 1e3,
                    a.talk().meanMillis() / 1e3, mean(a.wrapAfterTalk(30_000)),
                    mean(a.wrapAfterTalk(240_000)), stats.riskThreshold(s.nowMillis())};
        }
    }

    public static void main(String[] args) {
        int seeds = 10;
        boolean longRun = false;
        String only = null;
        PacingConfig.Builder config = PacingConfig.defaults().toBuilder();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--long" -> longRun = true;
                case "--only" -> only = args[++i];
                case "--completed" -> config.coldStartCompletedCalls(Integer.parseInt(args[++i]));
                case "--lives" -> config.coldStartLiveAnswers(Integer.parseInt(args[++i]));
                case "--risk" -> config.initialRiskThreshold(Double.parseDouble(args[++i]));
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        ScenarioLoader loader = ScenarioLoader.shipped();
        List<Scenario> scenarios = List.of(loader.load("S1").withAgents(20), loader.load("S1").withAgents(50),
                loader.load("S2"), loader.load("S3"), loader.load("S4"));
        for (Scenario base : scenarios) {
            String name = base.name().contains("@") ? base.name() : base.name() + "@" + base.agents();
            if (only != null && !only.contains(name)) {
                continue;
            }
            Scenario sc = base.withShiftMillis(longRun ? 61 * 60_000L : 10 * 60_000L + 1_000);
            long[] live = new long[BINS + 1];
            long[] aband = new long[BINS + 1];
            double worst5 = 0;
            double worst10 = 0;
            double warmSum = 0;
            double[] warmEst = new double[6];
            double[] lateEst = new double[6];
            int lates = 0;
            double[][] cal = new double[4][BINS + 1];
            long[] relLive = new long[BINS];
            long[] relAband = new long[BINS];
            for (long seed = 1; seed <= seeds; seed++) {
                Probe[] holder = new Probe[1];
                Contender c = new Contender("probe", 1_000, () -> holder[0] = new Probe(), config.build());
                SimulationResult r = new Simulator(sc).run(c, seed);
                Probe p = holder[0];
                for (int b = 0; b <= BINS; b++) {
                    live[b] += p.cumLive[b];
                    aband[b] += p.cumAband[b];
                }
                worst5 = Math.max(worst5, rate(p.cumAband[10], p.cumLive[10]));
                worst10 = Math.max(worst10, rate(p.cumAband[20], p.cumLive[20]));
                warmSum += p.warmAt / 1e3;
                for (int k = 0; k < 6; k++) {
                    warmEst[k] += p.warmEstimates[k] / seeds;
                }
                if (p.lateEstimates != null) {
                    lates++;
                    for (int k = 0; k < 6; k++) {
                        lateEst[k] += p.lateEstimates[k];
                    }
                }
                for (int b = 0; b <= BINS; b++) {
                    cal[0][b] += p.predTalk[b];
                    cal[1][b] += p.realTalk[b];
                    cal[2][b] += p.predWrap[b];
                    cal[3][b] += p.realWrap[b];
                }
                // abandonment per 30-s bin after warm-up, from the run's minute counts is too coarse: use day tallies
                // (recorded on absolute 30-s marks): attribute absolute bins to the bin after warm-up they start in
                for (int b = 0; b < BINS; b++) {
                    long start = b * BIN;
                    long rel = Math.floorDiv(start - p.warmAt, BIN);
                    if (rel >= 0 && rel < BINS) {
                        relLive[(int) rel] += p.cumLive[b + 1] - p.cumLive[b];
                        relAband[(int) rel] += p.cumAband[b + 1] - p.cumAband[b];
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%n== %s, seeds 1-%d: warm-up at %.0f s on average%n", name, seeds, warmSum / seeds);
            StringBuilder abs = new StringBuilder("per 30-s bin from start, abandon%:");
            for (int b = 0; b < BINS; b++) {
                abs.append(String.format(Locale.ROOT, " %4.1f", 100 * rate(aband[b + 1] - aband[b], live[b + 1] - live[b])));
            }
            System.out.println(abs);
            StringBuilder rel = new StringBuilder("per 30-s bin after warm-up     :");
            for (int b = 0; b < BINS; b++) {
                rel.append(String.format(Locale.ROOT, " %4.1f", 100 * rate(relAband[b], relLive[b])));
            }
            System.out.println(rel);
            System.out.printf(Locale.ROOT, "day from start: 5 min %.2f%% (worst seed %.2f%%), 10 min %.2f%% (worst seed %.2f%%); live answers by 10 min %d%n",
                    100 * rate(aband[10], live[10]), 100 * worst5, 100 * rate(aband[20], live[20]), 100 * worst10, live[20]);
            System.out.printf(Locale.ROOT, "at warm-up: live rate %.3f, dial->live %.1f s, talk mean %.1f s, wrap after 30-s talk %.1f s, after 240-s talk %.1f s, risk %.4f%n",
                    warmEst[0], warmEst[1], warmEst[2], warmEst[3], warmEst[4], warmEst[5]);
            if (lates > 0) {
                System.out.printf(Locale.ROOT, "at 60 min : live rate %.3f, dial->live %.1f s, talk mean %.1f s, wrap after 30-s talk %.1f s, after 240-s talk %.1f s, risk %.4f%n",
                        lateEst[0] / lates, lateEst[1] / lates, lateEst[2] / lates, lateEst[3] / lates, lateEst[4] / lates, lateEst[5] / lates);
            }
            StringBuilder ct = new StringBuilder("talking agents free in 12 s, predicted/real by 30-s bin after warm-up:");
            StringBuilder cw = new StringBuilder("wrap-up agents free in 12 s, predicted/real by 30-s bin after warm-up:");
            for (int b = 0; b < BINS; b += 2) {
                ct.append(String.format(Locale.ROOT, " %.2f", cal[0][b] / Math.max(1, cal[1][b])));
                cw.append(String.format(Locale.ROOT, " %.2f", cal[2][b] / Math.max(1, cal[3][b])));
            }
            if (longRun) {
                ct.append(String.format(Locale.ROOT, " | 30-40 min %.2f", cal[0][BINS] / Math.max(1, cal[1][BINS])));
                cw.append(String.format(Locale.ROOT, " | 30-40 min %.2f", cal[2][BINS] / Math.max(1, cal[3][BINS])));
            }
            System.out.println(ct);
            System.out.println(cw);
        }
    }

    /** Mean in seconds; NaN when nothing is known yet. */
    static double mean(dialer.pacing.estimate.DurationDistribution d) {
        return d == null ? Double.NaN : d.meanMillis() / 1e3;
    }

    static double rate(long a, long n) {
        return n == 0 ? 0 : (double) a / n;
    }
}
