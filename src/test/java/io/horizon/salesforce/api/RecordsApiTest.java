package io.horizon.salesforce.api;

import static io.horizon.salesforce.RunningBundle.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.horizon.salesforce.RunningBundle;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API's record operations, driven over HTTP against the bundle and its emulated org. */
class RecordsApiTest {

    private static RunningBundle bundle;

    @BeforeAll
    static void startBundle() {
        bundle = RunningBundle.start();
    }

    @AfterAll
    static void stopBundle() {
        bundle.close();
    }

    @Test
    void queryAnswersFiveSeededAccountsInNameOrder() {
        HttpResponse<String> response = bundle.query("SELECT Id, Name FROM Account ORDER BY Name LIMIT 5");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json").containsIgnoringCase("charset=UTF-8"));
        JsonNode records = json(response).path("records");
        assertThat(records).hasSize(5);
        List<String> names = new ArrayList<>();
        records.forEach(record -> names.add(record.path("Name").asText()));
        assertThat(names).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        assertThat(records.get(0).path("Id").asText()).hasSize(18).startsWith("001");
    }

    @Test
    void leadLivesThroughCreateGetUpdateDelete() {
        HttpResponse<String> created = bundle.post("/api/salesforce/sobjects/Lead",
                "{\"LastName\":\"Okafor\",\"Company\":\"Brightwater Ltd\",\"Email\":\"n.okafor@brightwater.example\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json(created).path("id").asText();
        assertThat(id).startsWith("00Q").hasSize(18);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/salesforce/sobjects/Lead/" + id);

        HttpResponse<String> read = bundle.get("/api/salesforce/sobjects/Lead/" + id + "?fields=LastName,Company");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).path("Company").asText()).isEqualTo("Brightwater Ltd");

        HttpResponse<String> updated = bundle.patch("/api/salesforce/sobjects/Lead/" + id,
                "{\"Company\":\"Brightwater Holdings\"}");
        assertThat(updated.statusCode()).isEqualTo(204);
        assertThat(json(bundle.get("/api/salesforce/sobjects/Lead/" + id)).path("Company").asText())
                .isEqualTo("Brightwater Holdings");

        HttpResponse<String> deleted = bundle.delete("/api/salesforce/sobjects/Lead/" + id);
        assertThat(deleted.statusCode()).isEqualTo(204);

        HttpResponse<String> gone = bundle.get("/api/salesforce/sobjects/Lead/" + id);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json(gone).path("error").asText()).isEqualTo("not_found");
        assertThat(json(gone).path("salesforce").get(0).path("errorCode").asText()).isNotEmpty();
    }

    @Test
    void queryOverMoreThanTwoThousandRecordsAnswersEveryRecord() {
        int total = json(bundle.query("SELECT COUNT() FROM Contact")).path("totalSize").asInt();

        HttpResponse<String> response = bundle.query("SELECT Id, Email FROM Contact");

        assertThat(total).isGreaterThan(2000);
        JsonNode body = json(response);
        assertThat(body.path("records")).hasSize(total);
        assertThat(body.path("totalSize").asInt()).isEqualTo(total);
        assertThat(body.path("done").asBoolean()).isTrue();
    }

    @Test
    void limitCapsTheRecordsAndSaysNotDone() {
        HttpResponse<String> response = bundle.get("/api/salesforce/query?limit=2500&soql=SELECT+Id+FROM+Contact");

        JsonNode body = json(response);
        assertThat(body.path("records")).hasSize(2500);
        assertThat(body.path("done").asBoolean()).isFalse();
    }

    @Test
    void queryAllAnswersDeletedRecordsAndQueryDoesNot() {
        String id = json(bundle.post("/api/salesforce/sobjects/Lead", "{\"LastName\":\"Vance\",\"Company\":\"Gone Co\"}"))
                .path("id").asText();
        bundle.delete("/api/salesforce/sobjects/Lead/" + id);
        String soql = "SELECT+Id,IsDeleted+FROM+Lead+WHERE+Id='" + id + "'";

        JsonNode live = json(bundle.get("/api/salesforce/query?soql=" + soql));
        JsonNode all = json(bundle.get("/api/salesforce/query?all=TRUE&soql=" + soql));

        assertThat(live.path("records")).isEmpty();
        assertThat(all.path("records")).hasSize(1);
        assertThat(all.path("records").get(0).path("IsDeleted").asBoolean()).isTrue();
    }

    @Test
    void explicitNullClearsAFieldAndOmittedFieldsStay() {
        String id = json(bundle.post("/api/salesforce/sobjects/Contact",
                "{\"LastName\":\"Haddad\",\"Phone\":\"+1 555 0199\",\"Title\":\"Engineer\",\"Department\":\"R&D\"}"))
                .path("id").asText();

        bundle.patch("/api/salesforce/sobjects/Contact/" + id, "{\"Phone\":null}");
        JsonNode afterClear = json(bundle.get("/api/salesforce/sobjects/Contact/" + id));
        bundle.patch("/api/salesforce/sobjects/Contact/" + id, "{\"Title\":\"CTO\"}");
        JsonNode afterTitle = json(bundle.get("/api/salesforce/sobjects/Contact/" + id));

        assertThat(afterClear.path("Phone").isNull()).isTrue();
        assertThat(afterClear.path("Title").asText()).isEqualTo("Engineer");
        assertThat(afterTitle.path("Phone").isNull()).isTrue();
        assertThat(afterTitle.path("Title").asText()).isEqualTo("CTO");
        assertThat(afterTitle.path("Department").asText()).isEqualTo("R&D");
        assertThat(afterTitle.path("LastName").asText()).isEqualTo("Haddad");
    }

    @Test
    void fieldValuesPassThroughUntouched() {
        String id = json(bundle.post("/api/salesforce/sobjects/Opportunity",
                "{\"Name\":\"Renewal 2027\",\"StageName\":\"Prospecting\",\"CloseDate\":\"2027-01-31\",\"Amount\":1250.5}"))
                .path("id").asText();

        JsonNode read = json(bundle.get("/api/salesforce/sobjects/Opportunity/" + id));

        assertThat(read.path("CloseDate").asText()).isEqualTo("2027-01-31");
        assertThat(read.path("Amount").isNumber()).isTrue();
        assertThat(read.path("Amount").decimalValue()).isEqualByComparingTo("1250.5");
    }

    @Test
    void fifteenAndEighteenCharacterIdsFindTheSameRecordAndALowerCasedIdDoesNot() {
        String id18 = json(bundle.query("SELECT Id FROM Account ORDER BY Name LIMIT 1")).path("records").get(0)
                .path("Id").asText();
        String id15 = id18.substring(0, 15);

        HttpResponse<String> by15 = bundle.get("/api/salesforce/sobjects/Account/" + id15 + "?fields=Id,Name");
        HttpResponse<String> by18 = bundle.get("/api/salesforce/sobjects/Account/" + id18 + "?fields=Id,Name");
        HttpResponse<String> byLower = bundle.get("/api/salesforce/sobjects/Account/" + id18.toLowerCase()
                + "?fields=Id,Name");

        assertThat(by15.statusCode()).isEqualTo(200);
        assertThat(json(by15).path("Id").asText()).isEqualTo(id18);
        assertThat(json(by18).path("Id").asText()).isEqualTo(id18);
        assertThat(byLower.statusCode()).isEqualTo(404);
        assertThat(json(byLower).path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void unicodeNameSurvivesCreateQueryAndRead() {
        String name = "Zoë Ærøskøbing – 株式会社 😀";
        String id = json(bundle.post("/api/salesforce/sobjects/Account", "{\"Name\":\"" + name + "\"}")).path("id")
                .asText();

        HttpResponse<String> queried = bundle.query("SELECT Id, Name FROM Account WHERE Name = '" + name + "'");
        HttpResponse<String> read = bundle.get("/api/salesforce/sobjects/Account/" + id);

        assertThat(json(queried).path("records")).hasSize(1);
        assertThat(json(queried).path("records").get(0).path("Name").asText()).isEqualTo(name);
        assertThat(json(read).path("Name").asText()).isEqualTo(name);
        assertThat(queried.body()).contains(name);
        assertThat(read.body()).contains(name);
        assertThat(read.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).containsIgnoringCase("charset=UTF-8"));
    }

    @Test
    void upsertCreatesThenUpdatesByExternalId() {
        String path = "/api/salesforce/sobjects/Project__c/Project_Code__c/PRJ-UPSERT-1";

        HttpResponse<String> first = bundle.put(path, "{\"Name\":\"Warehouse move\"}");
        HttpResponse<String> second = bundle.put(path, "{\"Name\":\"Warehouse move, phase 2\"}");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(json(first).path("created").asBoolean()).isTrue();
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second).path("created").asBoolean()).isFalse();
        assertThat(json(second).path("id").asText()).isEqualTo(json(first).path("id").asText());
        JsonNode read = json(bundle.query("SELECT Name FROM Project__c WHERE Project_Code__c = 'PRJ-UPSERT-1'"));
        assertThat(read.path("records").get(0).path("Name").asText()).isEqualTo("Warehouse move, phase 2");
    }

    @Test
    void describeAnswersFieldsAndRecordTypes() {
        HttpResponse<String> response = bundle.get("/api/salesforce/sobjects/Opportunity/describe");

        JsonNode describe = json(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(describe.path("name").asText()).isEqualTo("Opportunity");
        assertThat(describe.path("fields").findValuesAsText("name")).contains("StageName", "CloseDate", "AccountId");
        assertThat(describe.path("recordTypeInfos")).isNotEmpty();
    }

    @Test
    void callsWithoutOrWithAWrongKeyAreRefused() {
        HttpResponse<String> missing = bundle.send(HttpRequest.newBuilder(
                java.net.URI.create(bundle.apiUrl() + "/api/salesforce/query?soql=SELECT+Id+FROM+Account")));
        HttpResponse<String> wrong = bundle.send(bundle.request("/api/salesforce/sobjects/Account/describe")
                .setHeader("Authorization", "Bearer not-the-key"));

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing).path("error").asText()).isEqualTo("unauthorized");
        assertThat(json(missing).path("remedy").asText()).contains("HORIZON_API_KEYS");
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void malformedQueryIsAnInvalidRequestWithSalesforcesErrorKept() {
        HttpResponse<String> response = bundle.query("SELECT Id FROM Account WHERE");

        JsonNode error = json(response);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error.path("error").asText()).isEqualTo("invalid_request");
        assertThat(error.path("remedy").asText()).isNotBlank();
        assertThat(error.path("salesforce").get(0).path("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
    }

    @Test
    void unknownFieldIsAnInvalidRequestNamingTheField() {
        HttpResponse<String> response = bundle.post("/api/salesforce/sobjects/Lead",
                "{\"LastName\":\"Ng\",\"Company\":\"Ng Co\",\"Shoe_Size__c\":44}");

        JsonNode error = json(response);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error.path("salesforce").get(0).path("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(error.path("message").asText()).contains("Shoe_Size__c");
    }

    @Test
    void badInputIsRefusedBeforeSalesforceIsCalled() {
        HttpResponse<String> notJson = bundle.post("/api/salesforce/sobjects/Lead", "{\"LastName\":");
        HttpResponse<String> badId = bundle.get("/api/salesforce/sobjects/Lead/not-an-id");
        HttpResponse<String> noSoql = bundle.get("/api/salesforce/query");
        HttpResponse<String> badLimit = bundle.get("/api/salesforce/query?limit=-3&soql=SELECT+Id+FROM+Lead");

        assertThat(List.of(notJson, badId, noSoql, badLimit)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).path("error").asText()).isEqualTo("invalid_request");
        });
        assertThat(json(badId).path("message").asText()).contains("not-an-id");
    }

    @Test
    void fieldListsAndRepeatedParametersAreRefused() {
        String account = "/api/salesforce/sobjects/Account/001Hz0000000001IAA";

        List<HttpResponse<String>> answers = List.of(bundle.get(account + "?fields=Name%20,%20Phone"),
                bundle.get(account + "?fields=Name%23frag"), bundle.get(account + "?fields=Name%26sObjectName=User"),
                bundle.get(account + "?fields=N%C3%A4me"), bundle.get(account + "?fields=Name&fields=Phone"),
                bundle.get("/api/salesforce/query?soql=SELECT+Id+FROM+Lead&soql=SELECT+Id+FROM+Case"));

        assertThat(answers).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).path("error").asText()).isEqualTo("invalid_request");
        });
    }

    @Test
    void bodiesWithTrailingDataOrDuplicateKeysAreRefused() {
        HttpResponse<String> trailing = bundle.post("/api/salesforce/sobjects/Lead",
                "{\"LastName\":\"A\",\"Company\":\"B\"} xyz");
        HttpResponse<String> twice = bundle.post("/api/salesforce/sobjects/Lead",
                "{\"LastName\":\"A\",\"Company\":\"B\",\"LastName\":\"C\"}");

        assertThat(trailing.statusCode()).isEqualTo(400);
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(json(twice).path("message").asText()).contains("LastName");
    }

    @Test
    void aBodyInTheCharsetItDeclaresReachesSalesforceAsUtf8AndInvalidBytesAreRefused() {
        byte[] latin1 = "{\"LastName\":\"Müller\",\"Company\":\"Köln GmbH\"}"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        HttpResponse<String> declared = bundle.send(bundle.request("/api/salesforce/sobjects/Lead")
                .setHeader("Content-Type", "application/json; charset=ISO-8859-1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(latin1)));
        HttpResponse<String> undeclared = bundle.send(bundle.request("/api/salesforce/sobjects/Lead")
                .POST(HttpRequest.BodyPublishers.ofByteArray(latin1)));

        assertThat(declared.statusCode()).isEqualTo(201);
        String id = json(declared).path("id").asText();
        assertThat(json(bundle.get("/api/salesforce/sobjects/Lead/" + id)).path("LastName").asText())
                .isEqualTo("Müller");
        assertThat(undeclared.statusCode()).isEqualTo(400);
        assertThat(json(undeclared).path("message").asText()).contains("UTF-8");
    }

    @Test
    void anUnknownObjectOnARecordFreeCallIsNotAccessible() {
        HttpResponse<String> describe = bundle.get("/api/salesforce/sobjects/Nope__c/describe");
        HttpResponse<String> create = bundle.post("/api/salesforce/sobjects/Nope__c", "{\"Name\":\"x\"}");

        assertThat(describe.statusCode()).isEqualTo(404);
        assertThat(json(describe).path("error").asText()).isEqualTo("object_not_accessible");
        assertThat(json(create).path("error").asText()).isEqualTo("object_not_accessible");
    }

    @Test
    void theBearerSchemeIsCaseInsensitiveAndARefusalNamesIt() {
        HttpResponse<String> lower = bundle.send(bundle.request("/api/salesforce/sobjects/Account/describe")
                .setHeader("Authorization", "bearer " + RunningBundle.API_KEY));
        HttpResponse<String> refused = bundle.send(bundle.request("/api/salesforce/sobjects/Account/describe")
                .setHeader("Authorization", "Basic abc"));

        assertThat(lower.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void anUnknownPathOrMethodAnswersTheJsonErrorShape() {
        HttpResponse<String> path = bundle.get("/api/salesforce/nope");
        HttpResponse<String> method = bundle.delete("/api/salesforce/query?soql=SELECT+Id+FROM+Lead");

        assertThat(List.of(path, method)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(json(response).path("error").asText()).isEqualTo("not_found");
            assertThat(json(response).path("remedy").asText()).contains("README");
        });
        assertThat(json(method).path("message").asText()).isEqualTo("no endpoint DELETE /api/salesforce/query");
    }

    @Test
    void unknownObjectIsNotAccessible() {
        HttpResponse<String> response = bundle.query("SELECT Id FROM Invoice");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText()).isEqualTo("object_not_accessible");
    }

    @Test
    void responsesDoNotEchoRequestHeaders() {
        HttpResponse<String> response = bundle.send(bundle.request("/api/salesforce/sobjects/Account/describe")
                .header("X-Probe", "echo-me"));

        assertThat(response.headers().firstValue("X-Probe")).isEmpty();
        assertThat(response.headers().firstValue("Authorization")).isEmpty();
    }
}
