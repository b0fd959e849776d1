package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The org's OAuth endpoints: authorize (consent page, codes with PKCE S256), the token endpoint (authorization_code,
 * password, refresh_token, client_credentials and JWT bearer grants, optional refresh-token rotation), revoke,
 * userinfo and the identity URL, plus the bearer-token check behind every REST call and the {@code /_emulator/oauth}
 * switches. Thread-safe. Tokens are opaque random strings, never logged.
 */
final class OAuthServer {

    /** The scopes of a password login, and of an authorization that asks for none. */
    static final String DEFAULT_SCOPE = "api refresh_token offline_access";

    private static final Set<String> GRANT_TYPES =
            Set.of("authorization_code", "password", "refresh_token", "client_credentials", JwtBearerGrant.GRANT_TYPE);
    private static final List<String> AUTHORIZE_FIELDS = List.of("response_type", "client_id", "redirect_uri",
            "scope", "state", "code_challenge", "code_challenge_method");

    private final EmulatorSettings settings;
    private final OrgStore store;
    private final OAuthSwitches switches;
    private final OAuthTokens tokens = new OAuthTokens();
    private final AuthorizationCodes codes;
    private final TokenRequestLog tokenRequests = new TokenRequestLog();
    private final IdentityApi identity;
    private final JwtBearerGrant jwtBearer;
    private final OAuthAdmin admin;

    OAuthServer(EmulatorSettings settings, OrgStore store) {
        this.settings = settings;
        this.store = store;
        this.switches = new OAuthSwitches(settings.accessTokenLifetime());
        this.codes = new AuthorizationCodes(settings.clock());
        this.identity = new IdentityApi(store, this::authenticate);
        this.jwtBearer = new JwtBearerGrant(settings.clientId(), settings.clock(), this::userIdOf);
        this.admin = new OAuthAdmin(switches, tokens, tokenRequests, jwtBearer);
    }

    /**
     * {@code GET /services/oauth2/authorize} shows the consent page (or, auto-approving, redirects with a code at
     * once); {@code POST} takes the Allow or Deny of that page. An unknown client or unusable redirect URI gets an
     * HTML error page with 400; every other outcome is a 302 to the redirect URI.
     */
    HttpAnswer authorize(HttpCall call) {
        Map<String, String> fields;
        if ("GET".equals(call.method())) {
            fields = call.query();
        } else if ("POST".equals(call.method())) {
            fields = Forms.parse(call.body());
        } else {
            return AuthorizePages.error("invalid_request", "must use HTTP GET or POST");
        }
        if (!settings.clientId().equals(fields.get("client_id"))) {
            return AuthorizePages.error("invalid_client_id", "client identifier invalid");
        }
        String redirectUri = fields.get("redirect_uri");
        if (!isAbsoluteHttpUri(redirectUri)) {
            return AuthorizePages.error("redirect_uri_mismatch", "redirect_uri must match configuration");
        }
        String state = fields.get("state");
        if (!"code".equals(fields.get("response_type"))) {
            return refusal(redirectUri, "unsupported_response_type", "response type not supported", state);
        }
        String method = fields.get("code_challenge_method");
        String challenge = emptyToNull(fields.get("code_challenge"));
        if (method != null && (!method.equals("S256") || challenge == null)) {
            return refusal(redirectUri, "invalid_request", "invalid code challenge", state);
        }
        String scope = emptyToNull(fields.get("scope")) == null
                ? DEFAULT_SCOPE
                : String.join(" ", fields.get("scope").trim().split("\\s+"));

        // a POST without a decision is an authorization request sent as a form, not an answer to the consent page
        String decision = "POST".equals(call.method()) ? fields.get("decision") : null;
        if (decision == null && switches.autoApprove()) {
            decision = "allow";
        }
        if (decision == null) {
            Map<String, String> request = new LinkedHashMap<>();
            AUTHORIZE_FIELDS.forEach(name -> request.put(name, fields.get(name)));
            request.put("scope", scope);
            return AuthorizePages.consent(request, scope);
        }
        if (decision.equals("allow")) {
            String code = codes.issue(new AuthorizationCodes.Request(settings.clientId(), redirectUri, challenge,
                    scope));
            Map<String, String> answer = new LinkedHashMap<>();
            answer.put("code", code);
            answer.put("state", state);
            return AuthorizePages.redirect(redirectUri, answer);
        }
        if (decision.equals("deny")) {
            return refusal(redirectUri, "access_denied", "end-user denied authorization", state);
        }
        return AuthorizePages.error("invalid_request", "decision must be allow or deny");
    }

    /**
     * {@code POST /services/oauth2/token}: a token answer, or HTTP 400 with exactly {@code error} and its description.
     * Every call is recorded for {@code /_emulator/oauth/token-requests}.
     */
    HttpAnswer token(HttpCall call, String baseUrl) {
        Map<String, String> form = "POST".equals(call.method()) ? Forms.parse(call.body()) : Map.of();
        HttpAnswer answer = "POST".equals(call.method())
                ? grant(form, baseUrl)
                : HttpAnswer.oauthError("invalid_request", "must use HTTP POST");

        String grantType = form.get("grant_type");
        tokenRequests.record(grantType, "refresh_token".equals(grantType) ? form.get("refresh_token") : null,
                answer.status(), answer.status() == 200 ? null : errorOf(answer));
        return answer;
    }

    /**
     * {@code GET|POST /services/oauth2/revoke?token=}: 200 after revoking an access token (alone) or a refresh token
     * (with its family: the refresh tokens rotated from it and every access token they issued), 400
     * {@code invalid_token} for a token the org does not know.
     */
    HttpAnswer revoke(HttpCall call) {
        String token = call.query().get("token");
        if (token == null) {
            token = Forms.parse(call.body()).get("token");
        }
        return tokens.revoke(token) ? HttpAnswer.empty(200) : HttpAnswer.oauthError("invalid_token", "invalid token");
    }

    /** {@code GET /services/oauth2/userinfo}. */
    HttpAnswer userinfo(HttpCall call, String baseUrl) {
        return identity.userinfo(call, baseUrl);
    }

    /** {@code GET /id/{orgId}/{userId}}, the identity URL of a token answer. */
    HttpAnswer identity(HttpCall call, String baseUrl) {
        return identity.identity(call, baseUrl);
    }

    /** {@code /_emulator/oauth/...}; the caller has checked that it comes from loopback. */
    HttpAnswer admin(HttpCall call) {
        return admin.handle(call);
    }

    /** Back to the default switches, no JWT certificate and an empty request log; issued tokens stay as they are. */
    void reset() {
        switches.reset();
        jwtBearer.clear();
        tokenRequests.clear();
        tokens.forgetRevocations();
    }

    /** The id of the user a call's bearer token acts for, or null when the token is missing, unknown or expired. */
    String authenticate(HttpCall call) {
        String authorization = call.header("authorization");
        if (authorization == null) {
            return null;
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? "" : authorization.substring(0, space);
        if (!scheme.equalsIgnoreCase("Bearer") && !scheme.equalsIgnoreCase("OAuth")) {
            return null;
        }
        return tokens.authenticate(authorization.substring(space + 1).trim(), settings.clock().instant());
    }

    private HttpAnswer grant(Map<String, String> form, String baseUrl) {
        String grantType = form.get("grant_type");
        if (grantType == null || !GRANT_TYPES.contains(grantType)) {
            return HttpAnswer.oauthError("unsupported_grant_type", "grant type not supported");
        }
        // a JWT bearer assertion names its app in iss and proves it with the signature, so the form needs neither
        boolean jwt = grantType.equals(JwtBearerGrant.GRANT_TYPE);
        if (!jwt && !settings.clientId().equals(form.get("client_id"))) {
            return HttpAnswer.oauthError("invalid_client_id", "client identifier invalid");
        }
        // the refresh and code grants may leave the secret out (a public client); when given it must match
        String secret = form.get("client_secret");
        boolean secretRequired = !jwt && !grantType.equals("refresh_token") && !grantType.equals("authorization_code");
        if ((secretRequired || secret != null) && !equalsConstantTime(settings.clientSecret(), secret)) {
            return HttpAnswer.oauthError("invalid_client", "invalid client credentials");
        }

        Instant now = settings.clock().instant();
        tokens.purgeExpired(now);
        Instant expiresAt = now.plus(switches.accessTokenLifetime());
        String prefix = store.orgId().substring(0, 15) + "!";
        OAuthTokens.Grant grant;
        switch (grantType) {
            case "authorization_code" -> {
                AuthorizationCodes.Request request = codes.take(form.get("code"));
                HttpAnswer refused = checkCode(request, form);
                if (refused != null) {
                    return refused;
                }
                // as Salesforce does, a refresh token only for an app that asked for one of these scopes
                List<String> scopes = List.of(request.scope().split(" "));
                boolean offline = scopes.contains("refresh_token") || scopes.contains("offline_access");
                grant = tokens.authorize(userId(), request.scope(), offline, prefix, expiresAt);
            }
            case "password" -> {
                if (!settings.username().equalsIgnoreCase(form.getOrDefault("username", ""))
                        || !equalsConstantTime(settings.password(), form.get("password"))) {
                    return HttpAnswer.oauthError("invalid_grant", "authentication failure");
                }
                grant = tokens.authorize(userId(), DEFAULT_SCOPE, true, prefix, expiresAt);
            }
            case "refresh_token" -> {
                grant = tokens.refresh(form.get("refresh_token"), switches.rotateRefreshTokens(), prefix, expiresAt);
                if (grant == null) {
                    return HttpAnswer.oauthError("invalid_grant", "expired access/refresh token");
                }
            }
            case JwtBearerGrant.GRANT_TYPE -> {
                JwtBearerGrant.Outcome outcome = jwtBearer.check(form.get("assertion"), baseUrl);
                if (outcome.refusal() != null) {
                    return outcome.refusal();
                }
                // as Salesforce does, the app's scopes but never a refresh token
                grant = tokens.authorize(outcome.userId(), DEFAULT_SCOPE, false, prefix, expiresAt);
            }
            default -> grant = tokens.authorize(userId(), "api", false, prefix, expiresAt);
        }

        ObjectNode answer = answer(grant.accessToken(), grant.userId(), now, baseUrl);
        if (grant.refreshToken() != null) {
            answer.put("refresh_token", grant.refreshToken());
        }
        answer.put("scope", grant.scope());
        return HttpAnswer.json(200, answer);
    }

    /** Why a code exchange is refused, or null; the code is spent either way, so a verifier cannot be guessed. */
    private static HttpAnswer checkCode(AuthorizationCodes.Request request, Map<String, String> form) {
        if (request == null || !request.clientId().equals(form.get("client_id"))) {
            return HttpAnswer.oauthError("invalid_grant", "invalid authorization code");
        }
        if (!request.redirectUri().equals(form.get("redirect_uri"))) {
            return HttpAnswer.oauthError("invalid_grant", "redirect_uri must match configuration");
        }
        String verifier = form.get("code_verifier");
        if (request.codeChallenge() != null
                && (verifier == null || !equalsConstantTime(request.codeChallenge(), s256(verifier)))) {
            return HttpAnswer.oauthError("invalid_grant", "invalid code verifier");
        }
        return null;
    }

    /** The token answer camel-salesforce parses; {@code id} is the identity URL with the 18-character ids. */
    private ObjectNode answer(String accessToken, String userId, Instant now, String baseUrl) {
        String id = baseUrl + IdentityApi.PREFIX + "/" + store.orgId() + "/" + userId;
        String issuedAt = Long.toString(now.toEpochMilli());
        return HttpAnswer.JSON.createObjectNode()
                .put("access_token", accessToken)
                .put("instance_url", baseUrl)
                .put("id", id)
                .put("token_type", "Bearer")
                .put("issued_at", issuedAt)
                .put("signature", sign(id + issuedAt));
    }

    /** The user every token acts for: the configured one, or the seed's first user when the seed lacks it. */
    private String userId() {
        String id = store.userId(settings.username());
        return id != null ? id : SalesforceIds.make("005", 1);
    }

    /** The id of a user the org knows by this username (the configured one always), or null. */
    private String userIdOf(String username) {
        return settings.username().equalsIgnoreCase(username) ? userId() : store.userId(username);
    }

    private HttpAnswer refusal(String redirectUri, String error, String description, String state) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("error", error);
        fields.put("error_description", description);
        fields.put("state", state);
        return AuthorizePages.redirect(redirectUri, fields);
    }

    /** Salesforce signs {@code id + issued_at} with the client secret (HMAC-SHA256). */
    private String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** PKCE S256: BASE64URL(SHA-256(ASCII(verifier))) without padding. */
    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String errorOf(HttpAnswer answer) {
        try {
            JsonNode body = HttpAnswer.JSON.readTree(answer.body());
            return body == null ? null : body.path("error").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isAbsoluteHttpUri(String text) {
        if (text == null) {
            return false;
        }
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && uri.getHost() != null && uri.getFragment() == null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String emptyToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static boolean equalsConstantTime(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
