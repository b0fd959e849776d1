package io.horizon.salesforce;

import io.horizon.salesforce.connection.SalesforceConnection;
import io.horizon.salesforce.connection.TokenLifecycleProcessor;
import io.horizon.salesforce.emulator.SalesforceEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the bundle to its emulated org at start-up through the same web-server flow a user clicks through, with
 * the emulator's consent page set to approve at once, so the quick start needs no browser.
 */
final class EmulatorConnect {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorConnect.class);

    private EmulatorConnect() {
    }

    static void authorize(SalesforceEmulator emulator, SalesforceConnection connection,
            TokenLifecycleProcessor lifecycle) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/_emulator/oauth"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"autoApprove\":true}")).build(),
                    HttpResponse.BodyHandlers.discarding());
            HttpResponse<Void> consent = http.send(
                    HttpRequest.newBuilder(URI.create(connection.startAuthorization())).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            Map<String, String> callback = query(consent.headers().firstValue("Location").orElse(""));
            lifecycle.connected(connection.completeAuthorization(callback.get("code"), callback.get("state")));
        } catch (IOException | RuntimeException e) {
            LOG.error("could not connect to the emulated org", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> query(String url) {
        Map<String, String> values = new HashMap<>();
        int start = url.indexOf('?');
        if (start < 0) {
            return values;
        }
        for (String pair : url.substring(start + 1).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(pair.substring(0, equals),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
