package io.horizon.salesforce.connection;

/**
 * A connection step that failed: the kind says what callers should be told ({@code not_connected},
 * {@code connection_expired}, {@code salesforce_unavailable}, {@code invalid_request}); the message never holds a token.
 */
public final class ConnectionException extends RuntimeException {

    private final String kind;

    public ConnectionException(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ConnectionException(String kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
