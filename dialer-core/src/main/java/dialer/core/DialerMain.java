package dialer.core;

import java.nio.file.Path;

/**
 * Starts the dialer: {@code java -jar dialer-core.jar [--config FILE] [--demo]}. Settings are
 * described in {@link DialerConfig} and the README.
 */
public final class DialerMain {

    private DialerMain() {
    }

    public static void main(String[] args) {
        Path file = null;
        boolean demo = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        fail("--config needs a file");
                    }
                    file = Path.of(args[++i]);
                }
                case "--demo" -> demo = true;
                default -> fail("unknown argument '" + args[i] + "'; usage: [--config FILE] [--demo]");
            }
        }
        DialerConfig config;
        try {
            config = DialerConfig.load(file, System.getenv(), System.getProperties());
        } catch (IllegalArgumentException e) {
            fail("configuration: " + e.getMessage());
            return;
        }
        if (demo && !config.demo()) {
            config = new DialerConfig(config.httpPort(), config.jdbcUrl(), config.dbUser(), config.dbPassword(),
                    config.embeddedDataDir(), config.embeddedPort(), config.pbxs(), config.nodeName(), true,
                    config.simulatedAgents(), config.adminPassword(), config.recordingsDir());
        }
        DialerServer server = DialerServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dialer-shutdown"));
        String base = "http://localhost:" + server.port();
        if (server.generatedAdminPassword() != null) {
            System.out.println();
            System.out.println("First start: an administrator account was created.");
            System.out.println("  user name: admin   password: " + server.generatedAdminPassword());
            System.out.println("  (shown only now; change it with PATCH /api/users/{id})");
        }
        System.out.println();
        System.out.println("Collections dialer is running (node " + config.nodeName() + ").");
        System.out.println("  Supervisor dashboard: " + base + "/supervisor"
                + (server.demoCampaign() == null ? "" : "?campaign=" + server.demoCampaign().id()));
        System.out.println("  Agent console:        " + base + "/agent");
        System.out.println("  Sign in:              " + base + "/login");
        for (dialer.core.demo.DemoSetup.Login login : server.demoLogins()) {
            System.out.printf("    demo %-10s user name: %-10s password: %s%n", login.role(), login.username(), login.password());
        }
        System.out.println("  API:                  " + base + "/api/openapi.yaml");
        System.out.println("  Metrics:              " + base + "/metrics");
        System.out.println("  Health:               " + base + "/health");
        System.out.println("Stop with Ctrl-C.");
    }

    private static void fail(String message) {
        System.err.println("dialer: " + message);
        System.exit(2);
    }
}
