package dialer.core.bench.amd;

import dialer.ami.asterisk.AmiSettings;
import dialer.core.bench.amd.AmdCalls.Job;
import dialer.core.bench.amd.AmdCalls.Verdict;
import dialer.core.bench.amd.AmdCorpus.Clip;
import dialer.core.bench.amd.AmdCorpus.Half;
import dialer.core.bench.amd.AmdCorpus.Truth;
import dialer.core.campaign.AmdSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The AMD benchmark: every clip of the corpus through a real SIP call under each set of settings
 * (Asterisk's defaults and the tuned ones, side by side in one run), and the confusion matrix of
 * each: a person hung up on as a machine is an abandoned call for the regulators (TCPA, Ofcom); a
 * machine sent to an agent wastes the agent's time. Run by {@code AmdBenchmarkIT}.
 */
final class AmdBenchmark {

    /** One confusion matrix: people and machines, and how many of each AMD got wrong. */
    record Matrix(int people, int peopleHungUp, int machines, int machinesToAgents, double personSecondsMean) {

        double falsePositiveRate() {
            return people == 0 ? 0 : (double) peopleHungUp / people;
        }

        static Matrix of(List<Verdict> verdicts) {
            int people = 0;
            int hungUp = 0;
            int machines = 0;
            int toAgents = 0;
            double personSeconds = 0;
            int timed = 0;
            for (Verdict v : verdicts) {
                if (v.clip().truth() == Truth.HUMAN) {
                    people++;
                    if (v.hungUp()) {
                        hungUp++;
                    } else if (!Double.isNaN(v.seconds())) {
                        personSeconds += v.seconds();
                        timed++;
                    }
                } else {
                    machines++;
                    if (!v.hungUp()) {
                        toAgents++;
                    }
                }
            }
            return new Matrix(people, hungUp, machines, toAgents, timed == 0 ? Double.NaN : personSeconds / timed);
        }
    }

    private AmdBenchmark() {
    }

    /** Runs every clip under every named settings; the verdicts, clip by clip within each settings. */
    static List<Verdict> run(AmiSettings ami, Path workDir, List<Clip> clips, Map<String, AmdSettings> settings) throws Exception {
        List<Job> jobs = new ArrayList<>();
        // interleaved, so the settings share whatever the machine's load does to the run
        for (Clip clip : clips) {
            settings.forEach((name, s) -> jobs.add(new Job(clip, name, s)));
        }
        try (AmdCalls calls = new AmdCalls(ami, workDir)) {
            return calls.run(jobs);
        }
    }

    static Matrix matrix(List<Verdict> verdicts, String settingsName, Predicate<Clip> which) {
        return Matrix.of(verdicts.stream().filter(v -> v.settingsName().equals(settingsName) && which.test(v.clip())).toList());
    }

    /** The report: per half and in all, each settings' matrix side by side, then the clips AMD got wrong. */
    static String report(List<Verdict> verdicts, Map<String, AmdSettings> settings) {
        StringBuilder sb = new StringBuilder();
        settings.forEach((name, s) -> sb.append(String.format(Locale.ROOT, "%-8s AMD(%s)%n", name, s.toAmdArguments())));
        sb.append(String.format(Locale.ROOT, "%n%-9s %-8s %7s %21s %9s %21s %14s%n", "clips", "settings", "people",
                "hung up (abandoned)", "machines", "to agents (wasted)", "person s mean"));
        Map<String, Predicate<Clip>> groups = new LinkedHashMap<>();
        groups.put("tuning", c -> c.half() == Half.TUNING);
        groups.put("held-out", c -> c.half() == Half.HELD_OUT);
        groups.put("all", c -> true);
        groups.forEach((group, which) -> settings.keySet().forEach(name -> {
            Matrix m = matrix(verdicts, name, which);
            sb.append(String.format(Locale.ROOT, "%-9s %-8s %7d %11d (%5.1f%%) %9d %11d (%5.1f%%) %14.2f%n", group, name,
                    m.people(), m.peopleHungUp(), 100.0 * m.falsePositiveRate(), m.machines(), m.machinesToAgents(),
                    m.machines() == 0 ? 0 : 100.0 * m.machinesToAgents() / m.machines(), m.personSecondsMean()));
        }));
        sb.append(String.format(Locale.ROOT, "%nby kind of greeting (all clips): wrong / clips%n%-22s", "kind"));
        settings.keySet().forEach(name -> sb.append(String.format(Locale.ROOT, " %10s", name)));
        sb.append('\n');
        verdicts.stream().map(v -> v.clip().truth().name().toLowerCase(Locale.ROOT) + " " + v.clip().kind()).distinct()
                .forEach(kind -> {
                    sb.append(String.format(Locale.ROOT, "%-22s", kind));
                    settings.keySet().forEach(name -> {
                        List<Verdict> of = verdicts.stream().filter(v -> v.settingsName().equals(name)
                                && (v.clip().truth().name().toLowerCase(Locale.ROOT) + " " + v.clip().kind()).equals(kind)).toList();
                        long wrong = of.stream().filter(AmdBenchmark::wrong).count();
                        sb.append(String.format(Locale.ROOT, " %10s", wrong + "/" + of.size()));
                    });
                    sb.append('\n');
                });
        sb.append(String.format(Locale.ROOT, "%nclips wrong under some settings (verdict, cause):%n"));
        verdicts.stream().map(Verdict::clip).distinct().forEach(clip -> {
            List<Verdict> of = verdicts.stream().filter(v -> v.clip().equals(clip)).toList();
            if (of.stream().anyMatch(AmdBenchmark::wrong)) {
                sb.append(String.format(Locale.ROOT, "  %-8s %-9s %s%n", clip.truth(), clip.half() == Half.TUNING ? "tuning" : "held-out",
                        clip.description()));
                of.forEach(v -> sb.append(String.format(Locale.ROOT, "      %-8s %-8s %s%s%n", v.settingsName(), v.status(), v.cause(),
                        wrong(v) ? "   <- wrong" : "")));
            }
        });
        return sb.toString();
    }

    static boolean wrong(Verdict v) {
        return (v.clip().truth() == Truth.HUMAN) == v.hungUp();
    }

    /** Reads settings written as AMD()'s nine arguments, comma- or colon-separated. */
    static AmdSettings parse(String arguments) {
        int[] v = Arrays.stream(arguments.split("[,:]")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        if (v.length != 9) {
            throw new IllegalArgumentException("AMD settings need nine numbers, got " + arguments);
        }
        return new AmdSettings(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }
}
