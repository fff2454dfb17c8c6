package dialer.core;

import dialer.core.engine.PbxLimits;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's settings. Each has a default; a properties file ({@code --config FILE}), then
 * environment variables ({@code DIALER_HTTP_PORT}), then system properties
 * ({@code -Ddialer.http.port}) override it, in that order.
 *
 * @param httpPort         port of the HTTP API, dashboard and metrics
 * @param jdbcUrl          a real PostgreSQL (e.g. jdbc:postgresql://db:5432/dialer); empty = embedded
 * @param dbUser           user for {@code jdbcUrl}
 * @param dbPassword       password for {@code jdbcUrl}
 * @param embeddedDataDir  data directory of the embedded PostgreSQL; empty = the platform default
 * @param embeddedPort     port of the embedded PostgreSQL (0 = any free one)
 * @param pbxs             the Asterisks to drive, each {@code name=host:port:user:secret}
 * @param nodeName         this dialer process's name (several may share one database)
 * @param demo             create and run the demo campaign with simulated callees and agents
 * @param simulatedAgents  agents registered as simulated are played by this server (the demo does it anyway)
 * @param adminPassword    password of the first administrator, created when there is no account yet
 *                         (empty: a random one, printed once)
 * @param recordingsDir    where this server finds the calls' recordings: Asterisk's monitor directory
 *                         (/var/spool/asterisk/monitor), as this server sees it (a shared mount when
 *                         Asterisk runs elsewhere)
 */
public record DialerConfig(int httpPort, String jdbcUrl, String dbUser, String dbPassword, String embeddedDataDir,
                           int embeddedPort, List<PbxAddress> pbxs, String nodeName, boolean demo, boolean simulatedAgents,
                           String adminPassword, java.nio.file.Path recordingsDir) {

    /** Asterisk's own monitor directory, where MixMonitor writes a relative file name. */
    public static final String DEFAULT_RECORDINGS_DIR = "/var/spool/asterisk/monitor";

    /** The settings with the recordings in Asterisk's monitor directory on this machine. */
    public DialerConfig(int httpPort, String jdbcUrl, String dbUser, String dbPassword, String embeddedDataDir,
                        int embeddedPort, List<PbxAddress> pbxs, String nodeName, boolean demo, boolean simulatedAgents,
                        String adminPassword) {
        this(httpPort, jdbcUrl, dbUser, dbPassword, embeddedDataDir, embeddedPort, pbxs, nodeName, demo, simulatedAgents,
                adminPassword, java.nio.file.Path.of(DEFAULT_RECORDINGS_DIR));
    }

    /** The same settings with the recordings found in {@code dir}. */
    public DialerConfig withRecordingsDir(java.nio.file.Path dir) {
        return new DialerConfig(httpPort, jdbcUrl, dbUser, dbPassword, embeddedDataDir, embeddedPort, pbxs, nodeName, demo,
                simulatedAgents, adminPassword, dir);
    }

    /** One Asterisk: a name, how to reach its AMI, and the caps on what it is asked to carry. */
    public record PbxAddress(String name, String host, int port, String user, String secret, PbxLimits limits) {

        public PbxAddress(String name, String host, int port, String user, String secret) {
            this(name, host, port, user, secret, PbxLimits.DEFAULT);
        }

        static PbxAddress parse(String spec) {
            String[] nameAndRest = spec.trim().split("=", 2);
            if (nameAndRest.length != 2) {
                throw new IllegalArgumentException("PBX must be name=host:port:user:secret, got '" + spec + "'");
            }
            String[] parts = nameAndRest[1].split(":", 4);
            if (parts.length != 4 || !nameAndRest[0].matches("[a-z0-9-]{1,20}")) {
                throw new IllegalArgumentException("PBX must be name=host:port:user:secret with a lower-case name, got '"
                        + nameAndRest[0] + "=...'");
            }
            return new PbxAddress(nameAndRest[0], parts[0], parsePort("PBX " + nameAndRest[0] + " port", parts[1]),
                    parts[2], parts[3]);
        }
    }

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("http.port", "8080"),
            Map.entry("db.url", ""),
            Map.entry("db.user", "dialer"),
            Map.entry("db.password", ""),
            Map.entry("db.embedded.dir", ""),
            Map.entry("db.embedded.port", "5433"),
            Map.entry("pbx", "local=127.0.0.1:5038:dialer:dialer-secret"),
            Map.entry("pbx.limits", ""),
            Map.entry("node", ""),
            Map.entry("demo", "false"),
            Map.entry("simulated.agents", "false"),
            Map.entry("admin.password", ""),
            Map.entry("recordings.dir", DEFAULT_RECORDINGS_DIR));

    public boolean embeddedDatabase() {
        return jdbcUrl.isBlank();
    }

    /** Reads the settings: defaults, then the file (may be null), then the environment, then system properties. */
    public static DialerConfig load(Path file, Map<String, String> env, Properties system) {
        Properties p = new Properties();
        DEFAULTS.forEach(p::setProperty);
        if (file != null) {
            try (Reader r = Files.newBufferedReader(file)) {
                Properties fromFile = new Properties();
                fromFile.load(r);
                for (String key : fromFile.stringPropertyNames()) {
                    p.setProperty(key.startsWith("dialer.") ? key.substring("dialer.".length()) : key, fromFile.getProperty(key));
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the config file " + file + ": " + e.getMessage(), e);
            }
        }
        for (String key : DEFAULTS.keySet()) {
            String envName = "DIALER_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
            if (env.containsKey(envName)) {
                p.setProperty(key, env.get(envName));
            }
            String sys = system.getProperty("dialer." + key);
            if (sys != null) {
                p.setProperty(key, sys);
            }
        }
        for (String key : p.stringPropertyNames()) {
            if (!DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "'; known: " + DEFAULTS.keySet());
            }
        }
        List<PbxAddress> pbxs = new ArrayList<>();
        for (String spec : p.getProperty("pbx").split(",")) {
            if (!spec.isBlank()) {
                pbxs.add(PbxAddress.parse(spec));
            }
        }
        if (pbxs.isEmpty()) {
            throw new IllegalArgumentException("at least one PBX is needed (setting pbx, e.g. local=127.0.0.1:5038:dialer:secret)");
        }
        if (pbxs.stream().map(PbxAddress::name).distinct().count() != pbxs.size()) {
            throw new IllegalArgumentException("PBX names must be unique: " + p.getProperty("pbx").replaceAll(":[^:,]*(,|$)", ":***$1"));
        }
        pbxs = withLimits(pbxs, p.getProperty("pbx.limits"));
        String node = p.getProperty("node");
        if (node.isBlank()) {
            node = defaultNodeName();
        }
        return new DialerConfig(parsePort("http.port", p.getProperty("http.port")), p.getProperty("db.url").trim(),
                p.getProperty("db.user"), p.getProperty("db.password"), p.getProperty("db.embedded.dir").trim(),
                parsePort("db.embedded.port", p.getProperty("db.embedded.port"), true), List.copyOf(pbxs), node,
                Boolean.parseBoolean(p.getProperty("demo").trim()),
                Boolean.parseBoolean(p.getProperty("simulated.agents").trim()), p.getProperty("admin.password"),
                recordingsDir(p.getProperty("recordings.dir")));
    }

    /** {@code name=calls/perSecond,...}: the caps of the PBXs named (the others keep {@link PbxLimits#DEFAULT}). */
    static List<PbxAddress> withLimits(List<PbxAddress> pbxs, String spec) {
        Map<String, PbxLimits> limits = new HashMap<>();
        for (String one : spec.split(",")) {
            if (one.isBlank()) {
                continue;
            }
            Matcher m = Pattern.compile("\\s*([a-z0-9-]{1,20})=(\\d{1,6})/(\\d{1,5})\\s*").matcher(one);
            if (!m.matches()) {
                throw new IllegalArgumentException("pbx.limits must be name=calls/callsPerSecond, e.g. local=300/30; got '"
                        + one.trim() + "'");
            }
            if (pbxs.stream().noneMatch(a -> a.name().equals(m.group(1)))) {
                throw new IllegalArgumentException("pbx.limits names PBX '" + m.group(1) + "', which is not in pbx");
            }
            limits.put(m.group(1), new PbxLimits(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        }
        List<PbxAddress> out = new ArrayList<>();
        for (PbxAddress a : pbxs) {
            out.add(new PbxAddress(a.name(), a.host(), a.port(), a.user(), a.secret(), limits.getOrDefault(a.name(), a.limits())));
        }
        return out;
    }

    private static String defaultNodeName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "node";
            }
        }
        // stable across restarts: a node restarted after a crash takes back the calls and agents it left
        return host;
    }

    private static java.nio.file.Path recordingsDir(String value) {
        String dir = value.trim();
        if (dir.isEmpty() || !java.nio.file.Path.of(dir).isAbsolute()) {
            throw new IllegalArgumentException("recordings.dir must be an absolute directory, got '" + value + "'");
        }
        return java.nio.file.Path.of(dir);
    }

    private static int parsePort(String what, String value) {
        return parsePort(what, value, false);
    }

    private static int parsePort(String what, String value, boolean zeroAllowed) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a port number (1-65535), got '" + value + "'");
        }
    }
}
