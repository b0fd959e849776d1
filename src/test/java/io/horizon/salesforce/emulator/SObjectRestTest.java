package io.horizon.salesforce.emulator;

import static io.horizon.salesforce.emulator.EmulatorHttp.V;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SObjectRestTest {

    @RegisterExtension
    static final RunningOrg ORG = new RunningOrg();

    @Test
    void servesTheVersionsListWithoutAToken() {
        EmulatorHttp.Response answer = new EmulatorHttp(ORG.emulator().baseUrl()).get("/services/data/");

        assertThat(answer.status()).isEqualTo(200);
        List<String> versions = new ArrayList<>();
        answer.json().forEach(v -> versions.add(v.get("version").asText()));
        assertThat(versions).hasSize(15).startsWith("50.0").endsWith("64.0").contains("62.0");
        assertThat(answer.json().get(12).get("url").asText()).isEqualTo("/services/data/v62.0");
    }

    @Test
    void answersAnUnknownVersionOrObjectWith404NotFound() {
        assertError(ORG.http().get("/services/data/v49.0/sobjects/"), 404, "NOT_FOUND");
        assertError(ORG.http().get("/services/data/v99.0/"), 404, "NOT_FOUND");
        assertError(ORG.http().get(V + "/sobjects/Nothing__c/describe/"), 404, "NOT_FOUND");
        assertError(ORG.http().get(V + "/nowhere"), 404, "NOT_FOUND");
    }

    @Test
    void describesTheOrgAndEachObject() {
        JsonNode global = ORG.http().get(V + "/sobjects/").json();
        JsonNode resources = ORG.http().get(V + "/").json();
        JsonNode basic = ORG.http().get(V + "/sobjects/Account").json();

        List<String> names = new ArrayList<>();
        global.get("sobjects").forEach(o -> names.add(o.get("name").asText()));
        assertThat(names).contains("Account", "Contact", "Lead", "Opportunity", "Case", "Task", "Event", "User",
                "RecordType", "Organization", "Project__c");
        assertThat(resources.get("query").asText()).isEqualTo(V + "/query");
        assertThat(basic.get("objectDescribe").get("keyPrefix").asText()).isEqualTo("001");
    }

    @Test
    void describeCarriesFieldsAndRecordTypes() {
        JsonNode describe = ORG.http().get(V + "/sobjects/Opportunity/describe/").json();
        JsonNode project = ORG.http().get(V + "/sobjects/Project__c/describe").json();

        assertThat(describe.get("keyPrefix").asText()).isEqualTo("006");
        JsonNode stage = field(describe, "StageName");
        assertThat(stage.get("type").asText()).isEqualTo("picklist");
        assertThat(stage.get("nillable").asBoolean()).isFalse();
        assertThat(stage.get("picklistValues").findValuesAsText("value")).contains("Prospecting", "Closed Won");
        assertThat(field(describe, "AccountId").get("referenceTo").get(0).asText()).isEqualTo("Account");
        assertThat(field(describe, "AccountId").get("relationshipName").asText()).isEqualTo("Account");
        assertThat(field(describe, "Id").get("createable").asBoolean()).isFalse();
        List<String> recordTypes = describe.get("recordTypeInfos").findValuesAsText("developerName");
        assertThat(recordTypes).containsExactly("Enterprise", "SMB", "Master");
        JsonNode smb = describe.get("recordTypeInfos").get(1);
        assertThat(smb.get("defaultRecordTypeMapping").asBoolean()).isTrue();
        assertThat(smb.get("recordTypeId").asText()).startsWith("012").hasSize(18);

        assertThat(project.get("custom").asBoolean()).isTrue();
        assertThat(field(project, "Project_Code__c").get("externalId").asBoolean()).isTrue();
        assertThat(field(project, "Project_Code__c").get("unique").asBoolean()).isTrue();
        assertThat(field(project, "Account__c").get("relationshipName").asText()).isEqualTo("Account__r");
    }

    @Test
    void createsReadsUpdatesAndDeletesARecord() {
        EmulatorHttp.Response created = ORG.http().post(V + "/sobjects/Lead", """
                {"LastName":"Turing","FirstName":"Alan","Company":"Bletchley Analytics","Phone":"+44 1908 640404"}""");
        String id = created.json().get("id").asText();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("success").asBoolean()).isTrue();
        assertThat(created.json().get("errors")).isEmpty();
        assertThat(id).startsWith("00Q").hasSize(18);
        JsonNode lead = ORG.http().get(V + "/sobjects/Lead/" + id).json();
        assertThat(lead.get("attributes").get("type").asText()).isEqualTo("Lead");
        assertThat(lead.get("attributes").get("url").asText()).isEqualTo(V + "/sobjects/Lead/" + id);
        assertThat(lead.get("Name").asText()).isEqualTo("Alan Turing");
        assertThat(lead.get("Status").asText()).isEqualTo("Open - Not Contacted");
        assertThat(lead.get("OwnerId").asText()).startsWith("005");
        assertThat(lead.get("CreatedDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
        assertThat(lead.get("IsDeleted").asBoolean()).isFalse();

        EmulatorHttp.Response updated = ORG.http().patch(V + "/sobjects/Lead/" + id, """
                {"Phone":null,"Title":"Founder"}""");

        assertThat(updated.status()).isEqualTo(204);
        JsonNode after = ORG.http().get(V + "/sobjects/Lead/" + id).json();
        assertThat(after.get("Phone").isNull()).isTrue();
        assertThat(after.get("Title").asText()).isEqualTo("Founder");
        assertThat(after.get("Company").asText()).isEqualTo("Bletchley Analytics");

        EmulatorHttp.Response deleted = ORG.http().delete(V + "/sobjects/Lead/" + id);

        assertThat(deleted.status()).isEqualTo(204);
        assertError(ORG.http().get(V + "/sobjects/Lead/" + id), 404, "NOT_FOUND");
        assertError(ORG.http().patch(V + "/sobjects/Lead/" + id, "{\"Title\":\"x\"}"), 404, "ENTITY_IS_DELETED");
        assertError(ORG.http().delete(V + "/sobjects/Lead/" + id), 404, "ENTITY_IS_DELETED");
    }

    @Test
    void readsChosenFieldsOnly() {
        String id = createAccount("Fields Only Ltd");

        JsonNode account = ORG.http().get(V + "/sobjects/Account/" + id + "?fields=Name,Industry").json();

        List<String> names = new ArrayList<>();
        account.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("attributes", "Name", "Industry", "Id");
        assertError(ORG.http().get(V + "/sobjects/Account/" + id + "?fields=Name,Bogus__c"), 400, "INVALID_FIELD");
    }

    @Test
    void acceptsA15CharacterIdButNotALowerCasedOne() {
        String id = createAccount("Case Sensitive Inc");

        EmulatorHttp.Response by15 = ORG.http().get(V + "/sobjects/Account/" + id.substring(0, 15));
        EmulatorHttp.Response byLowerCase = ORG.http().get(V + "/sobjects/Account/" + id.toLowerCase(Locale.ROOT));
        EmulatorHttp.Response byWrongSuffix = ORG.http().get(V + "/sobjects/Account/" + id.substring(0, 15) + "ZZZ");

        assertThat(by15.status()).isEqualTo(200);
        assertThat(by15.json().get("Id").asText()).isEqualTo(id);
        assertError(byLowerCase, 404, "NOT_FOUND");
        assertError(byWrongSuffix, 404, "NOT_FOUND");
        assertError(ORG.http().get(V + "/sobjects/Contact/" + id), 404, "NOT_FOUND");
    }

    @Test
    void setsTheDefaultRecordTypeAndSystemFields() {
        JsonNode describe = ORG.http().get(V + "/sobjects/Opportunity/describe").json();
        String smb = describe.get("recordTypeInfos").get(1).get("recordTypeId").asText();
        String accountId = createAccount("Record Type Co");

        String id = ORG.http().post(V + "/sobjects/Opportunity", """
                {"Name":"RT deal","StageName":"Prospecting","CloseDate":"2026-06-30","AccountId":"%s"}"""
                .formatted(accountId.substring(0, 15))).json().get("id").asText();

        JsonNode opportunity = ORG.http().get(V + "/sobjects/Opportunity/" + id).json();
        assertThat(opportunity.get("RecordTypeId").asText()).isEqualTo(smb);
        assertThat(opportunity.get("AccountId").asText()).isEqualTo(accountId);
        assertThat(opportunity.get("CreatedById").asText()).isEqualTo(opportunity.get("OwnerId").asText());
    }

    @Test
    void validatesFieldsLikeSalesforce() {
        EmulatorHttp.Response unknown = ORG.http().post(V + "/sobjects/Lead", """
                {"LastName":"X","Company":"Y","Shoe_Size__c":44}""");
        EmulatorHttp.Response readOnly = ORG.http().post(V + "/sobjects/Lead", """
                {"LastName":"X","Company":"Y","IsConverted":true}""");
        EmulatorHttp.Response missing = ORG.http().post(V + "/sobjects/Opportunity", """
                {"Name":"No stage"}""");
        EmulatorHttp.Response systemField = ORG.http().post(V + "/sobjects/Account", """
                {"Name":"Z","CreatedDate":"2020-01-01T00:00:00.000+0000"}""");
        EmulatorHttp.Response badJson = ORG.http().post(V + "/sobjects/Account", "{\"Name\":");
        EmulatorHttp.Response badReference = ORG.http().post(V + "/sobjects/Contact", """
                {"LastName":"Ref","AccountId":"001nothing"}""");

        assertError(unknown, 400, "INVALID_FIELD");
        assertThat(unknown.json().get(0).get("message").asText())
                .isEqualTo("No such column 'Shoe_Size__c' on sobject of type Lead");
        assertError(readOnly, 400, "INVALID_FIELD_FOR_INSERT_UPDATE");
        assertError(missing, 400, "REQUIRED_FIELD_MISSING");
        List<String> fields = new ArrayList<>();
        missing.json().get(0).get("fields").forEach(f -> fields.add(f.asText()));
        assertThat(fields).containsExactly("StageName", "CloseDate");
        assertError(systemField, 400, "INVALID_FIELD_FOR_INSERT_UPDATE");
        assertError(badJson, 400, "JSON_PARSER_ERROR");
        assertError(badReference, 400, "MALFORMED_ID");
    }

    @Test
    void upsertsByExternalId() {
        String path = V + "/sobjects/Project__c/Project_Code__c/PRJ-9001";

        EmulatorHttp.Response created = ORG.http().patch(path, """
                {"Name":"Upserted Project","Budget__c":1500.50}""");
        EmulatorHttp.Response updated = ORG.http().patch(path, """
                {"Status__c":"Active"}""");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("created").asBoolean()).isTrue();
        assertThat(created.json().get("success").asBoolean()).isTrue();
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("created").asBoolean()).isFalse();
        assertThat(updated.json().get("id").asText()).isEqualTo(created.json().get("id").asText());
        JsonNode project = ORG.http().get(path).json();
        assertThat(project.get("Status__c").asText()).isEqualTo("Active");
        assertThat(project.get("Project_Code__c").asText()).isEqualTo("PRJ-9001");
        assertThat(ORG.http().get(path).body()).contains("\"Budget__c\":1500.50");
    }

    @Test
    void answersMultipleChoicesWhenAnExternalIdMatchesSeveralRecords() {
        EmulatorHttp.Response get = ORG.http().get(V + "/sobjects/Project__c/Legacy_Code__c/LEG-SHARED");
        EmulatorHttp.Response upsert = ORG.http().patch(V + "/sobjects/Project__c/Legacy_Code__c/LEG-SHARED",
                "{\"Status__c\":\"Active\"}");

        assertThat(get.status()).isEqualTo(300);
        assertThat(get.json()).hasSize(2);
        assertThat(get.json().get(0).asText()).startsWith(V + "/sobjects/Project__c/a01");
        assertThat(upsert.status()).isEqualTo(300);
        assertError(ORG.http().get(V + "/sobjects/Project__c/Name/Anything"), 404, "NOT_FOUND");
    }

    @Test
    void concurrentUpsertsOfOneKeyCreateOneRecord() {
        List<CompletableFuture<EmulatorHttp.Response>> calls = IntStream.range(0, 16)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> ORG.http().patch(
                        V + "/sobjects/Project__c/Project_Code__c/PRJ-RACE", "{\"Name\":\"Race " + i + "\"}")))
                .toList();

        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(EmulatorHttp.Response::status).toList();

        assertThat(statuses).containsOnly(200, 201).filteredOn(status -> status == 201).hasSize(1);
    }

    @Test
    void deletesByExternalId() {
        ORG.http().patch(V + "/sobjects/Project__c/Project_Code__c/PRJ-DEL", "{\"Name\":\"Short lived\"}");

        EmulatorHttp.Response deleted = ORG.http().delete(V + "/sobjects/Project__c/Project_Code__c/PRJ-DEL");

        assertThat(deleted.status()).isEqualTo(204);
        assertError(ORG.http().get(V + "/sobjects/Project__c/Project_Code__c/PRJ-DEL"), 404, "NOT_FOUND");
    }

    @Test
    void keepsUnicodeByteForByte() {
        String name = "Zoë Ærøskøbing – 株式会社 😀";
        String body = "{\"Name\":\"" + name + "\",\"Description\":\"" + name + "\"}";

        String id = ORG.http().post(V + "/sobjects/Account", body).json().get("id").asText();
        EmulatorHttp.Response read = ORG.http().get(V + "/sobjects/Account/" + id);

        assertThat(read.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
        assertThat(read.json().get("Name").asText().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(name.getBytes(StandardCharsets.UTF_8));
        assertThat(read.raw().body()).containsSequence(("\"Name\":\"" + name + "\"").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void countsApiUsageInTheLimitInfoHeaderAndLimits() {
        EmulatorHttp.Response first = ORG.http().get(V + "/limits/");
        EmulatorHttp.Response second = ORG.http().get(V + "/limits");

        String usage = first.header("Sforce-Limit-Info");
        assertThat(usage).matches("api-usage=\\d+/15000");
        int used = Integer.parseInt(usage.substring("api-usage=".length(), usage.indexOf('/')));
        assertThat(second.header("Sforce-Limit-Info")).isEqualTo("api-usage=" + (used + 1) + "/15000");
        assertThat(second.json().get("DailyApiRequests").get("Max").asInt()).isEqualTo(15000);
        assertThat(second.json().get("DailyApiRequests").get("Remaining").asInt()).isEqualTo(15000 - used - 1);
        assertThat(second.json().get("DataStorageMB").get("Max").asInt()).isPositive();
    }

    @Test
    void servesTheSeed() {
        JsonNode seedContact = ORG.http().get(V + "/sobjects/Project__c/Project_Code__c/PRJ-1001").json();

        assertThat(seedContact.get("Name").asText()).isEqualTo("Acme Plant Digitisation");
        String accountId = seedContact.get("Account__c").asText();
        assertThat(ORG.http().get(V + "/sobjects/Account/" + accountId).json().get("Name").asText())
                .isEqualTo("Acme Corporation");
    }

    private static String createAccount(String name) {
        EmulatorHttp.Response created = ORG.http().post(V + "/sobjects/Account", "{\"Name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static JsonNode field(JsonNode describe, String name) {
        for (JsonNode field : describe.get("fields")) {
            if (field.get("name").asText().equals(name)) {
                return field;
            }
        }
        throw new AssertionError("no field " + name);
    }

    static void assertError(EmulatorHttp.Response answer, int status, String errorCode) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.json().isArray()).as(answer.toString()).isTrue();
        assertThat(answer.json().get(0).get("errorCode").asText()).isEqualTo(errorCode);
        assertThat(answer.json().get(0).get("message").asText()).isNotBlank();
    }
}
