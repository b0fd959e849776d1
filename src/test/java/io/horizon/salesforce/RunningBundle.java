package io.horizon.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.main.Main;

/**
 * The whole bundle, started the way the README starts it but on free ports and with a known API key, plus an HTTP
 * client for its API and for the emulator's admin surface. One per test class.
 */
public final class RunningBundle implements AutoCloseable {

    public static final String API_KEY = "test-agent-key";
    public static final String ADMIN_KEY = "test-admin-key";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Main main;
    private final String apiUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RunningBundle(Main main, int port) {
        this.main = main;
        this.apiUrl = "http://127.0.0.1:" + port;
    }

    public static RunningBundle start() {
        return start(Map.of());
    }

    /** Starts the bundle from the project's application.properties, with {@code settings} on top. */
    public static RunningBundle start(Map<String, String> settings) {
        int port = freePort();
        Map<String, String> overrides = new HashMap<>();
        overrides.put("horizon.http.port", String.valueOf(port));
        overrides.put("horizon.api.keys", API_KEY);
        overrides.put("horizon.admin.keys", ADMIN_KEY);
        overrides.put("horizon.data-dir", Path.of("target", "test-data", "bundle-" + port).toString());
        overrides.putAll(settings);
        Main main = Application.create(overrides);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("bundle did not start", e);
        }
        return new RunningBundle(main, port);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** The emulated org's base URL (its login and instance host). */
    public String emulatorUrl() {
        return context().getComponent("salesforce", SalesforceComponent.class).getLoginUrl();
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    public HttpResponse<String> patch(String path, String json) {
        return send(request(path).method("PATCH", HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    public HttpResponse<String> put(String path, String json) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    /** Calls a connection-management route with the admin key. */
    public HttpResponse<String> admin(String method, String path) {
        return send(HttpRequest.newBuilder(URI.create(apiUrl + path)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + ADMIN_KEY));
    }

    /**
     * Walks the OAuth web-server flow as a browser would: asks the bundle for the authorization URL, lets the
     * emulator's consent page approve at once, and follows the redirect to the bundle's callback.
     */
    public HttpResponse<String> authorize(String startPath) {
        emulatorAdmin("PUT", "/_emulator/oauth", "{\"autoApprove\":true}");
        String authorizationUrl = json(admin("POST", startPath)).path("authorizationUrl").asText();
        HttpResponse<String> consent = send(HttpRequest.newBuilder(URI.create(authorizationUrl)));
        String callback = consent.headers().firstValue("Location").orElseThrow(
                () -> new IllegalStateException("no redirect from the consent page: " + consent.statusCode()));
        return send(HttpRequest.newBuilder(URI.create(callback)));
    }

    /** GET /api/salesforce/query with the SOQL percent-encoded as UTF-8. */
    public HttpResponse<String> query(String soql) {
        return get("/api/salesforce/query?soql=" + URLEncoder.encode(soql, StandardCharsets.UTF_8));
    }

    /** Sends any request to the bundle as it is, for tests of headers and authentication. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request to the bundle's API carrying the test key. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(apiUrl + path))
                .header("Authorization", "Bearer " + API_KEY)
                .header("Content-Type", "application/json; charset=UTF-8");
    }

    public String apiUrl() {
        return apiUrl;
    }


    /** Calls the emulator's admin surface ({@code /_emulator/...}). */
    public HttpResponse<String> emulatorAdmin(String method, String path, String json) {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(emulatorUrl() + path)).method(method, body)
                .header("Content-Type", "application/json"));
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        main.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
