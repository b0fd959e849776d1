package io.horizon.salesforce.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.horizon.salesforce.Json;
import java.io.IOException;
import java.io.InputStream;
import org.apache.camel.Exchange;

/**
 * Adds to a report run, kept as Salesforce sent it, what an agent reads first: {@code rows} as column label → value
 * for tabular and summary reports (a summary row also names its {@code group}), and {@code truncated} with a remedy
 * when Salesforce left rows out ({@code allData:false}). Stateless.
 */
public final class ReportAnswers {

    static final String TRUNCATED_REMEDY = "The Reports API returns at most 2,000 detail rows: narrow the run with "
            + "reportFilters in the POST body, or read every record with SOQL at /api/salesforce/query.";

    /** Decorates the report run or instance result in the body; an instance that is not finished passes unchanged. */
    public void decorate(Exchange exchange) throws IOException {
        ObjectNode report;
        try (InputStream body = exchange.getMessage().getBody(InputStream.class)) {
            report = (ObjectNode) Json.MAPPER.readTree(body);
        }
        if (report.has("factMap")) {
            report.set("rows", rows(report));
            boolean truncated = !report.path("allData").asBoolean(true);
            report.put("truncated", truncated);
            if (truncated) {
                report.put("remedy", TRUNCATED_REMEDY);
            }
        }
        exchange.getMessage().setBody(Json.MAPPER.writeValueAsBytes(report));
    }

    /** Turns the answer of a query on Report into {@code {"reports":[{"id","name","format"}]}}. */
    public void list(Exchange exchange) throws IOException {
        JsonNode page;
        try (InputStream body = exchange.getMessage().getBody(InputStream.class)) {
            page = Json.MAPPER.readTree(body);
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode reports = answer.putArray("reports");
        for (JsonNode record : page.path("records")) {
            ObjectNode report = reports.addObject();
            report.set("id", record.path("Id"));
            report.set("name", record.path("Name"));
            report.set("format", record.path("Format"));
        }
        exchange.getMessage().setBody(Json.MAPPER.writeValueAsBytes(answer));
    }

    private static ArrayNode rows(ObjectNode report) {
        ArrayNode rows = Json.MAPPER.createArrayNode();
        JsonNode columns = report.path("reportMetadata").path("detailColumns");
        JsonNode info = report.path("reportExtendedMetadata").path("detailColumnInfo");
        JsonNode factMap = report.path("factMap");
        JsonNode groupings = report.path("groupingsDown").path("groupings");
        if (groupings.isEmpty()) {
            addRows(rows, factMap.path("T!T"), columns, info, null);
        }
        for (JsonNode grouping : groupings) {
            addRows(rows, factMap.path(grouping.path("key").asText() + "!T"), columns, info, grouping.path("label"));
        }
        return rows;
    }

    private static void addRows(ArrayNode rows, JsonNode fact, JsonNode columns, JsonNode info, JsonNode group) {
        for (JsonNode row : fact.path("rows")) {
            ObjectNode readable = rows.addObject();
            if (group != null) {
                readable.set("group", group);
            }
            JsonNode cells = row.path("dataCells");
            for (int i = 0; i < cells.size() && i < columns.size(); i++) {
                String column = columns.get(i).asText();
                JsonNode cell = cells.get(i);
                JsonNode value = cell.path("value");
                readable.set(info.path(column).path("label").asText(column),
                        value.isValueNode() ? value : cell.path("label"));
            }
        }
    }
}
