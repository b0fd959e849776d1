package io.horizon.salesforce.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The real camel-salesforce component logging in with the JWT bearer grant, its keystore made by the JDK keytool. */
class CamelJwtLoginTest {

    private static final String STORE_PASSWORD = "changeit";

    @RegisterExtension
    static final RunningOrg ORG = new RunningOrg();

    @Test
    void logsInWithASignedAssertionAndQueries(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("app.p12");
        Path certificate = dir.resolve("app.pem");
        keytool(dir, "-genkeypair", "-alias", "app", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD,
                "-dname", "CN=horizon", "-validity", "2");
        keytool(dir, "-exportcert", "-rfc", "-alias", "app", "-keystore", keystore.toString(), "-storepass",
                STORE_PASSWORD, "-file", certificate.toString());
        EmulatorHttp.Response registered = ORG.admin().call("PUT", "/_emulator/oauth/jwt-certificate",
                Files.readString(certificate, StandardCharsets.US_ASCII));
        ORG.admin().delete("/_emulator/oauth/token-requests");

        CamelContext camel = startCamel(keystore);
        String body;
        try {
            body = camel.createProducerTemplate().requestBodyAndHeaders("salesforce:query", null,
                    Map.of("sObjectQuery", "SELECT Id FROM Opportunity WHERE StageName = 'Closed Won'"), String.class);
        } finally {
            camel.stop();
        }

        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        assertThat(registered.json().get("type").asText()).isEqualTo("certificate");
        assertThat(registered.json().get("subject").asText()).isEqualTo("CN=horizon");
        assertThat(EmulatorHttp.JSON.readTree(body).get("totalSize").asInt()).isEqualTo(1);
        List<String> grants = new ArrayList<>();
        JsonNode requests = ORG.admin().get("/_emulator/oauth/token-requests").json().get("requests");
        requests.forEach(r -> grants.add(r.get("grantType").asText() + " " + r.get("status").asInt()));
        assertThat(grants).containsExactly(JwtBearerGrant.GRANT_TYPE + " 200");
    }

    private static CamelContext startCamel(Path keystore) {
        KeyStoreParameters keys = new KeyStoreParameters();
        keys.setResource("file:" + keystore);
        keys.setType("PKCS12");
        keys.setPassword(STORE_PASSWORD);
        SalesforceComponent salesforce = new SalesforceComponent();
        salesforce.setAuthenticationType(AuthenticationType.JWT);
        salesforce.setLoginUrl(ORG.emulator().baseUrl());
        salesforce.setClientId(EmulatorSettings.defaults().clientId());
        salesforce.setUserName(EmulatorSettings.defaults().username());
        salesforce.setKeystore(keys);
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setRawPayload(true);
        config.setApiVersion("62.0");
        salesforce.setConfig(config);
        CamelContext context = new DefaultCamelContext();
        context.addComponent("salesforce", salesforce);
        context.start();
        return context;
    }

    /** Runs the keytool of the JDK running the tests; its console output goes to a file in {@code dir}. */
    private static void keytool(Path dir, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Path output = dir.resolve("keytool.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();

        boolean finished = process.waitFor(60, TimeUnit.SECONDS);

        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("keytool finished within 60 s").isTrue();
        assertThat(process.exitValue()).as(Files.readString(output)).isZero();
    }
}
