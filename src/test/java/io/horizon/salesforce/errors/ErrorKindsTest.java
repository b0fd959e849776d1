package io.horizon.salesforce.errors;

import static io.horizon.salesforce.RunningBundle.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.horizon.salesforce.RunningBundle;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One test per error kind: the emulated org is driven into the failure, and the answer carries the status, the kind,
 * a remedy and Salesforce's own errors under {@code salesforce}. Case C09 among them.
 */
class ErrorKindsTest {

    private static RunningBundle bundle;

    @BeforeAll
    static void startBundle() {
        bundle = RunningBundle.start();
    }

    @AfterAll
    static void stopBundle() {
        bundle.close();
    }

    @AfterEach
    void restoreOrg() {
        bundle.emulatorAdmin("DELETE", "/_emulator/faults", null);
        bundle.emulatorAdmin("PUT", "/_emulator/permissions", "{\"apiEnabled\":true,\"objects\":{}}");
        bundle.emulatorAdmin("PUT", "/_emulator/limits", "{\"used\":0,\"max\":15000}");
    }

    @Test
    void aProfileWithoutApiAccessIsInsufficientPrivileges() {
        bundle.emulatorAdmin("PUT", "/_emulator/permissions", "{\"apiEnabled\":false}");

        HttpResponse<String> response = bundle.query("SELECT Id FROM Account LIMIT 1");

        assertKind(response, 403, "insufficient_privileges", "API_DISABLED_FOR_ORG");
        assertThat(json(response).path("remedy").asText()).contains("API Enabled");
    }

    @Test
    void anObjectTheUserMayReadButNotEditIsInsufficientPrivileges() {
        bundle.emulatorAdmin("PUT", "/_emulator/permissions",
                "{\"objects\":{\"Opportunity\":{\"read\":true,\"create\":false,\"edit\":false,\"delete\":false}}}");

        HttpResponse<String> response = bundle.post("/api/salesforce/sobjects/Opportunity",
                "{\"Name\":\"Blocked\",\"StageName\":\"Prospecting\",\"CloseDate\":\"2027-01-31\"}");

        assertKind(response, 403, "insufficient_privileges", "INSUFFICIENT_ACCESS_OR_READONLY");
    }

    @Test
    void aCustomObjectTheUserCannotSeeIsNotAccessible() {
        bundle.emulatorAdmin("PUT", "/_emulator/permissions", "{\"objects\":{\"Project__c\":{\"read\":false}}}");

        HttpResponse<String> response = bundle.query("SELECT Id, Name FROM Project__c");

        assertKind(response, 404, "object_not_accessible", "INVALID_TYPE");
        assertThat(json(response).path("remedy").asText()).contains("__c");
    }

    @Test
    void aMissingRequiredFieldIsAnInvalidRequestNamingTheField() {
        HttpResponse<String> response = bundle.post("/api/salesforce/sobjects/Opportunity", "{\"Name\":\"No stage\"}");

        assertKind(response, 400, "invalid_request", "REQUIRED_FIELD_MISSING");
        assertThat(json(response).path("salesforce").get(0).path("fields").toString()).contains("StageName");
    }

    @Test
    void aValidationRuleMessageReachesTheCaller() {
        bundle.emulatorAdmin("POST", "/_emulator/faults", "{\"method\":\"POST\",\"pathPrefix\":\"/services/data/\","
                + "\"status\":400,\"times\":1,\"body\":[{\"errorCode\":\"FIELD_CUSTOM_VALIDATION_EXCEPTION\","
                + "\"message\":\"Close date must be in the future\",\"fields\":[\"CloseDate\"]}]}");

        HttpResponse<String> response = bundle.post("/api/salesforce/sobjects/Lead",
                "{\"LastName\":\"Rule\",\"Company\":\"Rule Co\"}");

        assertKind(response, 400, "invalid_request", "FIELD_CUSTOM_VALIDATION_EXCEPTION");
        assertThat(json(response).path("message").asText()).isEqualTo("Close date must be in the future");
    }

    @Test
    void aMissingRecordIsNotFound() {
        HttpResponse<String> response = bundle.get("/api/salesforce/sobjects/Account/001Hz0000000zzzIAA");

        assertKind(response, 404, "not_found", "NOT_FOUND");
    }

    @Test
    void anAmbiguousExternalIdIsAConflictListingTheMatches() {
        HttpResponse<String> response = bundle.put("/api/salesforce/sobjects/Project__c/Legacy_Code__c/LEG-SHARED",
                "{\"Name\":\"Which one?\"}");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).path("error").asText()).isEqualTo("conflict");
        assertThat(json(response).path("salesforce")).hasSize(2);
        assertThat(json(response).path("message").asText()).contains("a01");
    }

    @Test
    void aDuplicateRuleIsAConflict() {
        bundle.emulatorAdmin("POST", "/_emulator/faults", "{\"method\":\"POST\",\"pathPrefix\":\"/services/data/\","
                + "\"status\":400,\"times\":1,\"body\":[{\"errorCode\":\"DUPLICATES_DETECTED\","
                + "\"message\":\"Use one of these records?\"}]}");

        HttpResponse<String> response = bundle.post("/api/salesforce/sobjects/Lead",
                "{\"LastName\":\"Twin\",\"Company\":\"Twin Co\"}");

        assertKind(response, 409, "conflict", "DUPLICATES_DETECTED");
    }

    @Test
    void aUsedUpAllowanceIsRateLimitedNotAnAuthenticationFailure() {
        bundle.emulatorAdmin("PUT", "/_emulator/limits", "{\"used\":14989,\"max\":15000}");
        bundle.query("SELECT Id FROM Account LIMIT 1");
        bundle.emulatorAdmin("PUT", "/_emulator/limits", "{\"used\":15000,\"max\":15000}");
        int tokenRequests = json(bundle.emulatorAdmin("GET", "/_emulator/oauth/token-requests", null))
                .path("requests").size();

        HttpResponse<String> response = bundle.query("SELECT Id FROM Account LIMIT 1");

        assertKind(response, 429, "rate_limited", "REQUEST_LIMIT_EXCEEDED");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(response).path("remedy").asText()).contains("/api/salesforce/limits");
        assertThat(json(bundle.emulatorAdmin("GET", "/_emulator/oauth/token-requests", null)).path("requests"))
                .hasSize(tokenRequests);
        JsonNode status = json(bundle.admin("GET", "/api/connections/salesforce"));
        assertThat(status.path("status").asText()).isEqualTo("CONNECTED");
        assertThat(status.path("apiUsage").path("used").asInt()).isEqualTo(14990);
        assertThat(status.path("apiUsage").path("max").asInt()).isEqualTo(15000);
        JsonNode limits = json(bundle.get("/api/salesforce/limits"));
        assertThat(limits.path("apiUsage").path("used").asInt()).isEqualTo(14990);
    }

    @Test
    void aLockedRowIsRetriedAndSucceeds() {
        String id = json(bundle.query("SELECT Id FROM Account ORDER BY Name LIMIT 1")).path("records").get(0)
                .path("Id").asText();
        bundle.emulatorAdmin("POST", "/_emulator/faults", "{\"method\":\"PATCH\",\"pathPrefix\":\"/services/data/\","
                + "\"status\":400,\"times\":2,\"body\":[{\"errorCode\":\"UNABLE_TO_LOCK_ROW\","
                + "\"message\":\"unable to obtain exclusive access to this record\"}]}");

        HttpResponse<String> response = bundle.patch("/api/salesforce/sobjects/Account/" + id,
                "{\"Description\":\"after two lock faults\"}");

        assertThat(response.statusCode()).isEqualTo(204);
    }

    @Test
    void aRowThatStaysLockedIsUnavailableAfterTheRetries() {
        String id = json(bundle.query("SELECT Id FROM Account ORDER BY Name LIMIT 1")).path("records").get(0)
                .path("Id").asText();
        bundle.emulatorAdmin("POST", "/_emulator/faults", "{\"method\":\"PATCH\",\"pathPrefix\":\"/services/data/\","
                + "\"status\":400,\"times\":10,\"body\":[{\"errorCode\":\"UNABLE_TO_LOCK_ROW\","
                + "\"message\":\"unable to obtain exclusive access to this record\"}]}");

        HttpResponse<String> response = bundle.patch("/api/salesforce/sobjects/Account/" + id, "{\"Description\":\"x\"}");

        assertKind(response, 502, "salesforce_unavailable", "UNABLE_TO_LOCK_ROW");
    }

    @Test
    void aReportOverAnObjectTheUserCannotReadIsInsufficientPrivileges() {
        bundle.emulatorAdmin("PUT", "/_emulator/permissions", "{\"objects\":{\"Opportunity\":{\"read\":false}}}");

        HttpResponse<String> response = bundle.post("/api/salesforce/reports/00OHz0000000001MAA/run", "");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).path("error").asText()).isEqualTo("insufficient_privileges");
    }

    @Test
    void salesforceFailingIsUnavailableAfterBoundedRetries() {
        bundle.emulatorAdmin("DELETE", "/_emulator/counters", null);
        bundle.emulatorAdmin("POST", "/_emulator/faults", "{\"method\":\"GET\",\"pathPrefix\":\"/services/data/\","
                + "\"status\":503,\"times\":10}");

        HttpResponse<String> response = bundle.get("/api/salesforce/sobjects/Account/describe");

        assertKind(response, 502, "salesforce_unavailable", "SERVER_UNAVAILABLE");
        assertThat(json(bundle.emulatorAdmin("GET", "/_emulator/counters", null)).path("total").asInt())
                .isEqualTo(4);
    }

    private static void assertKind(HttpResponse<String> response, int status, String kind, String errorCode) {
        JsonNode error = json(response);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(error.path("error").asText()).isEqualTo(kind);
        assertThat(error.path("remedy").asText()).isNotBlank();
        assertThat(error.path("salesforce").get(0).path("errorCode").asText()).isEqualTo(errorCode);
    }
}
