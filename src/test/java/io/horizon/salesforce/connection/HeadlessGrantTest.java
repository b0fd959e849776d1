package io.horizon.salesforce.connection;

import static io.horizon.salesforce.RunningBundle.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.horizon.salesforce.RunningBundle;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The headless client-credentials grant: same status, expiry renewal and removal as the web-server flow. */
class HeadlessGrantTest {

    private static final String QUERY = "SELECT Id FROM Account LIMIT 1";
    private static final String STATUS = "/api/connections/salesforce";

    private static RunningBundle bundle;

    @BeforeAll
    static void startBundle() {
        bundle = RunningBundle.start(Map.of("salesforce.grant", "client-credentials"));
    }

    @AfterAll
    static void stopBundle() {
        bundle.close();
    }

    @Test
    void logsInOnTheFirstCallRenewsAnExpiredSessionOnceAndStopsAfterRemoval() {
        HttpResponse<String> first = bundle.query(QUERY);
        JsonNode status = json(bundle.admin("GET", STATUS));
        bundle.emulatorAdmin("POST", "/_emulator/oauth/expire-access-tokens", null);
        int before = clientCredentialsRequests();
        HttpResponse<String> afterExpiry = bundle.query(QUERY);
        int renewals = clientCredentialsRequests() - before;
        JsonNode removed = json(bundle.admin("DELETE", STATUS));
        HttpResponse<String> afterRemoval = bundle.query(QUERY);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(status.path("status").asText()).isEqualTo("CONNECTED");
        assertThat(status.path("orgId").asText()).startsWith("00D");
        assertThat(afterExpiry.statusCode()).isEqualTo(200);
        assertThat(renewals).isEqualTo(1);
        assertThat(removed.path("status").asText()).isEqualTo("NOT_CONNECTED");
        assertThat(afterRemoval.statusCode()).isEqualTo(503);
        assertThat(json(afterRemoval).path("error").asText()).isEqualTo("not_connected");
    }

    private static int clientCredentialsRequests() {
        int count = 0;
        for (JsonNode request : json(bundle.emulatorAdmin("GET", "/_emulator/oauth/token-requests", null))
                .path("requests")) {
            if ("client_credentials".equals(request.path("grantType").asText())) {
                count++;
            }
        }
        return count;
    }
}
