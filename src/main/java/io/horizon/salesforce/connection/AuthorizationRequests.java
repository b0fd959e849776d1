package io.horizon.salesforce.connection;

import io.horizon.salesforce.connection.AuthorizationStateException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The OAuth authorization requests this bundle has started and not yet seen come back: each carries a one-time
 * {@code state} and a PKCE (RFC 7636, S256) verifier. Thread-safe; memory is bounded by {@link #MAX_PENDING}
 * pending and {@link #MAX_REMEMBERED} spent states.
 *
 * <pre>{@code
 * Pending pending = requests.start();            // redirect with pending.state() and pending.codeChallenge()
 * Pending back = requests.take(callbackState);   // exchange the code with back.codeVerifier()
 * }</pre>
 */
public final class AuthorizationRequests {

    /** The PKCE challenge method of every request. */
    public static final String CHALLENGE_METHOD = "S256";

    /** Requests that may wait for their callback at once; more are refused until some are taken or expire. */
    public static final int MAX_PENDING = 1_000;

    /** Taken or expired states remembered so that a replay is told apart from a forgery. */
    public static final int MAX_REMEMBERED = 10_000;

    private static final int RANDOM_BYTES = 32;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /**
     * One started request. {@link #toString()} leaves out the verifier, which must reach only the token endpoint.
     */
    public record Pending(String state, String codeVerifier, String codeChallenge, Instant createdAt) {

        @Override
        public String toString() {
            return "Pending[state=" + state + ", codeVerifier=<redacted>, codeChallenge=" + codeChallenge
                    + ", createdAt=" + createdAt + "]";
        }
    }

    private record Spent(Reason reason, Instant at) {
    }

    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Spent> spent = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Spent> eldest) {
            // forgetting the oldest only turns its REUSED or EXPIRED into UNKNOWN: it is refused all the same
            return size() > MAX_REMEMBERED;
        }
    };

    /** Requests expire {@code lifetime} after {@link #start()}; the product uses ten minutes. */
    public AuthorizationRequests(Clock clock, Duration lifetime) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
        }
    }

    /**
     * Starts a request with a fresh state and verifier.
     *
     * @throws IllegalStateException when {@link #MAX_PENDING} requests are already waiting
     */
    public synchronized Pending start() {
        Instant now = clock.instant();
        prune(now);
        if (pending.size() >= MAX_PENDING) {
            throw new IllegalStateException("too many pending authorization requests: " + pending.size()
                    + "; wait for some to complete or expire");
        }

        String state = randomToken();
        String verifier = randomToken();
        Pending request = new Pending(state, verifier, challengeFor(verifier), now);
        pending.put(state, request);
        return request;
    }

    /**
     * Returns and forgets the request started with {@code state}; a state is accepted once.
     *
     * @throws AuthorizationStateException when the state is unknown, already taken, or older than the lifetime
     */
    public synchronized Pending take(String state) {
        Instant now = clock.instant();
        prune(now);

        // the state comes from the callback's query string, so it is not echoed into messages and logs
        Pending request = state == null ? null : pending.remove(state);
        if (request != null && !expired(request.createdAt(), now)) {
            spent.put(state, new Spent(Reason.REUSED, now));
            return request;
        }
        if (request != null) {
            spent.put(state, new Spent(Reason.EXPIRED, now));
        }
        Spent earlier = state == null ? null : spent.get(state);
        if (earlier == null) {
            throw new AuthorizationStateException(Reason.UNKNOWN, "authorization state was never issued here");
        }
        if (earlier.reason() == Reason.EXPIRED) {
            throw new AuthorizationStateException(Reason.EXPIRED, "authorization state expired after " + lifetime);
        }
        throw new AuthorizationStateException(Reason.REUSED, "authorization state was already used");
    }

    /** The S256 challenge of a verifier: base64url, unpadded, of the SHA-256 of its ASCII bytes. */
    static String challengeFor(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    private void prune(Instant now) {
        // both maps are in insertion order, which is time order while the clock does not go back
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending request = it.next();
            if (!expired(request.createdAt(), now)) {
                break;
            }
            it.remove();
            spent.put(request.state(), new Spent(Reason.EXPIRED, now));
        }
        for (Iterator<Spent> it = spent.values().iterator(); it.hasNext(); ) {
            if (!expired(it.next().at(), now)) {
                break;
            }
            it.remove();
        }
    }

    private boolean expired(Instant since, Instant now) {
        return now.isAfter(since.plus(lifetime));
    }
}
