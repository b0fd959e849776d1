package io.horizon.salesforce.emulator;

import static io.horizon.salesforce.emulator.AnalyticsApiTest.BY_STAGE;
import static io.horizon.salesforce.emulator.AnalyticsApiTest.OPEN_OPPORTUNITIES;
import static io.horizon.salesforce.emulator.AnalyticsApiTest.VOLUME_2600;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.NoSuchSObjectException;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.analytics.reports.AsyncReportResults;
import org.apache.camel.component.salesforce.api.dto.analytics.reports.RecentReport;
import org.apache.camel.component.salesforce.api.dto.analytics.reports.ReportDescription;
import org.apache.camel.component.salesforce.api.dto.analytics.reports.ReportFilter;
import org.apache.camel.component.salesforce.api.dto.analytics.reports.ReportFormatEnum;
import org.apache.camel.component.salesforce.api.dto.analytics.reports.ReportInstance;
import org.apache.camel.component.salesforce.api.dto.analytics.reports.ReportMetadata;
import org.apache.camel.component.salesforce.api.dto.analytics.reports.ReportStatusEnum;
import org.apache.camel.component.salesforce.api.dto.analytics.reports.SyncReportResults;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real camel-salesforce 4.14.0 component against the emulator's Analytics and search resources: its analytics
 * client ignores rawPayload and fails on unknown properties or enum values, so these prove the answers fit its DTOs.
 */
class CamelAnalyticsComponentTest {

    private static SalesforceEmulator emulator;
    private static CamelContext camel;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() {
        emulator = SalesforceEmulator.start(EmulatorSettings.defaults());
        EmulatorSettings settings = EmulatorSettings.defaults();
        SalesforceComponent salesforce = new SalesforceComponent();
        salesforce.setLoginUrl(emulator.baseUrl());
        salesforce.setClientId(settings.clientId());
        salesforce.setClientSecret(settings.clientSecret());
        salesforce.setUserName(settings.username());
        salesforce.setPassword(settings.password());
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setRawPayload(true);
        config.setApiVersion("62.0");
        salesforce.setConfig(config);
        camel = new DefaultCamelContext();
        camel.addComponent("salesforce", salesforce);
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        camel.stop();
        emulator.close();
    }

    @Test
    void readsRecentReports() {
        @SuppressWarnings("unchecked")
        List<RecentReport> reports = template.requestBody("salesforce:getRecentReports", null, List.class);

        assertThat(reports).extracting(RecentReport::getId).contains(OPEN_OPPORTUNITIES, BY_STAGE, VOLUME_2600);
        assertThat(reports.get(0).getDescribeUrl()).endsWith("/analytics/reports/" + OPEN_OPPORTUNITIES + "/describe");
    }

    @Test
    void describesAReport() {
        ReportDescription description = template.requestBody("salesforce:getReportDescription?reportId=" + BY_STAGE,
                null, ReportDescription.class);

        assertThat(description.getReportMetadata().getReportFormat()).isEqualTo(ReportFormatEnum.SUMMARY);
        assertThat(description.getReportMetadata().getGroupingsDown()[0].getName()).isEqualTo("StageName");
        assertThat(description.getReportExtendedMetadata().getAggregateColumnInfo().get("s!Amount").getDataType())
                .isEqualTo("currency");
        assertThat(description.getReportTypeMetadata().getCategories()[0].getColumns()).containsKey("Amount");
    }

    @Test
    void runsASummaryReportSynchronously() {
        SyncReportResults results = template.requestBody(
                "salesforce:executeSyncReport?includeDetails=true&reportId=" + BY_STAGE, null, SyncReportResults.class);

        assertThat(results.getAttributes().getReportId()).isEqualTo(BY_STAGE);
        assertThat(results.getAllData()).isTrue();
        assertThat(results.getGroupingsDown().getGroupings()).hasSize(8);
        assertThat(results.getFactMap().get("T!T").getAggregates()[1].getValue()).isEqualTo(8);
        assertThat(results.getFactMap().get("0!T").getRows()[0].getDataCells()[0].getLabel())
                .isEqualTo("Wayne Financial Services – Risk Platform");
    }

    @Test
    void postsReportFiltersWithASyncRun() {
        ReportMetadata metadata = new ReportMetadata();
        ReportFilter filter = new ReportFilter();
        filter.setColumn("StageName");
        filter.setOperator("equals");
        filter.setValue("Prospecting");
        metadata.setReportFilters(new ReportFilter[] {filter});

        SyncReportResults results = template.requestBodyAndHeaders("salesforce:executeSyncReport", null,
                Map.of("reportId", OPEN_OPPORTUNITIES, "reportMetadata", metadata, "includeDetails", true),
                SyncReportResults.class);

        assertThat(results.getFactMap().get("T!T").getRows()).hasSize(1);
    }

    @Test
    void runsALargeReportAsynchronously() {
        ReportInstance instance = template.requestBody(
                "salesforce:executeAsyncReport?includeDetails=true&reportId=" + VOLUME_2600, null, ReportInstance.class);
        String results = "salesforce:getReportResults?reportId=" + VOLUME_2600 + "&instanceId=" + instance.getId();

        AsyncReportResults running = template.requestBody(results, null, AsyncReportResults.class);
        AsyncReportResults done = template.requestBody(results, null, AsyncReportResults.class);

        assertThat(instance.getStatus()).isEqualTo(ReportStatusEnum.New);
        assertThat(instance.getRequestDate()).isNotNull();
        assertThat(running.getAttributes().getStatus()).isEqualTo(ReportStatusEnum.Running);
        assertThat(done.getAttributes().getStatus()).isEqualTo(ReportStatusEnum.Success);
        assertThat(done.getAttributes().getCompletionDate()).isNotNull();
        assertThat(done.getAllData()).isFalse();
        assertThat(done.getFactMap().get("T!T").getRows().length).isEqualTo(2000);
    }

    @Test
    void losesTheNotFoundOfAnUnknownReport() {
        CamelExecutionException failure = assertThrows(CamelExecutionException.class, () -> template
                .requestBody("salesforce:getReportDescription?reportId=00OHz0000000099MAA", (Object) null));

        // camel-salesforce 4.14.0 builds NoSuchSObjectException from the 404, then replaces it with the failure to
        // read the error array as a ReportDescription; a real org's 404 ends the same way
        assertThat(failure.getCause()).isInstanceOf(SalesforceException.class)
                .isNotInstanceOf(NoSuchSObjectException.class)
                .hasMessageContaining("Error unmarshaling response");
    }

    @Test
    void searchesWithSosl() throws IOException {
        String body = template.requestBodyAndHeader("salesforce:search", null, "sObjectSearch",
                "FIND {marcus.webb@cobalt-mining.example} IN EMAIL FIELDS RETURNING Lead(Id, Name, Company)",
                String.class);

        JsonNode records = EmulatorHttp.JSON.readTree(body).get("searchRecords");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("attributes").get("type").asText()).isEqualTo("Lead");
        assertThat(records.get(0).get("Name").asText()).isEqualTo("Marcus Webb");
    }
}
