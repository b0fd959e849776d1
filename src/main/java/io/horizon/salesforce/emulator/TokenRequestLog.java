package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The token endpoint's calls in arrival order, for tests on the loopback admin surface only: it holds the refresh
 * tokens presented, so it is never logged nor shown anywhere else. Thread-safe; keeps the last {@link #MAX_ENTRIES}.
 */
final class TokenRequestLog {

    static final int MAX_ENTRIES = 1_000;

    /** {@code refreshToken} is the value a refresh grant presented (null for other grants); {@code error} null on 200. */
    private record Entry(String grantType, String refreshToken, int status, String error) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    synchronized void record(String grantType, String refreshToken, int status, String error) {
        entries.addLast(new Entry(grantType, refreshToken, status, error));
        if (entries.size() > MAX_ENTRIES) {
            entries.removeFirst();
        }
    }

    synchronized void clear() {
        entries.clear();
    }

    /** {@code {"requests":[{"grantType","refreshToken","status","error"}...]}}, oldest first. */
    synchronized ObjectNode toJson() {
        ObjectNode json = HttpAnswer.JSON.createObjectNode();
        ArrayNode requests = json.putArray("requests");
        for (Entry entry : entries) {
            requests.addObject()
                    .put("grantType", entry.grantType())
                    .put("refreshToken", entry.refreshToken())
                    .put("status", entry.status())
                    .put("error", entry.error());
        }
        return json;
    }
}
