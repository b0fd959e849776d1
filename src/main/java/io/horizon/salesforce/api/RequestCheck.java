package io.horizon.salesforce.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.horizon.salesforce.Json;
import io.horizon.salesforce.errors.ApiError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Collection;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Refuses malformed HTTP input before anything reaches Salesforce: object, field and record names in the path and the
 * query (they end up in Salesforce URLs), parameters given twice, and request bodies that are not exactly one JSON
 * object in a known charset. An accepted body is left as a String, so it reaches Salesforce as UTF-8.
 */
public final class RequestCheck {

    private static final ObjectReader STRICT_JSON = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final String NAME = "[A-Za-z][A-Za-z0-9_]{0,79}";
    private static final Pattern API_NAME = Pattern.compile(NAME);
    private static final Pattern FIELD_LIST = Pattern.compile(NAME + "(," + NAME + ")*");
    private static final Pattern POSITIVE = Pattern.compile("0*[1-9][0-9]{0,8}");
    private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");

    public void check(Exchange exchange) {
        Message message = exchange.getMessage();
        for (String name : new String[] {"type", "externalIdField", "id", "fields", "limit", "all", "soql", "sosl",
            "reportId", "instanceId", "async", "includeDetails"}) {
            if (message.getHeader(name) instanceof Collection<?>) {
                throw ApiError.invalidRequest("the parameter " + name + " is given more than once");
            }
        }
        matches(message, "type", API_NAME, "an object API name such as Account or Project__c");
        matches(message, "externalIdField", API_NAME, "a field API name such as Project_Code__c");
        matches(message, "id", RECORD_ID, "a 15- or 18-character Salesforce id");
        matches(message, "reportId", RECORD_ID, "a 15- or 18-character report id");
        matches(message, "instanceId", RECORD_ID, "a 15- or 18-character report instance id");
        matches(message, "fields", FIELD_LIST, "a comma-separated list of field API names such as Name,Phone");
        matches(message, "limit", POSITIVE, "a positive whole number below 1,000,000,000");
        String method = message.getHeader(Exchange.HTTP_METHOD, String.class);
        if ("POST".equals(method) || "PATCH".equals(method) || "PUT".equals(method)) {
            String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
            if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
                throw ApiError.invalidRequest("the body is sent as a form; send it as JSON with Content-Type:"
                        + " application/json");
            }
            String body = decode(message.getBody(byte[].class), contentType);
            // a report run is the one POST whose body may be empty
            if (!(body.isBlank() && message.getHeader("reportId") != null)) {
                requireJsonObject(body);
            }
            message.setBody(body);
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

    /** The body as text in the charset its Content-Type names (UTF-8 when none); bytes that are not are refused. */
    private static String decode(byte[] body, String contentType) {
        Charset charset = charsetOf(contentType);
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body == null ? new byte[0] : body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.invalidRequest("the body is not valid " + charset.name() + " text");
        }
    }

    private static Charset charsetOf(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String trimmed = part.trim();
                if (trimmed.regionMatches(true, 0, "charset=", 0, 8)) {
                    String name = trimmed.substring(8).replace("\"", "");
                    try {
                        return Charset.forName(name);
                    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                        throw ApiError.invalidRequest("the charset " + name + " is not supported; send UTF-8");
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static void requireJsonObject(String body) {
        try {
            if (body.isBlank() || !STRICT_JSON.readTree(body).isObject()) {
                throw ApiError.invalidRequest("the body must be one JSON object of field names and values");
            }
        } catch (JsonProcessingException e) {
            throw ApiError.invalidRequest("the body is not one valid JSON object: " + e.getOriginalMessage());
        }
    }
}
