package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The test-facing surface under {@code /_emulator/}: reset, call counters, injected faults, and the user's
 * permissions and API allowance ({@link PolicyAdmin}). Loopback callers only; no token needed. Thread-safe.
 */
final class AdminApi {

    static final String PREFIX = "/_emulator";
    private static final int LONGEST_DELAY_MILLIS = 120_000;

    private final Runnable resetOrg;
    private final PolicyAdmin policy;
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private final List<Fault> faults = new ArrayList<>();
    private final Map<String, Function<HttpCall, HttpAnswer>> mounted = new ConcurrentHashMap<>();

    /**
     * The answer the next {@code remaining} matching calls get: {@code status} 0 lets the call proceed after the delay.
     */
    static final class Fault {
        private final String method;
        private final String pathPrefix;
        private final int status;
        private final JsonNode body;
        private final int delayMillis;
        private int remaining;

        private Fault(String method, String pathPrefix, int status, JsonNode body, int remaining, int delayMillis) {
            this.method = method;
            this.pathPrefix = pathPrefix;
            this.status = status;
            this.body = body;
            this.remaining = remaining;
            this.delayMillis = delayMillis;
        }

        int delayMillis() {
            return delayMillis;
        }

        /** The injected answer, or null when the call is only delayed. */
        HttpAnswer answer() {
            return status == 0 ? null : HttpAnswer.json(status, body);
        }

        private boolean matches(HttpCall call) {
            return (method == null || method.equalsIgnoreCase(call.method())) && call.path().startsWith(pathPrefix);
        }

        private ObjectNode toJson() {
            ObjectNode json = HttpAnswer.JSON.createObjectNode().put("method", method).put("pathPrefix", pathPrefix)
                    .put("status", status).put("times", remaining).put("delayMillis", delayMillis);
            json.set("body", body);
            return json;
        }
    }

    AdminApi(Runnable resetOrg, PolicyAdmin policy) {
        this.resetOrg = resetOrg;
        this.policy = policy;
    }

    /** Serves {@code /_emulator/<segment>[/...]} with another part's handler, behind the same loopback check. */
    void mount(String segment, Function<HttpCall, HttpAnswer> handler) {
        mounted.put(segment, handler);
    }

    void count(HttpCall call) {
        total.incrementAndGet();
        calls.computeIfAbsent(call.counterKey(), key -> new AtomicLong()).incrementAndGet();
    }

    /** Takes one use of the first fault that matches the call, or answers null. */
    Fault takeFault(HttpCall call) {
        synchronized (faults) {
            for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
                Fault fault = it.next();
                if (fault.matches(call)) {
                    if (--fault.remaining <= 0) {
                        it.remove();
                    }
                    return fault;
                }
            }
            return null;
        }
    }

    HttpAnswer handle(HttpCall call) {
        if (!call.loopback()) {
            return HttpAnswer.errors(403, "INSUFFICIENT_ACCESS", "the emulator admin surface answers loopback only", null);
        }
        List<String> segments = call.segmentsAfter(PREFIX);
        Function<HttpCall, HttpAnswer> handler = segments.isEmpty() ? null : mounted.get(segments.get(0));
        if (handler != null) {
            return handler.apply(call);
        }
        String route = call.method() + " " + String.join("/", segments);
        switch (route) {
            case "POST reset":
                resetOrg.run();
                clearCounters();
                clearFaults();
                return HttpAnswer.empty(204);
            case "GET counters":
                return HttpAnswer.json(200, counters());
            case "DELETE counters":
                clearCounters();
                return HttpAnswer.empty(204);
            case "GET faults":
                return HttpAnswer.json(200, faultList());
            case "POST faults":
                return addFault(call.body());
            case "DELETE faults":
                clearFaults();
                return HttpAnswer.empty(204);
            default:
                HttpAnswer answer = policy.handle(route, call);
                return answer != null ? answer : HttpAnswer.errors(404, "NOT_FOUND", ApiError.NOT_FOUND_MESSAGE, null);
        }
    }

    private ObjectNode counters() {
        ObjectNode json = HttpAnswer.JSON.createObjectNode().put("total", total.get());
        ObjectNode byCall = json.putObject("calls");
        new TreeMap<>(calls).forEach((key, count) -> byCall.put(key, count.get()));
        return json;
    }

    private void clearCounters() {
        calls.clear();
        total.set(0);
    }

    private void clearFaults() {
        synchronized (faults) {
            faults.clear();
        }
    }

    private ArrayNode faultList() {
        ArrayNode list = HttpAnswer.JSON.createArrayNode();
        synchronized (faults) {
            faults.forEach(fault -> list.add(fault.toJson()));
        }
        return list;
    }

    private HttpAnswer addFault(String body) {
        JsonNode spec;
        try {
            spec = HttpAnswer.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return HttpAnswer.errors(400, "JSON_PARSER_ERROR", e.getOriginalMessage(), null);
        }
        if (spec == null || !spec.isObject()) {
            return HttpAnswer.errors(400, "JSON_PARSER_ERROR", "a fault is a JSON object", null);
        }
        int status = spec.path("status").asInt(-1);
        int times = spec.path("times").asInt(1);
        int delayMillis = spec.path("delayMillis").asInt(0);
        if (!(status == 0 || (status >= 200 && status <= 599))) {
            return HttpAnswer.errors(400, "INVALID_FAULT", "fault status must be 0 or 200..599: " + status, null);
        }
        if (times < 1 || delayMillis < 0 || delayMillis > LONGEST_DELAY_MILLIS) {
            return HttpAnswer.errors(400, "INVALID_FAULT", "fault times must be >= 1 and delayMillis 0.."
                    + LONGEST_DELAY_MILLIS, null);
        }
        String pathPrefix = spec.path("pathPrefix").asText("/");
        String method = spec.hasNonNull("method") ? spec.get("method").asText() : null;
        JsonNode answerBody = spec.hasNonNull("body") ? spec.get("body") : defaultBody(status, pathPrefix);
        Fault fault = new Fault(method, pathPrefix, status, answerBody, times, delayMillis);
        synchronized (faults) {
            faults.add(fault);
        }
        return HttpAnswer.json(201, fault.toJson());
    }

    /** The error Salesforce would send with this status. */
    private static JsonNode defaultBody(int status, String pathPrefix) {
        if (pathPrefix.startsWith("/services/oauth2") && status == 400) {
            return HttpAnswer.JSON.createObjectNode().put("error", "invalid_grant")
                    .put("error_description", "expired access/refresh token");
        }
        String[] error = switch (status) {
            case 401 -> new String[] {"INVALID_SESSION_ID", "Session expired or invalid"};
            case 403 -> new String[] {"REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."};
            case 404 -> new String[] {"NOT_FOUND", ApiError.NOT_FOUND_MESSAGE};
            case 503 -> new String[] {"SERVER_UNAVAILABLE", "Server temporarily unavailable; try again later"};
            default -> new String[] {"UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this ErrorId"
                    + " if you contact support: 1234567890-12345 (-1234567890)"};
        };
        ArrayNode body = HttpAnswer.JSON.createArrayNode();
        body.addObject().put("message", error[1]).put("errorCode", error[0]);
        return body;
    }
}
