package io.horizon.salesforce.connection;

import static io.horizon.salesforce.RunningBundle.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.horizon.salesforce.RunningBundle;
import io.horizon.salesforce.emulator.EmulatorSettings;
import io.horizon.salesforce.emulator.SalesforceEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless refresh-token set-up: a refresh token in the settings, taken when no connection is stored yet. */
class HeadlessRefreshTokenTest {

    @TempDir
    Path dataDir;

    @Test
    void aConfiguredRefreshTokenConnectsWithoutAnyAuthorization() throws Exception {
        try (SalesforceEmulator org = SalesforceEmulator.start(EmulatorSettings.defaults())) {
            String refreshToken = passwordGrant(org).path("refresh_token").asText();

            try (RunningBundle bundle = RunningBundle.start(Map.of("salesforce.environment", "custom",
                    "salesforce.login-url", org.baseUrl(), "salesforce.client-id", "horizon-emulator",
                    "salesforce.client-secret", "emulator-secret", "salesforce.refresh-token", refreshToken,
                    "horizon.data-dir", dataDir.toString()))) {
                HttpResponse<String> answer = bundle.query("SELECT Id FROM Account LIMIT 1");

                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(json(bundle.admin("GET", "/api/connections/salesforce")).path("status").asText())
                        .isEqualTo("CONNECTED");
                assertThat(new TokenStore(dataDir, null).load().orElseThrow().refreshToken()).isEqualTo(refreshToken);
            }
        }
    }

    private static JsonNode passwordGrant(SalesforceEmulator org) throws Exception {
        String form = "grant_type=password&client_id=horizon-emulator&client_secret=emulator-secret"
                + "&username=agent%40horizon.emulator&password=emulator-password";
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(org.baseUrl() + "/services/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        return RunningBundle.json(answer);
    }
}
