package io.horizon.salesforce.emulator;

import static io.horizon.salesforce.emulator.EmulatorHttp.V;
import static io.horizon.salesforce.emulator.EmulatorHttp.enc;
import static io.horizon.salesforce.emulator.SObjectRestTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldValuesTest {

    @RegisterExtension
    static final RunningOrg ORG = new RunningOrg();

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "Opportunity | {\"Name\":\"Bad date\",\"StageName\":\"Prospecting\",\"CloseDate\":\"31/01/2027\"}"
                + " | type date from String \"31/01/2027\"",
        "Opportunity | {\"Name\":\"No day\",\"StageName\":\"Prospecting\",\"CloseDate\":\"2027-02-30\"}"
                + " | type date from String \"2027-02-30\"",
        "Opportunity | {\"Name\":\"Bad amount\",\"StageName\":\"Prospecting\",\"CloseDate\":\"2027-01-31\","
                + "\"Amount\":\"lots\"} | type currency from String \"lots\"",
        "Opportunity | {\"Name\":\"Flag amount\",\"StageName\":\"Prospecting\",\"CloseDate\":\"2027-01-31\","
                + "\"Amount\":true} | type currency from Boolean value true",
        "Contact | {\"LastName\":\"Ng\",\"HasOptedOutOfEmail\":\"maybe\"} | type boolean from String \"maybe\"",
        "Contact | {\"LastName\":\"Ng\",\"Birthdate\":19900501} | type date from Number value 19900501",
        "Event | {\"Subject\":\"Call\",\"StartDateTime\":\"2027-01-31 10:00\",\"DurationInMinutes\":30}"
                + " | type datetime from String \"2027-01-31 10:00\"",
        "Event | {\"Subject\":\"Call\",\"StartDateTime\":\"2027-01-31T10:00:00\",\"DurationInMinutes\":30}"
                + " | type datetime from String \"2027-01-31T10:00:00\"",
    })
    void refusesTextThatIsNoValueOfTheFieldsType(String object, String body, String message) {
        EmulatorHttp.Response answer = ORG.http().post(V + "/sobjects/" + object, body);

        assertError(answer, 400, "JSON_PARSER_ERROR");
        assertThat(answer.json().get(0).get("message").asText()).startsWith("Cannot deserialize value of " + message);
    }

    @Test
    void refusesAnObjectOrAnArrayForAScalarField() {
        EmulatorHttp.Response object = ORG.http().post(V + "/sobjects/Lead", """
                {"LastName":{"a":1},"Company":"Acme"}""");
        EmulatorHttp.Response array = ORG.http().post(V + "/sobjects/Opportunity", """
                {"Name":"List","StageName":"Prospecting","CloseDate":["2027-01-31"]}""");

        assertError(object, 400, "JSON_PARSER_ERROR");
        assertThat(object.json().get(0).get("message").asText())
                .startsWith("Cannot deserialize instance of string from START_OBJECT value");
        assertError(array, 400, "JSON_PARSER_ERROR");
        assertThat(array.json().get(0).get("message").asText())
                .startsWith("Cannot deserialize instance of date from START_ARRAY value");
    }

    @Test
    void storesReadableValuesAsSent() {
        String opportunity = ORG.http().post(V + "/sobjects/Opportunity", """
                {"Name":"Text amount","StageName":"Prospecting","CloseDate":"2027-01-31","Amount":"12.5",
                 "Probability":10}""").json().get("id").asText();
        EmulatorHttp.Response offset = ORG.http().post(V + "/sobjects/Event", """
                {"Subject":"Offset","StartDateTime":"2027-01-31T10:00:00.000+0000","EndDateTime":"2027-01-31T11:00:00Z",
                 "IsPrivate":"true"}""");
        EmulatorHttp.Response colon = ORG.http().post(V + "/sobjects/Event", """
                {"Subject":"Colon","StartDateTime":"2027-01-31T10:00:00+01:00","DurationInMinutes":"30"}""");

        JsonNode stored = ORG.http().get(V + "/sobjects/Opportunity/" + opportunity).json();
        assertThat(stored.get("Amount").isTextual()).isTrue();
        assertThat(stored.get("Amount").asText()).isEqualTo("12.5");
        assertThat(stored.get("CloseDate").asText()).isEqualTo("2027-01-31");
        assertThat(offset.status()).as(offset.toString()).isEqualTo(201);
        JsonNode event = ORG.http().get(V + "/sobjects/Event/" + offset.json().get("id").asText()).json();
        assertThat(event.get("StartDateTime").asText()).isEqualTo("2027-01-31T10:00:00.000+0000");
        assertThat(event.get("EndDateTime").asText()).isEqualTo("2027-01-31T11:00:00Z");
        assertThat(colon.status()).as(colon.toString()).isEqualTo(201);
    }

    @Test
    void refusesTextLongerThanTheFieldWithStringTooLong() {
        String name = "Abcdefghijklmnopqrstuvwxyz".repeat(4);

        EmulatorHttp.Response answer = ORG.http().post(V + "/sobjects/Lead", "{\"LastName\":\"" + name
                + "\",\"Company\":\"Acme\"}");

        assertError(answer, 400, "STRING_TOO_LONG");
        JsonNode error = answer.json().get(0);
        assertThat(error.get("message").asText())
                .isEqualTo("Last Name: data value too large: Abcdefghijklmnopqrst... (max length=80)");
        assertThat(error.get("fields").get(0).asText()).isEqualTo("LastName");
    }

    @Test
    void acceptsTextOfExactlyTheFieldsLength() {
        EmulatorHttp.Response answer = ORG.http().post(V + "/sobjects/Lead", "{\"LastName\":\"" + "x".repeat(80)
                + "\",\"Company\":\"Acme\"}");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    }

    @Test
    void checksValuesOnUpdateAndUpsertToo() {
        String id = ORG.http().post(V + "/sobjects/Opportunity", """
                {"Name":"Checked","StageName":"Prospecting","CloseDate":"2027-01-31"}""").json().get("id").asText();
        String projects = V + "/sobjects/Project__c/Project_Code__c/";
        ORG.http().patch(projects + "PRJ-7001", "{\"Name\":\"Existing\"}");

        EmulatorHttp.Response update = ORG.http().patch(V + "/sobjects/Opportunity/" + id, "{\"CloseDate\":\"soon\"}");
        EmulatorHttp.Response tooLong = ORG.http().patch(V + "/sobjects/Opportunity/" + id, "{\"NextStep\":\""
                + "n".repeat(256) + "\"}");
        EmulatorHttp.Response upsertNew = ORG.http().patch(projects + "PRJ-7002",
                "{\"Name\":\"New\",\"Budget__c\":\"lots\"}");
        EmulatorHttp.Response upsertOld = ORG.http().patch(projects + "PRJ-7001", "{\"Start_Date__c\":{\"y\":2027}}");

        assertError(update, 400, "JSON_PARSER_ERROR");
        assertError(tooLong, 400, "STRING_TOO_LONG");
        assertError(upsertNew, 400, "JSON_PARSER_ERROR");
        assertError(upsertOld, 400, "JSON_PARSER_ERROR");
        assertThat(ORG.http().get(V + "/sobjects/Opportunity/" + id).json().get("CloseDate").asText())
                .isEqualTo("2027-01-31");
        assertThat(ORG.http().get(projects + "PRJ-7002").status()).isEqualTo(404);
    }

    @Test
    void keepsQueriesWorkingAfterRefusedValues() {
        ORG.http().post(V + "/sobjects/Opportunity", """
                {"Name":"Bad date","StageName":"Prospecting","CloseDate":"31/01/2027"}""");
        ORG.http().post(V + "/sobjects/Opportunity", """
                {"Name":"Bad amount","StageName":"Prospecting","CloseDate":"2027-01-31","Amount":"lots"}""");

        for (String soql : new String[] {
            "SELECT Id FROM Opportunity WHERE CloseDate > 2026-12-31",
            "SELECT Id FROM Opportunity WHERE Amount > 100000",
            "SELECT Id FROM Opportunity ORDER BY Amount",
            "SELECT Id FROM Opportunity ORDER BY CloseDate",
        }) {
            assertThat(ORG.http().get(V + "/query/?q=" + enc(soql)).status()).as(soql).isEqualTo(200);
            assertThat(ORG.http().get(V + "/queryAll/?q=" + enc(soql)).status()).as(soql).isEqualTo(200);
        }
        String named = "SELECT COUNT() FROM Opportunity WHERE Name IN ('Bad date', 'Bad amount')";
        assertThat(ORG.http().get(V + "/queryAll/?q=" + enc(named)).json().get("totalSize").asInt()).isZero();
    }
}
