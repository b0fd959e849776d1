package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.horizon.salesforce.emulator.soql.SoqlEngine;
import io.horizon.salesforce.emulator.soql.SoqlException;
import io.horizon.salesforce.emulator.soql.SoqlResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST API under {@code /services/data/}: versions, resources, describe, sObject CRUD, upsert by external id,
 * query with paging, SOSL search, the Analytics (Reports) API and limits, as the user's permissions allow. Every
 * authenticated answer carries {@code Sforce-Limit-Info}. Thread-safe.
 */
final class RestApi {

    static final String PREFIX = "/services/data";
    static final int OLDEST_VERSION = 50;
    static final int NEWEST_VERSION = 64;
    static final int DEFAULT_BATCH_SIZE = 2000;
    static final int SMALLEST_BATCH_SIZE = 200;

    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.0");
    private static final Pattern BATCH_SIZE = Pattern.compile("batchSize\\s*=\\s*(\\d+)");
    // exact decimals: an Amount of 1200.50 comes back as 1200.50, not 1200.5
    static final ObjectMapper EXACT_READER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private final OrgStore store;
    private final OAuthServer oauth;
    private final SoqlEngine soql;
    private final QueryCursors cursors;
    private final Permissions permissions;
    private final ApiAllowance allowance;
    private final AnalyticsApi analytics;
    private final SearchApi search;

    RestApi(EmulatorSettings settings, OrgStore store, OAuthServer oauth, Permissions permissions,
            ApiAllowance allowance) {
        this.store = store;
        this.oauth = oauth;
        this.soql = new SoqlEngine(settings.clock());
        this.cursors = new QueryCursors(settings.clock());
        this.permissions = permissions;
        this.allowance = allowance;
        this.analytics = new AnalyticsApi(store, soql);
        this.search = new SearchApi(store, soql);
    }

    /** Forgets open query cursors, report instances and today's API usage, and allows everything again. */
    synchronized void reset() {
        cursors.clear();
        analytics.reset();
        allowance.reset();
        permissions.reset();
    }

    HttpAnswer handle(HttpCall call) {
        List<String> segments = call.segmentsAfter(PREFIX);
        if (segments.isEmpty()) {
            return "GET".equals(call.method()) ? versions() : HttpAnswer.error(methodNotAllowed(call, "GET"));
        }
        String userId = oauth.authenticate(call);
        if (userId == null) {
            // no WWW-Authenticate header, as Salesforce sends none
            return HttpAnswer.errors(401, "INVALID_SESSION_ID", "Session expired or invalid", null);
        }

        if (!permissions.apiEnabled()) {
            return HttpAnswer.errors(403, "API_DISABLED_FOR_ORG", "The REST API is not enabled for this Organization.",
                    null);
        }
        ApiAllowance.Usage usage = allowance.count();
        HttpAnswer answer;
        if (usage.exceeded()) {
            answer = HttpAnswer.errors(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", null);
        } else {
            answer = route(call, segments, userId, usage);
        }
        return answer.withHeader("Sforce-Limit-Info", usage.header());
    }

    private HttpAnswer route(HttpCall call, List<String> segments, String userId, ApiAllowance.Usage usage) {
        try {
            String version = version(segments.get(0));
            List<String> rest = segments.subList(1, segments.size()).stream().map(Forms::decodeSegment).toList();
            if (rest.isEmpty()) {
                requireMethod(call, "GET");
                return HttpAnswer.json(200, resources(version));
            }
            return switch (rest.get(0)) {
                case "sobjects" -> sobjects(call, version, rest.subList(1, rest.size()), userId);
                case "query" -> query(call, version, rest, false);
                case "queryAll" -> query(call, version, rest, true);
                case "search" -> {
                    requireMethod(call, "GET");
                    if (rest.size() > 1) {
                        throw ApiError.notFound();
                    }
                    yield HttpAnswer.json(200, search.search(call.query().get("q"), permissions, version));
                }
                case "analytics" -> analytics.handle(call, version, rest, userId, permissions);
                case "limits" -> {
                    requireMethod(call, "GET");
                    if (rest.size() > 1) {
                        throw ApiError.notFound();
                    }
                    yield HttpAnswer.json(200, limits(usage));
                }
                default -> throw ApiError.notFound();
            };
        } catch (ApiError e) {
            return HttpAnswer.error(e);
        } catch (SoqlException e) {
            return HttpAnswer.errors(400, e.errorCode(), e.getMessage(), null);
        }
    }

    // ---- sobjects ----

    private HttpAnswer sobjects(HttpCall call, String version, List<String> path, String userId) {
        if (path.isEmpty()) {
            requireMethod(call, "GET");
            return HttpAnswer.json(200, Describe.global(permissions.readable(store.types()), version));
        }
        SObjectType type = store.requireType(path.get(0));
        permissions.requireRead(type);
        switch (path.size()) {
            case 1:
                if ("POST".equals(call.method())) {
                    requireWritable(type, "inserted");
                    String id = store.create(type, jsonObject(call.body()), userId);
                    return HttpAnswer.json(201, saveResult(id, null));
                }
                requireMethod(call, "GET", "POST");
                return HttpAnswer.json(200, Describe.basicInfo(type, version));
            case 2:
                if ("describe".equals(path.get(1))) {
                    requireMethod(call, "GET");
                    return HttpAnswer.json(200, Describe.full(type, store.recordTypes(type.name()), version));
                }
                return record(call, version, type, path.get(1), userId);
            case 3:
                return byExternalId(call, version, type, path.get(1), path.get(2), userId);
            default:
                throw ApiError.notFound();
        }
    }

    private HttpAnswer record(HttpCall call, String version, SObjectType type, String id, String userId) {
        switch (call.method()) {
            case "GET":
                return HttpAnswer.json(200, recordJson(type, store.read(type, id), version, call.query().get("fields")));
            case "PATCH":
                requireWritable(type, "updated");
                store.update(type, id, jsonObject(call.body()), userId);
                return HttpAnswer.empty(204);
            case "DELETE":
                requireWritable(type, "deleted");
                store.delete(type, id, userId);
                return HttpAnswer.empty(204);
            default:
                throw methodNotAllowed(call, "GET", "PATCH", "DELETE");
        }
    }

    private HttpAnswer byExternalId(HttpCall call, String version, SObjectType type, String field, String value,
            String userId) {
        switch (call.method()) {
            case "GET": {
                List<String> matches = store.matching(type, field, value);
                if (matches.size() > 1) {
                    return multipleChoices(type, version, matches);
                }
                if (matches.isEmpty()) {
                    throw ApiError.notFound();
                }
                return HttpAnswer.json(200, recordJson(type, store.read(type, matches.get(0)), version,
                        call.query().get("fields")));
            }
            case "PATCH": {
                requireWritable(type, "upserted");
                OrgStore.Upsert upsert = store.upsert(type, field, value, jsonObject(call.body()), userId);
                if (upsert.id() == null) {
                    return multipleChoices(type, version, upsert.matches());
                }
                return HttpAnswer.json(upsert.created() ? 201 : 200, saveResult(upsert.id(), upsert.created()));
            }
            case "DELETE": {
                requireWritable(type, "deleted");
                List<String> matches = store.matching(type, field, value);
                if (matches.size() > 1) {
                    return multipleChoices(type, version, matches);
                }
                if (matches.isEmpty()) {
                    throw ApiError.notFound();
                }
                store.delete(type, matches.get(0), userId);
                return HttpAnswer.empty(204);
            }
            default:
                throw methodNotAllowed(call, "GET", "PATCH", "DELETE");
        }
    }

    /** HTTP 300: the URLs of every record an external id value matched. */
    private static HttpAnswer multipleChoices(SObjectType type, String version, List<String> ids) {
        ArrayNode urls = HttpAnswer.JSON.createArrayNode();
        ids.forEach(id -> urls.add(recordUrl(type, version, id)));
        return HttpAnswer.json(300, urls);
    }

    private static ObjectNode recordJson(SObjectType type, ObjectNode record, String version, String fields) {
        ObjectNode json = HttpAnswer.JSON.createObjectNode();
        String id = record.get("Id").asText();
        json.putObject("attributes").put("type", type.name()).put("url", recordUrl(type, version, id));
        if (fields == null) {
            json.setAll(record);
            return json;
        }
        for (String name : fields.split(",")) {
            String canonical = type.field(name.trim());
            if (canonical == null) {
                throw ApiError.invalidField(name.trim(), type.name());
            }
            json.set(canonical, record.get(canonical));
        }
        if (!json.has("Id")) {
            json.put("Id", id);
        }
        return json;
    }

    private static String recordUrl(SObjectType type, String version, String id) {
        return PREFIX + "/v" + version + "/sobjects/" + type.name() + "/" + id;
    }

    private static ObjectNode saveResult(String id, Boolean created) {
        ObjectNode result = HttpAnswer.JSON.createObjectNode().put("id", id).put("success", true);
        result.putArray("errors");
        if (created != null) {
            result.put("created", created);
        }
        return result;
    }

    // ---- query ----

    private HttpAnswer query(HttpCall call, String version, List<String> path, boolean includeDeleted) {
        requireMethod(call, "GET");
        if (path.size() == 2) {
            return HttpAnswer.json(200, nextPage(version, path.get(1)));
        }
        if (path.size() > 2) {
            throw ApiError.notFound();
        }
        String q = call.query().get("q");
        if (q == null || q.isBlank()) {
            throw new ApiError(400, "MALFORMED_QUERY", "A query string has to be specified");
        }
        SoqlResult result = soql.run(q, permissions.view(store), includeDeleted, version);
        int batchSize = batchSize(call.header("sforce-query-options"));
        return HttpAnswer.json(200, page(version, result.rows(), result.totalSize(), batchSize, 0, null));
    }

    private ObjectNode nextPage(String version, String locatorAndOffset) {
        int dash = locatorAndOffset.lastIndexOf('-');
        QueryCursors.Cursor cursor = dash < 0 ? null : cursors.get(locatorAndOffset.substring(0, dash));
        int offset = -1;
        if (cursor != null) {
            try {
                offset = Integer.parseInt(locatorAndOffset.substring(dash + 1));
            } catch (NumberFormatException e) {
                offset = -1;
            }
        }
        if (cursor == null || offset < 0 || offset > cursor.rows().size()) {
            throw new ApiError(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        return page(version, cursor.rows(), cursor.totalSize(), cursor.batchSize(), offset,
                locatorAndOffset.substring(0, dash));
    }

    private ObjectNode page(String version, List<ObjectNode> rows, int totalSize, int batchSize, int offset,
            String locator) {
        int end = Math.min(offset + batchSize, rows.size());
        boolean done = end >= rows.size();
        ObjectNode answer = HttpAnswer.JSON.createObjectNode().put("totalSize", totalSize).put("done", done);
        if (!done) {
            String cursor = locator != null ? locator : cursors.open(rows, totalSize, batchSize);
            answer.put("nextRecordsUrl", PREFIX + "/v" + version + "/query/" + cursor + "-" + end);
        }
        answer.putArray("records").addAll(rows.subList(offset, end));
        return answer;
    }

    /** The page size from {@code Sforce-Query-Options: batchSize=N}, held to Salesforce's 200..2000. */
    private static int batchSize(String queryOptions) {
        Matcher matcher = queryOptions == null ? null : BATCH_SIZE.matcher(queryOptions);
        if (matcher == null || !matcher.find()) {
            return DEFAULT_BATCH_SIZE;
        }
        try {
            int asked = Integer.parseInt(matcher.group(1));
            return Math.max(SMALLEST_BATCH_SIZE, Math.min(DEFAULT_BATCH_SIZE, asked));
        } catch (NumberFormatException e) {
            return DEFAULT_BATCH_SIZE;
        }
    }

    // ---- versions, resources, limits ----

    private static HttpAnswer versions() {
        ArrayNode versions = HttpAnswer.JSON.createArrayNode();
        for (int v = OLDEST_VERSION; v <= NEWEST_VERSION; v++) {
            // v50.0 was Winter '21; three releases a year since
            int k = v - OLDEST_VERSION;
            String season = List.of("Winter", "Spring", "Summer").get(k % 3);
            versions.addObject()
                    .put("label", season + " '" + (21 + k / 3))
                    .put("url", PREFIX + "/v" + v + ".0")
                    .put("version", v + ".0");
        }
        return HttpAnswer.json(200, versions);
    }

    private static ObjectNode resources(String version) {
        String base = PREFIX + "/v" + version + "/";
        ObjectNode resources = HttpAnswer.JSON.createObjectNode();
        for (String name : List.of("sobjects", "query", "queryAll", "search", "analytics", "limits")) {
            resources.put(name, base + name);
        }
        return resources;
    }

    private ObjectNode limits(ApiAllowance.Usage usage) {
        ObjectNode limits = HttpAnswer.JSON.createObjectNode();
        Map<String, Integer> fixed = new LinkedHashMap<>();
        fixed.put("ConcurrentAsyncGetReportInstances", 200);
        fixed.put("ConcurrentSyncReportRuns", 20);
        fixed.put("DailyAsyncApexExecutions", 250000);
        fixed.put("DailyBulkApiRequests", 10000);
        fixed.put("DailyStreamingApiEvents", 10000);
        fixed.put("DataStorageMB", 5);
        fixed.put("FileStorageMB", 20);
        fixed.put("HourlySyncReportRuns", 500);
        fixed.put("SingleEmail", 15);
        limits.putObject("DailyApiRequests").put("Max", usage.max())
                .put("Remaining", Math.max(0, usage.max() - usage.used()));
        fixed.forEach((name, max) -> limits.putObject(name).put("Max", max).put("Remaining", max));
        return limits;
    }

    // ---- helpers ----

    private static String version(String segment) {
        Matcher matcher = VERSION.matcher(segment);
        if (!matcher.matches()) {
            throw ApiError.notFound();
        }
        int major = Integer.parseInt(matcher.group(1));
        if (major < OLDEST_VERSION || major > NEWEST_VERSION) {
            throw ApiError.notFound();
        }
        return major + ".0";
    }

    private static ObjectNode jsonObject(String body) {
        JsonNode node;
        try {
            node = EXACT_READER.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at [line:" + at.getLineNr() + ", column:" + at.getColumnNr() + "]";
            throw new ApiError(400, "JSON_PARSER_ERROR", e.getOriginalMessage() + where);
        }
        if (node == null || !node.isObject()) {
            throw new ApiError(400, "JSON_PARSER_ERROR", "Expected a JSON object as the request body");
        }
        return (ObjectNode) node;
    }

    private void requireWritable(SObjectType type, String verb) {
        if (type.readOnly()) {
            throw new ApiError(400, "INVALID_TYPE_FOR_OPERATION", "entity type cannot be " + verb + ": " + type.name());
        }
        permissions.require(type, switch (verb) {
            case "inserted" -> Permissions.Action.CREATE;
            case "updated" -> Permissions.Action.EDIT;
            case "deleted" -> Permissions.Action.DELETE;
            default -> Permissions.Action.UPSERT;
        });
    }

    private static void requireMethod(HttpCall call, String... allowed) {
        for (String method : allowed) {
            if (method.equals(call.method())) {
                return;
            }
        }
        throw methodNotAllowed(call, allowed);
    }

    private static ApiError methodNotAllowed(HttpCall call, String... allowed) {
        return new ApiError(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + call.method() + "' not allowed. Allowed are "
                + String.join(",", allowed));
    }
}
