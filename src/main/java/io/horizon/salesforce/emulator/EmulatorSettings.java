package io.horizon.salesforce.emulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How an emulator instance runs: its port, its seed, its clock and the one Connected App and user it knows. Immutable;
 * {@link #toString()} leaves the secret and the password out.
 *
 * <pre>{@code
 * EmulatorSettings settings = EmulatorSettings.defaults().withPort(0);
 * try (SalesforceEmulator emulator = SalesforceEmulator.start(settings)) { ... }
 * }</pre>
 *
 * @param port the loopback port to bind, 0 for a free one
 * @param seedFile the seed to load, or null for the bundled classpath resource {@code emulator/seed.json}
 * @param clock the clock behind record timestamps, token expiry and the daily API allowance
 * @param clientId the Connected App's consumer key
 * @param clientSecret the Connected App's consumer secret
 * @param username the user that the password grant accepts and every token acts as
 * @param password that user's password
 * @param accessTokenLifetime how long an access token stays valid
 * @param dailyApiRequests the daily API allowance reported in {@code Sforce-Limit-Info} and {@code limits/}
 */
public record EmulatorSettings(
        int port,
        Path seedFile,
        Clock clock,
        String clientId,
        String clientSecret,
        String username,
        String password,
        Duration accessTokenLifetime,
        int dailyApiRequests) {

    /** The classpath resource loaded when no seed file is set. */
    public static final String BUNDLED_SEED = "emulator/seed.json";

    public EmulatorSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("emulator port out of range: " + port);
        }
        if (clock == null) {
            throw new IllegalArgumentException("emulator clock must not be null");
        }
        if (accessTokenLifetime == null || accessTokenLifetime.isNegative() || accessTokenLifetime.isZero()) {
            throw new IllegalArgumentException("emulator access-token lifetime must be positive: " + accessTokenLifetime);
        }
        if (dailyApiRequests <= 0) {
            throw new IllegalArgumentException("emulator daily API allowance must be positive: " + dailyApiRequests);
        }
    }

    /** A free port, the bundled seed, the system UTC clock and the documented emulator credentials. */
    public static EmulatorSettings defaults() {
        return new EmulatorSettings(0, null, Clock.systemUTC(), "horizon-emulator", "emulator-secret",
                "agent@horizon.emulator", "emulator-password", Duration.ofHours(2), 15000);
    }

    public EmulatorSettings withPort(int newPort) {
        return new EmulatorSettings(newPort, seedFile, clock, clientId, clientSecret, username, password,
                accessTokenLifetime, dailyApiRequests);
    }

    public EmulatorSettings withSeedFile(Path newSeedFile) {
        return new EmulatorSettings(port, newSeedFile, clock, clientId, clientSecret, username, password,
                accessTokenLifetime, dailyApiRequests);
    }

    public EmulatorSettings withClock(Clock newClock) {
        return new EmulatorSettings(port, seedFile, newClock, clientId, clientSecret, username, password,
                accessTokenLifetime, dailyApiRequests);
    }

    @Override
    public String toString() {
        return "EmulatorSettings[port=" + port + ", seedFile=" + seedFile + ", clock=" + clock + ", clientId="
                + clientId + ", username=" + username + ", accessTokenLifetime=" + accessTokenLifetime
                + ", dailyApiRequests=" + dailyApiRequests + "]";
    }
}
