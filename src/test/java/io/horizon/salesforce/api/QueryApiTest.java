package io.horizon.salesforce.api;

import static io.horizon.salesforce.RunningBundle.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.horizon.salesforce.RunningBundle;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Query paging (case C05) and SOQL literals (case C06) through the HTTP API, with Salesforce sending pages of 1,000.
 */
class QueryApiTest {

    private static final String QUERY_PATH = "GET /services/data/v62.0/query/";

    private static RunningBundle bundle;

    @BeforeAll
    static void startBundle() {
        bundle = RunningBundle.start(Map.of("salesforce.query.batch-size", "1000"));
    }

    @AfterAll
    static void stopBundle() {
        bundle.close();
    }

    @Test
    void everyPageIsFollowedUntilSalesforceSaysDone() {
        bundle.emulatorAdmin("DELETE", "/_emulator/counters", null);

        HttpResponse<String> response = bundle.query("SELECT Id, Name, Email FROM Contact"
                + " WHERE Account.Name = 'Northwind Volume Co' ORDER BY Email LIMIT 2437");

        JsonNode body = json(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.path("records")).hasSize(2437);
        assertThat(body.path("done").asBoolean()).isTrue();
        Set<String> ids = new HashSet<>();
        body.path("records").forEach(record -> ids.add(record.path("Id").asText()));
        assertThat(ids).hasSize(2437);
        JsonNode calls = json(bundle.emulatorAdmin("GET", "/_emulator/counters", null)).path("calls");
        int followUps = 0;
        for (Map.Entry<String, JsonNode> call : calls.properties()) {
            if (call.getKey().startsWith(QUERY_PATH) && !call.getKey().equals(QUERY_PATH)) {
                followUps += call.getValue().asInt();
            }
        }
        assertThat(calls.path(QUERY_PATH).asInt()).isEqualTo(1);
        assertThat(followUps).isEqualTo(2);
    }

    @Test
    void aPageThatIsNotDoneAndHasNoNextRecordsUrlIsAnError() {
        bundle.emulatorAdmin("POST", "/_emulator/faults", """
                {"method":"GET","pathPrefix":"/services/data/v62.0/query/","status":200,"times":1,
                 "body":{"totalSize":3,"done":false,"records":[]}}""");

        HttpResponse<String> response = bundle.query("SELECT Id FROM Lead");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("error").asText()).isEqualTo("salesforce_unavailable");
        assertThat(json(response).path("message").asText()).contains("nextRecordsUrl");
    }

    @Test
    void fiftyConcurrentPagedQueriesAllAnswer() throws Exception {
        String soql = "SELECT Id FROM Contact WHERE Account.Name = 'Northwind Volume Co' LIMIT 2437";
        ExecutorService callers = Executors.newFixedThreadPool(50);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();

        for (int i = 0; i < 50; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> bundle.query(soql), callers));
        }
        List<Integer> sizes = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            sizes.add(json(call.get(120, TimeUnit.SECONDS)).path("records").size());
        }
        callers.shutdown();

        assertThat(sizes).hasSize(50).containsOnly(2437);
    }

    @Test
    void anEscapedQuoteMatchesTheNameWithAnApostrophe() {
        bundle.post("/api/salesforce/sobjects/Contact", "{\"FirstName\":\"Case06\",\"LastName\":\"O'Dell\"}");

        HttpResponse<String> response = bundle.query(
                "SELECT Id, LastName FROM Contact WHERE FirstName = 'Case06' AND LastName = 'O\\'Dell'");

        assertThat(json(response).path("records")).hasSize(1);
        assertThat(json(response).path("records").get(0).path("LastName").asText()).isEqualTo("O'Dell");
    }

    @Test
    void anEscapedInjectionAttemptStaysOneLiteralAndMatchesNothing() {
        HttpResponse<String> response = bundle.query(
                "SELECT Id FROM Contact WHERE LastName = 'x\\\\\\' OR LastName != null --'");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("records")).isEmpty();
    }

    @Test
    void escapedWildcardsInLikeMatchLiterally() {
        bundle.post("/api/salesforce/sobjects/Account", "{\"Name\":\"50%_off sale\"}");
        bundle.post("/api/salesforce/sobjects/Account", "{\"Name\":\"50x off sale\"}");

        HttpResponse<String> response = bundle.query("SELECT Name FROM Account WHERE Name LIKE '50\\%\\_off%'");

        JsonNode records = json(response).path("records");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).path("Name").asText()).isEqualTo("50%_off sale");
    }
}
