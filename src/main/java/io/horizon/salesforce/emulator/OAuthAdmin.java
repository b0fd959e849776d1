package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The test-facing OAuth surface under {@code /_emulator/oauth}: the switches, forced expiry and revocation, the token
 * request log, the refresh tokens revoked through the revoke endpoint and the JWT bearer grant's certificate. Reached
 * through {@link AdminApi}, which admits loopback callers only; these answers may carry token values and nothing else
 * may. Thread-safe.
 */
final class OAuthAdmin {

    static final String PREFIX = AdminApi.PREFIX + "/oauth";

    private final OAuthSwitches switches;
    private final OAuthTokens tokens;
    private final TokenRequestLog tokenRequests;
    private final JwtBearerGrant jwtBearer;

    OAuthAdmin(OAuthSwitches switches, OAuthTokens tokens, TokenRequestLog tokenRequests, JwtBearerGrant jwtBearer) {
        this.switches = switches;
        this.tokens = tokens;
        this.tokenRequests = tokenRequests;
        this.jwtBearer = jwtBearer;
    }

    HttpAnswer handle(HttpCall call) {
        String route = call.method() + " " + String.join("/", call.segmentsAfter(PREFIX));
        switch (route) {
            case "GET ":
                return HttpAnswer.json(200, switches.toJson());
            case "PUT ":
                return change(call.body());
            case "POST expire-access-tokens":
                return HttpAnswer.json(200, count("expired", tokens.expireAccessTokens()));
            case "POST revoke-refresh-tokens":
                return HttpAnswer.json(200, count("revoked", tokens.revokeRefreshTokens()));
            case "GET token-requests":
                return HttpAnswer.json(200, tokenRequests.toJson());
            case "DELETE token-requests":
                tokenRequests.clear();
                return HttpAnswer.empty(204);
            case "GET revoked":
                ObjectNode revoked = HttpAnswer.JSON.createObjectNode();
                List<String> values = tokens.revokedRefreshTokens();
                values.forEach(revoked.putArray("refreshTokens")::add);
                return HttpAnswer.json(200, revoked);
            case "GET jwt-certificate", "PUT jwt-certificate", "DELETE jwt-certificate":
                return jwtBearer.admin(call);
            default:
                return HttpAnswer.errors(404, "NOT_FOUND", ApiError.NOT_FOUND_MESSAGE, null);
        }
    }

    private HttpAnswer change(String body) {
        JsonNode changes;
        try {
            changes = HttpAnswer.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return HttpAnswer.errors(400, "JSON_PARSER_ERROR", e.getOriginalMessage(), null);
        }
        String refusal = switches.apply(changes);
        return refusal == null
                ? HttpAnswer.json(200, switches.toJson())
                : HttpAnswer.errors(400, "INVALID_OAUTH_SETTING", refusal, null);
    }

    private static ObjectNode count(String name, int value) {
        return HttpAnswer.JSON.createObjectNode().put(name, value);
    }
}
