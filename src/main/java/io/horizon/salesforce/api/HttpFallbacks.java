package io.horizon.salesforce.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.horizon.salesforce.Json;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Gives the answer the HTTP server makes on its own, for a path or method no route serves, the one JSON error shape.
 * Only on Camel's Vert.x platform-http server; elsewhere the hosting platform answers these.
 */
public final class HttpFallbacks {

    private HttpFallbacks() {
    }

    /** Installs the JSON answers on the router serving {@code port}, if that router is Camel's Vert.x one. */
    public static void install(CamelContext context, int port) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            router = VertxPlatformHttpRouter.lookup(context);
        }
        if (router == null) {
            return;
        }
        // the router is mounted under the server's root router, so its error handlers never see an unmatched
        // request: a last route that matches everything answers instead
        router.route().last().handler(request -> answer(request, 404, "not_found",
                "no endpoint " + request.request().method() + " " + shortened(request.request().path()),
                "See the HTTP API in the README: every operation is under /api/salesforce or /api/connections."));
    }

    private static void answer(RoutingContext request, int status, String kind, String message, String remedy) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("error", kind);
        body.put("message", message);
        body.put("remedy", remedy);
        try {
            request.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=UTF-8")
                    .end(Json.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            request.response().setStatusCode(status).end();
        }
    }

    private static String shortened(String path) {
        return path.length() <= 200 ? path : path.substring(0, 200) + "…";
    }
}
