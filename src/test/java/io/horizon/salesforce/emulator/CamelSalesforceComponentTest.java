package io.horizon.salesforce.emulator;

import static io.horizon.salesforce.emulator.EmulatorHttp.V;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.NoSuchSObjectException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real camel-salesforce 4.14.0 component, talking HTTP to the emulator: login, REST operations and logout. */
class CamelSalesforceComponentTest {

    private static SalesforceEmulator emulator;
    private static CamelContext camel;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        emulator = SalesforceEmulator.start(EmulatorSettings.defaults());
        camel = startCamel();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        if (camel.isStarted()) {
            camel.stop();
        }
        emulator.close();
    }

    private static CamelContext startCamel() {
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

        CamelContext context = new DefaultCamelContext();
        context.addComponent("salesforce", salesforce);
        context.start();
        return context;
    }

    @Test
    void queriesThroughTheComponent() throws IOException {
        JsonNode result = json(template.requestBodyAndHeader("salesforce:query", null, "sObjectQuery",
                "SELECT Id, Name, StageName FROM Opportunity WHERE StageName = 'Closed Won'", String.class));

        assertThat(result.get("totalSize").asInt()).isEqualTo(1);
        assertThat(result.get("records").get(0).get("Name").asText()).isEqualTo("Umbrella Health – Clinics Expansion");
    }

    @Test
    void followsNextRecordsUrlWithQueryMore() throws IOException {
        String soql = "SELECT Id FROM Contact WHERE Account.Name = 'Northwind Volume Co'";
        JsonNode first = json(template.requestBodyAndHeaders("salesforce:query", null,
                Map.of("sObjectQuery", soql, "Sforce-Query-Options", "batchSize=2000"), String.class));

        JsonNode second = json(template.requestBodyAndHeader("salesforce:queryMore", null, "sObjectQuery",
                first.get("nextRecordsUrl").asText(), String.class));

        assertThat(first.get("records")).hasSize(2000);
        assertThat(second.get("records")).hasSize(2000);
        Set<String> ids = new HashSet<>();
        first.get("records").forEach(r -> ids.add(r.get("Id").asText()));
        second.get("records").forEach(r -> ids.add(r.get("Id").asText()));
        assertThat(ids).hasSize(4000);
    }

    @Test
    void createsReadsUpdatesAndDeletesThroughTheComponent() throws IOException {
        String id = json(template.requestBody("salesforce:createSObject?sObjectName=Contact",
                "{\"LastName\":\"Camel\",\"FirstName\":\"Carla\",\"Email\":\"carla@camel.example\"}", String.class))
                .get("id").asText();

        template.requestBodyAndHeader("salesforce:updateSObject?sObjectName=Contact", "{\"Title\":\"Rider\"}",
                "sObjectId", id);
        JsonNode contact = json(template.requestBodyAndHeader("salesforce:getSObject?sObjectName=Contact", null,
                "sObjectId", id, String.class));

        assertThat(id).startsWith("003");
        assertThat(contact.get("Name").asText()).isEqualTo("Carla Camel");
        assertThat(contact.get("Title").asText()).isEqualTo("Rider");

        template.requestBodyAndHeader("salesforce:deleteSObject?sObjectName=Contact", null, "sObjectId", id);

        CamelExecutionException gone = assertThrows(CamelExecutionException.class, () -> template
                .requestBodyAndHeader("salesforce:getSObject?sObjectName=Contact", null, "sObjectId", id));
        assertThat(gone.getCause()).isInstanceOf(NoSuchSObjectException.class);
    }

    @Test
    void upsertsThroughTheComponent() throws IOException {
        String uri = "salesforce:upsertSObject?sObjectName=Project__c&sObjectIdName=Project_Code__c";

        JsonNode created = json(template.requestBodyAndHeader(uri, "{\"Name\":\"Camel Project\"}",
                "sObjectIdValue", "PRJ-CAMEL", String.class));
        JsonNode updated = json(template.requestBodyAndHeader(uri, "{\"Status__c\":\"Active\"}",
                "sObjectIdValue", "PRJ-CAMEL", String.class));

        assertThat(created.get("created").asBoolean()).isTrue();
        assertThat(updated.get("created").asBoolean()).isFalse();
        assertThat(updated.get("id").asText()).isEqualTo(created.get("id").asText());
    }

    @Test
    void readsLimitsThroughTheComponent() throws IOException {
        JsonNode limits = json(template.requestBody("salesforce:limits", null, String.class));

        assertThat(limits.get("DailyApiRequests").get("Max").asInt()).isEqualTo(15000);
    }

    @Test
    void revokesItsTokenWhenStopped() throws Exception {
        CamelContext second = startCamel();
        SalesforceComponent component = second.getComponent("salesforce", SalesforceComponent.class);
        String token = component.getSession().getAccessToken();
        EmulatorHttp http = new EmulatorHttp(emulator.baseUrl()).withToken(token);
        assertThat(http.get(V + "/limits/").status()).isEqualTo(200);

        second.stop();

        OAuthTest.assertInvalidSession(http.get(V + "/limits/"));
    }

    private static JsonNode json(String body) throws IOException {
        return EmulatorHttp.JSON.readTree(body);
    }
}
