package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Salesforce org on a loopback port: OAuth, the REST data API and an admin surface for tests, over the seed's
 * objects and records kept in memory. Thread-safe; one instance per port.
 *
 * <pre>{@code
 * try (SalesforceEmulator org = SalesforceEmulator.start(EmulatorSettings.defaults())) {
 *     String loginUrl = org.baseUrl();
 * }
 * }</pre>
 */
public final class SalesforceEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceEmulator.class);
    private static final String OAUTH_PREFIX = "/services/oauth2/";

    private final Server server;
    private final OrgStore store;
    private final OAuthServer oauth;
    private final RestApi rest;
    private final AdminApi admin;
    private volatile String baseUrl;
    private volatile int port;

    private SalesforceEmulator(EmulatorSettings settings, JsonNode seed) {
        this.store = new OrgStore(settings.clock());
        store.load(seed);
        this.oauth = new OAuthServer(settings, store);
        Permissions permissions = new Permissions();
        ApiAllowance allowance = new ApiAllowance(settings.clock(), settings.dailyApiRequests());
        this.rest = new RestApi(settings, store, oauth, permissions, allowance);
        this.admin = new AdminApi(() -> {
            store.load(seed);
            rest.reset();
            oauth.reset();
        }, new PolicyAdmin(permissions, allowance));
        admin.mount("oauth", oauth::admin);

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("salesforce-emulator");
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // an external id value may hold an encoded slash (%2F), which Jetty's default compliance refuses
        http.setUriCompliance(UriCompliance.LEGACY);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(settings.port());
        server.addConnector(connector);
        server.setHandler(new Dispatcher());
    }

    /** Loads the seed and starts serving; fails when the seed cannot be read or the port cannot be bound. */
    public static SalesforceEmulator start(EmulatorSettings settings) {
        SalesforceEmulator emulator = new SalesforceEmulator(settings, readSeed(settings));
        try {
            emulator.server.start();
        } catch (Exception e) {
            emulator.close();
            throw new IllegalStateException("salesforce emulator could not start on 127.0.0.1:" + settings.port(), e);
        }
        emulator.port = ((ServerConnector) emulator.server.getConnectors()[0]).getLocalPort();
        emulator.baseUrl = "http://127.0.0.1:" + emulator.port;
        LOG.info("salesforce emulator started url={}", emulator.baseUrl);
        return emulator;
    }

    /** The login and instance URL, for example {@code http://127.0.0.1:41234}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("salesforce emulator did not stop cleanly", e);
        }
    }

    private static JsonNode readSeed(EmulatorSettings settings) {
        try (InputStream in = settings.seedFile() != null
                ? Files.newInputStream(settings.seedFile())
                : SalesforceEmulator.class.getClassLoader().getResourceAsStream(EmulatorSettings.BUNDLED_SEED)) {
            if (in == null) {
                throw new IllegalStateException("bundled seed missing from the classpath: "
                        + EmulatorSettings.BUNDLED_SEED);
            }
            return RestApi.EXACT_READER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("emulator seed unreadable: " + settings.seedFile(), e);
        }
    }

    private HttpAnswer answer(HttpCall call) {
        String path = call.path();
        if (path.startsWith(AdminApi.PREFIX + "/")) {
            return admin.handle(call);
        }
        if (path.equals(RestApi.PREFIX) || path.startsWith(RestApi.PREFIX + "/")) {
            return rest.handle(call);
        }
        if (path.startsWith(OAUTH_PREFIX)) {
            String endpoint = path.substring(OAUTH_PREFIX.length());
            if (endpoint.equals("token") || endpoint.equals("token/")) {
                return oauth.token(call, baseUrl);
            }
            if (endpoint.equals("revoke") || endpoint.equals("revoke/")) {
                return oauth.revoke(call);
            }
            if (endpoint.equals("authorize") || endpoint.equals("authorize/")) {
                return oauth.authorize(call);
            }
            if (endpoint.equals("userinfo") || endpoint.equals("userinfo/")) {
                return oauth.userinfo(call, baseUrl);
            }
        }
        if (path.startsWith(IdentityApi.PREFIX + "/")) {
            return oauth.identity(call, baseUrl);
        }
        return HttpAnswer.errors(404, "NOT_FOUND", ApiError.NOT_FOUND_MESSAGE, null);
    }

    /** Reads each request whole, counts it, applies an injected fault, and writes the answer. */
    private final class Dispatcher extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            HttpCall call = read(request);
            if (call.path().startsWith(AdminApi.PREFIX + "/")) {
                write(call, answer(call), response, callback);
                return true;
            }

            admin.count(call);
            AdminApi.Fault fault = admin.takeFault(call);
            if (fault == null) {
                write(call, safeAnswer(call), response, callback);
            } else if (fault.delayMillis() == 0) {
                write(call, fault.answer(), response, callback);
            } else {
                server.getScheduler().schedule(() -> server.getThreadPool().execute(() -> {
                    HttpAnswer injected = fault.answer();
                    write(call, injected != null ? injected : safeAnswer(call), response, callback);
                }), fault.delayMillis(), TimeUnit.MILLISECONDS);
            }
            return true;
        }

        private HttpAnswer safeAnswer(HttpCall call) {
            try {
                return answer(call);
            } catch (RuntimeException e) {
                LOG.error("emulator failed method={} path={}", call.method(), call.path(), e);
                return HttpAnswer.errors(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred in the emulator",
                        null);
            }
        }

        private HttpCall read(Request request) {
            Map<String, String> headers = new TreeMap<>();
            for (HttpField field : request.getHeaders()) {
                headers.putIfAbsent(field.getName().toLowerCase(Locale.ROOT), field.getValue());
            }
            String body;
            try {
                body = Content.Source.asString(request, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String path = request.getHttpURI().getPath();
            return new HttpCall(request.getMethod().toUpperCase(Locale.ROOT), path == null ? "/" : path,
                    Forms.parse(request.getHttpURI().getQuery()), headers, body == null ? "" : body,
                    isLoopback(Request.getRemoteAddr(request)));
        }

        private void write(HttpCall call, HttpAnswer answer, Response response, Callback callback) {
            LOG.debug("call method={} path={} status={}", call.method(), call.path(), answer.status());
            response.setStatus(answer.status());
            answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
        }

        private static boolean isLoopback(String address) {
            try {
                return InetAddress.getByName(address).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }
}
