package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** A small HTTP client for the emulator tests: form posts, JSON calls with a bearer token, parsed answers. */
final class EmulatorHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String V = "/services/data/v62.0";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;
    private String token;

    EmulatorHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Logs in with the default settings' password grant and keeps the access token for later calls. */
    EmulatorHttp login() {
        Response answer = form("/services/oauth2/token", passwordGrant());
        token = answer.json().get("access_token").asText();
        return this;
    }

    String token() {
        return token;
    }

    EmulatorHttp withToken(String newToken) {
        token = newToken;
        return this;
    }

    static Map<String, String> passwordGrant() {
        EmulatorSettings settings = EmulatorSettings.defaults();
        return Map.of("grant_type", "password", "client_id", settings.clientId(), "client_secret",
                settings.clientSecret(), "username", settings.username(), "password", settings.password());
    }

    Response form(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response get(String path, String... headers) {
        return call("GET", path, null, headers);
    }

    Response post(String path, String json) {
        return call("POST", path, json);
    }

    Response patch(String path, String json) {
        return call("PATCH", path, json);
    }

    Response delete(String path) {
        return call("DELETE", path, null);
    }

    Response call(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, json == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json;charset=UTF-8");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Response send(HttpRequest.Builder request) {
        try {
            return new Response(client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer with its body as bytes, text and JSON. */
    record Response(HttpResponse<byte[]> raw) {

        int status() {
            return raw.statusCode();
        }

        String body() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body(), e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status() + " " + body();
        }
    }
}
