package io.horizon.salesforce.errors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A failure as callers see it: an error kind from DESIGN.md, its HTTP status, what happened, what to do, and the
 * errors Salesforce sent (null when the failure did not come from Salesforce).
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String kind;
    private final String remedy;
    private final transient JsonNode salesforce;
    private final Integer retryAfterSeconds;

    public ApiError(int status, String kind, String message, String remedy, JsonNode salesforce,
            Integer retryAfterSeconds) {
        super(message);
        this.status = status;
        this.kind = kind;
        this.remedy = remedy;
        this.salesforce = salesforce;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ApiError(int status, String kind, String message, String remedy) {
        this(status, kind, message, remedy, null, null);
    }

    public static ApiError invalidRequest(String message) {
        return new ApiError(400, "invalid_request", message, "Correct the request and send it again.");
    }

    public int status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public String remedy() {
        return remedy;
    }

    public JsonNode salesforce() {
        return salesforce;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
