package io.horizon.salesforce.emulator;

import static io.horizon.salesforce.emulator.AuthorizationCodeTest.assertOAuthError;
import static io.horizon.salesforce.emulator.EmulatorHttp.V;
import static io.horizon.salesforce.emulator.EmulatorHttp.enc;
import static io.horizon.salesforce.emulator.OAuthTest.assertInvalidSession;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.horizon.salesforce.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RefreshTokenLifecycleTest {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private static SalesforceEmulator emulator;
    private static EmulatorHttp admin;

    @BeforeAll
    static void start() {
        emulator = SalesforceEmulator.start(EmulatorSettings.defaults().withClock(CLOCK));
        admin = new EmulatorHttp(emulator.baseUrl());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void reset() {
        admin.post("/_emulator/reset", null);
    }

    private static EmulatorHttp http() {
        return new EmulatorHttp(emulator.baseUrl());
    }

    /** A fresh authorization through the consent page and a PKCE code exchange. */
    private static JsonNode authorize() {
        String code = AuthorizationCodeTest.allow(http(), AuthorizationCodeTest.authorizeRequest("st"));
        EmulatorHttp.Response answer = http().form("/services/oauth2/token",
                AuthorizationCodeTest.exchange(code, AuthorizationCodeTest.VERIFIER));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private static EmulatorHttp.Response refresh(String refreshToken) {
        return http().form("/services/oauth2/token", Map.of("grant_type", "refresh_token", "client_id",
                EmulatorSettings.defaults().clientId(), "refresh_token", refreshToken));
    }

    private static void switches(String json) {
        assertThat(admin.call("PUT", "/_emulator/oauth", json).status()).isEqualTo(200);
    }

    private static int dataCall(String accessToken) {
        return http().withToken(accessToken).get(V + "/limits/").status();
    }

    @Test
    void withRotationEachRefreshAnswersANewRefreshToken() {
        switches("{\"rotateRefreshTokens\":true}");
        String first = authorize().get("refresh_token").asText();

        JsonNode second = refresh(first).json();
        JsonNode third = refresh(second.get("refresh_token").asText()).json();

        assertThat(second.get("refresh_token").asText()).isNotBlank().isNotEqualTo(first);
        assertThat(third.get("refresh_token").asText()).isNotBlank()
                .isNotEqualTo(second.get("refresh_token").asText());
        assertThat(third.get("scope").asText()).isEqualTo(AuthorizationCodeTest.SCOPE);
        assertThat(dataCall(third.get("access_token").asText())).isEqualTo(200);
    }

    @Test
    void replayingARotatedRefreshTokenRevokesTheWholeFamily() {
        switches("{\"rotateRefreshTokens\":true}");
        JsonNode login = authorize();
        String first = login.get("refresh_token").asText();
        JsonNode second = refresh(first).json();
        String live = second.get("refresh_token").asText();

        EmulatorHttp.Response replay = refresh(first);

        assertOAuthError(replay, "invalid_grant", "expired access/refresh token");
        assertOAuthError(refresh(live), "invalid_grant", "expired access/refresh token");
        assertInvalidSession(http().withToken(login.get("access_token").asText()).get(V + "/limits/"));
        assertInvalidSession(http().withToken(second.get("access_token").asText()).get(V + "/limits/"));
    }

    @Test
    void aReplayLeavesOtherFamiliesAlone() {
        switches("{\"rotateRefreshTokens\":true}");
        String victim = authorize().get("refresh_token").asText();
        JsonNode bystander = authorize();
        refresh(victim);

        refresh(victim);

        assertThat(dataCall(bystander.get("access_token").asText())).isEqualTo(200);
        assertThat(refresh(bystander.get("refresh_token").asText()).status()).isEqualTo(200);
    }

    @Test
    void withoutRotationTheAnswerHasNoRefreshTokenAndTheOldOneStaysValid() {
        String refreshToken = authorize().get("refresh_token").asText();

        EmulatorHttp.Response first = refresh(refreshToken);
        EmulatorHttp.Response second = refresh(refreshToken);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().has("refresh_token")).isFalse();
        assertThat(second.status()).isEqualTo(200);
        assertThat(dataCall(first.json().get("access_token").asText())).isEqualTo(200);
    }

    @Test
    void expiringAccessTokensMakesTheNextDataCall401ButRefreshStillWorks() {
        JsonNode login = authorize();

        EmulatorHttp.Response expired = admin.post("/_emulator/oauth/expire-access-tokens", null);

        assertThat(expired.status()).isEqualTo(200);
        assertThat(expired.json().get("expired").asInt()).isPositive();
        assertInvalidSession(http().withToken(login.get("access_token").asText()).get(V + "/limits/"));
        JsonNode refreshed = refresh(login.get("refresh_token").asText()).json();
        assertThat(dataCall(refreshed.get("access_token").asText())).isEqualTo(200);
    }

    @Test
    void revokingAllRefreshTokensMakesRefreshInvalidGrantAndEndsTheirSessions() {
        JsonNode login = authorize();
        JsonNode password = http().form("/services/oauth2/token", EmulatorHttp.passwordGrant()).json();

        EmulatorHttp.Response revoked = admin.post("/_emulator/oauth/revoke-refresh-tokens", null);

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("revoked").asInt()).isGreaterThanOrEqualTo(2);
        assertOAuthError(refresh(login.get("refresh_token").asText()), "invalid_grant",
                "expired access/refresh token");
        assertOAuthError(refresh(password.get("refresh_token").asText()), "invalid_grant",
                "expired access/refresh token");
        assertInvalidSession(http().withToken(login.get("access_token").asText()).get(V + "/limits/"));
    }

    @Test
    void revokingARefreshTokenKillsItsAccessTokensOnly() {
        JsonNode login = authorize();
        String refreshed = refresh(login.get("refresh_token").asText()).json().get("access_token").asText();
        JsonNode other = authorize();

        EmulatorHttp.Response revoked = http().get("/services/oauth2/revoke?token="
                + enc(login.get("refresh_token").asText()));

        assertThat(revoked.status()).isEqualTo(200);
        assertInvalidSession(http().withToken(login.get("access_token").asText()).get(V + "/limits/"));
        assertInvalidSession(http().withToken(refreshed).get(V + "/limits/"));
        assertThat(dataCall(other.get("access_token").asText())).isEqualTo(200);
        assertOAuthError(refresh(login.get("refresh_token").asText()), "invalid_grant",
                "expired access/refresh token");
    }

    @Test
    void revokingAnAccessTokenLeavesItsRefreshTokenAndSiblings() {
        JsonNode login = authorize();
        String sibling = refresh(login.get("refresh_token").asText()).json().get("access_token").asText();

        EmulatorHttp.Response revoked = http().form("/services/oauth2/revoke",
                Map.of("token", login.get("access_token").asText()));

        assertThat(revoked.status()).isEqualTo(200);
        assertInvalidSession(http().withToken(login.get("access_token").asText()).get(V + "/limits/"));
        assertThat(dataCall(sibling)).isEqualTo(200);
        assertThat(refresh(login.get("refresh_token").asText()).status()).isEqualTo(200);
        assertThat(admin.get("/_emulator/oauth/revoked").json().get("refreshTokens")).isEmpty();
    }

    @Test
    void revokingAnUnknownTokenIsInvalidToken() {
        assertOAuthError(http().get("/services/oauth2/revoke?token=never-issued"), "invalid_token", "invalid token");
    }

    @Test
    void theAccessTokenLifetimeCanBeChangedAtRunTime() {
        switches("{\"accessTokenLifetimeSeconds\":60}");
        JsonNode login = authorize();
        assertThat(dataCall(login.get("access_token").asText())).isEqualTo(200);

        CLOCK.advance(Duration.ofSeconds(61));

        assertInvalidSession(http().withToken(login.get("access_token").asText()).get(V + "/limits/"));
    }

    @Test
    void theTokenRequestLogShowsEachGrantInOrder() {
        admin.delete("/_emulator/oauth/token-requests");
        String refreshToken = authorize().get("refresh_token").asText();
        refresh(refreshToken);
        refresh("not-a-token");

        JsonNode requests = admin.get("/_emulator/oauth/token-requests").json().get("requests");

        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).get("grantType").asText()).isEqualTo("authorization_code");
        assertThat(requests.get(0).get("refreshToken").isNull()).isTrue();
        assertThat(requests.get(1).get("grantType").asText()).isEqualTo("refresh_token");
        assertThat(requests.get(1).get("refreshToken").asText()).isEqualTo(refreshToken);
        assertThat(requests.get(1).get("status").asInt()).isEqualTo(200);
        assertThat(requests.get(1).get("error").isNull()).isTrue();
        assertThat(requests.get(2).get("refreshToken").asText()).isEqualTo("not-a-token");
        assertThat(requests.get(2).get("status").asInt()).isEqualTo(400);
        assertThat(requests.get(2).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void theRevokedListConfirmsRefreshTokensRevokedByARevokeCall() {
        String first = authorize().get("refresh_token").asText();
        String second = authorize().get("refresh_token").asText();
        String untouched = authorize().get("refresh_token").asText();

        http().get("/services/oauth2/revoke?token=" + enc(first));
        http().form("/services/oauth2/revoke", Map.of("token", second));

        List<String> revoked = new ArrayList<>();
        admin.get("/_emulator/oauth/revoked").json().get("refreshTokens").forEach(t -> revoked.add(t.asText()));
        assertThat(revoked).containsExactly(first, second).doesNotContain(untouched);
    }

    @Test
    void switchesCanBeReadAndResetRestoresTheDefaults() {
        switches("{\"autoApprove\":true,\"rotateRefreshTokens\":true,\"accessTokenLifetimeSeconds\":90}");
        JsonNode changed = admin.get("/_emulator/oauth").json();

        admin.post("/_emulator/reset", null);

        assertThat(changed.get("autoApprove").asBoolean()).isTrue();
        assertThat(changed.get("rotateRefreshTokens").asBoolean()).isTrue();
        assertThat(changed.get("accessTokenLifetimeSeconds").asLong()).isEqualTo(90);
        JsonNode defaults = admin.get("/_emulator/oauth").json();
        assertThat(defaults.get("autoApprove").asBoolean()).isFalse();
        assertThat(defaults.get("rotateRefreshTokens").asBoolean()).isFalse();
        assertThat(defaults.get("accessTokenLifetimeSeconds").asLong()).isEqualTo(7200);
    }

    @Test
    void aBadSwitchIsRefusedAndNothingChanges() {
        EmulatorHttp.Response refused = admin.call("PUT", "/_emulator/oauth",
                "{\"autoApprove\":true,\"accessTokenLifetimeSeconds\":0}");
        EmulatorHttp.Response unknown = admin.call("PUT", "/_emulator/oauth", "{\"autoApprov\":true}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_OAUTH_SETTING");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(admin.get("/_emulator/oauth").json().get("autoApprove").asBoolean()).isFalse();
    }
}
