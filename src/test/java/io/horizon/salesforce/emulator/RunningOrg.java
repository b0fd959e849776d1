package io.horizon.salesforce.emulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One emulated org per test class, started with the default settings, with a client for its admin surface and a
 * client logged in as the seed's agent user.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final RunningOrg ORG = new RunningOrg();
 * </pre>
 */
final class RunningOrg implements BeforeAllCallback, AfterAllCallback {

    private SalesforceEmulator emulator;
    private EmulatorHttp admin;
    private EmulatorHttp http;

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = SalesforceEmulator.start(EmulatorSettings.defaults());
        admin = new EmulatorHttp(emulator.baseUrl());
        http = new EmulatorHttp(emulator.baseUrl()).login();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        emulator.close();
    }

    SalesforceEmulator emulator() {
        return emulator;
    }

    EmulatorHttp admin() {
        return admin;
    }

    EmulatorHttp http() {
        return http;
    }
}
