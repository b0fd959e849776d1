package io.horizon.salesforce.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.horizon.salesforce.Json;
import io.horizon.salesforce.errors.ApiError;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Refuses malformed HTTP input before anything reaches Salesforce: object and field names and record ids in the path
 * (they end up in Salesforce URLs), and request bodies that are not one JSON object.
 */
public final class RequestCheck {

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
    private static final Pattern POSITIVE = Pattern.compile("0*[1-9][0-9]{0,8}");
    private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");

    public void check(Exchange exchange) {
        Message message = exchange.getMessage();
        matches(message, "type", API_NAME, "an object API name such as Account or Project__c");
        matches(message, "externalIdField", API_NAME, "a field API name such as Project_Code__c");
        matches(message, "id", RECORD_ID, "a 15- or 18-character Salesforce id");
        matches(message, "limit", POSITIVE, "a positive whole number");
        String method = message.getHeader(Exchange.HTTP_METHOD, String.class);
        if ("POST".equals(method) || "PATCH".equals(method) || "PUT".equals(method)) {
            requireJsonObject(message.getBody(String.class));
        }
    }

    /** Refuses a missing or blank query parameter. */
    public void require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ApiError.invalidRequest("the query parameter " + name + " is required");
        }
    }

    private static void matches(Message message, String header, Pattern pattern, String expected) {
        String value = message.getHeader(header, String.class);
        if (value != null && !pattern.matcher(value).matches()) {
            throw ApiError.invalidRequest(header + "=" + value + " is not " + expected);
        }
    }

    private static void requireJsonObject(String body) {
        try {
            if (body == null || body.isBlank() || !JSON.readTree(body).isObject()) {
                throw ApiError.invalidRequest("the body must be one JSON object of field names and values");
            }
        } catch (JsonProcessingException e) {
            throw ApiError.invalidRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
