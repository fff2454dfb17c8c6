package dialer.pacing.baseline;

import dialer.pacing.AgentActivity;
import dialer.pacing.CallStage;
import dialer.pacing.CampaignStatistics;
import dialer.pacing.Pacer;
import dialer.pacing.PacingDecision;
import dialer.pacing.PacingSnapshot;
import dialer.pacing.estimate.Tally;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * VICIdial's adaptive predictive pacing, re-implemented from the behaviour of its {@code AST_VDadapt.pl}
 * (dial-level adjustment) and {@code AST_VDauto_dial.pl} (dial loop), as the benchmark's baseline.
 *
 * <p>Feedback only, no model of call or agent times:
 * <ul>
 *   <li>every second it samples agents ready, calls answered and waiting for an agent, and agents logged
 *       in; the last 15 samples are averaged;</li>
 *   <li>every 15 s: {@code level *= 1 + (avgReady - avgWaiting) / avgAgents} (scaled by the intensity
 *       setting), clamped to [1, adaptive maximum level]; if more than 20 dials in the last minute dropped
 *       over half, the level is halved; if more than 50 dials were placed today and today's drops exceed the
 *       target percentage of answers, ADAPT_HARD_LIMIT sets the level to 1.0 and ADAPT_AVERAGE halves it;
 *       never below 1.0. Drop counts are refreshed once a minute, as in VICIdial;</li>
 *   <li>every dial loop (2.5 s): goal = round(level x agents ready or talking); calls to place = goal minus
 *       calls ringing, waiting or talking. Agents in wrap-up are excluded, as VICIdial's agents are
 *       PAUSED on the disposition screen.</li>
 * </ul>
 * Stateful (its dial level and samples), unlike the library's own pacers: one instance per campaign.
 */
public final class VicidialAdaptBaseline implements Pacer {

    /** The ADAPT dial methods reproduced. */
    public enum Method { ADAPT_HARD_LIMIT, ADAPT_AVERAGE }

    /**
     * VICIdial's campaign settings used here; {@link #defaults(Method)} are VICIdial's defaults.
     *
     * @param droppedPercentage {@code adaptive_dropped_percentage} (default 3)
     * @param maximumLevel      {@code adaptive_maximum_level} (default 3.0)
     * @param intensity         {@code adaptive_intensity}, -40..40 (default 0)
     * @param dialLoopMillis    the auto-dial loop period (2.5 s)
     * @param initialLevel      {@code auto_dial_level} when the campaign starts (1.0)
     */
    public record Settings(Method method, double droppedPercentage, double maximumLevel, int intensity,
                           long dialLoopMillis, double initialLevel) {

        public static Settings defaults(Method method) {
            return new Settings(method, 3, 3.0, 0, 2_500, 1.0);
        }
    }

    private static final long SAMPLE_MILLIS = 1_000;
    private static final int SAMPLES = 15;
    private static final long LEVEL_UPDATE_MILLIS = 15_000;
    private static final long DROP_STATS_MILLIS = 60_000;

    private final Settings settings;
    private double level;
    private final Deque<double[]> samples = new ArrayDeque<>();
    private long lastSample = Long.MIN_VALUE;
    private long lastLevelUpdate = Long.MIN_VALUE;
    private long lastDropStats = Long.MIN_VALUE;
    private long lastDialLoop = Long.MIN_VALUE;
    private Tally today = Tally.ZERO;
    private Tally lastMinute = Tally.ZERO;

    public VicidialAdaptBaseline(Settings settings) {
        this.settings = settings;
        this.level = settings.initialLevel();
    }

    public double dialLevel() {
        return level;
    }

    @Override
    public PacingDecision decide(PacingSnapshot snapshot) {
        long now = snapshot.nowMillis();
        if (lastSample == Long.MIN_VALUE || now - lastSample >= SAMPLE_MILLIS) {
            adaptLoop(snapshot);
            lastSample = now;
        }
        if (lastDialLoop != Long.MIN_VALUE && now - lastDialLoop < settings.dialLoopMillis()) {
            return PacingDecision.none("VICIdial: between dial loops");
        }
        lastDialLoop = now;
        int ready = snapshot.count(AgentActivity.READY);
        int talking = snapshot.count(AgentActivity.TALKING);
        int agents = ready + talking;
        long goal = (long) Math.rint(level * agents);
        int existing = snapshot.calls().size() + talking;
        int calls = (int) Math.max(0, goal - existing);
        return new PacingDecision(calls, String.format(Locale.ROOT,
                "VICIdial %s: level %.3f x %d agents = %d goal, %d existing", settings.method(), level, agents, goal, existing));
    }

    /** One pass of AST_VDadapt's loop: sample, refresh drops every minute, adjust the level every 15 s. */
    private void adaptLoop(PacingSnapshot snapshot) {
        long now = snapshot.nowMillis();
        double ready = snapshot.count(AgentActivity.READY);
        double waiting = snapshot.count(CallStage.WAITING_FOR_AGENT);
        double total = snapshot.agents().size();
        samples.addLast(new double[] {ready, waiting, total});
        while (samples.size() > SAMPLES) {
            samples.removeFirst();
        }
        double avgReady = 0;
        double avgWaiting = 0;
        double avgTotal = 0;
        for (double[] s : samples) {
            avgReady += s[0];
            avgWaiting += s[1];
            avgTotal += s[2];
        }
        avgReady /= samples.size();
        avgWaiting /= samples.size();
        avgTotal /= samples.size();
        if (avgTotal <= 0) {
            return;
        }
        CampaignStatistics stats = snapshot.statistics();
        if (lastDropStats == Long.MIN_VALUE || now - lastDropStats >= DROP_STATS_MILLIS) {
            today = stats.calendarDay(now);
            lastMinute = stats.recent(now, 60_000);
            lastDropStats = now;
        }
        if (lastLevelUpdate == Long.MIN_VALUE) {
            lastLevelUpdate = now;
            return;
        }
        if (now - lastLevelUpdate >= LEVEL_UPDATE_MILLIS) {
            lastLevelUpdate = now;
            level = nextLevel(level, avgReady - avgWaiting, avgTotal);
        }
    }

    double nextLevel(double current, double differential, double agentsAverage) {
        double mul = differential != 0 && agentsAverage != 0 ? differential / agentsAverage : 0;
        double pct = mul * 100;
        double intensity = settings.intensity() / 100.0;
        double intensityPct = pct < 0 ? pct * Math.abs(intensity - 1) : pct * (intensity + 1);
        double next = round3(current * (intensityPct / 100 + 1));
        if (next > settings.maximumLevel()) {
            next = settings.maximumLevel();
        }
        if (next < 1) {
            next = 1;
        }
        double dropsOnePct = lastMinute.dials() > 0 ? 100.0 * lastMinute.abandoned() / lastMinute.dials() : 0;
        if (lastMinute.dials() > 20 && dropsOnePct > 50) {
            next = next / 2;
        }
        double dropsAnswersTodayPct = 100.0 * today.abandoned() / Math.max(1, today.liveAnswered());
        if (today.dials() > 50 && dropsAnswersTodayPct > settings.droppedPercentage()) {
            next = settings.method() == Method.ADAPT_HARD_LIMIT ? 1.0 : next / 2;
        }
        return Math.max(1, next);
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
