package io.horizon.salesforce.emulator;

import static io.horizon.salesforce.emulator.EmulatorHttp.V;
import static io.horizon.salesforce.emulator.SObjectRestTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AdminApiTest {

    @RegisterExtension
    static final RunningOrg ORG = new RunningOrg();

    @AfterEach
    void clearFaults() {
        ORG.admin().delete("/_emulator/faults");
    }

    @Test
    void countsEveryCallByMethodAndPathWithoutTheQueryString() {
        assertThat(ORG.admin().delete("/_emulator/counters").status()).isEqualTo(204);

        ORG.http().get(V + "/sobjects/Account/describe/");
        ORG.http().get(V + "/sobjects/Account/describe/");
        ORG.http().get(V + "/limits/?x=1");
        new EmulatorHttp(ORG.emulator().baseUrl()).login();

        JsonNode counters = ORG.admin().get("/_emulator/counters").json();
        assertThat(counters.get("total").asInt()).isEqualTo(4);
        assertThat(counters.get("calls").get("GET " + V + "/sobjects/Account/describe/").asInt()).isEqualTo(2);
        assertThat(counters.get("calls").get("GET " + V + "/limits/").asInt()).isEqualTo(1);
        assertThat(counters.get("calls").get("POST /services/oauth2/token").asInt()).isEqualTo(1);
    }

    @Test
    void injectsAFaultForTheNextMatchingCalls() {
        ORG.admin().post("/_emulator/faults", """
                {"method":"GET","pathPrefix":"/services/data/","status":503,"times":2}""");
        ORG.admin().delete("/_emulator/counters");

        EmulatorHttp.Response first = ORG.http().get(V + "/limits/");
        EmulatorHttp.Response second = ORG.http().get(V + "/limits/");
        EmulatorHttp.Response third = ORG.http().get(V + "/limits/");

        assertError(first, 503, "SERVER_UNAVAILABLE");
        assertError(second, 503, "SERVER_UNAVAILABLE");
        assertThat(third.status()).isEqualTo(200);
        assertThat(ORG.admin().get("/_emulator/counters").json().get("total").asInt()).isEqualTo(3);
    }

    @Test
    void aFault401DefaultsToInvalidSessionAndOtherMethodsPassThrough() {
        ORG.admin().post("/_emulator/faults", """
                {"method":"PATCH","pathPrefix":"/services/data/","status":401,"times":1}""");

        EmulatorHttp.Response get = ORG.http().get(V + "/limits/");
        EmulatorHttp.Response patch = ORG.http().patch(V + "/sobjects/Account/001Hz0000000001AAA", "{}");

        assertThat(get.status()).isEqualTo(200);
        OAuthTest.assertInvalidSession(patch);
    }

    @Test
    void aFaultCarriesTheBodyItWasGiven() {
        ORG.admin().post("/_emulator/faults", """
                {"pathPrefix":"/services/data/v62.0/query","status":400,"times":1,
                 "body":[{"message":"custom","errorCode":"QUERY_TIMEOUT"}]}""");

        EmulatorHttp.Response answer = ORG.http().get(V + "/query/?q=SELECT+Id+FROM+Account");

        assertError(answer, 400, "QUERY_TIMEOUT");
        assertThat(answer.json().get(0).get("message").asText()).isEqualTo("custom");
    }

    @Test
    void aDelayOnlyFaultLetsTheCallProceedLater() throws Exception {
        ORG.admin().post("/_emulator/faults", """
                {"pathPrefix":"/services/data/","status":0,"times":1,"delayMillis":700}""");
        long started = System.nanoTime();

        CompletableFuture<EmulatorHttp.Response> delayed = CompletableFuture.supplyAsync(() -> ORG.http().get(V + "/limits/"));
        EmulatorHttp.Response answer = delayed.get(10, TimeUnit.SECONDS);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(700);
    }

    @Test
    void refusesAMalformedFault() {
        assertError(ORG.admin().post("/_emulator/faults", "{\"status\":42}"), 400, "INVALID_FAULT");
        assertError(ORG.admin().post("/_emulator/faults", "[1"), 400, "JSON_PARSER_ERROR");
    }

    @Test
    void resetReloadsTheSeedAndKeepsTokensValid() {
        String id = ORG.http().post(V + "/sobjects/Account", "{\"Name\":\"Gone After Reset\"}").json().get("id").asText();
        ORG.http().patch(V + "/sobjects/Project__c/Project_Code__c/PRJ-1001", "{\"Name\":\"Renamed\"}");

        EmulatorHttp.Response reset = ORG.admin().post("/_emulator/reset", "");

        assertThat(reset.status()).isEqualTo(204);
        assertError(ORG.http().get(V + "/sobjects/Account/" + id), 404, "NOT_FOUND");
        assertThat(ORG.http().get(V + "/sobjects/Project__c/Project_Code__c/PRJ-1001").json().get("Name").asText())
                .isEqualTo("Acme Plant Digitisation");
        assertThat(ORG.admin().get("/_emulator/counters").json().get("total").asInt()).isEqualTo(2);
    }
}
