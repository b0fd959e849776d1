package io.horizon.salesforce.api;

import static io.horizon.salesforce.RunningBundle.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.horizon.salesforce.RunningBundle;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Salesforce call that outlives salesforce.http.request-timeout (2 s here). */
class TimeoutApiTest {

    private static RunningBundle bundle;

    @BeforeAll
    static void startBundle() {
        bundle = RunningBundle.start(Map.of("salesforce.http.request-timeout", "2000"));
    }

    @AfterAll
    static void stopBundle() {
        bundle.close();
    }

    @Test
    void aSalesforceCallThatTakesTooLongIsAGatewayTimeoutWithoutInternalUrls() {
        bundle.emulatorAdmin("POST", "/_emulator/faults",
                "{\"method\":\"GET\",\"pathPrefix\":\"/services/data/v62.0/sobjects/Lead/describe\","
                        + "\"status\":0,\"delayMillis\":6000,\"times\":1}");

        HttpResponse<String> response = bundle.get("/api/salesforce/sobjects/Lead/describe");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(json(response).path("error").asText()).isEqualTo("salesforce_unavailable");
        assertThat(response.body()).doesNotContain("127.0.0.1");
    }
}
