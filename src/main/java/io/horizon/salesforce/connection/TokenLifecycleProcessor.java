package io.horizon.salesforce.connection;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.internal.SalesforceSession;
import org.eclipse.jetty.client.ContentResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one valid access token for every Salesforce call, from any input. Routes call {@link #beforeCall} before each
 * call (it fails fast when the connection is not usable) and use this processor as the {@code onRedelivery} of the
 * one replay after {@code INVALID_SESSION_ID}: it refreshes the session once, however many callers failed together,
 * and hands camel-salesforce's session the new token. A dead refresh token turns the connection EXPIRED; after that
 * only one probe per back-off window reaches Salesforce until it is re-authorized. Thread-safe.
 */
public final class TokenLifecycleProcessor implements Processor {

    /** The exchange property holding the access token a call was sent with. */
    public static final String TOKEN_USED = "horizonSalesforceTokenUsed";

    private static final Logger LOG = LoggerFactory.getLogger(TokenLifecycleProcessor.class);

    private final SalesforceConnection connection;
    private final SalesforceComponent component;
    private final Clock clock;
    private final Duration probeInterval;
    private final RetryPolicy<Object> transientFailures;
    private final Object renewal = new Object();
    private volatile Instant nextProbe = Instant.MIN;

    public TokenLifecycleProcessor(SalesforceConnection connection, SalesforceComponent component, Clock clock,
            Duration probeInterval, int refreshAttempts, Duration firstBackoff) {
        this.connection = connection;
        this.component = component;
        this.clock = clock;
        this.probeInterval = probeInterval;
        this.transientFailures = RetryPolicy.builder()
                .handleIf(failure -> failure instanceof ConnectionException e
                        && "salesforce_unavailable".equals(e.kind()))
                .withMaxAttempts(refreshAttempts)
                .withBackoff(firstBackoff, firstBackoff.multipliedBy(8))
                .onRetry(event -> LOG.warn("token refresh failed, retrying attempt={}", event.getAttemptCount()))
                .build();
    }

    /**
     * Runs before every Salesforce call: refuses it when the connection is not set up or has expired (letting one
     * probe through per back-off window), makes sure the session holds a token, and notes which token the call uses.
     */
    public void beforeCall(Exchange exchange) {
        StoredConnection current = connection.current();
        switch (current.status()) {
            case NOT_CONNECTED, REVOKED -> throw new ConnectionException("not_connected",
                    "the Salesforce connection is not set up");
            case EXPIRED -> probe();
            case CONNECTED -> {
                if (session().getAccessToken() == null) {
                    renew(null);
                }
            }
        }
        exchange.setProperty(TOKEN_USED, session().getAccessToken());
    }

    /** The replay's preparation after Salesforce refused the session: renews it unless another caller already did. */
    @Override
    public void process(Exchange exchange) {
        renew(exchange.getProperty(TOKEN_USED, String.class));
    }

    /** True when a call failed because Salesforce no longer accepts the session (REST 401, Bulk API 400). */
    public boolean sessionRefused(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SalesforceException salesforce) {
                return salesforce.getStatusCode() == 401 || salesforce.getStatusCode() == 400
                        && salesforce.getErrors() != null && salesforce.getErrors().stream()
                                .anyMatch(error -> "InvalidSessionId".equals(error.getErrorCode()));
            }
        }
        return false;
    }

    /** Drops the session's token (after the connection was removed or replaced). */
    public void forgetSession() {
        synchronized (renewal) {
            try {
                session().logout();
            } catch (SalesforceException e) {
                LOG.debug("session logout failed: {}", e.getMessage());
            }
        }
    }

    /** Hands the session the token answer of a completed authorization, replacing whatever it held. */
    public void connected(ContentResponse tokenAnswer) {
        synchronized (renewal) {
            nextProbe = Instant.MIN;
            useAnswer(tokenAnswer);
        }
    }

    private void renew(String staleToken) {
        synchronized (renewal) {
            String sessionToken = session().getAccessToken();
            if (sessionToken != null && !sessionToken.equals(staleToken)) {
                return;
            }
            refreshSession();
        }
    }

    private void probe() {
        synchronized (renewal) {
            if (connection.current().status() == ConnectionStatus.CONNECTED) {
                return;
            }
            Instant now = clock.instant();
            if (now.isBefore(nextProbe)) {
                throw expired();
            }
            nextProbe = now.plus(probeInterval);
            LOG.info("probing an expired salesforce connection");
            refreshSession();
        }
    }

    private void refreshSession() {
        try {
            if (connection.settings().grant() == ConnectionSettings.Grant.AUTHORIZATION_CODE) {
                useAnswer(Failsafe.with(transientFailures).get(connection::refresh));
            } else {
                Failsafe.with(transientFailures).run(this::logInThroughComponent);
            }
        } catch (FailsafeException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        } catch (ConnectionException e) {
            if ("connection_expired".equals(e.kind())) {
                connection.markExpired();
                nextProbe = clock.instant().plus(probeInterval);
                throw expired();
            }
            throw e;
        }
    }

    /** The headless grants: camel-salesforce builds the JWT or client-credentials request itself. */
    private void logInThroughComponent() {
        try {
            session().login(session().getAccessToken());
        } catch (SalesforceException e) {
            boolean refused = e.getStatusCode() == 400;
            throw new ConnectionException(refused ? "connection_expired" : "salesforce_unavailable",
                    "Salesforce refused the log-in: " + (e.getErrors() == null || e.getErrors().isEmpty()
                            ? "HTTP " + e.getStatusCode() : e.getErrors().get(0).getErrorCode()), e);
        }
        connection.loggedIn(session().getInstanceUrl(), session().getId());
    }

    private void useAnswer(ContentResponse answer) {
        try {
            session().parseLoginResponse(answer, answer.getContentAsString());
        } catch (SalesforceException e) {
            throw new ConnectionException("salesforce_unavailable", "the token answer was not accepted", e);
        }
    }

    private static ConnectionException expired() {
        return new ConnectionException("connection_expired", "the Salesforce connection has expired");
    }

    private SalesforceSession session() {
        return component.getSession();
    }
}
