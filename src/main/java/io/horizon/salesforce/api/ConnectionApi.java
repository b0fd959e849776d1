package io.horizon.salesforce.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.horizon.salesforce.Json;
import io.horizon.salesforce.connection.ConnectionException;
import io.horizon.salesforce.connection.SalesforceConnection;
import io.horizon.salesforce.connection.StoredConnection;
import io.horizon.salesforce.connection.TokenLifecycleProcessor;
import io.horizon.salesforce.limits.ApiUsage;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection-management operations behind {@code /api/connections/salesforce} and the OAuth callback page:
 * status, authorize, re-authorize, remove. Thread-safe.
 */
public final class ConnectionApi {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionApi.class);

    private final SalesforceConnection connection;
    private final TokenLifecycleProcessor lifecycle;
    private final String apiVersion;
    private final ApiUsage apiUsage;

    public ConnectionApi(SalesforceConnection connection, TokenLifecycleProcessor lifecycle, String apiVersion,
            ApiUsage apiUsage) {
        this.connection = connection;
        this.lifecycle = lifecycle;
        this.apiVersion = apiVersion;
        this.apiUsage = apiUsage;
    }

    /** The status document, with the API usage Salesforce last reported and without any token. */
    public ObjectNode status() {
        ObjectNode status = connection.status(apiVersion);
        status.set("apiUsage", apiUsage.asJson());
        return status;
    }

    /** Starts the web-server flow: {@code {"authorizationUrl": …}}. */
    public ObjectNode authorize() {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("authorizationUrl", authorizationUrl());
        return answer;
    }

    /** Starts the web-server flow and answers the URL a browser is sent to. */
    public String authorizationUrl() {
        return connection.startAuthorization();
    }

    /** Revokes the refresh token at Salesforce and forgets the connection; answers the new status. */
    public ObjectNode remove() {
        connection.remove();
        lifecycle.forgetSession();
        return status();
    }

    /**
     * The redirect target of the flow: completes it, or shows Salesforce's error as it came and leaves the status as
     * it was. Answers an HTML page for the browser.
     */
    public void callback(Exchange exchange, @Header("code") String code, @Header("state") String state,
            @Header("error") String error, @Header("error_description") String description) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=UTF-8");
        if (error != null) {
            connection.abandonAuthorization(state);
            LOG.warn("salesforce authorization refused error={}", error);
            page(message, 400, "Salesforce did not authorize the connection",
                    error + (description == null ? "" : ": " + description));
            return;
        }
        try {
            lifecycle.connected(connection.completeAuthorization(code, state));
            StoredConnection connected = connection.current();
            page(message, 200, "Connected to Salesforce",
                    "Connected as " + connected.username() + " to org " + connected.orgId() + ".");
        } catch (ConnectionException e) {
            LOG.warn("salesforce authorization failed kind={}: {}", e.kind(), e.getMessage());
            page(message, e.kind().equals("invalid_request") ? 400 : 502, "The connection was not set up",
                    e.getMessage());
        }
    }

    private static void page(Message message, int status, String title, String text) {
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setBody("<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body><h1>" + escape(title) + "</h1><p>" + escape(text)
                + "</p></body></html>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
