package io.horizon.salesforce.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.horizon.salesforce.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.FormRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundle's one Salesforce connection: its stored tokens and status, the OAuth web-server flow with PKCE that
 * creates them, the refresh-token grant, and removal with revocation. Every HTTP exchange goes through
 * camel-salesforce's own HTTP client, so its proxy and TLS settings apply. Thread-safe: state changes are serialised.
 */
public final class SalesforceConnection {

    static final Duration AUTHORIZATION_LIFETIME = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceConnection.class);
    private static final long HTTP_TIMEOUT_SECONDS = 30;

    private final ConnectionSettings settings;
    private final TokenStore store;
    private final SalesforceComponent component;
    private final Clock clock;
    private final AuthorizationRequests authorizations;
    private volatile StoredConnection current;

    public SalesforceConnection(ConnectionSettings settings, TokenStore store, SalesforceComponent component,
            Clock clock) {
        this.settings = settings;
        this.store = store;
        this.component = component;
        this.clock = clock;
        this.authorizations = new AuthorizationRequests(clock, AUTHORIZATION_LIFETIME);
        this.current = store.load().orElseGet(this::notConnected);
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** The connection as last stored; status NOT_CONNECTED when there is none. */
    public StoredConnection current() {
        return current;
    }

    /** A new authorization URL with a one-time state and a PKCE challenge, for the "Authorize" button. */
    public String startAuthorization() {
        AuthorizationRequests.Pending pending = authorizations.start();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", settings.redirectUri());
        query.put("scope", settings.scopes());
        query.put("state", pending.state());
        query.put("code_challenge", pending.codeChallenge());
        query.put("code_challenge_method", AuthorizationRequests.CHALLENGE_METHOD);
        return settings.loginUrl() + "/services/oauth2/authorize?" + formEncode(query);
    }

    /**
     * Completes the flow the callback received: checks the state, exchanges the code with its verifier, reads the
     * user and org from the identity URL, and stores the connection as CONNECTED, replacing any earlier one. Answers
     * the token answer, for the session to use.
     */
    public synchronized ContentResponse completeAuthorization(String code, String state) {
        AuthorizationRequests.Pending pending;
        try {
            pending = authorizations.take(state);
        } catch (AuthorizationStateException e) {
            throw new ConnectionException("invalid_request", "the authorization state is "
                    + e.reason().name().toLowerCase() + ": start the authorization again", e);
        }
        if (code == null || code.isBlank()) {
            throw new ConnectionException("invalid_request", "the callback carries no authorization code");
        }
        Fields form = new Fields(true);
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", settings.redirectUri());
        form.put("client_id", settings.clientId());
        if (settings.clientSecret() != null) {
            form.put("client_secret", settings.clientSecret());
        }
        form.put("code_verifier", pending.codeVerifier());
        ContentResponse answer;
        try {
            answer = tokenAnswer(settings.loginUrl(), form);
        } catch (ConnectionException e) {
            // invalid_grant here is about the code, not about a connection
            throw "connection_expired".equals(e.kind())
                    ? new ConnectionException("invalid_request", e.getMessage() + ": start the authorization again")
                    : e;
        }
        JsonNode token = parse(answer);

        JsonNode identity = identity(token.path("id").asText(), token.path("access_token").asText());
        StoredConnection connected = new StoredConnection(ConnectionStatus.CONNECTED,
                settings.environment().name().toLowerCase(), settings.loginUrl(),
                token.path("instance_url").asText(), token.path("access_token").asText(),
                token.path("refresh_token").asText(null), identity.path("organization_id").asText(),
                identity.path("user_id").asText(), identity.path("username").asText(),
                token.path("scope").asText(settings.scopes()), clock.instant(), clock.instant());
        StoredConnection replaced = current;
        save(connected);
        LOG.info("salesforce connected org={} user={} instance={}", connected.orgId(), connected.username(),
                connected.instanceUrl());
        if (replaced.refreshToken() != null && !replaced.refreshToken().equals(connected.refreshToken())) {
            revokeQuietly(replaced);
        }
        return answer;
    }

    /**
     * Asks for a new access token with the stored refresh token and answers Salesforce's token answer as it came. A
     * rotated refresh token in the answer is stored durably before this returns, so nothing can use the new access
     * token while only the old refresh token is on disk.
     */
    public synchronized ContentResponse refresh() {
        StoredConnection connection = current;
        if (connection.refreshToken() == null) {
            throw new ConnectionException("not_connected", "no refresh token is stored");
        }
        Fields form = new Fields(true);
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", connection.refreshToken());
        form.put("client_id", settings.clientId());
        if (settings.clientSecret() != null) {
            form.put("client_secret", settings.clientSecret());
        }
        form.put("format", "json");
        String baseUrl = connection.instanceUrl() != null ? connection.instanceUrl() : settings.loginUrl();
        ContentResponse answer = tokenAnswer(baseUrl, form);

        JsonNode token = parse(answer);
        save(connection.withTokens(token.path("access_token").asText(), token.path("refresh_token").asText(null),
                clock.instant()).withStatus(ConnectionStatus.CONNECTED));
        LOG.info("token refreshed instance={} rotated={}", connection.instanceUrl(), token.has("refresh_token"));
        return answer;
    }

    /**
     * Takes a refresh token from the settings (headless set-up) when no connection is stored yet; the first call
     * exchanges it for an access token.
     */
    public synchronized void adoptRefreshToken(String refreshToken) {
        if (current.status() == ConnectionStatus.NOT_CONNECTED) {
            save(new StoredConnection(ConnectionStatus.CONNECTED, settings.environment().name().toLowerCase(),
                    settings.loginUrl(), null, null, refreshToken, null, null, null, settings.scopes(),
                    clock.instant(), null));
        }
    }

    /**
     * For the headless JWT and client-credentials grants, where camel-salesforce logs in by itself: the connection
     * counts as CONNECTED until a log-in is refused. Nothing secret is stored.
     */
    public synchronized void adoptHeadlessGrant() {
        if (current.status() == ConnectionStatus.NOT_CONNECTED) {
            save(new StoredConnection(ConnectionStatus.CONNECTED, settings.environment().name().toLowerCase(),
                    settings.loginUrl(), null, null, null, null, null, null, "api", clock.instant(), null));
        }
    }

    /** Notes a headless log-in that succeeded: the instance and the identity it answered. */
    public synchronized void loggedIn(String instanceUrl, String identityUrl) {
        String[] ids = identityUrl == null ? new String[0] : identityUrl.split("/");
        String orgId = ids.length >= 2 ? ids[ids.length - 2] : null;
        String userId = ids.length >= 1 ? ids[ids.length - 1] : null;
        StoredConnection c = current;
        save(new StoredConnection(ConnectionStatus.CONNECTED, c.environment(), c.loginUrl(), instanceUrl, null, null,
                orgId, userId, c.username(), c.scopes(), c.connectedAt(), clock.instant()));
    }

    /** Marks the connection EXPIRED (the refresh token no longer works) and stores that. */
    public synchronized void markExpired() {
        if (current.status() == ConnectionStatus.CONNECTED) {
            save(current.withStatus(ConnectionStatus.EXPIRED));
            LOG.warn("salesforce connection expired org={}: re-authorize it", current.orgId());
        }
    }

    /**
     * Revokes the refresh token at Salesforce ({@code invalid_token} counts as already revoked), then deletes the
     * local tokens. When Salesforce cannot be reached the tokens are kept, so the removal can be tried again.
     */
    public synchronized void remove() {
        StoredConnection connection = current;
        revoke(connection);
        store.delete();
        current = notConnected();
        LOG.info("salesforce connection removed org={}", connection.orgId());
    }

    /**
     * Forgets a pending authorization whose callback carried an error, so its state cannot be used afterwards.
     */
    public void abandonAuthorization(String state) {
        try {
            authorizations.take(state);
        } catch (AuthorizationStateException e) {
            LOG.debug("abandoned authorization state was {}", e.reason());
        }
    }

    /** Re-authorizing replaced these tokens: revoke them so no second live grant is left behind. */
    private void revokeQuietly(StoredConnection replaced) {
        try {
            revoke(replaced);
        } catch (ConnectionException e) {
            LOG.warn("could not revoke the replaced refresh token org={}: {}", replaced.orgId(), e.getMessage());
        }
    }

    /** The connection status as {@code GET /api/connections/salesforce} shows it; no token appears. */
    public ObjectNode status(String apiVersion) {
        StoredConnection connection = current;
        ObjectNode status = Json.MAPPER.createObjectNode();
        status.put("status", connection.status().name());
        status.put("environment", settings.environment().name().toLowerCase());
        status.put("loginUrl", settings.loginUrl());
        status.put("instanceUrl", connection.instanceUrl());
        status.put("orgId", connection.orgId());
        status.put("user", connection.username());
        status.put("userId", connection.userId());
        status.put("scopes", connection.scopes());
        status.put("apiVersion", apiVersion);
        status.put("connectedAt", connection.connectedAt() == null ? null : connection.connectedAt().toString());
        status.put("lastRefreshAt",
                connection.lastRefreshAt() == null ? null : connection.lastRefreshAt().toString());
        return status;
    }

    private void revoke(StoredConnection connection) {
        String token = connection.refreshToken() != null ? connection.refreshToken() : connection.accessToken();
        if (token == null) {
            return;
        }
        Fields form = new Fields(true);
        form.put("token", token);
        String baseUrl = connection.instanceUrl() != null ? connection.instanceUrl() : settings.loginUrl();
        ContentResponse response = send(component.getHttpClient().POST(baseUrl + "/services/oauth2/revoke")
                .body(new FormRequestContent(form)));
        boolean alreadyRevoked = response.getStatus() == 400 && response.getContentAsString().contains("invalid_token");
        if (response.getStatus() != 200 && !alreadyRevoked) {
            throw new ConnectionException("salesforce_unavailable",
                    "Salesforce did not revoke the token: HTTP " + response.getStatus());
        }
    }

    private void save(StoredConnection connection) {
        store.save(connection);
        current = connection;
    }

    private StoredConnection notConnected() {
        return new StoredConnection(ConnectionStatus.NOT_CONNECTED, settings.environment().name().toLowerCase(),
                settings.loginUrl(), null, null, null, null, null, null, null, null, null);
    }

    /** POSTs to the token endpoint and answers a 200; any other answer becomes a ConnectionException. */
    private ContentResponse tokenAnswer(String baseUrl, Fields form) {
        ContentResponse response = send(component.getHttpClient().POST(baseUrl + "/services/oauth2/token")
                .body(new FormRequestContent(form)));
        if (response.getStatus() == 200) {
            return response;
        }
        if (response.getStatus() == 400) {
            JsonNode error = readOrEmpty(response.getContentAsString());
            String code = error.path("error").asText("unknown");
            String description = error.path("error_description").asText("");
            String kind = "invalid_grant".equals(code) ? "connection_expired" : "invalid_request";
            throw new ConnectionException(kind, "Salesforce refused the token request: " + code + " "
                    + description);
        }
        throw new ConnectionException("salesforce_unavailable",
                "the Salesforce token endpoint answered HTTP " + response.getStatus());
    }

    private JsonNode identity(String identityUrl, String accessToken) {
        ContentResponse response = send(component.getHttpClient().newRequest(URI.create(identityUrl))
                .headers(headers -> headers.put("Authorization", "Bearer " + accessToken)));
        if (response.getStatus() != 200) {
            throw new ConnectionException("salesforce_unavailable",
                    "Salesforce did not answer the identity URL: HTTP " + response.getStatus());
        }
        return readOrEmpty(response.getContentAsString());
    }

    private static ContentResponse send(Request request) {
        try {
            return request.timeout(HTTP_TIMEOUT_SECONDS, TimeUnit.SECONDS).send();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("salesforce_unavailable", "interrupted while calling Salesforce", e);
        } catch (TimeoutException | ExecutionException e) {
            throw new ConnectionException("salesforce_unavailable", "Salesforce could not be reached: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private static JsonNode parse(ContentResponse tokenAnswer) {
        JsonNode token = readOrEmpty(tokenAnswer.getContentAsString());
        if (!token.hasNonNull("access_token") || !token.hasNonNull("instance_url")) {
            throw new ConnectionException("salesforce_unavailable",
                    "the Salesforce token answer lacks access_token or instance_url");
        }
        return token;
    }

    private static JsonNode readOrEmpty(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    private static String formEncode(Map<String, String> values) {
        return values.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
