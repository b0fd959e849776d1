package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Who a bearer token acts for: the OpenID Connect {@code /services/oauth2/userinfo} and the identity URL
 * {@code /id/{orgId}/{userId}} that every token answer names. A bad token gets 403 with the plain-text code
 * Salesforce sends ({@code Bad_OAuth_Token}, or {@code Missing_OAuth_Token} without one). Thread-safe.
 */
final class IdentityApi {

    static final String PREFIX = "/id";

    private final OrgStore store;
    private final Function<HttpCall, String> authenticate;

    /** {@code authenticate} answers the user id a call's bearer token acts for, or null. */
    IdentityApi(OrgStore store, Function<HttpCall, String> authenticate) {
        this.store = store;
        this.authenticate = authenticate;
    }

    /** {@code GET /services/oauth2/userinfo}. */
    HttpAnswer userinfo(HttpCall call, String baseUrl) {
        HttpAnswer refused = refuse(call);
        if (refused != null) {
            return refused;
        }
        String userId = authenticate.apply(call);
        ObjectNode user = user(userId);
        String orgId = store.orgId();
        ObjectNode json = HttpAnswer.JSON.createObjectNode()
                .put("sub", baseUrl + PREFIX + "/" + orgId + "/" + userId)
                .put("user_id", userId)
                .put("organization_id", orgId)
                .put("preferred_username", user.path("Username").asText())
                .put("nickname", user.path("Alias").asText())
                .put("name", name(user))
                .put("given_name", user.path("FirstName").asText())
                .put("family_name", user.path("LastName").asText())
                .put("email", user.path("Email").asText())
                .put("email_verified", true)
                .put("zoneinfo", user.path("TimeZoneSidKey").asText("America/Los_Angeles"))
                .put("locale", user.path("LocaleSidKey").asText("en_US"))
                .put("language", user.path("LanguageLocaleKey").asText("en_US"))
                .put("active", true)
                .put("user_type", "STANDARD");
        json.set("urls", urls(baseUrl, userId));
        return HttpAnswer.json(200, json);
    }

    /** {@code GET /id/{orgId}/{userId}}: any user of this org, for a live token of this org. */
    HttpAnswer identity(HttpCall call, String baseUrl) {
        HttpAnswer refused = refuse(call);
        if (refused != null) {
            return refused;
        }
        List<String> segments = call.segmentsAfter(PREFIX);
        String orgId = store.orgId();
        ObjectNode user = segments.size() == 2 && segments.get(0).equals(orgId) ? user(segments.get(1)) : null;
        if (user == null) {
            return text(404, "Bad_Id");
        }
        String userId = user.get("Id").asText();
        ObjectNode json = HttpAnswer.JSON.createObjectNode()
                .put("id", baseUrl + PREFIX + "/" + orgId + "/" + userId)
                .put("asserted_user", userId.equals(authenticate.apply(call)))
                .put("user_id", userId)
                .put("organization_id", orgId)
                .put("username", user.path("Username").asText())
                .put("nick_name", user.path("Alias").asText())
                .put("display_name", name(user))
                .put("email", user.path("Email").asText())
                .put("email_verified", true)
                .put("first_name", user.path("FirstName").asText())
                .put("last_name", user.path("LastName").asText())
                .put("timezone", user.path("TimeZoneSidKey").asText("America/Los_Angeles"))
                .put("locale", user.path("LocaleSidKey").asText("en_US"))
                .put("language", user.path("LanguageLocaleKey").asText("en_US"));
        json.set("urls", urls(baseUrl, userId));
        json.put("active", true).put("user_type", "STANDARD");
        return HttpAnswer.json(200, json);
    }

    /** 403 with Salesforce's plain-text code when the call has no live bearer token, else null. */
    private HttpAnswer refuse(HttpCall call) {
        if (!"GET".equals(call.method()) && !"POST".equals(call.method())) {
            return text(405, "Method_Not_Allowed");
        }
        if (call.header("authorization") == null) {
            return text(403, "Missing_OAuth_Token");
        }
        return authenticate.apply(call) == null ? text(403, "Bad_OAuth_Token") : null;
    }

    private ObjectNode user(String userId) {
        ObjectNode user = userId == null ? null : store.record(userId);
        return user != null && "User".equals(store.typeOf(userId)) ? user : null;
    }

    private static String name(ObjectNode user) {
        String first = user.path("FirstName").asText("");
        String last = user.path("LastName").asText("");
        return (first + " " + last).trim();
    }

    /** Salesforce leaves {@code {version}} in these for the client to fill in. */
    private static ObjectNode urls(String baseUrl, String userId) {
        String data = baseUrl + "/services/data/v{version}/";
        return HttpAnswer.JSON.createObjectNode()
                .put("rest", data)
                .put("sobjects", data + "sobjects/")
                .put("search", data + "search/")
                .put("query", data + "query/")
                .put("recent", data + "recent/")
                .put("tooling_rest", data + "tooling/")
                .put("profile", baseUrl + "/" + userId)
                .put("users", data + "chatter/users")
                .put("custom_domain", baseUrl);
    }

    private static HttpAnswer text(int status, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/plain;charset=UTF-8");
        return new HttpAnswer(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
