package io.horizon.salesforce.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real camel-salesforce component, logging in with a refresh token that came from the auto-approved code flow. */
class CamelRefreshTokenLoginTest {

    @RegisterExtension
    static final RunningOrg ORG = new RunningOrg();

    @Test
    void logsInWithTheRefreshTokenReLogsInAfterExpiryAndRevokesOnStop() {
        ORG.admin().call("PUT", "/_emulator/oauth", "{\"autoApprove\":true}");
        String refreshToken = authorize();
        ORG.admin().delete("/_emulator/oauth/token-requests");
        CamelContext camel = startCamel(refreshToken);
        try {
            assertThat(query(camel)).isEqualTo(1);

            ORG.admin().post("/_emulator/oauth/expire-access-tokens", null);

            assertThat(query(camel)).isEqualTo(1);
        } finally {
            camel.stop();
        }

        List<String> grants = new ArrayList<>();
        JsonNode requests = ORG.admin().get("/_emulator/oauth/token-requests").json().get("requests");
        requests.forEach(r -> grants.add(r.get("grantType").asText() + " " + r.get("status").asInt()));
        assertThat(grants).containsExactly("refresh_token 200", "refresh_token 200");
        assertThat(requests.get(1).get("refreshToken").asText()).isEqualTo(refreshToken);
        assertThat(ORG.admin().get("/_emulator/counters").json().get("calls").get("GET /services/oauth2/revoke").asInt())
                .isEqualTo(1);
    }

    private static String authorize() {
        EmulatorHttp.Response redirect = ORG.admin().get("/services/oauth2/authorize"
                + AuthorizationCodeTest.query(AuthorizationCodeTest.authorizeRequest("camel")));
        String code = Forms.parse(URI.create(redirect.header("Location")).getRawQuery()).get("code");
        return ORG.admin().form("/services/oauth2/token", AuthorizationCodeTest.exchange(code,
                AuthorizationCodeTest.VERIFIER)).json().get("refresh_token").asText();
    }

    private static CamelContext startCamel(String refreshToken) {
        SalesforceComponent salesforce = new SalesforceComponent();
        salesforce.setLoginUrl(ORG.emulator().baseUrl());
        salesforce.setClientId(EmulatorSettings.defaults().clientId());
        salesforce.setClientSecret(EmulatorSettings.defaults().clientSecret());
        salesforce.setRefreshToken(refreshToken);
        salesforce.setAuthenticationType(AuthenticationType.REFRESH_TOKEN);
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setRawPayload(true);
        config.setApiVersion("62.0");
        salesforce.setConfig(config);
        CamelContext context = new DefaultCamelContext();
        context.addComponent("salesforce", salesforce);
        context.start();
        return context;
    }

    private static int query(CamelContext camel) {
        String body = camel.createProducerTemplate().requestBodyAndHeaders("salesforce:query", null,
                Map.of("sObjectQuery", "SELECT Id FROM Opportunity WHERE StageName = 'Closed Won'"), String.class);
        try {
            return EmulatorHttp.JSON.readTree(body).get("totalSize").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
