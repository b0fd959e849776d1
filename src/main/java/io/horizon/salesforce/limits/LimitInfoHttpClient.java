package io.horizon.salesforce.limits;

import java.net.URI;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.SalesforceHttpClient;
import org.eclipse.jetty.client.transport.HttpConversation;
import org.eclipse.jetty.client.transport.HttpRequest;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * camel-salesforce's HTTP client, reporting the {@code Sforce-Limit-Info} of every successful answer (from every route
 * and operation) to {@link ApiUsage}. camel-salesforce reads the header into the message but never
 * interprets it.
 */
public final class LimitInfoHttpClient extends SalesforceHttpClient {

    private final ApiUsage usage;

    public LimitInfoHttpClient(CamelContext context, ExecutorService workerPool, ApiUsage usage) {
        super(context, workerPool, new SslContextFactory.Client());
        this.usage = usage;
    }

    @Override
    public HttpRequest newHttpRequest(HttpConversation conversation, URI uri) {
        HttpRequest request = super.newHttpRequest(conversation, uri);
        // a refused call's count says nothing about what is left for the calls that go through
        request.onResponseHeaders(response -> {
            if (response.getStatus() < 400) {
                usage.record(response.getHeaders().get("Sforce-Limit-Info"));
            }
        });
        return request;
    }
}
