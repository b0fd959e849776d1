package io.horizon.salesforce;

import io.horizon.salesforce.api.ApiKeys;
import io.horizon.salesforce.api.ErrorResponder;
import io.horizon.salesforce.api.RequestCheck;
import io.horizon.salesforce.connection.SalesforceEnvironment;
import io.horizon.salesforce.emulator.EmulatorSettings;
import io.horizon.salesforce.emulator.SalesforceEmulator;
import io.horizon.salesforce.errors.SalesforceErrorTranslator;
import io.horizon.salesforce.query.QueryPager;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the bundle into a CamelContext: the {@code salesforce} component built from our {@code salesforce.*} settings,
 * and the beans the routes in {@code routes/} refer to. Works under Camel Main and in any other Camel platform that
 * runs Camel configuration classes.
 */
public class HorizonConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(HorizonConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        SalesforceEnvironment environment = SalesforceEnvironment.of(setting(properties, "salesforce.environment")
                .orElse("emulator"));

        SalesforceComponent salesforce = new SalesforceComponent();
        if (environment == SalesforceEnvironment.EMULATOR) {
            EmulatorSettings org = EmulatorSettings.defaults()
                    .withPort(Integer.parseInt(setting(properties, "salesforce.emulator.port").orElse("0")))
                    .withSeedFile(setting(properties, "salesforce.emulator.seed-file").map(Path::of).orElse(null));
            SalesforceEmulator emulator = startEmulator(context, org);
            salesforce.setLoginUrl(environment.loginUrl(emulator.baseUrl()));
            salesforce.setClientId(org.clientId());
            salesforce.setClientSecret(org.clientSecret());
            salesforce.setUserName(org.username());
            salesforce.setPassword(org.password());
        } else {
            salesforce.setLoginUrl(environment.loginUrl(setting(properties, "salesforce.login-url").orElse(null)));
            salesforce.setClientId(required(properties, "salesforce.client-id", "SALESFORCE_CLIENT_ID"));
            setting(properties, "salesforce.client-secret").ifPresent(salesforce::setClientSecret);
            setting(properties, "salesforce.username").ifPresent(salesforce::setUserName);
            setting(properties, "salesforce.password").ifPresent(salesforce::setPassword);
            setting(properties, "salesforce.refresh-token").ifPresent(salesforce::setRefreshToken);
        }
        SalesforceEndpointConfig endpoints = new SalesforceEndpointConfig();
        endpoints.setApiVersion(required(properties, "salesforce.api-version", "SALESFORCE_API_VERSION"));
        // orgs differ, so records stay JSON as Salesforce sent them: no generated DTOs
        endpoints.setRawPayload(true);
        salesforce.setConfig(endpoints);
        context.addComponent("salesforce", salesforce);

        context.getRegistry().bind("apiKeys", ApiKeys.from(setting(properties, "horizon.api.keys").orElse(""),
                environment == SalesforceEnvironment.EMULATOR));
        context.getRegistry().bind("requestCheck", new RequestCheck());
        context.getRegistry().bind("queryPager", new QueryPager(context.createProducerTemplate()));
        context.getRegistry().bind("errorResponder", new ErrorResponder(new SalesforceErrorTranslator()));
        String api = "http://" + setting(properties, "horizon.http.host").orElse("0.0.0.0") + ":"
                + setting(properties, "horizon.http.port").orElse("8080") + "/api/salesforce";
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // the ready line comes once every route and the HTTP server are up
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                LOG.info("horizon-salesforce ready api={} salesforce={} environment={}", api,
                        salesforce.getLoginUrl(), environment.name().toLowerCase(Locale.ROOT));
            }
        });
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
