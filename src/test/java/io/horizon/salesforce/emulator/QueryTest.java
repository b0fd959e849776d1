package io.horizon.salesforce.emulator;

import static io.horizon.salesforce.emulator.EmulatorHttp.V;
import static io.horizon.salesforce.emulator.EmulatorHttp.enc;
import static io.horizon.salesforce.emulator.SObjectRestTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QueryTest {

    private static final String NORTHWIND_CONTACTS =
            "SELECT Id, Email FROM Contact WHERE Account.Name = 'Northwind Volume Co' ORDER BY Email";

    @RegisterExtension
    static final RunningOrg ORG = new RunningOrg();

    @Test
    void answersAOnePageQuery() {
        EmulatorHttp.Response answer = query("SELECT Id, Name, Industry FROM Account WHERE Name = 'Acme Corporation'");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Sforce-Limit-Info")).startsWith("api-usage=");
        JsonNode result = answer.json();
        assertThat(result.get("totalSize").asInt()).isEqualTo(1);
        assertThat(result.get("done").asBoolean()).isTrue();
        assertThat(result.has("nextRecordsUrl")).isFalse();
        JsonNode acme = result.get("records").get(0);
        assertThat(acme.get("attributes").get("type").asText()).isEqualTo("Account");
        assertThat(acme.get("attributes").get("url").asText()).startsWith(V + "/sobjects/Account/001");
        assertThat(acme.get("Industry").asText()).isEqualTo("Manufacturing");
    }

    @Test
    void pagesByTwoThousandRowsByDefault() {
        List<JsonNode> pages = allPages(query(NORTHWIND_CONTACTS).json());

        assertThat(pages).extracting(page -> page.get("records").size()).containsExactly(2000, 2000, 1001);
        assertThat(pages.get(0).get("totalSize").asInt()).isEqualTo(5001);
        assertThat(pages.get(0).get("nextRecordsUrl").asText()).matches(V.replace(".", "\\.") + "/query/01g\\w{15}-2000");
        assertThat(distinctIds(pages)).hasSize(5001);
    }

    @Test
    void pagesByTheBatchSizeTheCallerAsks() {
        List<JsonNode> pages = allPages(query(NORTHWIND_CONTACTS, "Sforce-Query-Options", "batchSize=500").json());
        JsonNode small = query(NORTHWIND_CONTACTS, "Sforce-Query-Options", "batchSize=50").json();

        assertThat(pages).hasSize(11);
        assertThat(pages.get(0).get("records")).hasSize(500);
        assertThat(pages.get(10).get("records")).hasSize(1);
        assertThat(pages.get(10).get("done").asBoolean()).isTrue();
        assertThat(distinctIds(pages)).hasSize(5001);
        assertThat(small.get("records")).hasSize(200);
    }

    @Test
    void countsWithoutRows() {
        JsonNode result = query("SELECT COUNT() FROM Contact WHERE Account.Name = 'Northwind Volume Co'").json();

        assertThat(result.get("totalSize").asInt()).isEqualTo(5001);
        assertThat(result.get("done").asBoolean()).isTrue();
        assertThat(result.get("records")).isEmpty();
    }

    @Test
    void queryAllSeesDeletedRecords() {
        String id = ORG.http().post(V + "/sobjects/Lead", "{\"LastName\":\"Deleted\",\"Company\":\"Gone Ltd\"}").json()
                .get("id").asText();
        ORG.http().delete(V + "/sobjects/Lead/" + id);
        String soql = "SELECT Id, IsDeleted FROM Lead WHERE Id = '" + id + "'";

        JsonNode live = query(soql).json();
        JsonNode all = ORG.http().get(V + "/queryAll/?q=" + enc(soql)).json();

        assertThat(live.get("totalSize").asInt()).isZero();
        assertThat(all.get("totalSize").asInt()).isEqualTo(1);
        assertThat(all.get("records").get(0).get("IsDeleted").asBoolean()).isTrue();
    }

    @Test
    void matchesUnicodeInTheQuery() {
        JsonNode result = query("SELECT Id, Name FROM Account WHERE Name = 'Kanto Robotics 株式会社'").json();

        assertThat(result.get("totalSize").asInt()).isEqualTo(1);
        assertThat(result.get("records").get(0).get("Name").asText()).isEqualTo("Kanto Robotics 株式会社");
    }

    @Test
    void answersQueryErrorsAsSalesforceDoes() {
        assertError(query("SELEKT Id FROM Account"), 400, "MALFORMED_QUERY");
        assertError(query("SELECT Id FROM Nothing__c"), 400, "INVALID_TYPE");
        assertError(query("SELECT Shoe_Size__c FROM Contact"), 400, "INVALID_FIELD");
        assertError(ORG.http().get(V + "/query/01gHz0000000999AAA-2000"), 400, "INVALID_QUERY_LOCATOR");
    }

    @Test
    void refusesATrailingSemicolon() {
        EmulatorHttp.Response encoded = query("SELECT Id FROM Account;DROP TABLE x");
        EmulatorHttp.Response raw = ORG.http().get(V + "/query/?q=SELECT+Id+FROM+Account;DROP+TABLE+x");
        EmulatorHttp.Response alone = ORG.http().get(V + "/query/?q=SELECT+Id+FROM+Account;");

        assertError(encoded, 400, "MALFORMED_QUERY");
        assertError(raw, 400, "MALFORMED_QUERY");
        assertError(alone, 400, "MALFORMED_QUERY");
        assertThat(encoded.json().get(0).get("message").asText()).endsWith("unexpected token: ';'");
        assertThat(raw.json().get(0).get("message").asText()).endsWith("unexpected token: ';'");
    }

    private static EmulatorHttp.Response query(String soql, String... headers) {
        return ORG.http().get(V + "/query/?q=" + enc(soql), headers);
    }

    private static List<JsonNode> allPages(JsonNode first) {
        List<JsonNode> pages = new ArrayList<>();
        pages.add(first);
        while (!pages.get(pages.size() - 1).get("done").asBoolean()) {
            EmulatorHttp.Response next = ORG.http().get(pages.get(pages.size() - 1).get("nextRecordsUrl").asText());
            assertThat(next.status()).as(next.toString()).isEqualTo(200);
            pages.add(next.json());
        }
        return pages;
    }

    private static Set<String> distinctIds(List<JsonNode> pages) {
        Set<String> ids = new HashSet<>();
        pages.forEach(page -> page.get("records").forEach(record -> ids.add(record.get("Id").asText())));
        return ids;
    }
}
