package io.horizon.salesforce.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.horizon.salesforce.Json;
import java.util.Collection;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/** Answers Camel's readiness checks, the Salesforce connection's among them, as JSON: 200 when UP, 503 when DOWN. */
public final class HealthReport {

    public void ready(Exchange exchange) throws Exception {
        Collection<HealthCheck.Result> results = HealthCheckHelper.invokeReadiness(exchange.getContext());
        boolean up = results.stream().allMatch(result -> result.getState() == HealthCheck.State.UP);

        ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("status", up ? "UP" : "DOWN");
        ArrayNode checks = report.putArray("checks");
        for (HealthCheck.Result result : results) {
            ObjectNode check = checks.addObject();
            check.put("name", result.getCheck().getId());
            check.put("status", result.getState().name());
            result.getMessage().ifPresent(message -> check.put("message", message));
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, up ? 200 : 503);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
        exchange.getMessage().setBody(Json.MAPPER.writeValueAsBytes(report));
    }
}
