package io.horizon.salesforce.emulator;

import static io.horizon.salesforce.emulator.EmulatorHttp.V;
import static io.horizon.salesforce.emulator.SObjectRestTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connected user's profile, as {@code PUT /_emulator/permissions} sets it. */
class PermissionsTest {

    private static final String NARROWED = """
            {"apiEnabled":true,"objects":{"Project__c":{"read":false},
             "Opportunity":{"read":true,"create":false,"edit":false,"delete":false}}}""";

    @RegisterExtension
    static final RunningOrg ORG = new RunningOrg();

    @AfterEach
    void reset() {
        ORG.admin().post("/_emulator/reset", "");
    }

    private static String firstId(String object) {
        return ORG.http().get(V + "/query?q=" + EmulatorHttp.enc("SELECT Id FROM " + object + " LIMIT 1")).json()
                .get("records").get(0).get("Id").asText();
    }

    @Test
    void hidesAnObjectTheUserMayNotRead() {
        String projectId = firstId("Project__c");
        ORG.admin().call("PUT", "/_emulator/permissions", NARROWED);

        EmulatorHttp.Response query = ORG.http().get(V + "/query?q=" + EmulatorHttp.enc("SELECT Id FROM Project__c"));
        List<String> described = new ArrayList<>();
        ORG.http().get(V + "/sobjects/").json().get("sobjects").forEach(o -> described.add(o.get("name").asText()));

        assertError(query, 400, "INVALID_TYPE");
        assertError(ORG.http().get(V + "/sobjects/Project__c/describe/"), 404, "NOT_FOUND");
        assertError(ORG.http().get(V + "/sobjects/Project__c/" + projectId), 404, "NOT_FOUND");
        assertError(ORG.http().post(V + "/sobjects/Project__c", "{\"Name\":\"Hidden\"}"), 404, "NOT_FOUND");
        assertThat(described).contains("Account", "Opportunity").doesNotContain("Project__c");
    }

    @Test
    void refusesDmlOnAnObjectTheUserMayOnlyRead() {
        String opportunityId = firstId("Opportunity");
        ORG.admin().call("PUT", "/_emulator/permissions", NARROWED);

        EmulatorHttp.Response create = ORG.http().post(V + "/sobjects/Opportunity",
                "{\"Name\":\"No\",\"StageName\":\"Prospecting\",\"CloseDate\":\"2026-06-30\"}");
        EmulatorHttp.Response update = ORG.http().patch(V + "/sobjects/Opportunity/" + opportunityId, "{\"NextStep\":\"x\"}");
        EmulatorHttp.Response delete = ORG.http().delete(V + "/sobjects/Opportunity/" + opportunityId);
        EmulatorHttp.Response read = ORG.http().get(V + "/sobjects/Opportunity/" + opportunityId);

        assertError(create, 400, "INSUFFICIENT_ACCESS_OR_READONLY");
        assertThat(create.json().get(0).get("message").asText()).isEqualTo("insufficient access rights on object id");
        assertError(update, 400, "INSUFFICIENT_ACCESS_OR_READONLY");
        assertError(delete, 400, "INSUFFICIENT_ACCESS_OR_READONLY");
        assertThat(read.status()).isEqualTo(200);
        assertThat(ORG.http().post(V + "/sobjects/Account", "{\"Name\":\"Still allowed\"}").status()).isEqualTo(201);
    }

    @Test
    void refusesAnUpsertWithoutEditRights() {
        ORG.admin().call("PUT", "/_emulator/permissions", """
                {"objects":{"Project__c":{"read":true,"create":true,"edit":false}}}""");

        EmulatorHttp.Response upsert = ORG.http().patch(V + "/sobjects/Project__c/Project_Code__c/PRJ-9999",
                "{\"Name\":\"Upserted\"}");

        assertError(upsert, 400, "INSUFFICIENT_ACCESS_OR_READONLY");
    }

    @Test
    void refusesEveryDataCallWhenTheApiIsDisabled() {
        ORG.admin().call("PUT", "/_emulator/permissions", "{\"apiEnabled\":false}");

        EmulatorHttp.Response limits = ORG.http().get(V + "/limits/");
        EmulatorHttp.Response query = ORG.http().get(V + "/query?q=" + EmulatorHttp.enc("SELECT Id FROM Account"));

        assertError(limits, 403, "API_DISABLED_FOR_ORG");
        assertThat(limits.json().get(0).get("message").asText())
                .isEqualTo("The REST API is not enabled for this Organization.");
        assertError(query, 403, "API_DISABLED_FOR_ORG");
    }

    @Test
    void refusesToRunAReportOverAnObjectTheUserMayNotRead() {
        ORG.admin().call("PUT", "/_emulator/permissions", "{\"objects\":{\"Opportunity\":{\"read\":false}}}");

        assertError(ORG.http().get(V + "/analytics/reports/" + AnalyticsApiTest.BY_STAGE), 403, "FORBIDDEN");
    }

    @Test
    void readsBackTheProfileAndResetRestoresEverything() {
        ORG.admin().call("PUT", "/_emulator/permissions", NARROWED);

        JsonNode narrowed = ORG.admin().get("/_emulator/permissions").json();
        ORG.admin().post("/_emulator/reset", "");
        JsonNode restored = ORG.admin().get("/_emulator/permissions").json();

        assertThat(narrowed.get("objects").get("Project__c").get("read").asBoolean()).isFalse();
        assertThat(narrowed.get("objects").get("Project__c").get("create").asBoolean()).isFalse();
        assertThat(narrowed.get("objects").get("Opportunity").get("edit").asBoolean()).isFalse();
        assertThat(restored.get("apiEnabled").asBoolean()).isTrue();
        assertThat(restored.get("objects")).isEmpty();
        assertThat(ORG.http().get(V + "/sobjects/Project__c/describe/").status()).isEqualTo(200);
    }

    @Test
    void refusesAMalformedProfile() {
        assertError(ORG.admin().call("PUT", "/_emulator/permissions", "{\"apiEnabled\":\"yes\"}"), 400,
                "INVALID_ADMIN_REQUEST");
        assertError(ORG.admin().call("PUT", "/_emulator/permissions", "{\"objects\":{\"Account\":{\"read\":1}}}"), 400,
                "INVALID_ADMIN_REQUEST");
    }
}
