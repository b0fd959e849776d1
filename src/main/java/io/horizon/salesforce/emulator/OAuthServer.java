package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The org's OAuth endpoints: the token endpoint (password, refresh_token and client_credentials grants) and revoke,
 * plus the bearer-token check behind every REST call. Thread-safe. Tokens are opaque random strings, never logged.
 */
final class OAuthServer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EmulatorSettings settings;
    private final OrgStore store;
    private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();

    /** A live access token: whom it acts for, the refresh token it came from (or null), and when it ends. */
    private record AccessToken(String userId, String refreshToken, Instant expiresAt) {
    }

    OAuthServer(EmulatorSettings settings, OrgStore store) {
        this.settings = settings;
        this.store = store;
    }

    /** {@code POST /services/oauth2/token}: a token answer, or HTTP 400 with exactly {@code error} and its description. */
    HttpAnswer token(HttpCall call, String baseUrl) {
        if (!"POST".equals(call.method())) {
            return HttpAnswer.oauthError("invalid_request", "must use HTTP POST");
        }
        Map<String, String> form = Forms.parse(call.body());
        String grantType = form.get("grant_type");
        if (grantType == null
                || !(grantType.equals("password") || grantType.equals("refresh_token")
                        || grantType.equals("client_credentials"))) {
            return HttpAnswer.oauthError("unsupported_grant_type", "grant type not supported");
        }
        if (!settings.clientId().equals(form.get("client_id"))) {
            return HttpAnswer.oauthError("invalid_client_id", "client identifier invalid");
        }
        // the refresh grant may leave the secret out (a public client); when given it must match
        String secret = form.get("client_secret");
        boolean secretRequired = !grantType.equals("refresh_token");
        if ((secretRequired || secret != null) && !equalsConstantTime(settings.clientSecret(), secret)) {
            return HttpAnswer.oauthError("invalid_client", "invalid client credentials");
        }

        String userId = userId();
        purgeExpired();
        return switch (grantType) {
            case "password" -> {
                if (!settings.username().equalsIgnoreCase(form.getOrDefault("username", ""))
                        || !equalsConstantTime(settings.password(), form.get("password"))) {
                    yield HttpAnswer.oauthError("invalid_grant", "authentication failure");
                }
                String refreshToken = randomToken();
                refreshTokens.put(refreshToken, userId);
                ObjectNode answer = issue(userId, refreshToken, baseUrl);
                answer.put("refresh_token", refreshToken).put("scope", "api refresh_token offline_access");
                yield HttpAnswer.json(200, answer);
            }
            case "refresh_token" -> {
                String refreshToken = form.get("refresh_token");
                String owner = refreshToken == null ? null : refreshTokens.get(refreshToken);
                if (owner == null) {
                    yield HttpAnswer.oauthError("invalid_grant", "expired access/refresh token");
                }
                ObjectNode answer = issue(owner, refreshToken, baseUrl);
                answer.put("scope", "api refresh_token offline_access");
                yield HttpAnswer.json(200, answer);
            }
            default -> {
                ObjectNode answer = issue(userId, null, baseUrl);
                answer.put("scope", "api");
                yield HttpAnswer.json(200, answer);
            }
        };
    }

    /**
     * {@code GET|POST /services/oauth2/revoke?token=}: 200 after revoking an access or refresh token (a refresh token
     * takes its access tokens with it), 400 {@code invalid_token} for a token the org does not know.
     */
    HttpAnswer revoke(HttpCall call) {
        String token = call.query().get("token");
        if (token == null) {
            token = Forms.parse(call.body()).get("token");
        }
        if (token != null && accessTokens.remove(token) != null) {
            return HttpAnswer.empty(200);
        }
        if (token != null && refreshTokens.remove(token) != null) {
            String revoked = token;
            accessTokens.values().removeIf(access -> revoked.equals(access.refreshToken()));
            return HttpAnswer.empty(200);
        }
        return HttpAnswer.oauthError("invalid_token", "invalid token");
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
        AccessToken token = accessTokens.get(authorization.substring(space + 1).trim());
        if (token == null || !settings.clock().instant().isBefore(token.expiresAt())) {
            return null;
        }
        return token.userId();
    }

    private ObjectNode issue(String userId, String refreshToken, String baseUrl) {
        String orgId = store.orgId();
        String accessToken = orgId.substring(0, 15) + "!" + randomToken();
        Instant now = settings.clock().instant();
        accessTokens.put(accessToken, new AccessToken(userId, refreshToken, now.plus(settings.accessTokenLifetime())));

        String id = baseUrl + "/id/" + orgId + "/" + userId;
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

    private void purgeExpired() {
        Instant now = settings.clock().instant();
        accessTokens.values().removeIf(token -> !now.isBefore(token.expiresAt()));
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

    private static String randomToken() {
        byte[] bytes = new byte[36];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean equalsConstantTime(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
