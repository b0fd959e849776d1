package io.horizon.salesforce.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.horizon.salesforce.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.horizon.salesforce.errors.ApiError;
import java.io.IOException;
import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Variable;

/**
 * Follows a query's {@code nextRecordsUrl} until Salesforce says {@code done}, or until the caller's limit is reached,
 * and answers one result with every record. Whether more pages come is decided by {@code done}, never by page size.
 */
public final class QueryPager {

    private static final ObjectMapper JSON = Json.MAPPER;

    private final ProducerTemplate template;

    public QueryPager(ProducerTemplate template) {
        this.template = template;
    }

    /**
     * Replaces the first page in the body with {@code {"totalSize","done","records"}} holding every page's records,
     * capped at {@code limit} when given; {@code done} is false only when the cap left records out.
     */
    public void collect(Exchange exchange, @Variable("limit") String limitParameter) throws Exception {
        int limit = parseLimit(limitParameter);
        JsonNode page = read(exchange.getMessage().getBody(InputStream.class));
        int totalSize = page.path("totalSize").asInt();
        ArrayNode records = JSON.createArrayNode();

        while (true) {
            for (JsonNode record : page.path("records")) {
                if (records.size() == limit) {
                    break;
                }
                records.add(record);
            }
            if (page.path("done").asBoolean(true) || records.size() == limit) {
                break;
            }
            String next = page.path("nextRecordsUrl").asText("");
            if (next.isEmpty()) {
                throw new ApiError(502, "salesforce_unavailable",
                        "Salesforce sent a page with done:false and no nextRecordsUrl after " + records.size()
                                + " records",
                        "Run the query again; if it keeps happening, narrow it with a WHERE clause.");
            }
            page = read(template.requestBodyAndHeader("salesforce:queryMore", null, "sObjectQuery", next,
                    InputStream.class));
        }

        ObjectNode result = JSON.createObjectNode();
        result.put("totalSize", totalSize);
        result.put("done", records.size() == totalSize || records.size() < limit);
        result.set("records", records);
        exchange.getMessage().setBody(JSON.writeValueAsBytes(result));
    }

    private static int parseLimit(String value) {
        if (value == null || value.isBlank()) {
            return Integer.MAX_VALUE;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit > 0) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below with the same message as a negative number
        }
        throw ApiError.invalidRequest("limit=" + value + " is not a positive whole number");
    }

    private static JsonNode read(InputStream body) throws IOException {
        try (body) {
            return JSON.readTree(body);
        }
    }
}
