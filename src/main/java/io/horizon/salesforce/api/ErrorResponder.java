package io.horizon.salesforce.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.horizon.salesforce.Json;
import io.horizon.salesforce.errors.ApiError;
import io.horizon.salesforce.errors.SalesforceErrorTranslator;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders the exception an HTTP route caught as the one JSON error shape, with its status and headers. */
public final class ErrorResponder {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);
    private static final ObjectMapper JSON = Json.MAPPER;

    private final SalesforceErrorTranslator translator;

    public ErrorResponder(SalesforceErrorTranslator translator) {
        this.translator = translator;
    }

    public void respond(Exchange exchange) throws Exception {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message message = exchange.getMessage();
        // reports are addressed by id through the raw operation's path
        boolean recordAddressed = message.getHeader("sObjectId") != null || message.getHeader("sObjectIdValue") != null
                || message.getHeader("rawPath") != null;
        ApiError error = translator.translate(caught, recordAddressed);
        if (error.kind().equals("internal_error") || error.kind().equals("salesforce_unavailable")) {
            LOG.error("request failed route={} status={} kind={}", exchange.getFromRouteId(), error.status(),
                    error.kind(), caught);
        } else if (error.status() >= 500) {
            LOG.warn("request refused route={} status={} kind={}", exchange.getFromRouteId(), error.status(),
                    error.kind());
        } else {
            LOG.debug("request refused route={} status={} kind={}", exchange.getFromRouteId(), error.status(),
                    error.kind());
        }

        ObjectNode body = JSON.createObjectNode();
        body.put("error", error.kind());
        body.put("message", error.getMessage());
        body.put("remedy", error.remedy());
        if (error.salesforce() != null) {
            body.set("salesforce", error.salesforce());
        }
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, error.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
        if (error.status() == 401) {
            message.setHeader("WWW-Authenticate", "Bearer");
        }
        if (error.retryAfterSeconds() != null) {
            message.setHeader("Retry-After", error.retryAfterSeconds());
        }
        message.setBody(JSON.writeValueAsBytes(body));
    }
}
