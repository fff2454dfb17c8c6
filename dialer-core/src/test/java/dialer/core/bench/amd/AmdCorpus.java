package dialer.core.bench.amd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labelled audio corpus of the AMD benchmark, generated (never committed): espeak-ng speaks
 * each greeting in several voices and speeds, sox adds silence before it, a beep after a machine's,
 * background noise at a given level under the whole clip, and converts it to what SIPp's
 * {@code rtp_stream} plays (8 kHz mono mu-law, raw). Every clip lasts {@link #CLIP_SECONDS}: what
 * follows the greeting is the line's silence (or its noise), as on a real call.
 *
 * <p>Clips alternate between a tuning half and a held-out half within each kind of greeting, so
 * both halves hold every kind.
 */
public final class AmdCorpus {

    /** HUMAN or MACHINE: what answered. */
    public enum Truth { HUMAN, MACHINE }

    /** Which half of the corpus a clip is in. */
    public enum Half { TUNING, HELD_OUT }

    /** One generated clip. */
    public record Clip(String name, Truth truth, String kind, Half half, Path file, String description) {
    }

    /** A greeting before its variations. */
    private record Greeting(Truth truth, String kind, String text, double silenceBefore, boolean beep) {
    }

    /** A voice, a speed and a line: one variation of a greeting. */
    private record Take(String voice, int wordsPerMinute, Integer noiseDbfs, double speechGainDb) {
    }

    static final double CLIP_SECONDS = 7.0;

    private static final List<Greeting> GREETINGS = List.of(
            // people: a word or two
            new Greeting(Truth.HUMAN, "short", "Hello?", 0.3, false),
            new Greeting(Truth.HUMAN, "short", "Yes?", 0.3, false),
            new Greeting(Truth.HUMAN, "short", "Hi, who's this?", 0.4, false),
            new Greeting(Truth.HUMAN, "short", "Yeah, hello.", 0.3, false),
            // people: a sentence, often with their name
            new Greeting(Truth.HUMAN, "long", "Hello, this is John Smith speaking.", 0.3, false),
            new Greeting(Truth.HUMAN, "long", "Hi, Maria Garcia here.", 0.3, false),
            new Greeting(Truth.HUMAN, "long", "Good afternoon, Peterson residence.", 0.3, false),
            new Greeting(Truth.HUMAN, "long", "Hello? Who is calling, please?", 0.3, false),
            // people who pick up and say nothing for a while
            new Greeting(Truth.HUMAN, "late", "Hello?", 1.6, false),
            new Greeting(Truth.HUMAN, "late", "Yes, hello?", 2.1, false),
            // machines: long greetings, with and without the beep
            new Greeting(Truth.MACHINE, "beep", "Hi, you've reached John Smith. I can't come to the phone right now, "
                    + "please leave a message after the tone.", 0.4, true),
            new Greeting(Truth.MACHINE, "beep", "The person you are calling is not available. "
                    + "Please leave a message after the tone.", 0.5, true),
            new Greeting(Truth.MACHINE, "beep", "Hello, you have reached Maria. Leave your name and number "
                    + "and I'll call you back.", 0.3, true),
            new Greeting(Truth.MACHINE, "no-beep", "Hi, this is Dave. Sorry I missed your call, "
                    + "leave a message and I will get back to you as soon as I can.", 0.3, false),
            new Greeting(Truth.MACHINE, "no-beep", "Thank you for calling. Nobody is available to take your call. "
                    + "Please try again later.", 0.6, false),
            // machines: short ones, the hard case
            new Greeting(Truth.MACHINE, "short-machine", "Hi, it's Tom, leave a message.", 0.3, true),
            new Greeting(Truth.MACHINE, "short-machine", "Please leave a message.", 0.8, true));

    /** Each greeting is spoken in these takes (voice+variant, words per minute, noise, loudness). */
    private static final List<Take> TAKES = List.of(
            new Take("en-us", 165, null, 0),
            new Take("en-gb+f3", 150, -50, 0),
            new Take("en-us+m3", 190, -40, 0),
            new Take("en-gb-scotland", 175, null, -8),
            new Take("en-029+f2", 160, -30, 0));

    private AmdCorpus() {
    }

    /** Generates the whole corpus under {@code dir} (reusing clips already there) and returns it. */
    public static List<Clip> generate(Path dir) throws IOException {
        return generate(dir, null);
    }

    /** Generates the clips whose names are in {@code only} (all when null). */
    public static List<Clip> generate(Path dir, List<String> only) throws IOException {
        Files.createDirectories(dir);
        List<Clip> clips = new ArrayList<>();
        Map<String, Integer> perKind = new HashMap<>();
        int g = 0;
        for (Greeting greeting : GREETINGS) {
            g++;
            for (Take take : TAKES) {
                String name = String.format(Locale.ROOT, "%s-%s-g%02d-%s-%d%s%s", greeting.truth().name().toLowerCase(Locale.ROOT),
                        greeting.kind(), g, take.voice().replace('+', '_'), take.wordsPerMinute(),
                        take.noiseDbfs() == null ? "" : "-noise" + (-take.noiseDbfs()),
                        take.speechGainDb() == 0 ? "" : "-quiet");
                String group = greeting.truth() + "/" + greeting.kind();
                int n = perKind.merge(group, 1, Integer::sum);
                Half half = n % 2 == 1 ? Half.TUNING : Half.HELD_OUT;
                if (only != null && !only.contains(name)) {
                    continue;
                }
                Path file = dir.resolve(name + ".ulaw");
                if (!Files.isRegularFile(file)) {
                    make(dir, name, greeting, take, file);
                }
                String description = String.format(Locale.ROOT, "\"%s\" %s %d wpm%s%s%s%s", greeting.text(), take.voice(),
                        take.wordsPerMinute(), greeting.silenceBefore() >= 1 ? ", after " + greeting.silenceBefore() + " s" : "",
                        greeting.beep() ? ", beep" : "",
                        take.noiseDbfs() == null ? "" : ", noise " + take.noiseDbfs() + " dBFS",
                        take.speechGainDb() == 0 ? "" : ", quiet (" + take.speechGainDb() + " dB)");
                clips.add(new Clip(name, greeting.truth(), greeting.kind(), half, file, description));
            }
        }
        return clips;
    }

    private static void make(Path dir, String name, Greeting greeting, Take take, Path out) throws IOException {
        Path speech = dir.resolve(name + ".speech.wav");
        Path line = dir.resolve(name + ".line.wav");
        Path mixed = dir.resolve(name + ".mixed.wav");
        Path tmp = dir.resolve(name + ".ulaw.tmp");
        try {
            run("espeak-ng", "-v", take.voice(), "-s", String.valueOf(take.wordsPerMinute()), "-w", speech.toString(), greeting.text());
            // 8 kHz mono, the silence before, the speech at its loudness, the beep, then silence to the clip's length
            List<String> sox = new ArrayList<>(List.of("sox", speech.toString(), "-r", "8000", "-c", "1", "-b", "16", line.toString(),
                    "gain", String.valueOf(take.speechGainDb()), "pad", String.valueOf(greeting.silenceBefore()), "0"));
            run(sox.toArray(String[]::new));
            if (greeting.beep()) {
                Path beep = dir.resolve(name + ".beep.wav");
                Path withBeep = dir.resolve(name + ".withbeep.wav");
                run("sox", "-n", "-r", "8000", "-c", "1", "-b", "16", beep.toString(), "synth", "0.6", "sine", "1000", "gain", "-8",
                        "pad", "0.4", "0");
                run("sox", line.toString(), beep.toString(), withBeep.toString());
                Files.move(withBeep, line, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.deleteIfExists(beep);
            }
            double length = seconds(line);
            Path padded = dir.resolve(name + ".padded.wav");
            run("sox", line.toString(), padded.toString(), "pad", "0", String.valueOf(Math.max(0, CLIP_SECONDS - length)),
                    "trim", "0", String.valueOf(CLIP_SECONDS));
            Files.move(padded, line, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            if (take.noiseDbfs() != null) {
                // pink noise (a line's hiss and a room's hum) at the given RMS level under the whole clip
                Path noise = dir.resolve(name + ".noise.wav");
                run("sox", "-n", "-r", "8000", "-c", "1", "-b", "16", noise.toString(), "synth", String.valueOf(CLIP_SECONDS),
                        "pinknoise", "gain", "-n", "-3");
                double rms = rmsDb(noise);
                Path leveled = dir.resolve(name + ".noise2.wav");
                run("sox", noise.toString(), leveled.toString(), "gain", String.format(Locale.ROOT, "%.2f", take.noiseDbfs() - rms));
                // -v 1 each: sox -m would otherwise halve both
                run("sox", "-m", "-v", "1", line.toString(), "-v", "1", leveled.toString(), mixed.toString());
                Files.deleteIfExists(noise);
                Files.deleteIfExists(leveled);
            } else {
                Files.copy(line, mixed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            run("sox", mixed.toString(), "-r", "8000", "-c", "1", "-e", "mu-law", "-t", "raw", tmp.toString());
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(speech);
            Files.deleteIfExists(line);
            Files.deleteIfExists(mixed);
            Files.deleteIfExists(tmp);
        }
    }

    private static double seconds(Path wav) throws IOException {
        return Double.parseDouble(run("soxi", "-D", wav.toString()).trim());
    }

    private static final Pattern RMS = Pattern.compile("RMS lev dB\\s+(-?[0-9.]+)");

    private static double rmsDb(Path wav) throws IOException {
        Matcher m = RMS.matcher(run("sox", wav.toString(), "-n", "stats"));
        if (!m.find()) {
            throw new IOException("sox stats gave no RMS level for " + wav);
        }
        return Double.parseDouble(m.group(1));
    }

    /** Runs a command, fails with its output if it fails; returns its output (stdout and stderr). */
    static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + output);
        }
        return output;
    }
}
