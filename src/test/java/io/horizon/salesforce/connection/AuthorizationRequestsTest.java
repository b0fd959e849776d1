package io.horizon.salesforce.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.horizon.salesforce.MutableClock;
import io.horizon.salesforce.connection.AuthorizationRequests.Pending;
import io.horizon.salesforce.connection.AuthorizationStateException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AuthorizationRequestsTest {

    private static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final String URL_SAFE_43 = "[A-Za-z0-9_-]{43}";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-11T09:00:00Z"));
    private final AuthorizationRequests requests = new AuthorizationRequests(clock, LIFETIME);

    @Test
    void challengeMatchesTheRfc7636AppendixBExample() {
        String challenge = AuthorizationRequests.challengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

        assertThat(challenge).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void startIssuesAUrlSafeStateAndAVerifierWithItsChallenge() {
        Pending pending = requests.start();

        assertThat(pending.state()).matches(URL_SAFE_43);
        assertThat(pending.codeVerifier()).matches(URL_SAFE_43).isNotEqualTo(pending.state());
        assertThat(pending.codeChallenge()).isEqualTo(AuthorizationRequests.challengeFor(pending.codeVerifier()));
        assertThat(pending.createdAt()).isEqualTo(clock.instant());
    }

    @Test
    void startIssuesADifferentStateEachTime() {
        Pending first = requests.start();

        Pending second = requests.start();

        assertThat(second.state()).isNotEqualTo(first.state());
        assertThat(second.codeVerifier()).isNotEqualTo(first.codeVerifier());
    }

    @Test
    void takeReturnsTheStartedRequest() {
        Pending pending = requests.start();
        clock.advance(LIFETIME);

        Pending taken = requests.take(pending.state());

        assertThat(taken).isEqualTo(pending);
    }

    @Test
    void takeOfAStateNeverIssuedFailsAsUnknown() {
        requests.start();

        AuthorizationStateException error = assertThrows(AuthorizationStateException.class,
                () -> requests.take("forged-state"));

        assertThat(error.reason()).isEqualTo(Reason.UNKNOWN);
        assertThat(error).hasMessageNotContaining("forged-state");
    }

    @Test
    void takeOfANullStateFailsAsUnknown() {
        AuthorizationStateException error = assertThrows(AuthorizationStateException.class,
                () -> requests.take(null));

        assertThat(error.reason()).isEqualTo(Reason.UNKNOWN);
    }

    @Test
    void secondTakeOfAStateFailsAsReused() {
        Pending pending = requests.start();
        requests.take(pending.state());
        clock.advance(LIFETIME);

        AuthorizationStateException error = assertThrows(AuthorizationStateException.class,
                () -> requests.take(pending.state()));

        assertThat(error.reason()).isEqualTo(Reason.REUSED);
    }

    @Test
    void takenStateIsForgottenAfterAnotherLifetime() {
        Pending pending = requests.start();
        requests.take(pending.state());
        clock.advance(LIFETIME.plusSeconds(1));

        AuthorizationStateException error = assertThrows(AuthorizationStateException.class,
                () -> requests.take(pending.state()));

        assertThat(error.reason()).isEqualTo(Reason.UNKNOWN);
    }

    @Test
    void takeAfterTheLifetimeFailsAsExpired() {
        Pending pending = requests.start();
        clock.advance(LIFETIME.plusSeconds(1));

        AuthorizationStateException error = assertThrows(AuthorizationStateException.class,
                () -> requests.take(pending.state()));

        assertThat(error.reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void expiredStateStaysExpiredAfterAnotherCallPrunedIt() {
        Pending pending = requests.start();
        clock.advance(LIFETIME.plusSeconds(1));
        requests.start();

        AuthorizationStateException first = assertThrows(AuthorizationStateException.class,
                () -> requests.take(pending.state()));
        AuthorizationStateException second = assertThrows(AuthorizationStateException.class,
                () -> requests.take(pending.state()));

        assertThat(first.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(second.reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void startIsRefusedBeyondTheCapUntilRequestsExpire() {
        for (int i = 0; i < AuthorizationRequests.MAX_PENDING; i++) {
            requests.start();
        }

        IllegalStateException refused = assertThrows(IllegalStateException.class, requests::start);
        clock.advance(LIFETIME.plusSeconds(1));
        Pending later = requests.start();

        assertThat(refused).hasMessageContaining(String.valueOf(AuthorizationRequests.MAX_PENDING));
        assertThat(later.state()).matches(URL_SAFE_43);
    }

    @Test
    void pendingToStringHidesTheVerifier() {
        Pending pending = requests.start();

        String text = pending.toString();

        assertThat(text).doesNotContain(pending.codeVerifier()).contains("codeVerifier=<redacted>");
    }

    @Test
    void concurrentTakesOfOneStateSucceedOnce() throws Exception {
        Pending pending = requests.start();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        Callable<Boolean> take = () -> {
            go.await();
            try {
                requests.take(pending.state());
                return true;
            } catch (AuthorizationStateException e) {
                return false;
            }
        };
        List<Future<Boolean>> results = new ArrayList<>();

        int successes = 0;
        try {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(take));
            }
            go.countDown();
            for (Future<Boolean> result : results) {
                successes += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(successes).isEqualTo(1);
    }
}
