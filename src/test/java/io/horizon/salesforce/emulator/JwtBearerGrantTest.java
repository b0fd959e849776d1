package io.horizon.salesforce.emulator;

import static io.horizon.salesforce.emulator.AuthorizationCodeTest.assertOAuthError;
import static io.horizon.salesforce.emulator.EmulatorHttp.V;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.horizon.salesforce.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token endpoint's JWT bearer grant, with assertions built by hand and signed by a key pair made here. */
class JwtBearerGrantTest {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-02-02T08:00:00Z"));
    private static final String TOKEN = "/services/oauth2/token";
    private static final String CERTIFICATE = "/_emulator/oauth/jwt-certificate";
    private static final String RS256 = "{\"alg\":\"RS256\"}";
    private static final EmulatorSettings SETTINGS = EmulatorSettings.defaults().withClock(CLOCK);

    private static SalesforceEmulator emulator;
    private static EmulatorHttp admin;
    private static KeyPair appKey;
    private static KeyPair otherKey;

    @BeforeAll
    static void start() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        appKey = generator.generateKeyPair();
        otherKey = generator.generateKeyPair();
        emulator = SalesforceEmulator.start(SETTINGS);
        admin = new EmulatorHttp(emulator.baseUrl());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void registerTheAppKey() {
        EmulatorHttp.Response registered = admin.call("PUT", CERTIFICATE, pem(appKey.getPublic()));

        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
    }

    @AfterEach
    void reset() {
        admin.post("/_emulator/reset", null);
    }

    @Test
    void anAssertionShapedLikeCamelsGetsAnAccessTokenAndNoRefreshToken() {
        String assertion = sign(RS256, claims(), appKey.getPrivate(), Base64.getUrlEncoder());

        EmulatorHttp.Response answer = grant(assertion);

        assertThat(assertion).contains("=");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode token = answer.json();
        assertThat(token.get("instance_url").asText()).isEqualTo(emulator.baseUrl());
        assertThat(token.get("id").asText()).matches(emulator.baseUrl().replace(".", "\\.")
                + "/id/00D[0-9A-Za-z]{15}/005[0-9A-Za-z]{15}");
        assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.get("issued_at").asText()).isEqualTo(Long.toString(CLOCK.instant().toEpochMilli()));
        assertThat(token.get("signature").asText()).isBase64();
        assertThat(token.get("scope").asText()).isEqualTo(OAuthServer.DEFAULT_SCOPE);
        assertThat(token.has("refresh_token")).isFalse();
        EmulatorHttp api = new EmulatorHttp(emulator.baseUrl()).withToken(token.get("access_token").asText());
        assertThat(api.get(V + "/limits/").status()).isEqualTo(200);
    }

    @Test
    void anUnpaddedAssertionWithANumericExpIsAccepted() {
        Map<String, Object> claims = claims();
        claims.put("exp", CLOCK.instant().getEpochSecond() + 120);
        String assertion = sign(RS256, claims, appKey.getPrivate(), Base64.getUrlEncoder().withoutPadding());

        EmulatorHttp.Response answer = grant(assertion);

        assertThat(assertion).doesNotContain("=");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }

    @Test
    void theTokenActsForTheSubjectAndTheFormNeedsNoClientId() {
        Map<String, Object> claims = claims();
        claims.put("sub", "Maria.Sanchez@horizon.emulator");

        EmulatorHttp.Response answer = new EmulatorHttp(emulator.baseUrl()).form(TOKEN, Map.of(
                "grant_type", JwtBearerGrant.GRANT_TYPE, "assertion", sign(claims)));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        EmulatorHttp api = new EmulatorHttp(emulator.baseUrl()).withToken(answer.json().get("access_token").asText());
        assertThat(api.get("/services/oauth2/userinfo").json().get("preferred_username").asText())
                .isEqualTo("maria.sanchez@horizon.emulator");
    }

    @Test
    void aSignatureByAnotherKeyIsAnInvalidAssertion() {
        String assertion = sign(RS256, claims(), otherKey.getPrivate(), Base64.getUrlEncoder());

        assertOAuthError(grant(assertion), "invalid_grant", "invalid assertion");
    }

    @Test
    void alteredClaimsAreAnInvalidAssertion() {
        String[] parts = sign(claims()).split("\\.");
        Map<String, Object> claims = claims();
        claims.put("sub", "admin@horizon.emulator");
        String forged = parts[0] + "." + encode(Base64.getUrlEncoder(), json(claims)) + "." + parts[2];

        assertOAuthError(grant(forged), "invalid_grant", "invalid assertion");
    }

    @Test
    void withoutARegisteredCertificateEveryAssertionIsInvalid() {
        assertThat(admin.get(CERTIFICATE).status()).isEqualTo(200);
        assertThat(admin.delete(CERTIFICATE).status()).isEqualTo(204);

        assertThat(admin.get(CERTIFICATE).status()).isEqualTo(404);
        assertOAuthError(grant(sign(claims())), "invalid_grant", "invalid assertion");
    }

    @Test
    void resetForgetsTheCertificate() {
        admin.post("/_emulator/reset", null);

        assertOAuthError(grant(sign(claims())), "invalid_grant", "invalid assertion");
    }

    @Test
    void anUnknownIssuerIsAnInvalidClientId() {
        Map<String, Object> claims = claims();
        claims.put("iss", "someone-else");

        assertOAuthError(grant(sign(claims)), "invalid_client_id", "client identifier invalid");
    }

    @Test
    void anUnknownSubjectHasNotApprovedTheConsumer() {
        Map<String, Object> claims = claims();
        claims.put("sub", "nobody@horizon.emulator");

        assertOAuthError(grant(sign(claims)), "invalid_grant", "user hasn't approved this consumer");
    }

    @Test
    void theEmulatorAndTheSalesforceLoginHostsAreAcceptedAudiences() {
        List<String> audiences = List.of(emulator.baseUrl(), emulator.baseUrl() + "/", "https://login.salesforce.com",
                "https://test.salesforce.com");

        for (String audience : audiences) {
            Map<String, Object> claims = claims();
            claims.put("aud", audience);

            assertThat(grant(sign(claims)).status()).as(audience).isEqualTo(200);
        }
    }

    @Test
    void anyOtherAudienceIsInvalid() {
        for (String audience : List.of("https://example.org", "https://login.salesforce.com.example.org",
                "http://127.0.0.1:1")) {
            Map<String, Object> claims = claims();
            claims.put("aud", audience);

            assertOAuthError(grant(sign(claims)), "invalid_grant", "audience is invalid");
        }
    }

    @Test
    void anExpNotInTheFutureIsAnExpiredAuthorizationCode() {
        long now = CLOCK.instant().getEpochSecond();

        for (long exp : new long[] {now, now - 60}) {
            Map<String, Object> claims = claims();
            claims.put("exp", Long.toString(exp));

            assertOAuthError(grant(sign(claims)), "invalid_grant", "expired authorization code");
        }
    }

    @Test
    void anExpMoreThanEightMinutesAheadIsAnInvalidAssertion() {
        long now = CLOCK.instant().getEpochSecond();
        Map<String, Object> atTheLimit = claims();
        atTheLimit.put("exp", now + 480);
        Map<String, Object> beyond = claims();
        beyond.put("exp", now + 481);

        assertThat(grant(sign(atTheLimit)).status()).isEqualTo(200);
        assertOAuthError(grant(sign(beyond)), "invalid_grant", "invalid assertion");
    }

    @Test
    void anythingButAnRs256JwtWithAUsableExpIsAnInvalidAssertion() {
        Map<String, Object> noExp = claims();
        noExp.remove("exp");
        Map<String, Object> wordExp = claims();
        wordExp.put("exp", "soon");
        String good = sign(claims());
        List<String> assertions = List.of("", "not-a-jwt", good.substring(0, good.lastIndexOf('.')),
                good + ".extra", sign("{\"alg\":\"HS256\"}", claims(), appKey.getPrivate(), Base64.getUrlEncoder()),
                sign("{\"alg\":\"none\"}", claims(), appKey.getPrivate(), Base64.getUrlEncoder()),
                good.substring(0, good.lastIndexOf('.') + 1) + "+/+/",
                sign(noExp), sign(wordExp));

        for (String assertion : assertions) {
            assertOAuthError(grant(assertion), "invalid_grant", "invalid assertion");
        }
        assertOAuthError(new EmulatorHttp(emulator.baseUrl()).form(TOKEN, Map.of(
                "grant_type", JwtBearerGrant.GRANT_TYPE)), "invalid_grant", "invalid assertion");
    }

    @Test
    void registeringShowsTheKeyAndRefusesWhatIsNotAnRsaPem() throws GeneralSecurityException {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        String ecPem = pem(ec.generateKeyPair().getPublic());

        JsonNode shown = admin.get(CERTIFICATE).json();
        EmulatorHttp.Response garbage = admin.call("PUT", CERTIFICATE, "hello");
        EmulatorHttp.Response notRsa = admin.call("PUT", CERTIFICATE, ecPem);
        EmulatorHttp.Response brokenCertificate = admin.call("PUT", CERTIFICATE,
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        assertThat(shown.get("type").asText()).isEqualTo("publicKey");
        assertThat(shown.get("keyAlgorithm").asText()).isEqualTo("RSA");
        assertThat(shown.get("keySize").asInt()).isEqualTo(2048);
        for (EmulatorHttp.Response refused : List.of(garbage, notRsa, brokenCertificate)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_JWT_CERTIFICATE");
        }
        assertThat(grant(sign(claims())).status()).isEqualTo(200);
    }

    @Test
    void theTokenRequestLogShowsTheJwtGrants() {
        admin.delete("/_emulator/oauth/token-requests");
        grant(sign(claims()));
        grant(sign(RS256, claims(), otherKey.getPrivate(), Base64.getUrlEncoder()));

        JsonNode requests = admin.get("/_emulator/oauth/token-requests").json().get("requests");

        List<String> lines = new ArrayList<>();
        requests.forEach(r -> lines.add(r.get("grantType").asText() + " " + r.get("status").asInt() + " "
                + r.get("error").asText()));
        assertThat(lines).containsExactly(JwtBearerGrant.GRANT_TYPE + " 200 null",
                JwtBearerGrant.GRANT_TYPE + " 400 invalid_grant");
    }

    /** The fields camel-salesforce posts: grant type, assertion, client id and format. */
    private static EmulatorHttp.Response grant(String assertion) {
        Map<String, String> form = new HashMap<>();
        form.put("grant_type", JwtBearerGrant.GRANT_TYPE);
        form.put("assertion", assertion);
        form.put("client_id", SETTINGS.clientId());
        form.put("format", "json");
        return new EmulatorHttp(emulator.baseUrl()).form(TOKEN, form);
    }

    /** The claims camel-salesforce writes: its own order, {@code exp} a string 270 seconds ahead. */
    private static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", SETTINGS.clientId());
        claims.put("sub", SETTINGS.username());
        claims.put("aud", emulator.baseUrl());
        claims.put("exp", Long.toString(CLOCK.instant().getEpochSecond() + 270));
        return claims;
    }

    private static String sign(Map<String, Object> claims) {
        return sign(RS256, claims, appKey.getPrivate(), Base64.getUrlEncoder());
    }

    static String sign(String header, Map<String, Object> claims, PrivateKey key, Base64.Encoder encoder) {
        String signed = encode(encoder, header.getBytes(StandardCharsets.UTF_8)) + "." + encode(encoder, json(claims));
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + encode(encoder, signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(PublicKey key) {
        byte[] newline = "\n".getBytes(StandardCharsets.US_ASCII);
        String body = Base64.getMimeEncoder(64, newline).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    private static String encode(Base64.Encoder encoder, byte[] bytes) {
        return encoder.encodeToString(bytes);
    }

    private static byte[] json(Map<String, Object> claims) {
        try {
            return EmulatorHttp.JSON.writeValueAsBytes(claims);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
