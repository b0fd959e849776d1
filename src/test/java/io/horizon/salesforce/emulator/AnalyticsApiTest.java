package io.horizon.salesforce.emulator;

import static io.horizon.salesforce.emulator.EmulatorHttp.V;
import static io.horizon.salesforce.emulator.SObjectRestTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Analytics (Reports) REST API over the seed's reports. */
class AnalyticsApiTest {

    static final String OPEN_OPPORTUNITIES = "00OHz0000000001MAA";
    static final String BY_STAGE = "00OHz0000000002MAA";
    static final String VOLUME_2600 = "00OHz0000000003MAA";
    static final String VOLUME_150 = "00OHz0000000004MAA";
    private static final String REPORTS = V + "/analytics/reports";

    @RegisterExtension
    static final RunningOrg ORG = new RunningOrg();

    @Test
    void listsTheSeedReportsWithTheirUrls() {
        EmulatorHttp.Response answer = ORG.http().get(REPORTS);

        assertThat(answer.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().forEach(report -> ids.add(report.get("id").asText()));
        assertThat(ids).containsExactly(OPEN_OPPORTUNITIES, BY_STAGE, VOLUME_2600, VOLUME_150);
        JsonNode first = answer.json().get(0);
        assertThat(first.get("name").asText()).isEqualTo("Open Opportunities");
        assertThat(first.get("url").asText()).isEqualTo(REPORTS + "/" + OPEN_OPPORTUNITIES);
        assertThat(first.get("describeUrl").asText()).isEqualTo(REPORTS + "/" + OPEN_OPPORTUNITIES + "/describe");
        assertThat(first.get("instancesUrl").asText()).isEqualTo(REPORTS + "/" + OPEN_OPPORTUNITIES + "/instances");
    }

    @Test
    void describesAReport() {
        JsonNode describe = ORG.http().get(REPORTS + "/" + BY_STAGE + "/describe").json();

        JsonNode metadata = describe.get("reportMetadata");
        assertThat(metadata.get("reportFormat").asText()).isEqualTo("SUMMARY");
        assertThat(metadata.get("groupingsDown").get(0).get("name").asText()).isEqualTo("StageName");
        assertThat(metadata.get("aggregates").toString()).isEqualTo("[\"s!Amount\",\"RowCount\"]");
        JsonNode extended = describe.get("reportExtendedMetadata");
        assertThat(extended.get("detailColumnInfo").get("Amount").get("dataType").asText()).isEqualTo("currency");
        assertThat(extended.get("aggregateColumnInfo").get("s!Amount").get("label").asText())
                .isEqualTo("Sum of Amount");
        assertThat(extended.get("groupingColumnInfo").get("StageName").get("label").asText()).isEqualTo("Stage");
        JsonNode stage = describe.get("reportTypeMetadata").get("categories").get(0).get("columns").get("StageName");
        assertThat(stage.get("filterValues").get(0).get("name").asText()).isEqualTo("Prospecting");
        assertThat(describe.get("reportTypeMetadata").get("dataTypeFilterOperatorMap").get("currency")).isNotEmpty();
    }

    @Test
    void runsATabularReportWithDetails() {
        JsonNode result = ORG.http().get(REPORTS + "/" + OPEN_OPPORTUNITIES + "?includeDetails=true").json();

        assertThat(result.get("attributes").get("type").asText()).isEqualTo("Report");
        assertThat(result.get("attributes").get("reportId").asText()).isEqualTo(OPEN_OPPORTUNITIES);
        assertThat(result.get("hasDetailRows").asBoolean()).isTrue();
        assertThat(result.get("allData").asBoolean()).isTrue();
        assertThat(result.get("reportMetadata").get("detailColumns").get(1).asText()).isEqualTo("Account.Name");
        assertThat(result.get("reportExtendedMetadata").get("detailColumnInfo").get("Name").get("label").asText())
                .isEqualTo("Name");
        assertThat(result.get("groupingsDown").get("groupings")).isEmpty();
        JsonNode total = result.get("factMap").get("T!T");
        assertThat(total.get("rows").size()).isEqualTo(6);
        JsonNode first = total.get("rows").get(0).get("dataCells");
        assertThat(first.get(0).get("label").asText()).isEqualTo("Ærøskøbing Design – Studio Licences");
        assertThat(first.get(1).get("label").asText()).isEqualTo("Ærøskøbing Design ApS");
        assertThat(first.get(3).get("value").asText()).isEqualTo("2026-01-31");
        assertThat(first.get(3).get("label").asText()).isEqualTo("1/31/2026");
        assertThat(first.get(4).get("label").asText()).isEqualTo("$12,500.50");
        assertThat(first.get(4).get("value").get("amount").decimalValue()).isEqualByComparingTo("12500.5");
        assertThat(total.get("aggregates").get(0).get("value").decimalValue()).isEqualByComparingTo("1544500.5");
        assertThat(total.get("aggregates").get(0).get("label").asText()).isEqualTo("$1,544,500.50");
        assertThat(total.get("aggregates").get(1).get("value").asInt()).isEqualTo(6);
    }

    @Test
    void runsWithoutDetailRowsUnlessAsked() {
        JsonNode result = ORG.http().get(REPORTS + "/" + OPEN_OPPORTUNITIES).json();

        assertThat(result.get("hasDetailRows").asBoolean()).isFalse();
        assertThat(result.get("factMap").get("T!T").get("rows")).isEmpty();
        assertThat(result.get("factMap").get("T!T").get("aggregates").get(1).get("value").asInt()).isEqualTo(6);
    }

    @Test
    void runsASummaryReportWithGroupingsAndAggregates() {
        JsonNode result = ORG.http().get(REPORTS + "/" + BY_STAGE + "?includeDetails=true").json();

        List<String> stages = new ArrayList<>();
        result.get("groupingsDown").get("groupings").forEach(g -> stages.add(g.get("label").asText()));
        // picklist order, as Salesforce sorts a picklist grouping
        assertThat(stages).containsExactly("Prospecting", "Qualification", "Needs Analysis", "Value Proposition",
                "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost");
        JsonNode closedWon = result.get("groupingsDown").get("groupings").get(6);
        assertThat(closedWon.get("key").asText()).isEqualTo("6");
        assertThat(closedWon.get("value").asText()).isEqualTo("Closed Won");
        JsonNode fact = result.get("factMap").get("6!T");
        assertThat(fact.get("rows").size()).isEqualTo(1);
        assertThat(fact.get("aggregates").get(0).get("value").decimalValue()).isEqualByComparingTo("410000");
        assertThat(fact.get("aggregates").get(1).get("value").asInt()).isEqualTo(1);
        JsonNode total = result.get("factMap").get("T!T");
        assertThat(total.get("rows")).isEmpty();
        assertThat(total.get("aggregates").get(0).get("value").decimalValue()).isEqualByComparingTo("2104500.5");
        assertThat(total.get("aggregates").get(1).get("value").asInt()).isEqualTo(8);
    }

    @Test
    void stopsASyncRunAtTwoThousandRowsAndSaysSo() {
        JsonNode result = ORG.http().get(REPORTS + "/" + VOLUME_2600 + "?includeDetails=true").json();

        assertThat(result.get("allData").asBoolean()).isFalse();
        JsonNode total = result.get("factMap").get("T!T");
        assertThat(total.get("rows").size()).isEqualTo(2000);
        assertThat(total.get("aggregates").get(0).get("value").asInt()).isEqualTo(2600);
        assertThat(total.get("rows").get(1999).get("dataCells").get(0).get("label").asText())
                .isEqualTo("Volume Contact 02000");
    }

    @Test
    void returnsASmallerReportWhole() {
        JsonNode result = ORG.http().get(REPORTS + "/" + VOLUME_150 + "?includeDetails=true").json();

        assertThat(result.get("allData").asBoolean()).isTrue();
        assertThat(result.get("factMap").get("T!T").get("rows").size()).isEqualTo(150);
        assertThat(result.get("factMap").get("T!T").get("rows").get(0).get("dataCells").get(1).get("value").asText())
                .isEqualTo("volume.contact.04851@northwind-volume.example");
    }

    @Test
    void appliesReportFiltersPostedWithTheRun() {
        EmulatorHttp.Response answer = ORG.http().post(REPORTS + "/" + OPEN_OPPORTUNITIES + "?includeDetails=true", """
                {"reportMetadata":{"reportFilters":[{"column":"Amount","operator":"greaterThan","value":"100000"}]}}""");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode result = answer.json();
        assertThat(result.get("factMap").get("T!T").get("rows").size()).isEqualTo(3);
        assertThat(result.get("reportMetadata").get("reportFilters").get(0).get("column").asText()).isEqualTo("Amount");
    }

    @Test
    void runsAnAsyncInstanceThatIsRunningFirstAndThenHoldsTheFirstTwoThousandRows() {
        EmulatorHttp.Response created = ORG.http().post(REPORTS + "/" + VOLUME_2600 + "/instances?includeDetails=true", "");
        String instanceUrl = created.json().get("url").asText();

        JsonNode firstPoll = ORG.http().get(instanceUrl).json();
        JsonNode secondPoll = ORG.http().get(instanceUrl).json();
        JsonNode list = ORG.http().get(REPORTS + "/" + VOLUME_2600 + "/instances").json();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("New");
        assertThat(created.json().get("id").asText()).startsWith("0LG").hasSize(18);
        assertThat(created.json().get("requestDate").asText()).isNotBlank();
        assertThat(created.json().get("completionDate").isNull()).isTrue();
        assertThat(firstPoll.get("attributes").get("status").asText()).isEqualTo("Running");
        assertThat(firstPoll.has("factMap")).isFalse();
        JsonNode attributes = secondPoll.get("attributes");
        assertThat(attributes.get("status").asText()).isEqualTo("Success");
        assertThat(attributes.get("type").asText()).isEqualTo("ReportInstance");
        assertThat(attributes.get("reportId").asText()).isEqualTo(VOLUME_2600);
        assertThat(attributes.get("completionDate").asText()).isNotBlank();
        assertThat(secondPoll.get("factMap").get("T!T").get("rows").size()).isEqualTo(2000);
        assertThat(secondPoll.get("allData").asBoolean()).isFalse();
        assertThat(list.get(0).get("id").asText()).isEqualTo(created.json().get("id").asText());
        assertThat(list.get(0).get("status").asText()).isEqualTo("Success");
    }

    @Test
    void answersAnUnknownReportOrInstanceWith404() {
        assertError(ORG.http().get(REPORTS + "/00OHz0000000099MAA"), 404, "NOT_FOUND");
        assertError(ORG.http().get(REPORTS + "/00OHz0000000099MAA/describe"), 404, "NOT_FOUND");
        assertError(ORG.http().post(REPORTS + "/not-a-report/instances", ""), 404, "NOT_FOUND");
        assertError(ORG.http().get(REPORTS + "/" + VOLUME_150 + "/instances/0LGHz0000000999AAA"), 404, "NOT_FOUND");
    }

    @Test
    void refusesAnUnknownFilterOperator() {
        assertError(ORG.http().post(REPORTS + "/" + OPEN_OPPORTUNITIES, """
                {"reportMetadata":{"reportFilters":[{"column":"Amount","operator":"between","value":"1"}]}}"""),
                400, "BAD_REQUEST");
    }
}
