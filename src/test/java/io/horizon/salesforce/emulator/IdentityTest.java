package io.horizon.salesforce.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdentityTest {

    private static SalesforceEmulator emulator;
    private static JsonNode login;

    @BeforeAll
    static void start() {
        emulator = SalesforceEmulator.start(EmulatorSettings.defaults());
        login = new EmulatorHttp(emulator.baseUrl()).form("/services/oauth2/token", EmulatorHttp.passwordGrant())
                .json();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static EmulatorHttp authorized() {
        return new EmulatorHttp(emulator.baseUrl()).withToken(login.get("access_token").asText());
    }

    private static String idPath() {
        return URI.create(login.get("id").asText()).getPath();
    }

    @Test
    void userinfoDescribesTheTokensUser() {
        EmulatorHttp.Response answer = authorized().get("/services/oauth2/userinfo");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode user = answer.json();
        String[] ids = idPath().substring("/id/".length()).split("/");
        assertThat(user.get("sub").asText()).isEqualTo(login.get("id").asText());
        assertThat(user.get("organization_id").asText()).isEqualTo(ids[0]);
        assertThat(user.get("user_id").asText()).isEqualTo(ids[1]);
        assertThat(user.get("preferred_username").asText()).isEqualTo("agent@horizon.emulator");
        assertThat(user.get("name").asText()).isEqualTo("Avery Agent");
        assertThat(user.get("email").asText()).isEqualTo("agent@horizon.emulator");
        assertThat(user.get("zoneinfo").asText()).isEqualTo("America/Los_Angeles");
        assertThat(user.get("locale").asText()).isEqualTo("en_US");
    }

    @Test
    void theIdentityUrlOfATokenAnswerDescribesItsUser() {
        EmulatorHttp.Response answer = authorized().get(idPath());

        assertThat(answer.status()).isEqualTo(200);
        JsonNode identity = answer.json();
        assertThat(identity.get("id").asText()).isEqualTo(login.get("id").asText());
        assertThat(identity.get("asserted_user").asBoolean()).isTrue();
        assertThat(identity.get("username").asText()).isEqualTo("agent@horizon.emulator");
        assertThat(identity.get("nick_name").asText()).isEqualTo("aagent");
        assertThat(identity.get("display_name").asText()).isEqualTo("Avery Agent");
        assertThat(identity.get("email").asText()).isEqualTo("agent@horizon.emulator");
        assertThat(identity.get("urls").get("rest").asText())
                .isEqualTo(emulator.baseUrl() + "/services/data/v{version}/");
        assertThat(identity.get("active").asBoolean()).isTrue();
        assertThat(identity.get("user_type").asText()).isEqualTo("STANDARD");
    }

    @Test
    void aBadTokenIs403BadOAuthTokenInPlainText() {
        EmulatorHttp.Response userinfo = new EmulatorHttp(emulator.baseUrl()).withToken("forged")
                .get("/services/oauth2/userinfo");
        EmulatorHttp.Response identity = new EmulatorHttp(emulator.baseUrl()).withToken("forged").get(idPath());
        EmulatorHttp.Response missing = new EmulatorHttp(emulator.baseUrl()).get(idPath());

        assertThat(userinfo.status()).isEqualTo(403);
        assertThat(userinfo.body()).isEqualTo("Bad_OAuth_Token");
        assertThat(userinfo.header("Content-Type")).isEqualTo("text/plain;charset=UTF-8");
        assertThat(identity.status()).isEqualTo(403);
        assertThat(identity.body()).isEqualTo("Bad_OAuth_Token");
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.body()).isEqualTo("Missing_OAuth_Token");
    }

    @Test
    void anIdentityUrlOfAnotherOrgIsNotFound() {
        EmulatorHttp.Response answer = authorized().get("/id/00D000000000001AAA/005000000000001AAA");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("Bad_Id");
    }
}
