package dialer.core.http;

import dialer.core.Invalid;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reading a request: its JSON body, path ids and query parameters; anything malformed is a 400 naming the field. */
final class Params {

    private Params() {
    }

    /** The JSON object the request carries; a 400 if there is none. */
    static JsonObject body(RoutingContext ctx) {
        JsonObject json = ctx.body().asJsonObject();
        if (json == null) {
            throw Invalid.of("body", "a JSON object is required");
        }
        return json;
    }

    /** The JSON object the request carries, or an empty one if the body is empty. */
    static JsonObject bodyOrEmpty(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().length() == 0) {
            return new JsonObject();
        }
        return body(ctx);
    }

    /** A whole-number path parameter. */
    static long id(RoutingContext ctx, String param) {
        try {
            return Long.parseLong(ctx.pathParam(param));
        } catch (NumberFormatException e) {
            throw Invalid.of(param, "must be a number, was '" + ctx.pathParam(param) + "'");
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
            throw Invalid.of(param, "must be a number, was '" + value + "'");
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
}
