package io.horizon.salesforce.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.horizon.salesforce.Json;
import io.horizon.salesforce.connection.ConnectionException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.SalesforceMultipleChoicesException;
import org.apache.camel.component.salesforce.api.dto.RestError;

/**
 * Turns whatever a Salesforce call threw into the one {@link ApiError} callers see, whatever the input (HTTP, JMS,
 * timer). Salesforce's own error array is kept under {@code salesforce}. Stateless and thread-safe.
 */
public final class SalesforceErrorTranslator {

    static final int RATE_LIMIT_RETRY_AFTER_SECONDS = 300;

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final Set<String> PRIVILEGE_CODES = Set.of("INSUFFICIENT_ACCESS", "INSUFFICIENT_ACCESS_OR_READONLY",
            "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY", "API_DISABLED_FOR_ORG", "API_CURRENTLY_DISABLED");
    private static final Set<String> NOT_FOUND_CODES = Set.of("NOT_FOUND", "ENTITY_IS_DELETED");

    /**
     * The API error for a failure. {@code recordAddressed} says whether the call named a record (by id or external id):
     * Salesforce answers 404 NOT_FOUND both for a missing record and for an object the user cannot see, so a 404 on a
     * call that named no record is about the object.
     */
    public ApiError translate(Throwable failure, boolean recordAddressed) {
        if (failure instanceof ApiError error) {
            return error;
        }
        if (find(failure, TimeoutException.class) != null) {
            return new ApiError(504, "salesforce_unavailable", "Salesforce did not answer in time",
                    "Try again later; if it keeps happening, check the Salesforce status page.");
        }
        ConnectionException connection = find(failure, ConnectionException.class);
        if (connection != null) {
            return fromConnection(connection);
        }
        SalesforceException salesforce = find(failure, SalesforceException.class);
        if (salesforce == null) {
            return new ApiError(500, "internal_error", "the request failed inside horizon-salesforce",
                    "Try again; if it keeps happening, report it with the time of the call.");
        }
        return fromSalesforce(salesforce, recordAddressed);
    }

    /**
     * True when Salesforce said the call was not applied and may be tried again: {@code UNABLE_TO_LOCK_ROW} or HTTP
     * 503. A timeout is not among them: the call may have been applied, so it is never replayed blindly.
     */
    public boolean retryable(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        SalesforceException salesforce = find(failure, SalesforceException.class);
        return salesforce != null && (salesforce.getStatusCode() == 503
                || errorsOf(salesforce).stream().anyMatch(error -> "UNABLE_TO_LOCK_ROW".equals(error.getErrorCode())));
    }

    private ApiError fromSalesforce(SalesforceException failure, boolean recordAddressed) {
        List<RestError> errors = errorsOf(failure);
        String code = errors.isEmpty() ? "" : errors.get(0).getErrorCode();
        // without Salesforce errors the exception's own message names internal URLs: say only the status
        String message = errors.isEmpty() ? "Salesforce answered HTTP " + failure.getStatusCode()
                : errors.get(0).getMessage();
        ArrayNode raw = asJson(errors);
        int status = failure.getStatusCode();

        if (failure instanceof SalesforceMultipleChoicesException choices) {
            ArrayNode urls = JSON.valueToTree(choices.getChoices());
            return new ApiError(409, "conflict", "more than one record has this external id: " + choices.getChoices(),
                    "Make the external id unique, or update the record by its Id.", urls, null);
        }
        if ("REQUEST_LIMIT_EXCEEDED".equals(code)) {
            return new ApiError(429, "rate_limited", message,
                    "The org's API allowance is used up: check API usage at GET /api/salesforce/limits and retry later.",
                    raw, RATE_LIMIT_RETRY_AFTER_SECONDS);
        }
        if ("UNABLE_TO_LOCK_ROW".equals(code)) {
            return new ApiError(502, "salesforce_unavailable", message,
                    "The record stayed locked by other work in the org; try again in a moment.", raw, null);
        }
        if (PRIVILEGE_CODES.contains(code) || status == 403) {
            return new ApiError(403, "insufficient_privileges", message,
                    "Give the connected user's profile the API Enabled permission and access to this object and its"
                            + " fields.", raw, null);
        }
        if ("INVALID_TYPE".equals(code) || status == 404 && "NOT_FOUND".equals(code) && !recordAddressed) {
            return new ApiError(404, "object_not_accessible", message,
                    "Check the object's API name (custom objects end in __c) and that the connected user may read it.",
                    raw, null);
        }
        if (NOT_FOUND_CODES.contains(code) || status == 404) {
            return new ApiError(404, "not_found", message, "Check the record id and the object name: the record may"
                    + " have been deleted, or the object may not be visible to the connected user.", raw, null);
        }
        if ("DUPLICATES_DETECTED".equals(code) || "DUPLICATE_VALUE".equals(code)) {
            return new ApiError(409, "conflict", message, "A matching record exists: update it instead.", raw, null);
        }
        if (status == 401 || "INVALID_SESSION_ID".equals(code)) {
            return new ApiError(503, "connection_expired", "Salesforce refused the session even after renewing it",
                    "Re-authorize the Salesforce connection: POST /api/connections/salesforce/reauthorize.", raw,
                    null);
        }
        if (status >= 400 && status < 500) {
            return new ApiError(400, "invalid_request", message, "Correct the request: " + hint(code), raw, null);
        }
        if (status >= 500) {
            return new ApiError(502, "salesforce_unavailable", message,
                    "Salesforce failed to answer; try again later.", raw, null);
        }
        // a transport failure: its message names internal URLs, so callers get a plain sentence
        return new ApiError(502, "salesforce_unavailable", "Salesforce could not be reached",
                "Check the network between horizon-salesforce and Salesforce, then try again.", raw, null);
    }

    private static ApiError fromConnection(ConnectionException failure) {
        return switch (failure.kind()) {
            case "not_connected" -> new ApiError(503, "not_connected", failure.getMessage(),
                    "Connect Salesforce: POST /api/connections/salesforce/authorize and open the URL it answers.");
            case "connection_expired" -> new ApiError(503, "connection_expired", failure.getMessage(),
                    "Re-authorize the Salesforce connection: POST /api/connections/salesforce/reauthorize.");
            case "invalid_request" -> new ApiError(400, "invalid_request", failure.getMessage(),
                    "Start the authorization again.");
            default -> new ApiError(502, "salesforce_unavailable", failure.getMessage(),
                    "Salesforce could not be reached; try again later.");
        };
    }

    private static String hint(String code) {
        return switch (code) {
            case "MALFORMED_QUERY" -> "the SOQL does not parse.";
            case "INVALID_FIELD" -> "a field name is not known on this object for the connected user.";
            case "REQUIRED_FIELD_MISSING" -> "give every required field.";
            case "FIELD_CUSTOM_VALIDATION_EXCEPTION" -> "a validation rule of the org refused the values.";
            default -> "see the Salesforce error for details.";
        };
    }

    /** The errors Salesforce sent; the raw operation leaves them unparsed in the exception's message. */
    private static List<RestError> errorsOf(SalesforceException failure) {
        if (failure.getErrors() != null && !failure.getErrors().isEmpty()) {
            return failure.getErrors();
        }
        String message = failure.getMessage();
        if (message != null && message.startsWith("[")) {
            try {
                return List.of(JSON.readValue(message, RestError[].class));
            } catch (java.io.IOException e) {
                return List.of();
            }
        }
        return List.of();
    }

    private static ArrayNode asJson(List<RestError> errors) {
        ArrayNode array = JSON.createArrayNode();
        for (RestError error : errors) {
            ObjectNode item = array.addObject();
            item.put("message", error.getMessage());
            item.put("errorCode", error.getErrorCode());
            if (error.getFields() != null) {
                item.set("fields", JSON.valueToTree(error.getFields()));
            }
        }
        return array;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
