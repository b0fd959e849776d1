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

/** SOSL over {@code GET search/?q=}. */
class SearchApiTest {

    @RegisterExtension
    static final RunningOrg ORG = new RunningOrg();

    @AfterEach
    void reset() {
        ORG.admin().post("/_emulator/reset", "");
    }

    private static EmulatorHttp.Response search(String sosl) {
        return ORG.http().get(V + "/search/?q=" + EmulatorHttp.enc(sosl));
    }

    private static List<String> names(EmulatorHttp.Response answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        answer.json().get("searchRecords").forEach(r -> names.add(r.path("Name").asText()));
        return names;
    }

    @Test
    void findsAContactByEmail() {
        EmulatorHttp.Response answer = search(
                "FIND {jordan.reyes@acme.example} IN EMAIL FIELDS RETURNING Contact(Id, Name, Email)");

        JsonNode record = answer.json().get("searchRecords").get(0);
        assertThat(answer.json().get("searchRecords")).hasSize(1);
        assertThat(record.get("attributes").get("type").asText()).isEqualTo("Contact");
        assertThat(record.get("attributes").get("url").asText()).startsWith(V + "/sobjects/Contact/003");
        assertThat(record.get("Name").asText()).isEqualTo("Jordan Reyes");
        assertThat(record.get("Email").asText()).isEqualTo("jordan.reyes@acme.example");
    }

    @Test
    void findsByNamePrefixAcrossObjectsInReturningOrder() {
        List<String> found = names(search("FIND {Um*} IN NAME FIELDS RETURNING Opportunity(Name), Account(Name)"));

        assertThat(found).containsExactly("Umbrella Health – Clinics Expansion", "Umbrella Health");
    }

    @Test
    void matchesWithoutCaseAndOnPartsOfAnAddress() {
        List<String> found = names(search("FIND {HARUKA} RETURNING Contact(Name), Lead(Name)"));
        List<String> byDomain = names(search("FIND {initech} IN EMAIL FIELDS RETURNING Contact(Name ORDER BY Name)"));

        assertThat(found).containsExactly("Haruka Sato");
        assertThat(byDomain).containsExactly("Bill Lumbergh", "Joanna Kim");
    }

    @Test
    void searchesTheDefaultObjectsForIdsWithoutReturning() {
        JsonNode records = search("FIND {acme*}").json().get("searchRecords");

        List<String> types = new ArrayList<>();
        records.forEach(r -> types.add(r.get("attributes").get("type").asText()));
        assertThat(types).contains("Account", "Contact", "Opportunity", "Project__c").doesNotContain("Case");
        assertThat(records.get(0).has("Id")).isTrue();
        assertThat(records.get(0).size()).isEqualTo(2);
    }

    @Test
    void appliesWhereAndLimits() {
        List<String> filtered = names(search(
                "FIND {volume*} RETURNING Contact(Name WHERE LastName > 'Contact 04997' AND LastName LIKE 'Contact%'"
                        + " ORDER BY LastName)"));
        EmulatorHttp.Response limited = search("FIND {volume*} RETURNING Contact(Id) LIMIT 3");

        assertThat(filtered).containsExactly("Volume Contact 04998", "Volume Contact 04999", "Volume Contact 05000");
        assertThat(limited.json().get("searchRecords")).hasSize(3);
    }

    @Test
    void leavesOutAnObjectTheUserMayNotRead() {
        ORG.admin().call("PUT", "/_emulator/permissions", "{\"objects\":{\"Account\":{\"read\":false}}}");

        JsonNode records = search("FIND {acme*}").json().get("searchRecords");
        EmulatorHttp.Response named = search("FIND {acme*} RETURNING Account(Name)");

        records.forEach(r -> assertThat(r.get("attributes").get("type").asText()).isNotEqualTo("Account"));
        assertError(named, 400, "INVALID_TYPE");
    }

    @Test
    void refusesAMalformedSearch() {
        assertError(search("FIND acme"), 400, "MALFORMED_SEARCH");
        assertError(search("FIND {acme} RETURNING"), 400, "MALFORMED_SEARCH");
        assertError(search("FIND {a}"), 400, "MALFORMED_SEARCH");
        assertError(ORG.http().get(V + "/search/"), 400, "MALFORMED_SEARCH");
        assertError(search("FIND {acme} RETURNING Contact(Nope)"), 400, "INVALID_FIELD");
    }
}
