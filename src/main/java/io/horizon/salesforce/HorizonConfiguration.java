package io.horizon.salesforce;

import io.horizon.salesforce.activities.ActivityRequests;
import io.horizon.salesforce.api.ApiKeys;
import io.horizon.salesforce.api.ConnectionApi;
import io.horizon.salesforce.api.ErrorResponder;
import io.horizon.salesforce.api.HealthReport;
import io.horizon.salesforce.api.HttpFallbacks;
import io.horizon.salesforce.api.RequestCheck;
import io.horizon.salesforce.connection.ConnectionHealthCheck;
import io.horizon.salesforce.connection.ConnectionSettings;
import io.horizon.salesforce.connection.ConnectionSettings.Grant;
import io.horizon.salesforce.connection.ConnectionStatus;
import io.horizon.salesforce.connection.SalesforceConnection;
import io.horizon.salesforce.connection.SalesforceEnvironment;
import io.horizon.salesforce.connection.TokenLifecycleProcessor;
import io.horizon.salesforce.connection.TokenStore;
import io.horizon.salesforce.emulator.EmulatorSettings;
import io.horizon.salesforce.emulator.SalesforceEmulator;
import io.horizon.salesforce.errors.SalesforceErrorTranslator;
import io.horizon.salesforce.limits.ApiUsage;
import io.horizon.salesforce.limits.LimitInfoHttpClient;
import io.horizon.salesforce.query.QueryPager;
import io.horizon.salesforce.reports.ReportAnswers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the bundle into a CamelContext: the {@code salesforce} component built from our {@code salesforce.*} settings,
 * the connection and its token lifecycle, and the beans the routes in {@code routes/} refer to. Works under Camel Main
 * and in any other Camel platform that runs Camel configuration classes.
 */
public class HorizonConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(HorizonConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        SalesforceEnvironment environment = SalesforceEnvironment.of(setting(properties, "salesforce.environment")
                .orElse("emulator"));
        Grant grant = Grant.of(setting(properties, "salesforce.grant").orElse("authorization-code"));
        Path dataDir = Path.of(required(properties, "horizon.data-dir", "HORIZON_DATA_DIR"));
        String apiVersion = required(properties, "salesforce.api-version", "SALESFORCE_API_VERSION");
        ApiUsage apiUsage = new ApiUsage(Clock.systemUTC(), Integer.parseInt(setting(properties,
                "horizon.limits.reserve-percent").orElse("10")));

        SalesforceEmulator emulator = null;
        ConnectionSettings settings;
        if (environment == SalesforceEnvironment.EMULATOR) {
            EmulatorSettings org = EmulatorSettings.defaults()
                    .withPort(Integer.parseInt(setting(properties, "salesforce.emulator.port").orElse("0")))
                    .withSeedFile(setting(properties, "salesforce.emulator.seed-file").map(Path::of).orElse(null));
            emulator = startEmulator(context, org);
            settings = new ConnectionSettings(environment, grant, environment.loginUrl(emulator.baseUrl()),
                    org.clientId(), org.clientSecret(), redirectUri(properties), ConnectionSettings.SCOPES);
            // the emulated org is new on every start, so a connection stored by an earlier run means nothing
            dataDir = dataDir.resolve("emulator");
        } else {
            settings = new ConnectionSettings(environment, grant,
                    environment.loginUrl(setting(properties, "salesforce.login-url").orElse(null)),
                    required(properties, "salesforce.client-id", "SALESFORCE_CLIENT_ID"),
                    setting(properties, "salesforce.client-secret").orElse(null), redirectUri(properties),
                    ConnectionSettings.SCOPES);
        }
        SalesforceComponent salesforce = salesforceComponent(context, properties, settings, apiVersion, apiUsage);
        context.addComponent("salesforce", salesforce);

        TokenStore store = new TokenStore(dataDir, System.getenv("HORIZON_TOKEN_KEY"));
        if (emulator != null) {
            store.delete();
        }
        SalesforceConnection connection = new SalesforceConnection(settings, store, salesforce, Clock.systemUTC());
        if (grant == Grant.AUTHORIZATION_CODE) {
            setting(properties, "salesforce.refresh-token").ifPresent(connection::adoptRefreshToken);
        } else {
            connection.adoptHeadlessGrant();
        }
        TokenLifecycleProcessor lifecycle = new TokenLifecycleProcessor(connection, salesforce, Clock.systemUTC(),
                Duration.ofSeconds(Long.parseLong(setting(properties, "horizon.connection.probe-interval")
                        .orElse("300"))), 4, Duration.ofMillis(200));
        HealthCheckRegistry.get(context).register(new ConnectionHealthCheck(connection));
        bindBeans(context, properties, connection, lifecycle, apiUsage, apiVersion, emulator != null);
        announceWhenStarted(context, properties, settings, connection, lifecycle, emulator);
    }

    /**
     * The {@code salesforce} component: raw JSON payloads, the pinned API version, no log-in of its own at start and
     * no replay of its own on 401 (TokenLifecycleProcessor does both), and an HTTP client that reports API usage.
     */
    private static SalesforceComponent salesforceComponent(CamelContext context, PropertiesComponent properties,
            ConnectionSettings settings, String apiVersion, ApiUsage apiUsage) {
        SalesforceComponent salesforce = new SalesforceComponent();
        salesforce.setLoginUrl(settings.loginUrl());
        salesforce.setClientId(settings.clientId());
        salesforce.setClientSecret(settings.clientSecret());
        switch (settings.grant()) {
            case AUTHORIZATION_CODE -> salesforce.setAuthenticationType(AuthenticationType.REFRESH_TOKEN);
            case CLIENT_CREDENTIALS -> salesforce.setAuthenticationType(AuthenticationType.CLIENT_CREDENTIALS);
            case JWT -> {
                salesforce.setAuthenticationType(AuthenticationType.JWT);
                salesforce.setUserName(required(properties, "salesforce.jwt.username", "SALESFORCE_JWT_USERNAME"));
                KeyStoreParameters keystore = new KeyStoreParameters();
                keystore.setResource("file:" + required(properties, "salesforce.jwt.keystore",
                        "SALESFORCE_JWT_KEYSTORE"));
                keystore.setPassword(required(properties, "salesforce.jwt.keystore-password",
                        "SALESFORCE_JWT_KEYSTORE_PASSWORD"));
                keystore.setType("PKCS12");
                salesforce.setKeystore(keystore);
            }
        }
        // the connection may not exist yet; TokenLifecycleProcessor gives the session its tokens
        salesforce.setLazyLogin(true);
        // 401s reach the routes, where TokenLifecycleProcessor renews the session once for all callers and replays
        salesforce.setHttpClientProperties(new HashMap<>(Map.of("maxRetries", 0)));
        long requestTimeout = Long.parseLong(setting(properties, "salesforce.http.request-timeout").orElse("60000"));
        salesforce.setHttpRequestTimeout(requestTimeout);
        // Jetty drops a connection idle longer than this, even while it waits for Salesforce's answer
        salesforce.setHttpClientIdleTimeout(Math.max(requestTimeout, 10000));

        SalesforceEndpointConfig endpoints = new SalesforceEndpointConfig();
        endpoints.setApiVersion(apiVersion);
        // orgs differ, so records stay JSON as Salesforce sent them: no generated DTOs
        endpoints.setRawPayload(true);
        endpoints.setHttpClient(new LimitInfoHttpClient(context, context.getExecutorServiceManager()
                .newThreadPool(salesforce, "SalesforceHttpClient", 10, 20), apiUsage));
        salesforce.setConfig(endpoints);
        return salesforce;
    }

    /** The beans the routes in {@code routes/} refer to by name. */
    private static void bindBeans(CamelContext context, PropertiesComponent properties, SalesforceConnection connection,
            TokenLifecycleProcessor lifecycle, ApiUsage apiUsage, String apiVersion, boolean emulated) {
        Registry registry = context.getRegistry();
        registry.bind("tokenLifecycle", lifecycle);
        registry.bind("apiUsage", apiUsage);
        registry.bind("connectionApi", new ConnectionApi(connection, lifecycle, apiVersion, apiUsage));
        registry.bind("apiKeys", ApiKeys.from(setting(properties, "horizon.api.keys").orElse(""),
                "HORIZON_API_KEYS", emulated));
        registry.bind("adminKeys", ApiKeys.from(setting(properties, "horizon.admin.keys").orElse(""),
                "HORIZON_ADMIN_KEYS", emulated));
        registry.bind("requestCheck", new RequestCheck());
        registry.bind("healthReport", new HealthReport());
        registry.bind("queryPager", new QueryPager());
        SalesforceErrorTranslator translator = new SalesforceErrorTranslator();
        registry.bind("errorTranslator", translator);
        registry.bind("errorResponder", new ErrorResponder(translator));
        registry.bind("activityRequests", new ActivityRequests());
        registry.bind("reportAnswers", new ReportAnswers());
    }

    /**
     * Once every route and the HTTP server are up: in emulator mode, connects through the web-server flow; then logs
     * the one line that says the bundle is ready and where.
     */
    private static void announceWhenStarted(CamelContext context, PropertiesComponent properties,
            ConnectionSettings settings, SalesforceConnection connection, TokenLifecycleProcessor lifecycle,
            SalesforceEmulator emulator) throws Exception {
        int port = Integer.parseInt(setting(properties, "horizon.http.port").orElse("8080"));
        String api = "http://" + setting(properties, "horizon.http.host").orElse("0.0.0.0") + ":" + port
                + "/api/salesforce";
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // nothing to do before the routes are up
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                HttpFallbacks.install(started, port);
                if (emulator != null && settings.grant() == Grant.AUTHORIZATION_CODE
                        && connection.current().status() == ConnectionStatus.NOT_CONNECTED) {
                    EmulatorConnect.authorize(emulator, connection, lifecycle);
                }
                LOG.info("horizon-salesforce ready api={} salesforce={} environment={} connection={}", api,
                        settings.loginUrl(), settings.environment().name().toLowerCase(Locale.ROOT),
                        connection.current().status());
            }
        });
    }

    private static String redirectUri(PropertiesComponent properties) {
        return required(properties, "horizon.oauth.redirect-uri", "HORIZON_OAUTH_REDIRECT_URI");
    }

    private static SalesforceEmulator startEmulator(CamelContext context, EmulatorSettings settings)
            throws Exception {
        SalesforceEmulator emulator = SalesforceEmulator.start(settings);
        // stopped with the context, after the salesforce component has revoked its session
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                emulator.close();
            }
        }, true, true);
        return emulator;
    }

    private static Optional<String> setting(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static String required(PropertiesComponent properties, String key, String variable) {
        return setting(properties, key).orElseThrow(() -> new IllegalStateException(
                key + " is not set: give it in application.properties or as the environment variable " + variable));
    }
}
