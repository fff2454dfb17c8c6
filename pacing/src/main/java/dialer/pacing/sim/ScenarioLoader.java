package dialer.pacing.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads scenario files: {@code key = value} lines, {@code #} comments, and {@code at <time>: ...} lines
 * for changes during the shift. See pacing/README.md for the format; the shipped scenarios are resources
 * under {@code /scenarios/NAME.scenario}.
 */
public final class ScenarioLoader {

    private static final Pattern AT_LINE = Pattern.compile("(?i)at\\s+([0-9.hms]+)\\s*:\\s*(.+)");
    private static final Pattern PAUSE = Pattern.compile("(?i)pause\\s+(\\d+)\\s+for\\s+([0-9.hms]+)");
    private static final Pattern LOGIN = Pattern.compile("(?i)login\\s+(\\d+)");
    private static final Pattern LOGOUT = Pattern.compile("(?i)logout\\s+(\\d+)");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)([hms]?)");

    private final Function<String, String> resolver;

    /** A loader that resolves names (for {@code extends}) with {@code resolver}, returning the file text. */
    public ScenarioLoader(Function<String, String> resolver) {
        this.resolver = resolver;
    }

    /** A loader for the scenarios shipped as resources. */
    public static ScenarioLoader shipped() {
        return new ScenarioLoader(ScenarioLoader::readResource);
    }

    /** A loader for scenario files in a directory (falling back to the shipped ones for {@code extends}). */
    public static ScenarioLoader directory(Path dir) {
        return new ScenarioLoader(name -> {
            Path file = dir.resolve(name + ".scenario");
            if (Files.exists(file)) {
                try {
                    return Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return readResource(name);
        });
    }

    /** Loads a shipped scenario by name, e.g. {@code "S1"}. */
    public static Scenario loadShipped(String name) {
        return shipped().load(name);
    }

    public Scenario load(String name) {
        return parse(resolver.apply(name), name);
    }

    /** Parses scenario text; {@code defaultName} is used when the text sets no name. */
    public Scenario parse(String text, String defaultName) {
        Document doc = document(text, 0);
        String name = doc.settings.getOrDefault("name", defaultName);
        String description = doc.settings.getOrDefault("description", "");
        int agents = Integer.parseInt(required(doc.settings, "agents"));
        long shift = parseMillis(doc.settings.getOrDefault("shift", "8h"));

        TrafficBuilder traffic = new TrafficBuilder();
        doc.settings.forEach(traffic::set);
        List<Scenario.Phase> phases = new ArrayList<>();
        phases.add(new Scenario.Phase(0, traffic.build(name)));
        List<AgentEvent> events = new ArrayList<>();
        for (Map.Entry<Long, List<String>> at : doc.changes.entrySet()) {
            long when = at.getKey();
            boolean trafficChanged = false;
            for (String statement : at.getValue()) {
                AgentEvent event = agentEvent(when, statement);
                if (event != null) {
                    events.add(event);
                    continue;
                }
                int eq = statement.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("cannot read 'at' statement: " + statement);
                }
                traffic.set(key(statement.substring(0, eq)), statement.substring(eq + 1).trim());
                trafficChanged = true;
            }
            if (trafficChanged) {
                Traffic t = traffic.build(name);
                if (when == 0) {
                    phases.set(0, new Scenario.Phase(0, t));
                } else {
                    phases.add(new Scenario.Phase(when, t));
                }
            }
        }
        return new Scenario(name, description, agents, shift, phases, events, inbound(doc.settings));
    }

    /** {@code inbound.rate = 90/h} (or 1.5/m, or a bare number per hour), talk, wrap and patience; none without a rate. */
    private static InboundTraffic inbound(Map<String, String> settings) {
        String rate = settings.get("inbound.rate");
        if (rate == null) {
            return null;
        }
        String r = rate.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        double perHour;
        if (r.endsWith("/h")) {
            perHour = Double.parseDouble(r.substring(0, r.length() - 2));
        } else if (r.endsWith("/m") || r.endsWith("/min")) {
            perHour = 60 * Double.parseDouble(r.substring(0, r.indexOf('/')));
        } else {
            perHour = Double.parseDouble(r);
        }
        if (perHour == 0) {
            return null;
        }
        for (String key : List.of("inbound.talk", "inbound.wrap", "inbound.patience")) {
            if (!settings.containsKey(key)) {
                throw new IllegalArgumentException("scenario with inbound.rate needs '" + key + "'");
            }
        }
        return new InboundTraffic(perHour, DurationSpec.parse(settings.get("inbound.talk")),
                DurationSpec.parse(settings.get("inbound.wrap")), DurationSpec.parse(settings.get("inbound.patience")));
    }

    /** The key/value settings and the timed changes of a file, after applying what it extends. */
    private static final class Document {
        final Map<String, String> settings = new LinkedHashMap<>();
        final TreeMap<Long, List<String>> changes = new TreeMap<>();
    }

    private Document document(String text, int depth) {
        if (depth > 8) {
            throw new IllegalArgumentException("scenario 'extends' nests too deep");
        }
        Document doc = new Document();
        int lineNo = 0;
        for (String raw : text.split("\\R")) {
            lineNo++;
            String line = stripComment(raw).trim();
            if (line.isEmpty()) {
                continue;
            }
            Matcher at = AT_LINE.matcher(line);
            if (at.matches()) {
                doc.changes.computeIfAbsent(parseMillis(at.group(1)), k -> new ArrayList<>()).add(at.group(2).trim());
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("line " + lineNo + ": expected 'key = value' or 'at TIME: ...': " + raw);
            }
            String key = key(line.substring(0, eq));
            String value = line.substring(eq + 1).trim();
            if (key.equals("extends")) {
                Document base = document(resolver.apply(value), depth + 1);
                base.settings.remove("name");
                base.settings.remove("description");
                doc.settings.putAll(base.settings);
                base.changes.forEach((k, v) -> doc.changes.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
            } else {
                doc.settings.put(key, value);
            }
        }
        return doc;
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static String key(String raw) {
        return raw.trim().toLowerCase(Locale.ROOT);
    }

    private static AgentEvent agentEvent(long when, String statement) {
        Matcher m = PAUSE.matcher(statement);
        if (m.matches()) {
            return new AgentEvent(when, AgentEvent.Action.PAUSE, Integer.parseInt(m.group(1)), parseMillis(m.group(2)));
        }
        m = LOGIN.matcher(statement);
        if (m.matches()) {
            return new AgentEvent(when, AgentEvent.Action.LOGIN, Integer.parseInt(m.group(1)), 0);
        }
        m = LOGOUT.matcher(statement);
        if (m.matches()) {
            return new AgentEvent(when, AgentEvent.Action.LOGOUT, Integer.parseInt(m.group(1)), 0);
        }
        return null;
    }

    /** "8h", "15m", "30s", "1h30m", "2.5h"; a bare number is seconds. */
    static long parseMillis(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(t);
        long total = 0;
        int pos = 0;
        while (pos < t.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("cannot read time '" + text + "'");
            }
            double v = Double.parseDouble(m.group(1));
            double unit = switch (m.group(2)) {
                case "h" -> 3_600_000;
                case "m" -> 60_000;
                default -> 1_000;
            };
            total += Math.round(v * unit);
            pos = m.end();
        }
        if (pos == 0) {
            throw new IllegalArgumentException("cannot read time '" + text + "'");
        }
        return total;
    }

    private static String required(Map<String, String> settings, String key) {
        String v = settings.get(key);
        if (v == null) {
            throw new IllegalArgumentException("scenario needs '" + key + "'");
        }
        return v;
    }

    static String readResource(String name) {
        String path = "/scenarios/" + name + ".scenario";
        try (InputStream in = ScenarioLoader.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no shipped scenario " + name + " (" + path + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Traffic settings by key, applied in order; later keys override earlier ones. */
    private static final class TrafficBuilder {
        private final Map<String, String> values = new LinkedHashMap<>();

        void set(String key, String value) {
            values.put(key, value);
        }

        Traffic build(String scenario) {
            double[] mix = mix(get("mix"));
            return new Traffic(mix[0], mix[1], mix[2], mix[3], mix[4],
                    percent(get("rightparty")),
                    DurationSpec.parse(get("ring.live")), seconds(get("amd.live")),
                    DurationSpec.parse(get("ring.machine")), seconds(get("amd.machine")),
                    seconds(get("noanswer.timeout")), seconds(get("busy.time")), seconds(get("invalid.time")),
                    DurationSpec.parse(get("talk.rightparty")), DurationSpec.parse(get("wrap.rightparty")),
                    DurationSpec.parse(get("talk.other")), DurationSpec.parse(get("wrap.other")),
                    percent(values.getOrDefault("amd.falsepositive", "0")));
        }

        private String get(String key) {
            String v = values.get(key);
            if (v == null) {
                throw new IllegalArgumentException("scenario needs '" + key + "'");
            }
            return v;
        }

        private static double seconds(String v) {
            return Double.parseDouble(v.trim().replaceAll("(?i)s$", ""));
        }

        private static double percent(String v) {
            return Double.parseDouble(v.trim().replace("%", "")) / 100;
        }

        /** "live 20, machine 25, busy 5, invalid 10, noanswer 40" (percent). */
        private static double[] mix(String v) {
            double[] out = new double[5];
            boolean[] seen = new boolean[5];
            for (String part : v.split(",")) {
                String[] kv = part.trim().split("\\s+");
                if (kv.length != 2) {
                    throw new IllegalArgumentException("mix entries are 'outcome percent': " + part);
                }
                int i = switch (kv[0].toLowerCase(Locale.ROOT)) {
                    case "live" -> 0;
                    case "machine" -> 1;
                    case "busy" -> 2;
                    case "invalid" -> 3;
                    case "noanswer" -> 4;
                    default -> throw new IllegalArgumentException("unknown outcome in mix: " + kv[0]);
                };
                out[i] = percent(kv[1]);
                seen[i] = true;
            }
            for (boolean s : seen) {
                if (!s) {
                    throw new IllegalArgumentException("mix needs live, machine, busy, invalid and noanswer: " + v);
                }
            }
            return out;
        }
    }
}
