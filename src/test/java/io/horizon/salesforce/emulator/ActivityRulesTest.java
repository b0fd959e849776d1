package io.horizon.salesforce.emulator;

import static io.horizon.salesforce.emulator.EmulatorHttp.V;
import static io.horizon.salesforce.emulator.SObjectRestTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tasks and Events as Salesforce creates them: their links, the Event time rules, and dates kept as sent. */
class ActivityRulesTest {

    @RegisterExtension
    static final RunningOrg ORG = new RunningOrg();

    static String idOf(String soql) {
        JsonNode records = ORG.http().get(V + "/query?q=" + EmulatorHttp.enc(soql)).json().get("records");
        assertThat(records).as(soql).hasSize(1);
        return records.get(0).get("Id").asText();
    }

    @Test
    void linksATaskToAContactAndAnOpportunity() {
        String contactId = idOf("SELECT Id FROM Contact WHERE Email = 'jordan.reyes@acme.example'");
        String opportunityId = idOf("SELECT Id FROM Opportunity WHERE StageName = 'Closed Won'");

        EmulatorHttp.Response created = ORG.http().post(V + "/sobjects/Task", """
                {"Subject":"Send the signed order form","ActivityDate":"2026-02-10","Status":"Completed",
                 "Priority":"High","WhoId":"%s","WhatId":"%s","TaskSubtype":"Email"}"""
                .formatted(contactId, opportunityId));
        String id = created.json().get("id").asText();
        JsonNode task = ORG.http().get(V + "/sobjects/Task/" + id).json();
        JsonNode linked = ORG.http().get(V + "/query?q=" + EmulatorHttp.enc(
                "SELECT Who.Name, What.Name FROM Task WHERE Id = '" + id + "'")).json().get("records").get(0);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(id).startsWith("00T");
        assertThat(task.get("ActivityDate").asText()).isEqualTo("2026-02-10");
        assertThat(task.get("WhoId").asText()).isEqualTo(contactId);
        assertThat(task.get("WhatId").asText()).isEqualTo(opportunityId);
        assertThat(task.get("IsClosed").asBoolean()).isTrue();
        assertThat(task.get("IsHighPriority").asBoolean()).isTrue();
        assertThat(task.get("TaskSubtype").asText()).isEqualTo("Email");
        assertThat(linked.get("Who").get("Name").asText()).isEqualTo("Jordan Reyes");
        assertThat(linked.get("What").get("Name").asText()).isEqualTo("Umbrella Health – Clinics Expansion");
    }

    @Test
    void keepsTheDatesOfAnAllDayEventExactlyAsSent() {
        String leadId = idOf("SELECT Id FROM Lead WHERE Email = 'kenji.watanabe@osaka-precision.example'");

        EmulatorHttp.Response created = ORG.http().post(V + "/sobjects/Event", """
                {"Subject":"Osaka plant tour","IsAllDayEvent":true,"ActivityDate":"2026-03-05","WhoId":"%s",
                 "Location":"Osaka"}""".formatted(leadId));
        JsonNode event = ORG.http().get(V + "/sobjects/Event/" + created.json().get("id").asText()).json();

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(event.get("IsAllDayEvent").asBoolean()).isTrue();
        assertThat(event.get("ActivityDate").asText()).isEqualTo("2026-03-05");
        assertThat(event.get("StartDateTime").isNull()).isTrue();
        assertThat(event.get("WhoId").asText()).isEqualTo(leadId);
    }

    @Test
    void keepsTheDatetimesOfATimedEventExactlyAsSent() {
        EmulatorHttp.Response created = ORG.http().post(V + "/sobjects/Event", """
                {"Subject":"Pricing call","StartDateTime":"2026-03-05T09:30:00.000+0100","DurationInMinutes":45,
                 "ActivityDate":"2026-03-05","ActivityDateTime":"2026-03-05T09:30:00.000+0100"}""");
        JsonNode event = ORG.http().get(V + "/sobjects/Event/" + created.json().get("id").asText()).json();

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(event.get("StartDateTime").asText()).isEqualTo("2026-03-05T09:30:00.000+0100");
        assertThat(event.get("ActivityDateTime").asText()).isEqualTo("2026-03-05T09:30:00.000+0100");
        assertThat(event.get("DurationInMinutes").asInt()).isEqualTo(45);
    }

    @Test
    void refusesAnEventWithoutTheTimesItNeeds() {
        EmulatorHttp.Response noEnd = ORG.http().post(V + "/sobjects/Event", """
                {"Subject":"Open-ended","StartDateTime":"2026-03-05T09:30:00.000+0000"}""");
        EmulatorHttp.Response noStart = ORG.http().post(V + "/sobjects/Event", """
                {"Subject":"No start","EndDateTime":"2026-03-05T10:30:00.000+0000"}""");
        EmulatorHttp.Response allDayWithoutDate = ORG.http().post(V + "/sobjects/Event", """
                {"Subject":"Some day","IsAllDayEvent":true}""");

        assertError(noEnd, 400, "REQUIRED_FIELD_MISSING");
        assertThat(noEnd.json().get(0).get("fields").get(0).asText()).isEqualTo("DurationInMinutes");
        assertError(noStart, 400, "REQUIRED_FIELD_MISSING");
        assertThat(noStart.json().get(0).get("fields").get(0).asText()).isEqualTo("StartDateTime");
        assertError(allDayWithoutDate, 400, "REQUIRED_FIELD_MISSING");
        assertThat(allDayWithoutDate.json().get(0).get("fields").get(0).asText()).isEqualTo("ActivityDate");
    }

    @Test
    void refusesAWhoIdThatIsNoContactOrLead() {
        String accountId = idOf("SELECT Id FROM Account WHERE Name = 'Acme Corporation'");

        EmulatorHttp.Response answer = ORG.http().post(V + "/sobjects/Task", """
                {"Subject":"Wrong link","WhoId":"%s"}""".formatted(accountId));

        assertError(answer, 400, "FIELD_INTEGRITY_EXCEPTION");
        assertThat(answer.json().get(0).get("message").asText())
                .isEqualTo("Name ID: id value of incorrect type: " + accountId);
    }
}
