package dialer.core.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * openapi.yaml documents exactly the routes the server has: every method and path of the real
 * router ({@link HttpApi#router()}, as {@code DialerServer} builds it) is in the document, and
 * every operation of the document is a route (no stale documentation).
 *
 * <p>No database or Asterisk: building the router only registers handlers, which use their
 * collaborators when a request comes, so the collaborators are nulls and empty collections.
 * {@link HttpApi} is built through its widest public constructor with arguments chosen by type,
 * so that a collaborator added to it does not break this test's compilation.
 *
 * <p>The document is read from the classpath, where the server finds it too, with a small
 * line-based reader of its {@code paths:} section (there is no YAML library on the classpath).
 */
class OpenApiCoverageTest {

    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern VERTX_PARAM = Pattern.compile(":([A-Za-z_][A-Za-z0-9_]*)");
    /** A route that answers every method. */
    private static final String ANY = "*";

    private Vertx vertx;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeVertx() {
        vertx.close();
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() throws Exception {
        Map<String, Set<String>> served = served(newHttpApi(vertx).router());
        Map<String, Set<String>> documented = documented(openApiText());
        assertThat(served).as("routes found on the router").isNotEmpty();
        assertThat(documented).as("operations found in openapi.yaml").isNotEmpty();

        List<String> undocumented = new ArrayList<>();
        served.forEach((path, methods) -> {
            Set<String> ops = documented.getOrDefault(path, Set.of());
            for (String method : methods) {
                if (method.equals(ANY) ? ops.isEmpty() : !ops.contains(method)) {
                    undocumented.add(method + " " + path);
                }
            }
        });
        List<String> stale = new ArrayList<>();
        documented.forEach((path, ops) -> {
            Set<String> methods = served.getOrDefault(path, Set.of());
            for (String op : ops) {
                if (!methods.contains(op) && !methods.contains(ANY)) {
                    stale.add(op + " " + path);
                }
            }
        });

        StringBuilder message = new StringBuilder();
        if (!undocumented.isEmpty()) {
            message.append("Routes the router serves that openapi.yaml does not document (")
                    .append(undocumented.size()).append("):\n");
            undocumented.forEach(r -> message.append("  ").append(r).append('\n'));
        }
        if (!stale.isEmpty()) {
            message.append("Operations openapi.yaml documents that the router does not serve (")
                    .append(stale.size()).append("):\n");
            stale.forEach(r -> message.append("  ").append(r).append('\n'));
        }
        if (!message.isEmpty()) {
            fail(message.toString());
        }
    }

    @Test
    void everyComponentReferenceOfTheDocumentResolves() throws IOException {
        String text = openApiText();
        Set<String> defined = components(text);
        Matcher ref = Pattern.compile("\\$ref:\\s*['\"]?#/components/([A-Za-z]+)/([A-Za-z0-9._-]+)['\"]?").matcher(text);
        Set<String> missing = new TreeSet<>();
        while (ref.find()) {
            String target = ref.group(1) + "/" + ref.group(2);
            if (!defined.contains(target)) {
                missing.add(target);
            }
        }
        assertThat(missing).as("$ref targets that openapi.yaml's components do not define").isEmpty();
    }

    // --- the router ---------------------------------------------------------------------------

    /** The HTTP API with null or empty collaborators: router() only registers handlers. */
    private static HttpApi newHttpApi(Vertx vertx) throws ReflectiveOperationException {
        Constructor<?> widest = Arrays.stream(HttpApi.class.getConstructors())
                .max(Comparator.comparingInt(Constructor::getParameterCount))
                .orElseThrow(() -> new AssertionError("HttpApi has no public constructor"));
        Class<?>[] types = widest.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = argument(types[i], vertx);
        }
        return (HttpApi) widest.newInstance(args);
    }

    private static Object argument(Class<?> type, Vertx vertx) {
        if (type == Vertx.class) {
            return vertx;
        } else if (type == Clock.class) {
            return Clock.systemUTC();
        } else if (type == dialer.core.db.Pools.class) {
            return new dialer.core.db.Pools(null, null, null, null, null);
        } else if (type == List.class || type == Collection.class) {
            return List.of();
        } else if (type == Set.class) {
            return Set.of();
        } else if (type == Map.class) {
            return Map.of();
        } else if (type == boolean.class) {
            return false;
        } else if (type == int.class) {
            return 0;
        } else if (type == long.class) {
            return 0L;
        } else if (type == double.class) {
            return 0.0;
        } else if (type.isPrimitive()) {
            throw new AssertionError("HttpApi takes a " + type + ": teach OpenApiCoverageTest a value for it");
        }
        return null;
    }

    /** Path (OpenAPI style) to methods (upper case, or {@link #ANY}), sub-routers included. */
    static Map<String, Set<String>> served(Router router) {
        Map<String, Set<String>> out = new TreeMap<>();
        collect(router, "", out);
        return out;
    }

    private static void collect(Router router, String prefix, Map<String, Set<String>> out) {
        for (Route route : router.getRoutes()) {
            String path = route.getPath();
            if (route.getSubRouter() != null) {
                collect(route.getSubRouter(), prefix + stripWildcard(path == null ? "" : path), out);
                continue;
            }
            if (path == null && route.isRegexPath()) {
                // a route on a regular expression (routes with :params keep their path): not checkable
                out.computeIfAbsent("<regex route " + (route.getName() == null ? "" : route.getName()) + ">",
                        k -> new TreeSet<>()).add(ANY);
                continue;
            }
            if (path == null || !route.isExactPath()) {
                continue; // handlers for every request or a whole prefix (body, failure, auth), not endpoints
            }
            Set<String> methods = out.computeIfAbsent(openApiPath(prefix + path), k -> new TreeSet<>());
            Set<HttpMethod> routeMethods = route.methods();
            if (routeMethods == null || routeMethods.isEmpty()) {
                methods.add(ANY);
            } else {
                routeMethods.forEach(m -> methods.add(m.name().toUpperCase(Locale.ROOT)));
            }
        }
    }

    private static String stripWildcard(String path) {
        String p = path.endsWith("*") ? path.substring(0, path.length() - 1) : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** {@code /api/campaigns/:id} becomes {@code /api/campaigns/{id}}. */
    static String openApiPath(String vertxPath) {
        return VERTX_PARAM.matcher(vertxPath).replaceAll("{$1}");
    }

    // --- the document -------------------------------------------------------------------------

    private static String openApiText() throws IOException {
        try (InputStream in = OpenApiCoverageTest.class.getResourceAsStream("/openapi.yaml")) {
            assertThat(in).as("openapi.yaml on the classpath (dialer-core/src/main/resources)").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The operations of the {@code paths:} section: path to methods (upper case). Path items are
     * the keys at the section's first indentation that start with '/'; operations are their keys
     * named like HTTP methods at the indentation of the item's first key.
     */
    static Map<String, Set<String>> documented(String yaml) {
        Map<String, Set<String>> out = new TreeMap<>();
        boolean inPaths = false;
        int pathIndent = -1;
        int opIndent = -1;
        String currentPath = null;
        for (String raw : yaml.split("\\R")) {
            if (raw.isBlank() || raw.stripLeading().startsWith("#")) {
                continue;
            }
            int indent = raw.length() - raw.stripLeading().length();
            String line = raw.strip();
            if (indent == 0) {
                inPaths = line.equals("paths:");
                currentPath = null;
                continue;
            }
            if (!inPaths) {
                continue;
            }
            String key = key(line);
            if (pathIndent < 0) {
                pathIndent = indent;
            }
            if (indent == pathIndent) {
                currentPath = key != null && key.startsWith("/") ? key : null;
                opIndent = -1;
                if (currentPath != null) {
                    out.computeIfAbsent(currentPath, k -> new TreeSet<>());
                }
            } else if (currentPath != null && indent > pathIndent) {
                if (opIndent < 0) {
                    opIndent = indent;
                }
                if (indent == opIndent && key != null && OPERATIONS.contains(key)) {
                    out.get(currentPath).add(key.toUpperCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** {@code components/<section>/<name>} for every entry of the {@code components:} section. */
    private static Set<String> components(String yaml) {
        Set<String> out = new TreeSet<>();
        boolean inComponents = false;
        int sectionIndent = -1;
        int entryIndent = -1;
        String section = null;
        for (String raw : yaml.split("\\R")) {
            if (raw.isBlank() || raw.stripLeading().startsWith("#")) {
                continue;
            }
            int indent = raw.length() - raw.stripLeading().length();
            String line = raw.strip();
            if (indent == 0) {
                inComponents = line.equals("components:");
                continue;
            }
            if (!inComponents) {
                continue;
            }
            if (sectionIndent < 0) {
                sectionIndent = indent;
            }
            if (indent == sectionIndent) {
                section = key(line);
                entryIndent = -1;
            } else if (section != null && indent > sectionIndent) {
                if (entryIndent < 0) {
                    entryIndent = indent;
                }
                if (indent == entryIndent && key(line) != null) {
                    out.add(section + "/" + key(line));
                }
            }
        }
        return out;
    }

    /** The key of a {@code key:} or {@code key: value} line (quotes removed), or null. */
    private static String key(String line) {
        if (line.startsWith("- ")) {
            return null;
        }
        String k;
        if (line.startsWith("'") || line.startsWith("\"")) {
            int end = line.indexOf(line.charAt(0), 1);
            if (end < 0 || end + 1 >= line.length() || line.charAt(end + 1) != ':') {
                return null;
            }
            k = line.substring(1, end);
        } else {
            int colon = line.indexOf(':');
            while (colon >= 0 && colon + 1 < line.length() && line.charAt(colon + 1) != ' ') {
                colon = line.indexOf(':', colon + 1);
            }
            if (colon < 0) {
                return null;
            }
            k = line.substring(0, colon);
        }
        return k.strip();
    }
}
