package io.horizon.salesforce.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.horizon.salesforce.Json;
import io.horizon.salesforce.errors.ApiError;
import java.io.IOException;
import java.io.InputStream;
import org.apache.camel.Exchange;

/**
 * Collects the pages of one query into one answer. The route calls {@link #addPage} after the query and after each
 * {@code queryMore}, and loops while the variable {@code queryNext} holds a URL. Whether more pages come is decided by
 * Salesforce's {@code done}, never by page size. Stateless: the records collected so far live in exchange variables.
 */
public final class QueryPager {

    /** The variable naming the next page to fetch, or null when the answer is complete. */
    public static final String NEXT = "queryNext";

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final String RECORDS = "queryRecords";
    private static final String TOTAL = "queryTotalSize";

    /**
     * Adds the page in the body to the records collected so far, capped at the variable {@code limit}. When no page
     * follows, the body becomes {@code {"totalSize","done","records"}}, where {@code done} is false only when the cap
     * left records out; otherwise the header {@code sObjectQuery} names the next page for {@code queryMore}.
     */
    public void addPage(Exchange exchange) throws IOException {
        JsonNode page = read(exchange.getMessage().getBody(InputStream.class));
        int limit = limit(exchange.getVariable("limit", String.class));
        ArrayNode records = exchange.getVariable(RECORDS, ArrayNode.class);
        if (records == null) {
            records = JSON.createArrayNode();
            exchange.setVariable(RECORDS, records);
            exchange.setVariable(TOTAL, page.path("totalSize").asInt());
        }
        for (JsonNode record : page.path("records")) {
            if (records.size() == limit) {
                break;
            }
            records.add(record);
        }

        boolean more = !page.path("done").asBoolean(true) && records.size() < limit;
        String next = page.path("nextRecordsUrl").asText("");
        if (more && next.isEmpty()) {
            throw new ApiError(502, "salesforce_unavailable", "Salesforce sent a page with done:false and no"
                    + " nextRecordsUrl after " + records.size() + " records",
                    "Run the query again; if it keeps happening, narrow it with a WHERE clause.");
        }
        exchange.setVariable(NEXT, more ? next : null);
        if (more) {
            exchange.getMessage().setHeader("sObjectQuery", next);
            return;
        }
        int totalSize = exchange.getVariable(TOTAL, Integer.class);
        ObjectNode result = JSON.createObjectNode();
        result.put("totalSize", totalSize);
        result.put("done", records.size() == totalSize || records.size() < limit);
        result.set("records", records);
        exchange.getMessage().setBody(JSON.writeValueAsBytes(result));
    }

    /** The caller's cap, already checked by RequestCheck; no cap when absent. */
    private static int limit(String value) {
        return value == null || value.isBlank() ? Integer.MAX_VALUE : Integer.parseInt(value.trim());
    }

    private static JsonNode read(InputStream body) throws IOException {
        try (body) {
            return JSON.readTree(body);
        }
    }
}
