package io.horizon.salesforce.connection;

import java.util.Objects;

/** An OAuth callback whose {@code state} cannot be accepted, with the {@link Reason} it was refused. */
public final class AuthorizationStateException extends RuntimeException {

    /** Why a state was refused. */
    public enum Reason {
        /** Never issued here, or forgotten long ago. */
        UNKNOWN,
        /** Issued and already taken once. */
        REUSED,
        /** Issued but older than the request lifetime. */
        EXPIRED
    }

    private final Reason reason;

    public AuthorizationStateException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
