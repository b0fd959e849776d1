package io.horizon.salesforce.emulator;

import static io.horizon.salesforce.emulator.EmulatorHttp.V;
import static io.horizon.salesforce.emulator.SObjectRestTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdminApiTest {

    private static SalesforceEmulator emulator;
    private static EmulatorHttp admin;
    private static EmulatorHttp http;

    @BeforeAll
    static void start() {
        emulator = SalesforceEmulator.start(EmulatorSettings.defaults());
        admin = new EmulatorHttp(emulator.baseUrl());
        http = new EmulatorHttp(emulator.baseUrl()).login();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void clearFaults() {
        admin.delete("/_emulator/faults");
    }

    @Test
    void countsEveryCallByMethodAndPathWithoutTheQueryString() {
        assertThat(admin.delete("/_emulator/counters").status()).isEqualTo(204);

        http.get(V + "/sobjects/Account/describe/");
        http.get(V + "/sobjects/Account/describe/");
        http.get(V + "/limits/?x=1");
        new EmulatorHttp(emulator.baseUrl()).login();

        JsonNode counters = admin.get("/_emulator/counters").json();
        assertThat(counters.get("total").asInt()).isEqualTo(4);
        assertThat(counters.get("calls").get("GET " + V + "/sobjects/Account/describe/").asInt()).isEqualTo(2);
        assertThat(counters.get("calls").get("GET " + V + "/limits/").asInt()).isEqualTo(1);
        assertThat(counters.get("calls").get("POST /services/oauth2/token").asInt()).isEqualTo(1);
    }

    @Test
    void injectsAFaultForTheNextMatchingCalls() {
        admin.post("/_emulator/faults", """
                {"method":"GET","pathPrefix":"/services/data/","status":503,"times":2}""");
        admin.delete("/_emulator/counters");

        EmulatorHttp.Response first = http.get(V + "/limits/");
        EmulatorHttp.Response second = http.get(V + "/limits/");
        EmulatorHttp.Response third = http.get(V + "/limits/");

        assertError(first, 503, "SERVER_UNAVAILABLE");
        assertError(second, 503, "SERVER_UNAVAILABLE");
        assertThat(third.status()).isEqualTo(200);
        assertThat(admin.get("/_emulator/counters").json().get("total").asInt()).isEqualTo(3);
    }

    @Test
    void aFault401DefaultsToInvalidSessionAndOtherMethodsPassThrough() {
        admin.post("/_emulator/faults", """
                {"method":"PATCH","pathPrefix":"/services/data/","status":401,"times":1}""");

        EmulatorHttp.Response get = http.get(V + "/limits/");
        EmulatorHttp.Response patch = http.patch(V + "/sobjects/Account/001Hz0000000001AAA", "{}");

        assertThat(get.status()).isEqualTo(200);
        OAuthTest.assertInvalidSession(patch);
    }

    @Test
    void aFaultCarriesTheBodyItWasGiven() {
        admin.post("/_emulator/faults", """
                {"pathPrefix":"/services/data/v62.0/query","status":400,"times":1,
                 "body":[{"message":"custom","errorCode":"QUERY_TIMEOUT"}]}""");

        EmulatorHttp.Response answer = http.get(V + "/query/?q=SELECT+Id+FROM+Account");

        assertError(answer, 400, "QUERY_TIMEOUT");
        assertThat(answer.json().get(0).get("message").asText()).isEqualTo("custom");
    }

    @Test
    void aDelayOnlyFaultLetsTheCallProceedLater() throws Exception {
        admin.post("/_emulator/faults", """
                {"pathPrefix":"/services/data/","status":0,"times":1,"delayMillis":700}""");
        long started = System.nanoTime();

        CompletableFuture<EmulatorHttp.Response> delayed = CompletableFuture.supplyAsync(() -> http.get(V + "/limits/"));
        EmulatorHttp.Response answer = delayed.get(10, TimeUnit.SECONDS);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(700);
    }

    @Test
    void refusesAMalformedFault() {
        assertError(admin.post("/_emulator/faults", "{\"status\":42}"), 400, "INVALID_FAULT");
        assertError(admin.post("/_emulator/faults", "[1"), 400, "JSON_PARSER_ERROR");
    }

    @Test
    void resetReloadsTheSeedAndKeepsTokensValid() {
        String id = http.post(V + "/sobjects/Account", "{\"Name\":\"Gone After Reset\"}").json().get("id").asText();
        http.patch(V + "/sobjects/Project__c/Project_Code__c/PRJ-1001", "{\"Name\":\"Renamed\"}");

        EmulatorHttp.Response reset = admin.post("/_emulator/reset", "");

        assertThat(reset.status()).isEqualTo(204);
        assertError(http.get(V + "/sobjects/Account/" + id), 404, "NOT_FOUND");
        assertThat(http.get(V + "/sobjects/Project__c/Project_Code__c/PRJ-1001").json().get("Name").asText())
                .isEqualTo("Acme Plant Digitisation");
        assertThat(admin.get("/_emulator/counters").json().get("total").asInt()).isEqualTo(2);
    }
}
