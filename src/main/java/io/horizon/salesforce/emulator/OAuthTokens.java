package io.horizon.salesforce.emulator;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The org's live and dead tokens. A refresh token belongs to a family: the one authorization (a login or a code
 * exchange) it came from, with every refresh token rotated from it and every access token any of them issued.
 * Thread-safe: every method holds the instance lock, so a rotation and a replay can never both win. Token values are
 * random and never logged.
 *
 * <pre>{@code
 * OAuthTokens.Grant login = tokens.authorize(userId, scope, true, prefix, expiresAt);
 * OAuthTokens.Grant next = tokens.refresh(login.refreshToken(), true, prefix, expiresAt);   // rotated
 * tokens.refresh(login.refreshToken(), true, prefix, expiresAt);                            // replay: null, family ends
 * }</pre>
 */
final class OAuthTokens {

    /** Rotated and revoked refresh tokens remembered so that a replay is told apart from a forgery. */
    static final int MAX_DEAD_REFRESH_TOKENS = 10_000;

    /** Refresh tokens reported by {@code /_emulator/oauth/revoked}; older ones drop off. */
    static final int MAX_REPORTED_REVOCATIONS = 1_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Tokens that an answer hands out; {@code refreshToken} is null when the answer carries none. */
    record Grant(String userId, String scope, String accessToken, String refreshToken) {

        @Override
        public String toString() {
            return "Grant[userId=" + userId + ", scope=" + scope + "]";
        }
    }

    private enum State { LIVE, ROTATED, REVOKED }

    private record RefreshToken(long family, String userId, String scope, State state) {

        RefreshToken with(State newState) {
            return new RefreshToken(family, userId, scope, newState);
        }
    }

    /** {@code family} is 0 for an access token that no refresh token stands behind (client credentials). */
    private record AccessToken(String userId, long family, Instant expiresAt) {
    }

    private final Map<String, AccessToken> accessTokens = new HashMap<>();
    private final Map<String, RefreshToken> refreshTokens = new HashMap<>();
    private final Deque<String> deadRefreshTokens = new ArrayDeque<>();
    private final Deque<String> revokedByCall = new ArrayDeque<>();
    private long families;

    /** A first grant for a user: an access token and, when asked, the refresh token that starts a new family. */
    synchronized Grant authorize(String userId, String scope, boolean withRefreshToken, String accessPrefix,
            Instant expiresAt) {
        long family = 0;
        String refreshToken = null;
        if (withRefreshToken) {
            family = ++families;
            refreshToken = randomToken();
            refreshTokens.put(refreshToken, new RefreshToken(family, userId, scope, State.LIVE));
        }
        String accessToken = mint(accessPrefix, userId, family, expiresAt);
        return new Grant(userId, scope, accessToken, refreshToken);
    }

    /**
     * A refresh grant: a new access token from a live refresh token, and with {@code rotate} a new refresh token that
     * replaces it. Null when the token is unknown, revoked or already rotated; presenting a rotated one (a replay)
     * also revokes its whole family.
     */
    synchronized Grant refresh(String presented, boolean rotate, String accessPrefix, Instant expiresAt) {
        RefreshToken token = presented == null ? null : refreshTokens.get(presented);
        if (token == null || token.state() == State.REVOKED) {
            return null;
        }
        if (token.state() == State.ROTATED) {
            revokeFamily(token.family());
            return null;
        }

        String next = null;
        if (rotate) {
            next = randomToken();
            refreshTokens.put(next, new RefreshToken(token.family(), token.userId(), token.scope(), State.LIVE));
            bury(presented, token.with(State.ROTATED));
        }
        String accessToken = mint(accessPrefix, token.userId(), token.family(), expiresAt);
        return new Grant(token.userId(), token.scope(), accessToken, next);
    }

    /** The user a live access token acts for, or null when it is unknown, revoked or expired at {@code now}. */
    synchronized String authenticate(String accessToken, Instant now) {
        AccessToken token = accessTokens.get(accessToken);
        return token == null || !now.isBefore(token.expiresAt()) ? null : token.userId();
    }

    /**
     * The revoke endpoint: an access token ends alone; a refresh token (live or rotated) ends with its family, and is
     * reported by {@link #revokedRefreshTokens()}. False when the org knows no live token by that value.
     */
    synchronized boolean revoke(String token) {
        if (token == null) {
            return false;
        }
        if (accessTokens.remove(token) != null) {
            return true;
        }
        RefreshToken refresh = refreshTokens.get(token);
        if (refresh == null || refresh.state() == State.REVOKED) {
            return false;
        }
        revokeFamily(refresh.family());
        revokedByCall.addLast(token);
        if (revokedByCall.size() > MAX_REPORTED_REVOCATIONS) {
            revokedByCall.removeFirst();
        }
        return true;
    }

    /** Ends every live access token, as a session timeout would; refresh tokens stay valid. Answers how many. */
    synchronized int expireAccessTokens() {
        int count = accessTokens.size();
        accessTokens.clear();
        return count;
    }

    /** Revokes every live refresh token and the access tokens of their families, as an admin revoking the app does. */
    synchronized int revokeRefreshTokens() {
        List<String> live = new ArrayList<>();
        refreshTokens.forEach((value, token) -> {
            if (token.state() == State.LIVE) {
                live.add(value);
            }
        });
        live.forEach(value -> revokeFamily(refreshTokens.get(value).family()));
        return live.size();
    }

    /** Refresh tokens ended through the revoke endpoint, oldest first. */
    synchronized List<String> revokedRefreshTokens() {
        return List.copyOf(revokedByCall);
    }

    synchronized void forgetRevocations() {
        revokedByCall.clear();
    }

    synchronized void purgeExpired(Instant now) {
        accessTokens.values().removeIf(token -> !now.isBefore(token.expiresAt()));
    }

    private String mint(String accessPrefix, String userId, long family, Instant expiresAt) {
        String accessToken = accessPrefix + randomToken();
        accessTokens.put(accessToken, new AccessToken(userId, family, expiresAt));
        return accessToken;
    }

    private void revokeFamily(long family) {
        List<String> members = new ArrayList<>();
        refreshTokens.forEach((value, token) -> {
            if (token.family() == family && token.state() != State.REVOKED) {
                members.add(value);
            }
        });
        members.forEach(value -> bury(value, refreshTokens.get(value).with(State.REVOKED)));
        accessTokens.values().removeIf(token -> token.family() == family);
    }

    private void bury(String value, RefreshToken dead) {
        if (refreshTokens.put(value, dead).state() == State.LIVE) {
            deadRefreshTokens.addLast(value);
        }
        // the oldest dead tokens are forgotten, so a very late replay reads as an unknown token: same answer, but its
        // family survives
        while (deadRefreshTokens.size() > MAX_DEAD_REFRESH_TOKENS) {
            refreshTokens.remove(deadRefreshTokens.removeFirst());
        }
    }

    static String randomToken() {
        byte[] bytes = new byte[36];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
