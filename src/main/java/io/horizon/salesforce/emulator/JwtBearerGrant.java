package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The token endpoint's OAuth 2.0 JWT bearer grant: checks a signed assertion against the Connected App's certificate,
 * registered through {@code /_emulator/oauth/jwt-certificate}, and names the user the token will act for. With no
 * certificate registered every assertion is refused. The certificate's own validity dates are not checked, so an
 * expired one still verifies. Thread-safe; assertions are never logged.
 *
 * <pre>{@code
 * jwt.register(pem);
 * JwtBearerGrant.Outcome outcome = jwt.check(form.get("assertion"), baseUrl);
 * String userId = outcome.refusal() == null ? outcome.userId() : null;
 * }</pre>
 */
final class JwtBearerGrant {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    /** Salesforce wants exp at most 3 minutes ahead; its own clocks drift, so it tolerates some skew on top. */
    static final Duration LONGEST_AHEAD = Duration.ofMinutes(3).plus(Duration.ofMinutes(5));

    static final String INVALID_ASSERTION = "invalid assertion";

    // a real org takes the login hosts as audience whatever host the client posts to
    private static final Set<String> LOGIN_AUDIENCES =
            Set.of("https://login.salesforce.com", "https://test.salesforce.com");
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN (CERTIFICATE|PUBLIC KEY)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,12}");

    /** Either the id of the user the assertion names, or the refusal to answer with; exactly one is null. */
    record Outcome(String userId, HttpAnswer refusal) {
    }

    /** The registered key and what the admin surface shows of it. */
    private record Registration(PublicKey key, ObjectNode description) {
    }

    private final String clientId;
    private final Clock clock;
    private final Function<String, String> userIdOfUsername;
    private volatile Registration registration;

    /**
     * @param clientId the one Connected App's consumer key, the only accepted {@code iss}
     * @param clock the clock that {@code exp} is checked against
     * @param userIdOfUsername the id of the user with a username (any case), or null for a username the org lacks
     */
    JwtBearerGrant(String clientId, Clock clock, Function<String, String> userIdOfUsername) {
        this.clientId = clientId;
        this.clock = clock;
        this.userIdOfUsername = userIdOfUsername;
    }

    /**
     * Checks the {@code assertion} field of a token request, in the order Salesforce does: shape and {@code alg},
     * issuer, signature, audience, expiry, subject. {@code baseUrl} is this emulator's URL, an accepted audience.
     */
    Outcome check(String assertion, String baseUrl) {
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.", -1);
        if (parts.length != 3) {
            return refuse("invalid_grant", INVALID_ASSERTION);
        }
        JsonNode header = jsonObject(parts[0]);
        JsonNode claims = jsonObject(parts[1]);
        byte[] signature = base64Url(parts[2]);
        if (header == null || claims == null || signature == null || !"RS256".equals(text(header.get("alg")))) {
            return refuse("invalid_grant", INVALID_ASSERTION);
        }
        if (!clientId.equals(text(claims.get("iss")))) {
            return refuse("invalid_client_id", "client identifier invalid");
        }
        Registration registered = registration;
        if (registered == null || !verifies(registered.key(), parts[0] + "." + parts[1], signature)) {
            return refuse("invalid_grant", INVALID_ASSERTION);
        }
        if (!audienceAccepted(claims.get("aud"), baseUrl)) {
            return refuse("invalid_grant", "audience is invalid");
        }

        Long exp = epochSeconds(claims.get("exp"));
        if (exp == null) {
            return refuse("invalid_grant", INVALID_ASSERTION);
        }
        Instant now = clock.instant();
        Instant expiry = Instant.ofEpochSecond(exp);
        if (!expiry.isAfter(now)) {
            return refuse("invalid_grant", "expired authorization code");
        }
        // Salesforce's exact description for an exp too far ahead is not known to us; this one is a guess
        if (expiry.isAfter(now.plus(LONGEST_AHEAD))) {
            return refuse("invalid_grant", INVALID_ASSERTION);
        }
        String subject = text(claims.get("sub"));
        String userId = subject == null ? null : userIdOfUsername.apply(subject);
        if (userId == null) {
            return refuse("invalid_grant", "user hasn't approved this consumer");
        }
        return new Outcome(userId, null);
    }

    /**
     * {@code GET|PUT|DELETE /_emulator/oauth/jwt-certificate}: PUT takes a PEM X.509 certificate or a PEM public key,
     * RSA, and replaces any earlier one; GET shows what is registered (404 when nothing); DELETE forgets it.
     */
    HttpAnswer admin(HttpCall call) {
        switch (call.method()) {
            case "PUT": {
                Registration parsed;
                try {
                    parsed = parse(call.body());
                } catch (IllegalArgumentException e) {
                    return HttpAnswer.errors(400, "INVALID_JWT_CERTIFICATE", e.getMessage(), null);
                }
                registration = parsed;
                return HttpAnswer.json(200, parsed.description());
            }
            case "GET": {
                Registration registered = registration;
                return registered == null
                        ? HttpAnswer.errors(404, "NOT_FOUND", "no jwt certificate registered", null)
                        : HttpAnswer.json(200, registered.description());
            }
            case "DELETE":
                clear();
                return HttpAnswer.empty(204);
            default:
                return HttpAnswer.errors(405, "METHOD_NOT_ALLOWED", "jwt-certificate takes GET, PUT or DELETE", null);
        }
    }

    void clear() {
        registration = null;
    }

    private static Registration parse(String body) {
        Matcher pem = PEM.matcher(body == null ? "" : body);
        if (!pem.find()) {
            throw new IllegalArgumentException("expected a PEM certificate or public key");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM body is not base64: " + e.getMessage());
        }

        ObjectNode description = HttpAnswer.JSON.createObjectNode();
        PublicKey key;
        try {
            if (pem.group(1).equals("CERTIFICATE")) {
                X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der));
                key = certificate.getPublicKey();
                description.put("type", "certificate")
                        .put("subject", certificate.getSubjectX500Principal().getName())
                        .put("notAfter", certificate.getNotAfter().toInstant().toString());
            } else {
                key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
                description.put("type", "publicKey");
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key: " + e.getMessage());
        }
        if (!(key instanceof RSAPublicKey rsa)) {
            throw new IllegalArgumentException("the key must be RSA, not " + key.getAlgorithm());
        }
        description.put("keyAlgorithm", "RSA").put("keySize", rsa.getModulus().bitLength());
        return new Registration(key, description);
    }

    private static boolean verifies(PublicKey key, String signedPart, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(signedPart.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withRSA unavailable", e);
        }
    }

    /** A string or an array of strings, as JWT allows; one accepted value is enough. */
    private static boolean audienceAccepted(JsonNode aud, String baseUrl) {
        if (aud != null && aud.isArray()) {
            for (JsonNode one : aud) {
                if (audienceAccepted(one, baseUrl)) {
                    return true;
                }
            }
            return false;
        }
        String audience = text(aud);
        if (audience == null) {
            return false;
        }
        String trimmed = audience.endsWith("/") ? audience.substring(0, audience.length() - 1) : audience;
        return trimmed.equals(baseUrl) || LOGIN_AUDIENCES.contains(trimmed);
    }

    /** {@code exp} as a JSON number or, as camel-salesforce sends it, a string of digits; null when neither. */
    private static Long epochSeconds(JsonNode exp) {
        if (exp == null) {
            return null;
        }
        if (exp.isIntegralNumber() && exp.canConvertToLong()) {
            return exp.longValue();
        }
        boolean digits = exp.isTextual() && EPOCH_SECONDS.matcher(exp.textValue()).matches();
        return digits ? Long.valueOf(exp.textValue()) : null;
    }

    /** A base64url segment decoded to a JSON object, or null; {@code =} padding is optional. */
    private static JsonNode jsonObject(String segment) {
        byte[] bytes = base64Url(segment);
        if (bytes == null) {
            return null;
        }
        try {
            JsonNode node = HttpAnswer.JSON.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] base64Url(String segment) {
        try {
            return Base64.getUrlDecoder().decode(segment);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static Outcome refuse(String error, String description) {
        return new Outcome(null, HttpAnswer.oauthError(error, description));
    }
}
