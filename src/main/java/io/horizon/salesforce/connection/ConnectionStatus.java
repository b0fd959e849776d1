package io.horizon.salesforce.connection;

/** Where the bundle's one Salesforce connection stands, as persisted by {@link TokenStore}. */
public enum ConnectionStatus {
    NOT_CONNECTED,
    CONNECTED,
    EXPIRED,
    REVOKED
}
