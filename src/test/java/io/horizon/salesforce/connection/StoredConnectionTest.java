package io.horizon.salesforce.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoredConnectionTest {

    private static final Instant CONNECTED_AT = Instant.parse("2026-02-11T09:00:00Z");
    private static final Instant REFRESHED_AT = Instant.parse("2026-02-11T10:00:00Z");

    static StoredConnection connected(String accessToken, String refreshToken) {
        return new StoredConnection(ConnectionStatus.CONNECTED, "sandbox", "https://test.salesforce.com",
                "https://acme--dev.sandbox.my.salesforce.com", accessToken, refreshToken, "00DAk000000Org1EAC",
                "005Ak00000UsrAdIAJ", "ada@acme.example", "api refresh_token", CONNECTED_AT, null);
    }

    @Test
    void withTokensWithoutRefreshTokenKeepsTheCurrentOne() {
        StoredConnection connection = connected("access-1", "refresh-1");

        StoredConnection refreshed = connection.withTokens("access-2", null, REFRESHED_AT);

        assertThat(refreshed.accessToken()).isEqualTo("access-2");
        assertThat(refreshed.refreshToken()).isEqualTo("refresh-1");
        assertThat(refreshed.lastRefreshAt()).isEqualTo(REFRESHED_AT);
        assertThat(refreshed.connectedAt()).isEqualTo(CONNECTED_AT);
    }

    @Test
    void withTokensTakesARotatedRefreshToken() {
        StoredConnection connection = connected("access-1", "refresh-1");

        StoredConnection refreshed = connection.withTokens("access-2", "refresh-2", REFRESHED_AT);

        assertThat(refreshed.refreshToken()).isEqualTo("refresh-2");
        assertThat(refreshed.status()).isEqualTo(ConnectionStatus.CONNECTED);
    }

    @Test
    void withStatusChangesOnlyTheStatus() {
        StoredConnection connection = connected("access-1", "refresh-1");

        StoredConnection revoked = connection.withStatus(ConnectionStatus.REVOKED);

        assertThat(revoked).isEqualTo(new StoredConnection(ConnectionStatus.REVOKED, connection.environment(),
                connection.loginUrl(), connection.instanceUrl(), connection.accessToken(), connection.refreshToken(),
                connection.orgId(), connection.userId(), connection.username(), connection.scopes(),
                connection.connectedAt(), connection.lastRefreshAt()));
    }

    @Test
    void toStringShowsNeitherToken() {
        StoredConnection connection = connected("00DAk!AQEAccessSecret", "5Aep861RefreshSecret");

        String text = connection.toString();

        assertThat(text).doesNotContain("AccessSecret", "RefreshSecret");
        assertThat(text).contains("accessToken=<redacted>", "refreshToken=<redacted>", "ada@acme.example");
    }
}
