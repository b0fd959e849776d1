package io.horizon.salesforce.connection;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness of the Salesforce connection: DOWN, with the reason, unless it is CONNECTED. */
public final class ConnectionHealthCheck extends AbstractHealthCheck {

    private final SalesforceConnection connection;

    public ConnectionHealthCheck(SalesforceConnection connection) {
        super("horizon", "salesforce-connection");
        this.connection = connection;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        ConnectionStatus status = connection.current().status();
        builder.detail("status", status.name());
        switch (status) {
            case CONNECTED -> builder.up();
            case EXPIRED -> builder.message("the refresh token no longer works: re-authorize the connection").down();
            case REVOKED -> builder.message("the connection was revoked: authorize it again").down();
            case NOT_CONNECTED -> builder.message("no Salesforce connection: authorize one").down();
        }
    }
}
