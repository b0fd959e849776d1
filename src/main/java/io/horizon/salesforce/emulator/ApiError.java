package io.horizon.salesforce.emulator;

import java.util.List;

/** A REST call the org refuses, answered as Salesforce does: the status and {@code [{"message","errorCode","fields"}]}. */
final class ApiError extends RuntimeException {

    static final String NOT_FOUND_MESSAGE = "The requested resource does not exist";

    private final int status;
    private final String errorCode;
    private final List<String> fields;

    ApiError(int status, String errorCode, String message, List<String> fields) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.fields = fields;
    }

    ApiError(int status, String errorCode, String message) {
        this(status, errorCode, message, null);
    }

    static ApiError notFound() {
        return new ApiError(404, "NOT_FOUND", NOT_FOUND_MESSAGE);
    }

    static ApiError invalidField(String field, String objectName) {
        return new ApiError(400, "INVALID_FIELD", "No such column '" + field + "' on sobject of type " + objectName,
                List.of(field));
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }

    /** The fields the error is about, or null when the error names none. */
    List<String> fields() {
        return fields;
    }
}
