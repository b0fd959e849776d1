package io.horizon.salesforce.emulator;

import static io.horizon.salesforce.emulator.EmulatorHttp.V;
import static io.horizon.salesforce.emulator.SObjectRestTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Row-lock contention, injected as a fault with Salesforce's UNABLE_TO_LOCK_ROW body, for the retry paths. */
class LockFaultTest {

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
    void answersTheNextTwoWritesWithUnableToLockRowThenLetsThemThrough() {
        String accountId = http.get(V + "/query?q=" + EmulatorHttp.enc("SELECT Id FROM Account WHERE Name = 'Acme"
                + " Corporation'")).json().get("records").get(0).get("Id").asText();
        admin.post("/_emulator/faults", """
                {"pathPrefix":"/services/data/","status":400,"times":2,"body":[{"errorCode":"UNABLE_TO_LOCK_ROW",
                 "message":"unable to obtain exclusive access to this record or 1 records: %s"}]}"""
                .formatted(accountId));

        EmulatorHttp.Response patch = http.patch(V + "/sobjects/Account/" + accountId, "{\"Phone\":\"+1 415 555 0199\"}");
        EmulatorHttp.Response post = http.post(V + "/sobjects/Contact", "{\"LastName\":\"Locked\"}");
        EmulatorHttp.Response retried = http.patch(V + "/sobjects/Account/" + accountId,
                "{\"Phone\":\"+1 415 555 0199\"}");

        assertError(patch, 400, "UNABLE_TO_LOCK_ROW");
        assertThat(patch.json().get(0).get("message").asText()).endsWith(accountId);
        assertError(post, 400, "UNABLE_TO_LOCK_ROW");
        assertThat(retried.status()).isEqualTo(204);
        assertThat(http.get(V + "/sobjects/Account/" + accountId).json().get("Phone").asText())
                .isEqualTo("+1 415 555 0199");
    }
}
