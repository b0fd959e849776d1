package io.horizon.salesforce.emulator;

import static io.horizon.salesforce.emulator.EmulatorHttp.V;
import static io.horizon.salesforce.emulator.EmulatorHttp.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.horizon.salesforce.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthorizationCodeTest {

    // RFC 7636, appendix B
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    static final String REDIRECT = "http://127.0.0.1:8080/oauth/callback";
    static final String SCOPE = "api refresh_token offline_access";

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-02-01T08:00:00Z"));
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

    @AfterEach
    void reset() {
        http().post("/_emulator/reset", null);
    }

    private static EmulatorHttp http() {
        return new EmulatorHttp(emulator.baseUrl());
    }

    static Map<String, String> authorizeRequest(String state) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("response_type", "code");
        request.put("client_id", EmulatorSettings.defaults().clientId());
        request.put("redirect_uri", REDIRECT);
        request.put("scope", SCOPE);
        request.put("state", state);
        request.put("code_challenge", CHALLENGE);
        request.put("code_challenge_method", "S256");
        return request;
    }

    static String query(Map<String, String> fields) {
        StringBuilder query = new StringBuilder();
        fields.forEach((name, value) -> query.append(query.length() == 0 ? "?" : "&").append(enc(name)).append('=')
                .append(enc(value)));
        return query.toString();
    }

    /** The query fields of a 302's Location, decoded. */
    static Map<String, String> redirectFields(EmulatorHttp.Response answer, String redirectUri) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(302);
        String location = answer.header("Location");
        assertThat(location).startsWith(redirectUri + "?");
        return Forms.parse(URI.create(location).getRawQuery());
    }

    /** Allow on the consent page, as the browser would post it; answers the code. */
    static String allow(EmulatorHttp http, Map<String, String> request) {
        Map<String, String> form = new HashMap<>(request);
        form.put("decision", "allow");
        return redirectFields(http.form("/services/oauth2/authorize", form), request.get("redirect_uri")).get("code");
    }

    static Map<String, String> exchange(String code, String verifier) {
        Map<String, String> form = new HashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", REDIRECT);
        form.put("client_id", EmulatorSettings.defaults().clientId());
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        return form;
    }

    @Test
    void consentPageNamesTheAppAndScopesAndPostsTheRequestBack() {
        EmulatorHttp.Response page = http().get("/services/oauth2/authorize" + query(authorizeRequest("s-<1>")));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html;charset=UTF-8");
        assertThat(page.body())
                .contains("Allow access?", "Horizon Salesforce Connector", "<li>api</li>", "<li>refresh_token</li>",
                        "<li>offline_access</li>")
                .contains("<form method=\"post\" action=\"/services/oauth2/authorize\">")
                .contains("<input type=\"hidden\" name=\"state\" value=\"s-&lt;1&gt;\">")
                .contains("<input type=\"hidden\" name=\"code_challenge\" value=\"" + CHALLENGE + "\">")
                .contains("value=\"allow\">Allow</button>", "value=\"deny\">Deny</button>")
                .doesNotContain("s-<1>");
    }

    @Test
    void allowRedirectsWithACodeAndTheState() {
        Map<String, String> form = new HashMap<>(authorizeRequest("state-123"));
        form.put("decision", "allow");

        Map<String, String> fields = redirectFields(http().form("/services/oauth2/authorize", form), REDIRECT);

        assertThat(fields).containsOnlyKeys("code", "state").containsEntry("state", "state-123");
        assertThat(fields.get("code")).isNotBlank();
    }

    @Test
    void denyRedirectsWithAccessDeniedAndTheState() {
        Map<String, String> form = new HashMap<>(authorizeRequest("state-456"));
        form.put("decision", "deny");

        EmulatorHttp.Response answer = http().form("/services/oauth2/authorize", form);

        assertThat(answer.header("Location")).isEqualTo(REDIRECT
                + "?error=access_denied&error_description=end-user+denied+authorization&state=state-456");
    }

    @Test
    void autoApproveRedirectsWithACodeAtOnce() {
        assertThat(http().call("PUT", "/_emulator/oauth", "{\"autoApprove\":true}").status()).isEqualTo(200);

        EmulatorHttp.Response answer = http().get("/services/oauth2/authorize" + query(authorizeRequest("auto-1")));

        Map<String, String> fields = redirectFields(answer, REDIRECT);
        assertThat(fields).containsEntry("state", "auto-1");
        assertThat(http().form("/services/oauth2/token", exchange(fields.get("code"), VERIFIER)).status())
                .isEqualTo(200);
    }

    @Test
    void anAuthorizationRequestPostedAsAFormShowsConsentOrAutoApproves() {
        EmulatorHttp.Response page = http().form("/services/oauth2/authorize", authorizeRequest("form-1"));
        http().call("PUT", "/_emulator/oauth", "{\"autoApprove\":true}");

        EmulatorHttp.Response approved = http().form("/services/oauth2/authorize", authorizeRequest("form-2"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Allow access?");
        assertThat(redirectFields(approved, REDIRECT)).containsKey("code").containsEntry("state", "form-2");
    }

    @Test
    void anUnknownClientGetsAnErrorPageAndNoRedirect() {
        Map<String, String> request = authorizeRequest("x");
        request.put("client_id", "someone-else");

        EmulatorHttp.Response answer = http().get("/services/oauth2/authorize" + query(request));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Location")).isNull();
        assertThat(answer.header("Content-Type")).isEqualTo("text/html;charset=UTF-8");
        assertThat(answer.body()).contains("invalid_client_id");
    }

    @Test
    void anUnsupportedResponseTypeRedirectsWithTheError() {
        Map<String, String> request = authorizeRequest("rt-1");
        request.put("response_type", "token");

        Map<String, String> fields = redirectFields(
                http().get("/services/oauth2/authorize" + query(request)), REDIRECT);

        assertThat(fields).containsEntry("error", "unsupported_response_type").containsEntry("state", "rt-1");
    }

    @Test
    void codeWithTheRightVerifierGivesTheFullTokenAnswer() {
        String code = allow(http(), authorizeRequest("ok"));

        EmulatorHttp.Response answer = http().form("/services/oauth2/token", exchange(code, VERIFIER));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode token = answer.json();
        assertThat(token.get("id").asText()).matches(emulator.baseUrl().replace(".", "\\.")
                + "/id/00D[0-9A-Za-z]{15}/005[0-9A-Za-z]{15}");
        assertThat(token.get("instance_url").asText()).isEqualTo(emulator.baseUrl());
        assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.get("issued_at").asText()).isEqualTo(Long.toString(CLOCK.instant().toEpochMilli()));
        assertThat(token.get("signature").asText()).isBase64();
        assertThat(token.get("scope").asText()).isEqualTo(SCOPE);
        assertThat(token.get("refresh_token").asText()).isNotBlank();
        EmulatorHttp data = http().withToken(token.get("access_token").asText());
        assertThat(data.get(V + "/limits/").status()).isEqualTo(200);
    }

    @Test
    void aWrongOrMissingVerifierIsInvalidCodeVerifier() {
        String first = allow(http(), authorizeRequest("v1"));
        String second = allow(http(), authorizeRequest("v2"));

        EmulatorHttp.Response wrong = http().form("/services/oauth2/token", exchange(first, VERIFIER + "x"));
        EmulatorHttp.Response missing = http().form("/services/oauth2/token", exchange(second, null));

        assertOAuthError(wrong, "invalid_grant", "invalid code verifier");
        assertOAuthError(missing, "invalid_grant", "invalid code verifier");
    }

    @Test
    void aCodeWorksOnce() {
        String code = allow(http(), authorizeRequest("once"));
        assertThat(http().form("/services/oauth2/token", exchange(code, VERIFIER)).status()).isEqualTo(200);

        EmulatorHttp.Response again = http().form("/services/oauth2/token", exchange(code, VERIFIER));

        assertOAuthError(again, "invalid_grant", "invalid authorization code");
    }

    @Test
    void anUnknownOrExpiredCodeIsInvalidAuthorizationCode() {
        String code = allow(http(), authorizeRequest("late"));

        CLOCK.advance(Duration.ofMinutes(10).plusSeconds(1));

        assertOAuthError(http().form("/services/oauth2/token", exchange(code, VERIFIER)),
                "invalid_grant", "invalid authorization code");
        assertOAuthError(http().form("/services/oauth2/token", exchange("no-such-code", VERIFIER)),
                "invalid_grant", "invalid authorization code");
    }

    @Test
    void aDifferentRedirectUriIsRefused() {
        String code = allow(http(), authorizeRequest("redir"));
        Map<String, String> form = exchange(code, VERIFIER);
        form.put("redirect_uri", "http://127.0.0.1:8080/elsewhere");

        assertOAuthError(http().form("/services/oauth2/token", form),
                "invalid_grant", "redirect_uri must match configuration");
    }

    @Test
    void aWrongClientSecretIsRefusedWhenOneIsSent() {
        String code = allow(http(), authorizeRequest("secret"));
        Map<String, String> form = exchange(code, VERIFIER);
        form.put("client_secret", "nope");

        assertOAuthError(http().form("/services/oauth2/token", form), "invalid_client", "invalid client credentials");
    }

    @Test
    void withoutAnOfflineScopeNoRefreshTokenIsIssued() {
        Map<String, String> request = authorizeRequest("api-only");
        request.put("scope", "api");

        JsonNode token = http().form("/services/oauth2/token", exchange(allow(http(), request), VERIFIER)).json();

        assertThat(token.get("scope").asText()).isEqualTo("api");
        assertThat(token.has("refresh_token")).isFalse();
    }

    static void assertOAuthError(EmulatorHttp.Response answer, String error, String description) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        List<String> names = new ArrayList<>();
        answer.json().fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("error", "error_description");
        assertThat(answer.json().get("error").asText()).isEqualTo(error);
        assertThat(answer.json().get("error_description").asText()).isEqualTo(description);
    }
}
