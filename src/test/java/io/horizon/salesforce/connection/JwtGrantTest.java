package io.horizon.salesforce.connection;

import static io.horizon.salesforce.RunningBundle.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.horizon.salesforce.RunningBundle;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless JWT bearer grant, with a key pair made by the JDK's keytool and its certificate given to the org. */
class JwtGrantTest {

    @TempDir
    Path folder;

    @Test
    void logsInWithASignedAssertionAndRenewsAnExpiredSessionWithOneMore() throws Exception {
        Path keystore = folder.resolve("app.p12");
        Path certificate = folder.resolve("app.pem");
        keytool("-genkeypair", "-alias", "app", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit", "-dname",
                "CN=horizon", "-validity", "2");
        keytool("-exportcert", "-rfc", "-alias", "app", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", certificate.toString());

        try (RunningBundle bundle = RunningBundle.start(Map.of("salesforce.grant", "jwt",
                "salesforce.jwt.username", "agent@horizon.emulator", "salesforce.jwt.keystore", keystore.toString(),
                "salesforce.jwt.keystore-password", "changeit"))) {
            bundle.emulatorAdmin("PUT", "/_emulator/oauth/jwt-certificate", Files.readString(certificate));

            HttpResponse<String> first = bundle.query("SELECT Id FROM Account LIMIT 1");
            bundle.emulatorAdmin("POST", "/_emulator/oauth/expire-access-tokens", null);
            HttpResponse<String> afterExpiry = bundle.query("SELECT Id FROM Account LIMIT 1");

            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            assertThat(afterExpiry.statusCode()).isEqualTo(200);
            long jwtGrants = 0;
            for (JsonNode request : json(bundle.emulatorAdmin("GET", "/_emulator/oauth/token-requests", null))
                    .path("requests")) {
                if (request.path("grantType").asText().endsWith("jwt-bearer")) {
                    jwtGrants++;
                }
            }
            assertThat(jwtGrants).isEqualTo(2);
            assertThat(json(bundle.admin("GET", "/api/connections/salesforce")).path("status").asText())
                    .isEqualTo("CONNECTED");
        }
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }
}
