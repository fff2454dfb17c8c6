package dialer.core.campaign;

import dialer.core.Invalid;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A campaign's answering-machine detection: the parameters of Asterisk's {@code AMD()} (all in
 * milliseconds but the word count and the silence threshold, an average sample amplitude of 16-bit
 * audio). The originate hands them to the dialplan as {@code DIALER_AMD_SETTINGS} (see
 * {@link #toDialplan()} and {@code [dialer-answered]} in docker/asterisk/etc/extensions.conf).
 *
 * <p>{@link #TUNED} is the default of every campaign: tuned on the project's AMD corpus
 * ({@code AmdBenchmarkIT}, README "Benchmarks"), where it hangs up on fewer people than
 * {@link #ASTERISK_DEFAULTS} and sends no more machines to agents.
 */
public record AmdSettings(int initialSilence, int greeting, int afterGreetingSilence, int totalAnalysisTime,
                          int minimumWordLength, int betweenWordsSilence, int maximumNumberOfWords,
                          int silenceThreshold, int maximumWordLength) {

    /** Asterisk's own defaults (app_amd.c), what AMD() does with no amd.conf and no arguments. */
    public static final AmdSettings ASTERISK_DEFAULTS = new AmdSettings(2500, 1500, 800, 5000, 100, 50, 2, 256, 5000);

    /** The project's defaults, tuned on the AMD corpus (README "Benchmarks"). */
    public static final AmdSettings TUNED = new AmdSettings(2500, 2000, 800, 4000, 60, 50, 3, 1024, 5000);

    /** Each field's JSON name and its allowed range, in AMD()'s argument order. */
    private static final Map<String, int[]> RANGES = new LinkedHashMap<>();

    static {
        RANGES.put("initialSilence", new int[] {500, 10000});
        RANGES.put("greeting", new int[] {500, 10000});
        RANGES.put("afterGreetingSilence", new int[] {100, 5000});
        RANGES.put("totalAnalysisTime", new int[] {1000, 10000});
        RANGES.put("minimumWordLength", new int[] {20, 2000});
        RANGES.put("betweenWordsSilence", new int[] {20, 2000});
        RANGES.put("maximumNumberOfWords", new int[] {1, 30});
        RANGES.put("silenceThreshold", new int[] {1, 32767});
        RANGES.put("maximumWordLength", new int[] {100, 10000});
    }

    /** AMD()'s arguments in its order, colon-separated (the dialplan cuts them apart; AMI would split commas). */
    public String toDialplan() {
        return initialSilence + ":" + greeting + ":" + afterGreetingSilence + ":" + totalAnalysisTime + ":"
                + minimumWordLength + ":" + betweenWordsSilence + ":" + maximumNumberOfWords + ":" + silenceThreshold
                + ":" + maximumWordLength;
    }

    /** The same, comma-separated, as AMD() takes them. */
    public String toAmdArguments() {
        return toDialplan().replace(':', ',');
    }

    public JsonObject toJson() {
        int[] v = values();
        JsonObject out = new JsonObject();
        int i = 0;
        for (String field : RANGES.keySet()) {
            out.put(field, v[i++]);
        }
        return out;
    }

    private int[] values() {
        return new int[] {initialSilence, greeting, afterGreetingSilence, totalAnalysisTime, minimumWordLength,
                betweenWordsSilence, maximumNumberOfWords, silenceThreshold, maximumWordLength};
    }

    /**
     * Reads the request's {@code amd} object: every field is optional and falls back to {@code base}'s
     * (the tuned defaults for a new campaign); problems are named {@code amd.<field>}.
     */
    public static AmdSettings fromJson(Object value, AmdSettings base, Invalid.Collector problems) {
        if (value == null) {
            return base;
        }
        if (!(value instanceof JsonObject json)) {
            problems.add("amd", "must be an object such as {\"greeting\": 2000, \"maximumNumberOfWords\": 4}");
            return base;
        }
        for (String key : json.fieldNames()) {
            if (!RANGES.containsKey(key)) {
                problems.add("amd." + dialer.core.Masked.excerpt(key), "is not an AMD setting; they are " + RANGES.keySet());
            }
        }
        int[] v = base.values();
        int i = 0;
        for (Map.Entry<String, int[]> e : RANGES.entrySet()) {
            Object raw = json.getValue(e.getKey());
            int index = i++;
            if (raw == null) {
                continue;
            }
            String field = "amd." + e.getKey();
            if (!(raw instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                problems.add(field, "must be a whole number");
                continue;
            }
            double d = n.doubleValue();
            int min = e.getValue()[0];
            int max = e.getValue()[1];
            if (d < min || d > max) {
                problems.add(field, "must be between " + min + " and " + max + ", was " + (long) d);
                continue;
            }
            v[index] = (int) d;
        }
        return new AmdSettings(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }

    /** Reads the stored column (written by {@link #toJson()}); fields it lacks take the tuned defaults. */
    public static AmdSettings fromStored(String json) {
        if (json == null) {
            return TUNED;
        }
        Invalid.Collector ignored = new Invalid.Collector();
        return fromJson(new JsonObject(json), TUNED, ignored);
    }
}
