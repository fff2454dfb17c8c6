package dialer.core.http;

import dialer.core.testing.Api;
import dialer.core.testing.TestServer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of openapi.yaml, sent input of the wrong shape by the administrator against the
 * real server: bodies that are not JSON objects, each schema property with a value of the wrong
 * type, huge, with a NUL, negative or an impossible date; path ids that are not numbers, unknown or
 * negative; query parameters with NUL and control characters. No answer may be a 5xx, and a request
 * that is refused (4xx) may leave no row behind in any table. Imports get files as spreadsheet
 * programs write them and as they should not be sent. Deterministic (fixed seed) and bounded.
 */
class InputFuzzIT {

    private static final long SEED = 20261205L;
    /** Requests per operation at most, sampled with the seed from all the cases of the operation. */
    private static final int CASES_PER_OPERATION = 40;
    /** Routes the fuzz leaves alone: sign-out would end the session; live streams stay open. */
    private static final Set<String> SKIPPED = Set.of("POST /api/logout");
    /** Tables whose counts a refused request must leave as they were (sign-in failures are written on purpose). */
    private static final List<String> TABLES = List.of("campaign", "contact_list", "list_member", "debtor", "debtor_account",
            "debtor_phone", "debtor_address", "campaign_lead", "campaign_list", "import_batch", "payment", "promise",
            "callback", "agent", "app_user", "user_campaign", "campaign_disposition", "campaign_rule_override",
            "config_audit", "debtor_action", "call_attempt", "disposition");

    private static TestServer server;
    private static Api api;
    private static Connection db;
    private static Map<String, Object> doc;
    private static long campaignId;
    private static long listId;
    private static long userId;
    private static long debtorId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        api = server.api();
        db = DriverManager.getConnection(server.postgres().jdbcUrl("dialer"), server.postgres().user(), "");
        try (InputStream in = InputFuzzIT.class.getResourceAsStream("/openapi.yaml")) {
            doc = new Yaml().load(in);
        }
        JsonObject campaign = api.expect(201, "/api/campaigns", new JsonObject().put("name", "fuzz")
                .put("simulatedCallees", true));
        campaignId = campaign.getLong("id");
        listId = campaign.getLong("ownListId");
        Api.Reply imported = api.postRaw("/api/campaigns/" + campaignId + "/leads", "text/csv",
                "id,name,phone,amount,days_overdue\nFUZZ-1,Ann Lee,(212) 555-0121,120.50,45\n");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        debtorId = api.get("/api/debtors?externalId=FUZZ-1").json().getLong("id");
        userId = api.expect(201, "/api/users", new JsonObject().put("username", "fuzzed").put("displayName", "Fuzzed")
                .put("password", "fuzzed-password-1").put("role", "SUPERVISOR")).getLong("id");
    }

    @AfterAll
    static void stop() throws Exception {
        if (db != null) {
            db.close();
        }
        if (server != null) {
            server.close();
        }
    }

    // --- the document -------------------------------------------------------------------------

    record Operation(String method, String path, List<String> query, Map<String, Object> schema,
                     Map<String, Object> example, boolean jsonBody, boolean fileBody) {
        String name() {
            return method + " " + path;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Follows a {@code $ref} inside the document. */
    private static Map<String, Object> resolve(Object node) {
        Map<String, Object> m = map(node);
        for (int i = 0; i < 10 && m.get("$ref") instanceof String ref; i++) {
            Object at = doc;
            for (String part : ref.substring(2).split("/")) {
                at = map(at).get(part);
            }
            m = map(at);
        }
        return m;
    }

    /** The schema's properties with their schemas, through {@code allOf} and references. */
    private static Map<String, Map<String, Object>> properties(Map<String, Object> schema) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        Map<String, Object> s = resolve(schema);
        if (s.get("allOf") instanceof List<?> all) {
            all.forEach(part -> out.putAll(properties(map(part))));
        }
        map(s.get("properties")).forEach((name, p) -> out.put(name, resolve(p)));
        return out;
    }

    static List<Operation> operations() {
        List<Operation> ops = new ArrayList<>();
        map(doc.get("paths")).forEach((path, itemNode) -> {
            Map<String, Object> item = map(itemNode);
            if (!path.startsWith("/api/") || path.startsWith("/api/live/") || path.equals("/api/openapi.yaml")) {
                return;
            }
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                Map<String, Object> op = map(item.get(method));
                if (op.isEmpty() || SKIPPED.contains(method.toUpperCase(Locale.ROOT) + " " + path)) {
                    continue;
                }
                List<String> query = new ArrayList<>();
                List<Object> params = new ArrayList<>();
                if (item.get("parameters") instanceof List<?> l) {
                    params.addAll(l);
                }
                if (op.get("parameters") instanceof List<?> l) {
                    params.addAll(l);
                }
                for (Object p : params) {
                    Map<String, Object> param = resolve(p);
                    if ("query".equals(param.get("in"))) {
                        query.add((String) param.get("name"));
                    }
                }
                Map<String, Object> content = map(resolve(op.get("requestBody")).get("content"));
                Map<String, Object> json = map(content.get("application/json"));
                boolean file = content.containsKey("text/csv");
                Map<String, Object> schema = map(json.get("schema"));
                Map<String, Object> example = json.get("example") instanceof Map<?, ?> ? map(plain(json.get("example"))) : Map.of();
                ops.add(new Operation(method.toUpperCase(Locale.ROOT), path, query, schema, example, !json.isEmpty() && !file, file));
            }
        });
        return ops;
    }

    /** YAML's dates and times as the strings they were written as, so the example encodes as JSON. */
    private static Object plain(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        } else if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(plain(v)));
            return out;
        } else if (node instanceof java.util.Date d) {
            return d.toInstant().toString().endsWith("T00:00:00Z") ? d.toInstant().toString().substring(0, 10)
                    : d.toInstant().toString();
        }
        return node;
    }

    // --- what is sent -------------------------------------------------------------------------

    /** One request of the fuzz: where, with what body. */
    record Case(String method, String path, String contentType, byte[] body, String what) {
    }

    private static final String HUGE = "9".repeat(200_000);

    /** Values of the wrong shape for a property of this schema. */
    private static List<Object> wrongValues(Map<String, Object> schema) {
        String type = String.valueOf(schema.get("type"));
        List<Object> values = new ArrayList<>(List.of(HUGE, "a\u0000b", "\u0001\u001f", new JsonObject().put("x", 1),
                new JsonArray().add("x"), -1, -1.5, 1e308, "2026-13-45", "25:61", "", " "));
        switch (type) {
            case "string" -> values.addAll(List.of(123, true, 9_999_999_999_999L));
            case "integer", "number" -> values.addAll(List.of("abc", "12", true, Long.MAX_VALUE, -Long.MAX_VALUE, 0.000001));
            case "boolean" -> values.addAll(List.of("yes", 1, "true"));
            case "array" -> values.addAll(List.of("x", 7, new JsonArray().add(new JsonArray()).add((Object) null)));
            case "object" -> values.addAll(List.of("x", 7, new JsonObject().put("", HUGE)));
            default -> values.add(123);
        }
        return values;
    }

    private static final String UNKNOWN = "999999999";

    /** The id of the fixture the path names, or an unknown one. */
    private static String knownId(String path) {
        if (path.startsWith("/api/campaigns/{id}")) {
            return String.valueOf(campaignId);
        } else if (path.startsWith("/api/lists/{id}")) {
            return String.valueOf(listId);
        } else if (path.startsWith("/api/users/{id}")) {
            return String.valueOf(userId);
        } else if (path.startsWith("/api/debtors/{id}")) {
            return String.valueOf(debtorId);
        }
        return UNKNOWN;
    }

    private static List<String> pathValues(String path) {
        List<String> ids = new ArrayList<>(List.of("abc", "-1", "0", "1.5", "99999999999999999999999", "%00", "1%0A",
                "%E9", UNKNOWN));
        if (!knownId(path).equals(UNKNOWN)) {
            ids.add(knownId(path));
        }
        return ids;
    }

    private static String fill(String path, String value) {
        return path.replace("{id}", value).replace("{code}", "PTP").replace("{scriptId}", value);
    }

    private static String real(String path) {
        return fill(path, knownId(path));
    }

    private static List<Case> cases(Operation op) {
        List<Case> cases = new ArrayList<>();
        String okPath = real(op.path());
        boolean hasId = op.path().contains("{id}");
        // an action without a body on a real id would act (start a campaign, ring a phone): only bad ids there
        boolean realIdActs = !op.method().equals("GET") && !op.jsonBody() && !op.fileBody();
        if (hasId) {
            for (String id : pathValues(op.path())) {
                if (!(realIdActs && id.equals(knownId(op.path())) && !id.equals(UNKNOWN))) {
                    cases.add(new Case(op.method(), fill(op.path(), id), "application/json", "{}".getBytes(), "path id " + id));
                }
            }
        }
        if (op.path().contains("{code}")) {
            for (String code : List.of("%00", "a%01", "x".repeat(300), "%E9", "..%2F..")) {
                cases.add(new Case(op.method(), okPath.replace("/PTP", "/" + code), "application/json",
                        "{}".getBytes(), "path code " + code));
            }
        }
        if (hasId && realIdActs) {
            okPath = fill(op.path(), UNKNOWN);
        }
        for (String q : op.query()) {
            for (String v : List.of("%00", "a%01b", "%7F", "-1", "abc", "2026-02-30", "9".repeat(5000), "%E9%00")) {
                cases.add(new Case(op.method(), okPath + "?" + q + "=" + v, null, null, "query " + q + "=" + v));
            }
        }
        if (op.jsonBody() || op.fileBody() || !op.method().equals("GET")) {
            for (String body : List.of("[]", "[{}]", "\"x\"", "0", "-1", "null", "true", "{", "{\"a\":1}}", "\u0000")) {
                cases.add(new Case(op.method(), okPath, "application/json", body.getBytes(StandardCharsets.UTF_8), "body " + body));
            }
            cases.add(new Case(op.method(), okPath, "application/json",
                    new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xe9, '"', '}'}, "body in Latin-1"));
            cases.add(new Case(op.method(), okPath, "application/json",
                    "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_16LE), "body in UTF-16"));
        }
        if (op.jsonBody()) {
            for (var property : properties(op.schema()).entrySet()) {
                for (Object wrong : wrongValues(property.getValue())) {
                    JsonObject body = new JsonObject(new LinkedHashMap<>(op.example())).put(property.getKey(), wrong);
                    cases.add(new Case(op.method(), okPath, "application/json", body.encode().getBytes(StandardCharsets.UTF_8),
                            property.getKey() + "=" + describe(wrong)));
                }
            }
        }
        return cases;
    }

    private static String describe(Object value) {
        String s = Json.encode(value);
        return s.length() > 30 ? s.substring(0, 30) + "…(" + s.length() + ")" : s;
    }

    // --- the checks ---------------------------------------------------------------------------

    /** Rows of every table of {@link #TABLES}, in one query. */
    private static Map<String, Long> counts() throws Exception {
        StringBuilder sql = new StringBuilder("select ");
        for (int i = 0; i < TABLES.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(select count(*) from ").append(TABLES.get(i)).append(")");
        }
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            rs.next();
            for (int i = 0; i < TABLES.size(); i++) {
                out.put(TABLES.get(i), rs.getLong(i + 1));
            }
        }
        return out;
    }

    private static Api.Reply send(Case c) {
        Map<String, String> headers = c.contentType() == null ? Map.of() : Map.of("content-type", c.contentType());
        return api.raw(c.method(), c.path(), headers, c.body());
    }

    @Test
    void noOperationAnswersWrongInputWith5xxOrWritesWhenItRefuses() throws Exception {
        List<Operation> ops = operations();
        assertThat(ops).as("operations read from openapi.yaml").hasSizeGreaterThan(40);
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Operation op : ops) {
            List<Case> cases = cases(op);
            Collections.shuffle(cases, random);
            for (Case c : cases.subList(0, Math.min(CASES_PER_OPERATION, cases.size()))) {
                Map<String, Long> before = counts();
                Api.Reply r = send(c);
                sent++;
                if (r.status() >= 500) {
                    failures.add(op.name() + " [" + c.what() + "] answered " + r.status() + ": " + r.body());
                } else if (r.status() >= 400) {
                    Map<String, Long> after = counts();
                    if (!after.equals(before)) {
                        failures.add(op.name() + " [" + c.what() + "] answered " + r.status() + " but wrote: " + before + " -> " + after);
                    }
                    if (r.body() != null && r.body().length() > 2000) {
                        failures.add(op.name() + " [" + c.what() + "] echoed " + r.body().length() + " characters");
                    }
                }
            }
        }
        assertThat(sent).isGreaterThan(500);
        assertThat(failures).as("of " + sent + " requests").isEmpty();
    }

    @Test
    void aBodyThatIsNotAnObjectIsA400NamingTheBody() {
        List<String> routes = List.of("POST /api/login", "POST /api/campaigns", "POST /api/lists", "POST /api/users",
                "PATCH /api/campaigns/" + campaignId, "PUT /api/lists/" + listId + "/mapping",
                "POST /api/debtors/" + debtorId + "/flags", "POST /api/compliance/lists");
        for (String route : routes) {
            String[] parts = route.split(" ");
            for (String body : List.of("[]", "\"x\"", "42", "null")) {
                Api.Reply r = (parts[1].equals("/api/login") ? api.anonymous() : api)
                        .raw(parts[0], parts[1], Map.of("content-type", "application/json"), body.getBytes());
                assertThat(r.status()).as(route + " " + body + ": " + r.body()).isEqualTo(400);
                assertThat(r.json().getString("error")).isEqualTo("invalid request");
                assertThat(r.json().getJsonArray("problems").getJsonObject(0).getMap())
                        .as(route + " " + body).containsEntry("field", "body").containsEntry("problem", "must be a JSON object");
            }
        }
    }

    @Test
    void queryParametersWithControlCharactersAreA400NamingThem() {
        Api.Reply r = api.get("/api/promises?status=%00");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().getJsonArray("problems").getJsonObject(0).getString("field")).isEqualTo("status");
        Api.Reply id = api.get("/api/campaigns/" + "7".repeat(500));
        assertThat(id.status()).isEqualTo(400);
        assertThat(id.body().length()).isLessThan(300);
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void importsTakeWhatSpreadsheetsWriteAndRefuseTheRestWhole() throws Exception {
        String leads = "/api/campaigns/" + campaignId + "/leads";
        String good = "id,name,phone,amount,days_overdue\r\nFUZZ-2,Zoë Müller,(212) 555-0122,10.00,40\r\n";
        Map<String, byte[]> refused = new LinkedHashMap<>();
        refused.put("gzip", gzip(good));
        refused.put("NUL", good.replace("Zoë", "Z\u0000e").getBytes(StandardCharsets.UTF_8));
        refused.put("Latin-1", good.getBytes(StandardCharsets.ISO_8859_1));
        refused.put("UTF-16 without a byte-order mark", good.getBytes(StandardCharsets.UTF_16LE));
        refused.put("duplicate header", "id,name,phone,amount,days_overdue,name\nFUZZ-3,A,(212) 555-0123,1,2,B\n"
                .getBytes(StandardCharsets.UTF_8));
        refused.put("a megabyte field", ("id,name,phone,amount,days_overdue\nFUZZ-4,A,(212) 555-0124," + "9".repeat(1 << 20)
                + ",2\n").getBytes(StandardCharsets.UTF_8));
        for (var e : refused.entrySet()) {
            Map<String, Long> before = counts();
            Api.Reply r = api.raw("POST", leads, Map.of("content-type", "text/csv"), e.getValue());
            assertThat(r.status()).as(e.getKey() + ": " + r.body()).isEqualTo(400);
            assertThat(r.json().getJsonArray("problems").getJsonObject(0).getString("field")).isEqualTo("file");
            assertThat(r.body().length()).as(e.getKey()).isLessThan(600);
            assertThat(counts()).as(e.getKey() + " left nothing behind").isEqualTo(before);
        }
        Map<String, Long> before = counts();
        Api.Reply encoded = api.raw("POST", leads, Map.of("content-type", "text/csv", "content-encoding", "gzip"), gzip(good));
        assertThat(encoded.status()).as(encoded.body()).isEqualTo(400);
        assertThat(encoded.json().getJsonArray("problems").getJsonObject(0).getString("field")).isEqualTo("Content-Encoding");
        Api.Reply payments = api.raw("POST", "/api/payments/import", Map.of("content-type", "text/csv"),
                "debtor_id,reference,amount,paid_on\nFUZZ-1,R\u00001,5.00,2026-01-02\n".getBytes(StandardCharsets.UTF_8));
        assertThat(payments.status()).as(payments.body()).isEqualTo(400);
        assertThat(counts()).isEqualTo(before);

        // Excel's "CSV UTF-8" (a byte-order mark), and UTF-16 with ; separators, CRLF
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        Api.Reply withBom = api.raw("POST", leads, Map.of("content-type", "text/csv"), concat(bom, good.getBytes(StandardCharsets.UTF_8)));
        assertThat(withBom.status()).as(withBom.body()).isEqualTo(200);
        assertThat(withBom.json().getInteger("accepted")).isEqualTo(1);
        String semicolons = "id;name;phone;amount;days_overdue\r\nFUZZ-5;\"Lee, Ann\";(212) 555-0125;\"1,5\";40\r\n"
                + "FUZZ-6;Bo Ode;(212) 555-0126;" + "x".repeat(5000) + ";40\r\n";
        Api.Reply utf16 = api.raw("POST", leads, Map.of("content-type", "text/csv"),
                concat(new byte[] {(byte) 0xff, (byte) 0xfe}, semicolons.getBytes(StandardCharsets.UTF_16LE)));
        assertThat(utf16.status()).as(utf16.body()).isEqualTo(200);
        assertThat(utf16.json().getInteger("accepted")).isEqualTo(1);
        assertThat(utf16.body()).contains("amount is longer than 1000 characters").doesNotContain("x".repeat(41));
        assertThat(api.get("/api/debtors?externalId=FUZZ-2").json().getString("name")).isEqualTo("Zoë Müller");
    }

    @Test
    void aRefusedCampaignLeavesNoCampaign() throws Exception {
        long before = counts().get("campaign");
        for (Object name : List.of(HUGE, 12, "a\u0000b", new JsonArray())) {
            Api.Reply r = api.post("/api/campaigns", new JsonObject().put("name", name));
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.body().length()).isLessThan(2000);
        }
        assertThat(counts().get("campaign")).isEqualTo(before);
    }
}
