package io.horizon.salesforce.api;

import io.horizon.salesforce.errors.ApiError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the {@code Authorization: Bearer <key>} of a call against a set of keys (the agents' {@code horizon.api.keys}
 * or the admins' {@code horizon.admin.keys}), in constant time. Immutable and thread-safe.
 */
public final class ApiKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
    private static final String BEARER = "Bearer ";

    private final List<byte[]> keys;
    private final String variable;

    private ApiKeys(List<byte[]> keys, String variable) {
        this.keys = keys;
        this.variable = variable;
    }

    /**
     * Keys from a comma-separated list. An empty list is refused, except when {@code generateWhenEmpty} (emulator
     * mode), where one key is generated and printed once so the quick start needs no set-up.
     */
    public static ApiKeys from(String commaSeparated, String variable, boolean generateWhenEmpty) {
        List<byte[]> keys = Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(key -> !key.isEmpty())
                .map(key -> key.getBytes(StandardCharsets.UTF_8))
                .toList();
        if (!keys.isEmpty()) {
            return new ApiKeys(keys, variable);
        }
        if (!generateWhenEmpty) {
            throw new IllegalStateException(
                    "no keys configured: set " + variable + " to one or more comma-separated keys");
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        // printed once on purpose: in emulator mode with no key set this is the only way to learn it
        LOG.info("no {} set, generated a key for this run: {}", variable, generated);
        return new ApiKeys(List.of(generated.getBytes(StandardCharsets.UTF_8)), variable);
    }

    /** Throws a 401 {@link ApiError} unless the header carries one of the keys. */
    public void check(@Header("Authorization") String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized("missing Authorization: Bearer <key> header");
        }
        byte[] offered = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] key : keys) {
            match |= MessageDigest.isEqual(key, offered);
        }
        if (!match) {
            throw unauthorized("the API key is not valid");
        }
    }

    private ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", message,
                "Send Authorization: Bearer <key> with a key from " + variable + ".");
    }
}
