package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.horizon.salesforce.emulator.soql.OrgView;
import io.horizon.salesforce.emulator.soql.SoqlEngine;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Analytics (Reports) REST API under {@code /services/data/vNN.N/analytics/reports}: the recent reports, describe,
 * synchronous runs and asynchronous instances, each with at most {@value ReportRunner#ROW_LIMIT} detail rows as in Salesforce.
 * An instance answers Running on its first poll and Success after, so tests see both without waiting. At most
 * {@value #MAX_INSTANCES} instances are kept, the oldest dropped first. Thread-safe.
 */
final class AnalyticsApi {

    static final int MAX_INSTANCES = 200;
    private static final String INSTANCE_KEY_PREFIX = "0LG";

    private final OrgStore store;
    private final ReportRunner runner;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private long lastInstanceNumber;

    /** One asynchronous run; {@code results} is the snapshot taken when it was requested. */
    private static final class Instance {
        private final String id;
        private final ReportDefinition report;
        private final String ownerId;
        private final String requestDate;
        private final boolean hasDetailRows;
        private final ObjectNode results;
        private String status = "New";
        private String completionDate;

        private Instance(String id, ReportDefinition report, String ownerId, String requestDate, boolean hasDetailRows,
                ObjectNode results) {
            this.id = id;
            this.report = report;
            this.ownerId = ownerId;
            this.requestDate = requestDate;
            this.hasDetailRows = hasDetailRows;
            this.results = results;
        }
    }

    AnalyticsApi(OrgStore store, SoqlEngine soql) {
        this.store = store;
        this.runner = new ReportRunner(store, soql);
    }

    /** Forgets every instance. */
    synchronized void reset() {
        instances.clear();
    }

    /**
     * Answers a call whose path after the version is {@code path} (starting with {@code analytics}); a report over an
     * object the user may not read is refused with 403 FORBIDDEN.
     */
    HttpAnswer handle(HttpCall call, String version, List<String> path, String userId, Permissions permissions) {
        OrgView org = permissions.view(store);
        if (path.size() < 2 || !"reports".equals(path.get(1))) {
            throw ApiError.notFound();
        }
        if (path.size() == 2) {
            requireMethod(call, "GET");
            return HttpAnswer.json(200, recentReports(version));
        }
        ReportDefinition report = report(path.get(2));
        if (!permissions.canRead(report.object().name())) {
            throw new ApiError(403, "FORBIDDEN", "You don't have sufficient privileges to perform this operation.");
        }
        String includeDetails = call.query().get("includeDetails");
        boolean details = Boolean.parseBoolean(includeDetails);
        switch (path.size()) {
            case 3: {
                requireMethod(call, "GET", "POST");
                JsonNode filters = "POST".equals(call.method()) ? reportFilters(call.body()) : MissingNode.getInstance();
                ObjectNode results = runner.run(report, runner.filters(report, filters), details,
                        ReportRunner.ROW_LIMIT, org, version);
                ObjectNode answer = HttpAnswer.JSON.createObjectNode();
                answer.putObject("attributes")
                        .put("type", "Report")
                        .put("reportName", report.name())
                        .put("reportId", report.id())
                        .put("describeUrl", reportUrl(version, report) + "/describe")
                        .put("instancesUrl", reportUrl(version, report) + "/instances");
                answer.setAll(results);
                return HttpAnswer.json(200, answer);
            }
            case 4: {
                if ("describe".equals(path.get(3))) {
                    requireMethod(call, "GET");
                    return HttpAnswer.json(200, runner.describe(report));
                }
                if (!"instances".equals(path.get(3))) {
                    throw ApiError.notFound();
                }
                if ("POST".equals(call.method())) {
                    JsonNode filters = reportFilters(call.body());
                    ObjectNode results = runner.run(report, runner.filters(report, filters), details,
                            ReportRunner.ROW_LIMIT, org, version);
                    return HttpAnswer.json(201, instanceJson(version, startInstance(report, userId, details, results)));
                }
                requireMethod(call, "GET", "POST");
                return HttpAnswer.json(200, instanceList(version, report));
            }
            case 5: {
                if (!"instances".equals(path.get(3))) {
                    throw ApiError.notFound();
                }
                requireMethod(call, "GET");
                return HttpAnswer.json(200, poll(report, path.get(4)));
            }
            default:
                throw ApiError.notFound();
        }
    }

    private ArrayNode recentReports(String version) {
        ArrayNode list = HttpAnswer.JSON.createArrayNode();
        for (ReportDefinition report : store.reports()) {
            list.addObject()
                    .put("name", report.name())
                    .put("id", report.id())
                    .put("url", reportUrl(version, report))
                    .put("describeUrl", reportUrl(version, report) + "/describe")
                    .put("instancesUrl", reportUrl(version, report) + "/instances");
        }
        return list;
    }

    private ReportDefinition report(String id) {
        String id18 = SalesforceIds.normalise(id);
        for (ReportDefinition report : store.reports()) {
            if (report.id().equals(id18)) {
                return report;
            }
        }
        throw ApiError.notFound();
    }

    // ---- instances ----

    private synchronized Instance startInstance(ReportDefinition report, String userId, boolean details,
            ObjectNode results) {
        while (instances.size() >= MAX_INSTANCES) {
            Iterator<String> oldest = instances.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        Instance instance = new Instance(SalesforceIds.make(INSTANCE_KEY_PREFIX, ++lastInstanceNumber), report, userId,
                store.now(), details, results);
        instances.put(instance.id, instance);
        return instance;
    }

    private synchronized ArrayNode instanceList(String version, ReportDefinition report) {
        List<Instance> newestFirst = new ArrayList<>();
        for (Instance instance : instances.values()) {
            if (instance.report.id().equals(report.id())) {
                newestFirst.add(0, instance);
            }
        }
        ArrayNode list = HttpAnswer.JSON.createArrayNode();
        newestFirst.forEach(instance -> list.add(instanceJson(version, instance)));
        return list;
    }

    /** The instance's state; each poll moves it on: New or Running on the first poll, then Success with results. */
    private synchronized ObjectNode poll(ReportDefinition report, String instanceId) {
        Instance instance = instances.get(SalesforceIds.normalise(instanceId));
        if (instance == null || !instance.report.id().equals(report.id())) {
            throw ApiError.notFound();
        }
        if ("Running".equals(instance.status)) {
            instance.status = "Success";
            instance.completionDate = store.now();
        } else if ("New".equals(instance.status)) {
            instance.status = "Running";
        }

        ObjectNode answer = HttpAnswer.JSON.createObjectNode();
        answer.putObject("attributes")
                .put("id", instance.id)
                .put("status", instance.status)
                .put("ownerId", instance.ownerId)
                .put("completionDate", instance.completionDate)
                .put("requestDate", instance.requestDate)
                .put("reportId", report.id())
                .put("reportName", report.name())
                .put("type", "ReportInstance");
        if ("Success".equals(instance.status)) {
            answer.setAll(instance.results);
        } else {
            answer.put("hasDetailRows", instance.hasDetailRows);
            answer.set("reportMetadata", instance.results.get("reportMetadata"));
            answer.put("allData", false);
        }
        return answer;
    }

    private static ObjectNode instanceJson(String version, Instance instance) {
        return HttpAnswer.JSON.createObjectNode()
                .put("id", instance.id)
                .put("status", instance.status)
                .put("url", reportUrl(version, instance.report) + "/instances/" + instance.id)
                .put("ownerId", instance.ownerId)
                .put("hasDetailRows", instance.hasDetailRows)
                .put("completionDate", instance.completionDate)
                .put("requestDate", instance.requestDate);
    }

    // ---- helpers ----

    private static String reportUrl(String version, ReportDefinition report) {
        return RestApi.PREFIX + "/v" + version + "/analytics/reports/" + report.id();
    }

    /** The {@code reportMetadata.reportFilters} of a run's body; other overrides are not applied. */
    private static JsonNode reportFilters(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode json = HttpAnswer.JSON.readTree(body);
            return json == null ? MissingNode.getInstance() : json.path("reportMetadata").path("reportFilters");
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "JSON_PARSER_ERROR", e.getOriginalMessage());
        }
    }

    private static void requireMethod(HttpCall call, String... allowed) {
        for (String method : allowed) {
            if (method.equals(call.method())) {
                return;
            }
        }
        throw new ApiError(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + call.method() + "' not allowed. Allowed are "
                + String.join(",", allowed));
    }
}
