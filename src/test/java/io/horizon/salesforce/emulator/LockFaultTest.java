package io.horizon.salesforce.emulator;

import static io.horizon.salesforce.emulator.EmulatorHttp.V;
import static io.horizon.salesforce.emulator.SObjectRestTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Row-lock contention, injected as a fault with Salesforce's UNABLE_TO_LOCK_ROW body, for the retry paths. */
class LockFaultTest {

    @RegisterExtension
    static final RunningOrg ORG = new RunningOrg();

    @AfterEach
    void clearFaults() {
        ORG.admin().delete("/_emulator/faults");
    }

    @Test
    void answersTheNextTwoWritesWithUnableToLockRowThenLetsThemThrough() {
        String accountId = ORG.http().get(V + "/query?q=" + EmulatorHttp.enc("SELECT Id FROM Account WHERE Name = 'Acme"
                + " Corporation'")).json().get("records").get(0).get("Id").asText();
        ORG.admin().post("/_emulator/faults", """
                {"pathPrefix":"/services/data/","status":400,"times":2,"body":[{"errorCode":"UNABLE_TO_LOCK_ROW",
                 "message":"unable to obtain exclusive access to this record or 1 records: %s"}]}"""
                .formatted(accountId));

        EmulatorHttp.Response patch = ORG.http().patch(V + "/sobjects/Account/" + accountId, "{\"Phone\":\"+1 415 555 0199\"}");
        EmulatorHttp.Response post = ORG.http().post(V + "/sobjects/Contact", "{\"LastName\":\"Locked\"}");
        EmulatorHttp.Response retried = ORG.http().patch(V + "/sobjects/Account/" + accountId,
                "{\"Phone\":\"+1 415 555 0199\"}");

        assertError(patch, 400, "UNABLE_TO_LOCK_ROW");
        assertThat(patch.json().get(0).get("message").asText()).endsWith(accountId);
        assertError(post, 400, "UNABLE_TO_LOCK_ROW");
        assertThat(retried.status()).isEqualTo(204);
        assertThat(ORG.http().get(V + "/sobjects/Account/" + accountId).json().get("Phone").asText())
                .isEqualTo("+1 415 555 0199");
    }
}
