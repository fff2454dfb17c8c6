package dialer.core.bench.amd;

import dialer.ami.asterisk.AmiSettings;
import dialer.ami.testing.AsteriskForTests;
import dialer.core.bench.amd.AmdCalls.Verdict;
import dialer.core.bench.amd.AmdCorpus.Clip;
import dialer.core.bench.amd.AmdCorpus.Half;
import dialer.core.campaign.AmdSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AMD benchmark (README "Benchmarks"): the generated corpus through real SIP calls (SIPp plays each
 * clip, the dialer's {@code [dialer-answered]} runs AMD()), Asterisk's default settings against the
 * tuned ones, side by side.
 *
 * <p>In the suite it plays a handful of clips (under 40 s) and checks that the tuned settings hang up on
 * fewer of those people and send no more of those machines to agents. {@code -Dbench.amd=full} plays the
 * whole corpus (a few minutes) and prints the confusion matrices; {@code -Dbench.amd.try="a,b,...;..."}
 * adds candidate settings (AMD()'s nine arguments) beside them, and {@code -Dbench.amd=tune} plays only the
 * candidates, on the tuning half.
 */
class AmdBenchmarkIT {

    /**
     * The suite's clips: two people on a line with noise at -40 dBFS, whom Asterisk's defaults hang up on
     * (the noise counts as speech), and two machines both settings catch: so in every full run so far (README
     * "Benchmarks").
     */
    static final List<String> SHORT = List.of(
            "human-short-g01-en-us_m3-190-noise40",
            "human-short-g03-en-us_m3-190-noise40",
            "machine-beep-g11-en-us-165",
            "machine-no-beep-g14-en-us-165");

    @Test
    void tunedSettingsHangUpOnFewerPeopleAndSendNoMoreMachinesToAgents() throws Exception {
        AmiSettings ami = AsteriskForTests.ami();
        Path dir = Path.of("target", "amd-corpus");
        String mode = System.getProperty("bench.amd", "short");
        Map<String, AmdSettings> settings = new LinkedHashMap<>();
        settings.put("default", AmdSettings.ASTERISK_DEFAULTS);
        settings.put("tuned", AmdSettings.TUNED);

        boolean whole = !mode.equals("short");
        List<Clip> clips = AmdCorpus.generate(dir, whole ? null : SHORT);
        assertThat(clips).as("clips generated").hasSize(whole ? clips.size() : SHORT.size()).isNotEmpty();
        Map<String, AmdSettings> candidates = new LinkedHashMap<>();
        String tried = System.getProperty("bench.amd.try", "");
        int n = 0;
        for (String candidate : tried.isBlank() ? new String[0] : tried.split(";")) {
            candidates.put("try" + (++n), AmdBenchmark.parse(candidate));
        }
        long started = System.nanoTime();
        List<Verdict> verdicts;
        if (mode.equals("tune")) {
            // the candidates alone, on the tuning half
            verdicts = List.of();
            List<Clip> tuning = clips.stream().filter(c -> c.half() == Half.TUNING).toList();
            System.out.println(AmdBenchmark.report(AmdBenchmark.run(ami, dir, tuning, candidates), candidates));
        } else {
            // the candidates beside default and tuned, on every clip
            Map<String, AmdSettings> all = new LinkedHashMap<>(settings);
            all.putAll(candidates);
            verdicts = AmdBenchmark.run(ami, dir, clips, all);
            System.out.printf("AMD benchmark: %d clips (%s), %d calls in %.0f s%n%s%n", clips.size(), mode, verdicts.size(),
                    (System.nanoTime() - started) / 1e9, AmdBenchmark.report(verdicts, all));
        }
        if (mode.equals("tune")) {
            assertThat(tried).as("-Dbench.amd.try with -Dbench.amd=tune").isNotBlank();
            return;
        }
        assertThat(verdicts).hasSize(clips.size() * (settings.size() + candidates.size())).allSatisfy(v -> assertThat(v.status()).isIn("HUMAN", "MACHINE", "NOTSURE"));
        AmdBenchmark.Matrix byDefault = AmdBenchmark.matrix(verdicts, "default", c -> true);
        AmdBenchmark.Matrix tuned = AmdBenchmark.matrix(verdicts, "tuned", c -> true);
        assertThat(tuned.peopleHungUp()).as("people hung up on: tuned against default").isLessThan(byDefault.peopleHungUp());
        assertThat(tuned.machinesToAgents()).as("machines sent to agents: tuned against default")
                .isLessThanOrEqualTo(byDefault.machinesToAgents());
    }
}
