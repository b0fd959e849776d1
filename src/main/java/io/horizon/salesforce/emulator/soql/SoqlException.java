package io.horizon.salesforce.emulator.soql;

/** A query the org refuses, carrying the Salesforce error code (MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE). */
public final class SoqlException extends RuntimeException {

    private final String errorCode;

    public SoqlException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}
