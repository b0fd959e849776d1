package io.horizon.salesforce.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one-time authorization codes the authorize endpoint hands out, each good for one exchange within
 * {@link #LIFETIME}. Thread-safe; at most {@link #MAX_PENDING} codes wait at once, the oldest giving way.
 *
 * <pre>{@code
 * String code = codes.issue(new AuthorizationCodes.Request(clientId, redirectUri, challenge, scope));
 * AuthorizationCodes.Request request = codes.take(code);   // null the second time
 * }</pre>
 */
final class AuthorizationCodes {

    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final int MAX_PENDING = 1_000;

    /** What the code was issued for; {@code codeChallenge} is null when the client sent no PKCE challenge. */
    record Request(String clientId, String redirectUri, String codeChallenge, String scope) {
    }

    private record Pending(Request request, Instant expiresAt) {
    }

    private final Clock clock;
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    AuthorizationCodes(Clock clock) {
        this.clock = clock;
    }

    synchronized String issue(Request request) {
        purgeExpired();
        if (pending.size() >= MAX_PENDING) {
            Iterator<String> oldest = pending.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        String code = OAuthTokens.randomToken();
        pending.put(code, new Pending(request, clock.instant().plus(LIFETIME)));
        return code;
    }

    /** The request behind a code, which is spent by this call; null when the code is unknown, spent or expired. */
    synchronized Request take(String code) {
        Pending taken = code == null ? null : pending.remove(code);
        return taken == null || !clock.instant().isBefore(taken.expiresAt()) ? null : taken.request();
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        pending.values().removeIf(code -> !now.isBefore(code.expiresAt()));
    }
}
