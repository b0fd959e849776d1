package io.horizon.salesforce.emulator;

import static io.horizon.salesforce.emulator.EmulatorHttp.V;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.horizon.salesforce.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OAuthTest {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-10T09:00:00Z"));
    private static SalesforceEmulator emulator;
    private static EmulatorSettings settings;

    @BeforeAll
    static void start() {
        settings = EmulatorSettings.defaults().withClock(CLOCK);
        emulator = SalesforceEmulator.start(settings);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private EmulatorHttp http() {
        return new EmulatorHttp(emulator.baseUrl());
    }

    @Test
    void passwordGrantAnswersTheTokenShapeCamelNeeds() {
        EmulatorHttp.Response answer = http().form("/services/oauth2/token", EmulatorHttp.passwordGrant());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
        JsonNode token = answer.json();
        assertThat(token.get("instance_url").asText()).isEqualTo(emulator.baseUrl());
        assertThat(token.get("id").asText()).matches(emulator.baseUrl().replace(".", "\\.")
                + "/id/00D[0-9A-Za-z]{15}/005[0-9A-Za-z]{15}");
        assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.get("issued_at").asText()).isEqualTo(Long.toString(CLOCK.instant().toEpochMilli()));
        assertThat(token.get("signature").asText()).isBase64();
        assertThat(token.get("scope").asText()).isEqualTo("api refresh_token offline_access");
        assertThat(token.get("access_token").asText()).isNotBlank();
        assertThat(token.get("refresh_token").asText()).isNotBlank();
    }

    @Test
    void refreshGrantIssuesANewAccessTokenWithoutARefreshToken() {
        String refreshToken = http().form("/services/oauth2/token", EmulatorHttp.passwordGrant()).json()
                .get("refresh_token").asText();

        EmulatorHttp.Response answer = http().form("/services/oauth2/token", Map.of("grant_type", "refresh_token",
                "client_id", settings.clientId(), "refresh_token", refreshToken));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().has("refresh_token")).isFalse();
        String accessToken = answer.json().get("access_token").asText();
        assertThat(http().withToken(accessToken).get(V + "/limits/").status()).isEqualTo(200);
    }

    @Test
    void clientCredentialsGrantIssuesAnAccessToken() {
        EmulatorHttp.Response answer = http().form("/services/oauth2/token", Map.of("grant_type",
                "client_credentials", "client_id", settings.clientId(), "client_secret", settings.clientSecret()));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().has("refresh_token")).isFalse();
        assertThat(answer.json().get("access_token").asText()).isNotBlank();
    }

    @Test
    void loginErrorsAre400WithExactlyErrorAndDescription() {
        Map<String, String> wrongPassword = new HashMap<>(EmulatorHttp.passwordGrant());
        wrongPassword.put("password", "nope");
        Map<String, String> wrongSecret = new HashMap<>(EmulatorHttp.passwordGrant());
        wrongSecret.put("client_secret", "nope");
        Map<String, String> wrongGrant = new HashMap<>(EmulatorHttp.passwordGrant());
        wrongGrant.put("grant_type", "urn:ietf:params:oauth:grant-type:saml2-bearer");

        assertOAuthError(http().form("/services/oauth2/token", wrongPassword), "invalid_grant");
        assertOAuthError(http().form("/services/oauth2/token", wrongSecret), "invalid_client");
        assertOAuthError(http().form("/services/oauth2/token", wrongGrant), "unsupported_grant_type");
        assertOAuthError(http().form("/services/oauth2/token", Map.of("grant_type", "refresh_token", "client_id",
                settings.clientId(), "refresh_token", "unknown")), "invalid_grant");
    }

    @Test
    void revokingAnAccessTokenEndsItsSession() {
        EmulatorHttp http = http().login();
        assertThat(http.get(V + "/limits/").status()).isEqualTo(200);

        EmulatorHttp.Response revoked = http().get("/services/oauth2/revoke?token=" + EmulatorHttp.enc(http.token()));

        assertThat(revoked.status()).isEqualTo(200);
        assertInvalidSession(http.get(V + "/limits/"));
    }

    @Test
    void revokingARefreshTokenEndsTheAccessTokensItIssued() {
        JsonNode login = http().form("/services/oauth2/token", EmulatorHttp.passwordGrant()).json();
        EmulatorHttp http = http().withToken(login.get("access_token").asText());

        EmulatorHttp.Response revoked = http().form("/services/oauth2/revoke",
                Map.of("token", login.get("refresh_token").asText()));

        assertThat(revoked.status()).isEqualTo(200);
        assertInvalidSession(http.get(V + "/limits/"));
        assertOAuthError(http().form("/services/oauth2/token", Map.of("grant_type", "refresh_token", "client_id",
                settings.clientId(), "refresh_token", login.get("refresh_token").asText())), "invalid_grant");
    }

    @Test
    void revokingAnUnknownTokenIs400InvalidToken() {
        assertOAuthError(http().get("/services/oauth2/revoke?token=nothing-like-it"), "invalid_token");
    }

    @Test
    void aMissingOrBadTokenIs401InvalidSessionWithoutAChallenge() {
        assertInvalidSession(http().get(V + "/sobjects/"));
        assertInvalidSession(http().withToken("forged").get(V + "/sobjects/"));
    }

    @Test
    void anAccessTokenExpiresAfterTheConfiguredLifetime() {
        EmulatorHttp http = http().login();
        assertThat(http.get(V + "/limits/").status()).isEqualTo(200);

        CLOCK.advance(settings.accessTokenLifetime().plus(Duration.ofSeconds(1)));

        assertInvalidSession(http.get(V + "/limits/"));
    }

    private static void assertOAuthError(EmulatorHttp.Response answer, String error) {
        assertThat(answer.status()).isEqualTo(400);
        List<String> names = new java.util.ArrayList<>();
        answer.json().fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("error", "error_description");
        assertThat(answer.json().get("error").asText()).isEqualTo(error);
    }

    static void assertInvalidSession(EmulatorHttp.Response answer) {
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isNull();
        assertThat(answer.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
        assertThat(answer.json().get(0).get("message").asText()).isEqualTo("Session expired or invalid");
    }
}
