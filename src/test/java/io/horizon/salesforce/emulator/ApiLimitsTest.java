package io.horizon.salesforce.emulator;

import static io.horizon.salesforce.emulator.EmulatorHttp.V;
import static io.horizon.salesforce.emulator.SObjectRestTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The daily API allowance as {@code PUT /_emulator/limits} sets it, and how the org reports and enforces it. */
class ApiLimitsTest {

    @RegisterExtension
    static final RunningOrg ORG = new RunningOrg();

    @AfterEach
    void reset() {
        ORG.admin().post("/_emulator/reset", "");
    }

    @Test
    void reportsTheUsageAnAdminSet() {
        EmulatorHttp.Response set = ORG.admin().call("PUT", "/_emulator/limits", "{\"used\":14990,\"max\":15000}");

        EmulatorHttp.Response limits = ORG.http().get(V + "/limits/");

        assertThat(set.status()).isEqualTo(200);
        assertThat(limits.header("Sforce-Limit-Info")).isEqualTo("api-usage=14991/15000");
        JsonNode daily = limits.json().get("DailyApiRequests");
        assertThat(daily.get("Max").asInt()).isEqualTo(15000);
        assertThat(daily.get("Remaining").asInt()).isEqualTo(9);
        assertThat(ORG.admin().get("/_emulator/limits").json().get("used").asInt()).isEqualTo(14991);
    }

    @Test
    void refusesCallsPastTheAllowance() {
        ORG.admin().call("PUT", "/_emulator/limits", "{\"used\":98,\"max\":100}");

        EmulatorHttp.Response last = ORG.http().get(V + "/limits/");
        EmulatorHttp.Response exactlyAtMax = ORG.http().get(V + "/limits/");
        EmulatorHttp.Response over = ORG.http().get(V + "/limits/");

        assertThat(last.status()).isEqualTo(200);
        assertThat(exactlyAtMax.status()).isEqualTo(200);
        assertThat(exactlyAtMax.json().get("DailyApiRequests").get("Remaining").asInt()).isZero();
        assertError(over, 403, "REQUEST_LIMIT_EXCEEDED");
        assertThat(over.json().get(0).get("message").asText()).isEqualTo("TotalRequests Limit exceeded.");
        assertThat(over.header("Sforce-Limit-Info")).isEqualTo("api-usage=101/100");
    }

    @Test
    void resetRestoresTheSettingsAllowance() {
        ORG.admin().call("PUT", "/_emulator/limits", "{\"used\":500,\"max\":500}");

        ORG.admin().post("/_emulator/reset", "");
        EmulatorHttp.Response limits = ORG.http().get(V + "/limits/");

        assertThat(limits.status()).isEqualTo(200);
        assertThat(limits.header("Sforce-Limit-Info")).isEqualTo("api-usage=1/15000");
    }

    @Test
    void refusesANegativeOrZeroSetting() {
        assertError(ORG.admin().call("PUT", "/_emulator/limits", "{\"used\":-1}"), 400, "INVALID_ADMIN_REQUEST");
        assertError(ORG.admin().call("PUT", "/_emulator/limits", "{\"max\":0}"), 400, "INVALID_ADMIN_REQUEST");
    }
}
