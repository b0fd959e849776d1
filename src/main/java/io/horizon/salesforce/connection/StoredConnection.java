package io.horizon.salesforce.connection;

import java.time.Instant;
import java.util.Objects;

/**
 * The persisted state of the bundle's one OAuth connection to a Salesforce org. Immutable; every component but
 * {@code status} may be null. {@link #toString()} never shows the access or refresh token.
 *
 * <pre>{@code
 * StoredConnection refreshed = current.withTokens(newAccessToken, null, clock.instant());
 * tokenStore.save(refreshed);
 * }</pre>
 */
public record StoredConnection(
        ConnectionStatus status,
        String environment,
        String loginUrl,
        String instanceUrl,
        String accessToken,
        String refreshToken,
        String orgId,
        String userId,
        String username,
        String scopes,
        Instant connectedAt,
        Instant lastRefreshAt) {

    public StoredConnection {
        Objects.requireNonNull(status, "status");
    }

    /**
     * A copy carrying the tokens of a refresh. A null {@code refreshToken} keeps the current one, because an org
     * without refresh-token rotation answers a refresh with an access token only. The status is left unchanged.
     */
    public StoredConnection withTokens(String accessToken, String refreshToken, Instant refreshedAt) {
        String keptRefreshToken = refreshToken != null ? refreshToken : this.refreshToken;
        return new StoredConnection(status, environment, loginUrl, instanceUrl, accessToken, keptRefreshToken,
                orgId, userId, username, scopes, connectedAt, refreshedAt);
    }

    /** A copy with another status and everything else unchanged. */
    public StoredConnection withStatus(ConnectionStatus status) {
        return new StoredConnection(status, environment, loginUrl, instanceUrl, accessToken, refreshToken,
                orgId, userId, username, scopes, connectedAt, lastRefreshAt);
    }

    @Override
    public String toString() {
        return "StoredConnection[status=" + status
                + ", environment=" + environment
                + ", loginUrl=" + loginUrl
                + ", instanceUrl=" + instanceUrl
                + ", accessToken=" + redacted(accessToken)
                + ", refreshToken=" + redacted(refreshToken)
                + ", orgId=" + orgId
                + ", userId=" + userId
                + ", username=" + username
                + ", scopes=" + scopes
                + ", connectedAt=" + connectedAt
                + ", lastRefreshAt=" + lastRefreshAt
                + "]";
    }

    private static String redacted(String secret) {
        return secret == null ? "null" : "<redacted>";
    }
}
