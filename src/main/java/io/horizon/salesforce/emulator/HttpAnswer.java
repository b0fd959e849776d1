package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One HTTP answer: status, headers and a body that is JSON (or empty). */
record HttpAnswer(int status, Map<String, String> headers, byte[] body) {

    // Salesforce writes characters outside the BMP (emoji) as plain UTF-8, not as escaped surrogate pairs
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    static final String JSON_UTF8 = "application/json;charset=UTF-8";

    static HttpAnswer json(int status, JsonNode body) {
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", JSON_UTF8);
            return new HttpAnswer(status, headers, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpAnswer empty(int status) {
        return new HttpAnswer(status, new LinkedHashMap<>(), new byte[0]);
    }

    static HttpAnswer error(ApiError error) {
        return errors(error.status(), error.errorCode(), error.getMessage(), error.fields());
    }

    /** Salesforce's REST error shape: an array holding one {@code {"message","errorCode"[,"fields"]}}. */
    static HttpAnswer errors(int status, String errorCode, String message, List<String> fields) {
        ArrayNode array = JSON.createArrayNode();
        ObjectNode error = array.addObject().put("message", message).put("errorCode", errorCode);
        if (fields != null) {
            fields.forEach(error.putArray("fields")::add);
        }
        return json(status, array);
    }

    /** The OAuth error shape: exactly {@code error} and {@code error_description}, always HTTP 400. */
    static HttpAnswer oauthError(String error, String description) {
        return json(400, JSON.createObjectNode().put("error", error).put("error_description", description));
    }

    HttpAnswer withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
