package dialer.core.http;

import java.net.URI;
import java.util.Locale;

/**
 * The CSRF rule for writes authenticated by the session cookie: the browser's {@code Origin}
 * (or, when a browser sends none, its {@code Referer}) must name the host the request was sent to
 * ({@code Host}, or {@code X-Forwarded-Host} behind a proxy). Host and port are compared; a
 * missing port is the scheme's default. Requests with a bearer token are not concerned: a browser
 * never adds one by itself.
 */
final class SameOrigin {

    private SameOrigin() {
    }

    static boolean isWrite(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "POST", "PUT", "PATCH", "DELETE" -> true;
            default -> false;
        };
    }

    /** Null when the write may go on; otherwise why it is refused. */
    static String refusal(String origin, String referer, String host) {
        if (host == null || host.isBlank()) {
            return "the request names no Host";
        }
        String source = origin != null && !origin.isBlank() ? origin : referer;
        String header = origin != null && !origin.isBlank() ? "Origin" : "Referer";
        if (source == null || source.isBlank()) {
            return "a write signed in by cookie must come from the dialer's own pages: it has neither Origin nor Referer "
                    + "(scripts sign in with Authorization: Bearer <token>)";
        }
        String from = authority(source);
        String to = authority((source.toLowerCase(Locale.ROOT).startsWith("https:") ? "https://" : "http://") + host.trim());
        if (from == null || !from.equals(to)) {
            return "a write signed in by cookie must come from the dialer's own pages: " + header + " " + shorten(source)
                    + " is not " + host.trim();
        }
        return null;
    }

    /** host:port of a URL, lower case, the default port filled in; null when it is not an http(s) URL. */
    static String authority(String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                return null;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (Exception e) {
            return null;
        }
    }

    private static String shorten(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
