package dialer.core.http;

import dialer.core.Invalid;
import dialer.core.Masked;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Reading a request: its JSON body, path ids and query parameters; anything malformed is a 400 naming the field. */
final class Params {

    static final String NOT_AN_OBJECT = "must be a JSON object";

    private Params() {
    }

    /** The JSON object the request carries; a 400 if there is none, or the body is anything else. */
    static JsonObject body(RoutingContext ctx) {
        return object(ctx.body() == null ? null : ctx.body().buffer());
    }

    /** The JSON object the request carries, or an empty one if the body is empty. */
    static JsonObject bodyOrEmpty(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().length() == 0) {
            return new JsonObject();
        }
        return body(ctx);
    }

    /**
     * A request body as a JSON object: anything else (nothing, an array, a string, a number, null,
     * text that is not JSON or not UTF-8) is a 400 on the field {@code body}, never a 500.
     */
    static JsonObject object(Buffer body) {
        if (body == null || body.length() == 0) {
            throw Invalid.of("body", NOT_AN_OBJECT + "; the request has no body");
        }
        try {
            // strict: bytes that are not UTF-8 are refused rather than read as replacement characters
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body.getBytes()));
        } catch (CharacterCodingException e) {
            throw Invalid.of("body", NOT_AN_OBJECT + " in UTF-8; the body is not valid UTF-8");
        }
        Object value;
        try {
            value = Json.decodeValue(body);
        } catch (RuntimeException e) { // DecodeException, or Jackson's own
            throw Invalid.of("body", NOT_AN_OBJECT + "; the body is not valid JSON");
        }
        if (value instanceof JsonObject o) {
            Invalid.Collector problems = new Invalid.Collector();
            controls("", o, problems);
            problems.throwIfAny();
            return o;
        }
        throw Invalid.of("body", NOT_AN_OBJECT);
    }

    /**
     * Text with a NUL or another control character (tab and line breaks are text) names its field:
     * PostgreSQL cannot store a NUL, and nothing a user types holds the others.
     */
    private static void controls(String path, Object value, Invalid.Collector problems) {
        if (value instanceof JsonObject o) {
            for (Map.Entry<String, Object> e : o) {
                String field = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (hasControlText(e.getKey())) {
                    problems.add(Masked.excerpt(field), "the name has a NUL or another control character");
                } else {
                    controls(field, e.getValue(), problems);
                }
            }
        } else if (value instanceof io.vertx.core.json.JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                controls(path + "[" + i + "]", a.getValue(i), problems);
            }
        } else if (value instanceof String s && hasControlText(s)) {
            problems.add(Masked.excerpt(path), "must not contain a NUL or another control character");
        }
    }

    private static boolean hasControlText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' || ch == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** A whole-number path parameter. */
    static long id(RoutingContext ctx, String param) {
        String value = ctx.pathParam(param);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw Invalid.of(param, "must be a whole number, was '" + Masked.excerpt(value) + "'");
        }
    }

    /** An optional whole-number query parameter; anything else is a 400 naming it. */
    static Long optionalId(RoutingContext ctx, String param) {
        String value = ctx.request().getParam(param);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw Invalid.of(param, "must be a whole number, was '" + Masked.excerpt(value) + "'");
        }
    }

    /** The {@code limit} query parameter: 1 to 10000, 100 if not given. */
    static int limit(RoutingContext ctx) {
        String value = ctx.request().getParam("limit");
        if (value == null) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit < 1 || limit > 10_000) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw Invalid.of("limit", "must be a number from 1 to 10000");
        }
    }

    /** The longest query parameter value any route takes (a column mapping is the longest). */
    static final int QUERY_VALUE_LIMIT = 4000;

    /**
     * Checks every query parameter before any route reads one: a query that cannot be decoded, or
     * a name or value with a NUL or another control character, is a 400 naming the parameter.
     */
    static void checkQuery(RoutingContext ctx) {
        Iterable<Map.Entry<String, String>> params;
        try {
            params = ctx.request().params();
        } catch (RuntimeException e) {
            throw Invalid.of("query", "is not a valid query string (bad %-encoding)");
        }
        Invalid.Collector problems = new Invalid.Collector();
        for (Map.Entry<String, String> p : params) {
            String name = p.getKey();
            if (hasControl(name)) {
                problems.add("query", "a parameter name has a control character");
            } else if (hasControl(p.getValue())) {
                problems.add(name, "must not contain NUL or other control characters");
            } else if (p.getValue() != null && p.getValue().length() > QUERY_VALUE_LIMIT) {
                problems.add(name, "is longer than " + QUERY_VALUE_LIMIT + " characters");
            }
        }
        problems.throwIfAny();
    }

    private static boolean hasControl(String s) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
