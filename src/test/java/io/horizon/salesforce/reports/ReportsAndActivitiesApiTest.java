package io.horizon.salesforce.reports;

import static io.horizon.salesforce.RunningBundle.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.horizon.salesforce.RunningBundle;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reports (case C13), follow-up Tasks, calendar Events and SOSL search, over HTTP against the emulated org. */
class ReportsAndActivitiesApiTest {

    private static final String OPEN_OPPORTUNITIES = "00OHz0000000001MAA";
    private static final String BY_STAGE = "00OHz0000000002MAA";
    private static final String CONTACTS_2600 = "00OHz0000000003MAA";
    private static final String CONTACTS_150 = "00OHz0000000004MAA";

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
    void listsReportsWithIdNameAndFormat() {
        JsonNode reports = json(bundle.get("/api/salesforce/reports")).path("reports");

        assertThat(reports.findValuesAsText("id")).contains(OPEN_OPPORTUNITIES, BY_STAGE);
        assertThat(reports.findValuesAsText("format")).contains("TABULAR", "SUMMARY");
        assertThat(reports.findValuesAsText("name")).contains("Opportunities by Stage");
    }

    @Test
    void aTabularReportRunsSynchronouslyWithReadableRows() {
        HttpResponse<String> response = bundle.post("/api/salesforce/reports/" + OPEN_OPPORTUNITIES + "/run", "");

        JsonNode report = json(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(report.path("reportMetadata").path("reportFormat").asText()).isEqualTo("TABULAR");
        assertThat(report.path("factMap").has("T!T")).isTrue();
        assertThat(report.path("truncated").asBoolean()).isFalse();
        assertThat(report.path("rows")).isNotEmpty();
        String nameLabel = report.path("reportExtendedMetadata").path("detailColumnInfo").path("Name").path("label")
                .asText();
        assertThat(nameLabel).isNotBlank();
        assertThat(report.path("rows").get(0).path(nameLabel).asText()).isNotBlank();
        assertThat(report.path("rows")).hasSize(report.path("factMap").path("T!T").path("rows").size());
    }

    @Test
    void aSummaryReportRunsSynchronouslyWithItsGroups() {
        JsonNode report = json(bundle.post("/api/salesforce/reports/" + BY_STAGE + "/run", ""));

        assertThat(report.path("reportMetadata").path("reportFormat").asText()).isEqualTo("SUMMARY");
        assertThat(report.path("groupingsDown").path("groupings")).isNotEmpty();
        assertThat(report.path("rows")).isNotEmpty();
        assertThat(report.path("rows").get(0).path("group").asText()).isNotBlank();
        assertThat(report.path("factMap").path("T!T").path("aggregates")).isNotEmpty();
    }

    @Test
    void aReportOverTwoThousandRowsIsMarkedTruncatedAndASmallOnePassesUnchanged() {
        JsonNode large = json(bundle.post("/api/salesforce/reports/" + CONTACTS_2600 + "/run", ""));
        JsonNode small = json(bundle.post("/api/salesforce/reports/" + CONTACTS_150 + "/run", ""));

        assertThat(large.path("allData").asBoolean()).isFalse();
        assertThat(large.path("truncated").asBoolean()).isTrue();
        assertThat(large.path("remedy").asText()).contains("reportFilters").contains("/api/salesforce/query");
        assertThat(large.path("rows")).hasSize(2000);
        assertThat(small.path("allData").asBoolean()).isTrue();
        assertThat(small.path("truncated").asBoolean()).isFalse();
        assertThat(small.has("remedy")).isFalse();
        assertThat(small.path("rows")).hasSize(150);
    }

    @Test
    void anAsyncRunOverTwoThousandRowsIsMarkedTruncatedToo() {
        HttpResponse<String> started = bundle.post("/api/salesforce/reports/" + CONTACTS_2600 + "/run?async=true", "");

        JsonNode finished = finishedInstance(CONTACTS_2600, json(started).path("id").asText());

        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(finished.path("allData").asBoolean()).isFalse();
        assertThat(finished.path("truncated").asBoolean()).isTrue();
        assertThat(finished.path("rows")).hasSize(2000);
    }

    @Test
    void aSummaryReportRunsAsyncWithItsGroups() {
        HttpResponse<String> started = bundle.post("/api/salesforce/reports/" + BY_STAGE + "/run?async=true", "");

        JsonNode finished = finishedInstance(BY_STAGE, json(started).path("id").asText());

        assertThat(finished.path("groupingsDown").path("groupings")).isNotEmpty();
        assertThat(finished.path("rows")).isNotEmpty();
        assertThat(finished.path("rows").get(0).path("group").asText()).isNotBlank();
    }

    private static JsonNode finishedInstance(String report, String instance) {
        String poll = "/api/salesforce/reports/" + report + "/instances/" + instance;
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> json(bundle.get(poll)), answer -> "Success".equals(
                        answer.path("attributes").path("status").asText()));
    }

    @Test
    void reportFiltersInTheBodyNarrowTheRun() {
        JsonNode all = json(bundle.post("/api/salesforce/reports/" + OPEN_OPPORTUNITIES + "/run", ""));
        String stage = all.path("rows").get(0).path(all.path("reportExtendedMetadata").path("detailColumnInfo")
                .path("StageName").path("label").asText()).asText();

        JsonNode filtered = json(bundle.post("/api/salesforce/reports/" + OPEN_OPPORTUNITIES + "/run",
                "{\"reportMetadata\":{\"reportFilters\":[{\"column\":\"StageName\",\"operator\":\"equals\","
                        + "\"value\":\"" + stage + "\"}]}}"));

        assertThat(filtered.path("rows").size()).isPositive().isLessThan(all.path("rows").size());
    }

    @Test
    void describeAnswersTheReportsMetadata() {
        JsonNode describe = json(bundle.get("/api/salesforce/reports/" + BY_STAGE + "/describe"));

        assertThat(describe.path("reportMetadata").path("name").asText()).isEqualTo("Opportunities by Stage");
    }

    @Test
    void anUnknownReportIsNotFound() {
        HttpResponse<String> response = bundle.post("/api/salesforce/reports/00OHz0000000099MAA/run", "");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText()).isEqualTo("not_found");
        assertThat(json(response).path("salesforce").get(0).path("errorCode").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void aFollowUpTaskLinkedToAContactAndAnOpportunityKeepsItsDueDate() {
        String contact = firstId("SELECT Id FROM Contact WHERE LastName = 'Davolio'");
        String opportunity = firstId("SELECT Id FROM Opportunity ORDER BY Name LIMIT 1");

        HttpResponse<String> created = bundle.post("/api/salesforce/tasks", "{\"subject\":\"Send the proposal\","
                + "\"dueDate\":\"2027-01-31\",\"priority\":\"High\",\"whoId\":\"" + contact + "\",\"whatId\":\""
                + opportunity + "\",\"description\":\"Pricing for 40 seats\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        String id = json(created).path("id").asText();
        assertThat(id).startsWith("00T");
        JsonNode task = json(bundle.get("/api/salesforce/sobjects/Task/" + id));
        assertThat(task.path("ActivityDate").asText()).isEqualTo("2027-01-31");
        assertThat(task.path("WhoId").asText()).isEqualTo(contact);
        assertThat(task.path("WhatId").asText()).isEqualTo(opportunity);
        assertThat(task.path("Subject").asText()).isEqualTo("Send the proposal");
    }

    @Test
    void anAllDayEventAndATimedEventKeepTheirDatesAsSent() {
        String account = firstId("SELECT Id FROM Account ORDER BY Name LIMIT 1");

        String allDay = json(bundle.post("/api/salesforce/events", "{\"subject\":\"Offsite\","
                + "\"allDayDate\":\"2027-03-15\",\"whatId\":\"" + account + "\"}")).path("id").asText();
        String timed = json(bundle.post("/api/salesforce/events", "{\"subject\":\"Kick-off\","
                + "\"start\":\"2027-02-01T15:00:00+01:00\",\"end\":\"2027-02-01T16:30:00+01:00\","
                + "\"location\":\"Lyon\"}")).path("id").asText();
        HttpResponse<String> salesforceForm = bundle.post("/api/salesforce/events", "{\"subject\":\"Review\","
                + "\"start\":\"2027-03-15T09:30:00.000+0000\",\"end\":\"2027-03-15T10:00:00.000+0000\"}");

        JsonNode allDayEvent = json(bundle.get("/api/salesforce/sobjects/Event/" + allDay));
        JsonNode timedEvent = json(bundle.get("/api/salesforce/sobjects/Event/" + timed));
        assertThat(allDayEvent.path("IsAllDayEvent").asBoolean()).isTrue();
        assertThat(allDayEvent.path("ActivityDate").asText()).isEqualTo("2027-03-15");
        assertThat(timedEvent.path("StartDateTime").asText()).isEqualTo("2027-02-01T15:00:00+01:00");
        assertThat(timedEvent.path("EndDateTime").asText()).isEqualTo("2027-02-01T16:30:00+01:00");
        assertThat(salesforceForm.statusCode()).isEqualTo(201);
    }

    @Test
    void aLinkOfTheWrongKindIsRefusedBeforeSalesforceIsCalled() {
        String account = firstId("SELECT Id FROM Account ORDER BY Name LIMIT 1");
        bundle.emulatorAdmin("DELETE", "/_emulator/counters", null);

        HttpResponse<String> asWho = bundle.post("/api/salesforce/tasks",
                "{\"subject\":\"Call\",\"whoId\":\"" + account + "\"}");
        HttpResponse<String> noTimes = bundle.post("/api/salesforce/events", "{\"subject\":\"Lunch\"}");
        HttpResponse<String> badDate = bundle.post("/api/salesforce/tasks",
                "{\"subject\":\"Call\",\"dueDate\":\"31/01/2027\"}");
        HttpResponse<String> lowerCase = bundle.post("/api/salesforce/events",
                "{\"subject\":\"Call\",\"start\":\"2027-03-15t09:30:00z\",\"end\":\"2027-03-15t10:30:00z\"}");

        assertThat(asWho.statusCode()).isEqualTo(400);
        assertThat(json(asWho).path("message").asText()).contains(account).contains("whoId");
        assertThat(noTimes.statusCode()).isEqualTo(400);
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(lowerCase.statusCode()).isEqualTo(400);
        assertThat(json(bundle.emulatorAdmin("GET", "/_emulator/counters", null)).path("total").asInt()).isZero();
    }

    @Test
    void soslFindsAContactByEmail() {
        String sosl = "FIND {volume.contact.00042@northwind-volume.example} IN EMAIL FIELDS"
                + " RETURNING Contact(Id, Name, Email)";

        HttpResponse<String> response = bundle.get("/api/salesforce/search?sosl="
                + URLEncoder.encode(sosl, StandardCharsets.UTF_8));

        JsonNode found = json(response).path("searchRecords");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("Email").asText()).isEqualTo("volume.contact.00042@northwind-volume.example");
    }

    private static String firstId(String soql) {
        return json(bundle.query(soql)).path("records").get(0).path("Id").asText();
    }
}
