package io.horizon.salesforce.connection;

import static io.horizon.salesforce.RunningBundle.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.horizon.salesforce.RunningBundle;
import io.horizon.salesforce.emulator.EmulatorSettings;
import io.horizon.salesforce.emulator.SalesforceEmulator;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The connection lifecycle end to end: the bundle connects to an emulated org started by the test (so the bundle can
 * be restarted against the same org) through the OAuth web-server flow, and the emulator counts every token request.
 * Cases C01 to C04.
 */
class ConnectionLifecycleTest {

    private static final String QUERY = "SELECT Id FROM Account LIMIT 1";
    private static final String STATUS = "/api/connections/salesforce";

    private static SalesforceEmulator emulator;

    @TempDir
    Path dataDir;

    private final List<RunningBundle> started = new ArrayList<>();
    private RunningBundle bundle;

    @BeforeAll
    static void startOrg() {
        emulator = SalesforceEmulator.start(EmulatorSettings.defaults());
    }

    @AfterAll
    static void stopOrg() {
        emulator.close();
    }

    @BeforeEach
    void startConnectedBundle() {
        bundle = start();
        bundle.emulatorAdmin("POST", "/_emulator/reset", null);
        HttpResponse<String> callback = bundle.authorize(STATUS + "/authorize");
        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(200);
    }

    @AfterEach
    void stopBundles() {
        started.forEach(RunningBundle::close);
    }

    @Test
    void walksFromNotConnectedThroughExpiredToRemovedAndTheOrgSeesTheRevocation() {
        HttpResponse<String> removed = bundle.admin("DELETE", STATUS);
        assertThat(json(removed).path("status").asText()).isEqualTo("NOT_CONNECTED");
        int tokenRequests = tokenRequests().size();
        HttpResponse<String> refused = bundle.query(QUERY);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(json(refused).path("error").asText()).isEqualTo("not_connected");
        assertThat(tokenRequests()).hasSize(tokenRequests);

        HttpResponse<String> callback = bundle.authorize(STATUS + "/authorize");
        assertThat(callback.body()).contains("Connected as agent@horizon.emulator");
        JsonNode connected = json(bundle.admin("GET", STATUS));
        assertThat(connected.path("status").asText()).isEqualTo("CONNECTED");
        assertThat(connected.path("orgId").asText()).startsWith("00D");
        assertThat(connected.path("user").asText()).isEqualTo("agent@horizon.emulator");
        assertThat(connected.path("scopes").asText()).contains("refresh_token");
        assertThat(connected.toString()).doesNotContain(storedRefreshToken());
        assertThat(bundle.query(QUERY).statusCode()).isEqualTo(200);

        bundle.emulatorAdmin("POST", "/_emulator/oauth/revoke-refresh-tokens", null);
        bundle.emulatorAdmin("POST", "/_emulator/oauth/expire-access-tokens", null);
        HttpResponse<String> expired = bundle.query(QUERY);
        assertThat(expired.statusCode()).isEqualTo(503);
        assertThat(json(expired).path("error").asText()).isEqualTo("connection_expired");
        assertThat(json(expired).path("remedy").asText()).contains("Re-authorize");
        assertThat(json(bundle.admin("GET", STATUS)).path("status").asText()).isEqualTo("EXPIRED");

        bundle.authorize(STATUS + "/reauthorize");
        assertThat(json(bundle.admin("GET", STATUS)).path("status").asText()).isEqualTo("CONNECTED");
        assertThat(bundle.query(QUERY).statusCode()).isEqualTo(200);
        String replaced = storedRefreshToken();
        bundle.authorize(STATUS + "/reauthorize");
        assertThat(json(bundle.emulatorAdmin("GET", "/_emulator/oauth/revoked", null)).path("refreshTokens")
                .toString()).contains(replaced);
        String refreshToken = storedRefreshToken();

        JsonNode afterRemove = json(bundle.admin("DELETE", STATUS));
        assertThat(afterRemove.path("status").asText()).isEqualTo("NOT_CONNECTED");
        JsonNode revoked = json(bundle.emulatorAdmin("GET", "/_emulator/oauth/revoked", null));
        assertThat(revoked.path("refreshTokens").toString()).contains(refreshToken);
    }

    @Test
    void anAuthorizationSalesforceRefusedCannotBeCompletedLater() {
        bundle.emulatorAdmin("PUT", "/_emulator/oauth", "{\"autoApprove\":false}");
        String url = json(bundle.admin("POST", STATUS + "/reauthorize")).path("authorizationUrl").asText();
        String state = url.replaceAll(".*[?&]state=([^&]+).*", "$1");

        HttpResponse<String> denied = bundle.send(bundle.request("/oauth/salesforce/callback?error=access_denied"
                + "&error_description=end-user+denied+authorization&state=" + state));
        HttpResponse<String> late = bundle.send(bundle.request("/oauth/salesforce/callback?code=any&state=" + state));

        assertThat(denied.statusCode()).isEqualTo(400);
        assertThat(denied.body()).contains("access_denied");
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(late.body()).contains("reused");
        assertThat(json(bundle.admin("GET", STATUS)).path("status").asText()).isEqualTo("CONNECTED");
    }

    @Test
    void aRotatedRefreshTokenIsStoredAndUsedAfterARestartAndTheOldOneIsNeverSentAgain() {
        bundle.emulatorAdmin("PUT", "/_emulator/oauth", "{\"rotateRefreshTokens\":true}");
        String first = storedRefreshToken();
        bundle.emulatorAdmin("POST", "/_emulator/oauth/expire-access-tokens", null);

        assertThat(bundle.query(QUERY).statusCode()).isEqualTo(200);
        String rotated = storedRefreshToken();
        bundle.close();
        started.remove(bundle);
        bundle = start();
        bundle.emulatorAdmin("POST", "/_emulator/oauth/expire-access-tokens", null);
        HttpResponse<String> afterRestart = bundle.query(QUERY);

        assertThat(rotated).isNotEqualTo(first);
        assertThat(afterRestart.statusCode()).isEqualTo(200);
        List<String> presented = new ArrayList<>();
        tokenRequests().forEach(request -> {
            if ("refresh_token".equals(request.path("grantType").asText())) {
                presented.add(request.path("refreshToken").asText());
            }
        });
        assertThat(presented).containsExactly(first, rotated);
        assertThat(json(bundle.admin("GET", STATUS)).path("status").asText()).isEqualTo("CONNECTED");
    }

    @Test
    void fiftyConcurrentCallsWithAnExpiredTokenCauseExactlyOneTokenRequest() throws Exception {
        assertThat(bundle.query(QUERY).statusCode()).isEqualTo(200);
        bundle.emulatorAdmin("POST", "/_emulator/oauth/expire-access-tokens", null);
        bundle.emulatorAdmin("POST", "/_emulator/faults",
                "{\"pathPrefix\":\"/services/oauth2/token\",\"status\":0,\"delayMillis\":500,\"times\":1}");
        int before = tokenRequests().size();

        ExecutorService callers = Executors.newFixedThreadPool(50);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> bundle.query(QUERY), callers));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            statuses.add(call.get().statusCode());
        }
        callers.shutdown();

        assertThat(statuses).containsOnly(200);
        assertThat(tokenRequests()).hasSize(before + 1);
        assertThat(json(bundle.admin("GET", STATUS)).path("status").asText()).isEqualTo("CONNECTED");
    }

    @Test
    void aDeadRefreshTokenExpiresTheConnectionWithoutARetryStorm() {
        bundle.emulatorAdmin("POST", "/_emulator/oauth/revoke-refresh-tokens", null);
        bundle.emulatorAdmin("POST", "/_emulator/oauth/expire-access-tokens", null);
        int before = tokenRequests().size();

        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(bundle.query(QUERY));
        }

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(json(answer).path("error").asText()).isEqualTo("connection_expired");
        });
        assertThat(tokenRequests()).hasSize(before + 1);
        assertThat(json(bundle.admin("GET", STATUS)).path("status").asText()).isEqualTo("EXPIRED");
        HttpResponse<String> readiness = bundle.send(bundle.request("/observe/health/ready"));
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).contains("re-authorize");

        HttpResponse<String> removed = bundle.admin("DELETE", STATUS);
        HttpResponse<String> afterRemove = bundle.query(QUERY);

        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(json(afterRemove).path("error").asText()).isEqualTo("not_connected");
        assertThat(tokenRequests()).hasSize(before + 1);
    }

    @Test
    void anExpiredSessionMidRequestIsRefreshedOnceAndReplayedOnce() {
        String id = json(bundle.query("SELECT Id FROM Contact LIMIT 1")).path("records").get(0).path("Id").asText();
        int before = tokenRequests().size();
        bundle.emulatorAdmin("POST", "/_emulator/faults",
                "{\"method\":\"PATCH\",\"pathPrefix\":\"/services/data/\",\"status\":401,\"times\":1}");

        HttpResponse<String> updated = bundle.patch("/api/salesforce/sobjects/Contact/" + id,
                "{\"Phone\":\"+1 555 0100\"}");

        assertThat(updated.statusCode()).isEqualTo(204);
        assertThat(tokenRequests()).hasSize(before + 1);
        assertThat(json(bundle.get("/api/salesforce/sobjects/Contact/" + id)).path("Phone").asText())
                .isEqualTo("+1 555 0100");
    }

    @Test
    void aSessionRefusedAgainAfterTheReplayIsAnErrorNotALoop() {
        String id = json(bundle.query("SELECT Id FROM Contact LIMIT 1")).path("records").get(0).path("Id").asText();
        int before = tokenRequests().size();
        bundle.emulatorAdmin("POST", "/_emulator/faults",
                "{\"method\":\"PATCH\",\"pathPrefix\":\"/services/data/\",\"status\":401,\"times\":5}");

        HttpResponse<String> updated = bundle.patch("/api/salesforce/sobjects/Contact/" + id, "{\"Phone\":\"1\"}");

        assertThat(updated.statusCode()).isEqualTo(503);
        assertThat(json(updated).path("salesforce").get(0).path("errorCode").asText())
                .isEqualTo("INVALID_SESSION_ID");
        assertThat(tokenRequests()).hasSize(before + 1);
        bundle.emulatorAdmin("DELETE", "/_emulator/faults", null);
    }

    @Test
    void noTokenValueAppearsInAnyLogLineOfAConnectRefreshRemoveRun() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        Set<String> tokens = new HashSet<>();
        try {
            bundle.emulatorAdmin("PUT", "/_emulator/oauth", "{\"rotateRefreshTokens\":true}");
            bundle.authorize(STATUS + "/reauthorize");
            tokens.add(storedRefreshToken());
            tokens.add(accessToken());
            bundle.emulatorAdmin("POST", "/_emulator/oauth/expire-access-tokens", null);
            bundle.query(QUERY);
            tokens.add(storedRefreshToken());
            tokens.add(accessToken());
            bundle.admin("DELETE", STATUS);
            bundle.query(QUERY);
        } finally {
            root.detachAppender(captured);
        }
        tokenRequests().forEach(request -> tokens.add(request.path("refreshToken").asText()));
        tokens.removeIf(token -> token == null || token.length() < 16);

        StringBuilder logs = new StringBuilder();
        for (ILoggingEvent event : captured.list) {
            logs.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                logs.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        assertThat(captured.list).isNotEmpty();
        assertThat(tokens).hasSizeGreaterThanOrEqualTo(3);
        assertThat(tokens).allSatisfy(token -> assertThat(logs.toString()).doesNotContain(token));
    }

    private RunningBundle start() {
        Map<String, String> settings = new HashMap<>();
        settings.put("salesforce.environment", "custom");
        settings.put("salesforce.login-url", emulator.baseUrl());
        settings.put("salesforce.client-id", "horizon-emulator");
        settings.put("salesforce.client-secret", "emulator-secret");
        settings.put("horizon.data-dir", dataDir.toString());
        RunningBundle running = RunningBundle.start(settings);
        started.add(running);
        return running;
    }

    private List<JsonNode> tokenRequests() {
        List<JsonNode> requests = new ArrayList<>();
        json(bundle.emulatorAdmin("GET", "/_emulator/oauth/token-requests", null)).path("requests")
                .forEach(requests::add);
        return requests;
    }

    private String storedRefreshToken() {
        return new TokenStore(dataDir, null).load().orElseThrow().refreshToken();
    }

    private String accessToken() {
        return bundle.context().getComponent("salesforce", SalesforceComponent.class).getSession().getAccessToken();
    }
}
