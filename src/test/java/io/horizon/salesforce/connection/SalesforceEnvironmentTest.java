package io.horizon.salesforce.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Case C15: any https login host, the trailing slash normalised, plain http refused. */
class SalesforceEnvironmentTest {

    @Test
    void productionAndSandboxUseSalesforcesLoginHosts() {
        assertThat(SalesforceEnvironment.of("production").loginUrl(null)).isEqualTo("https://login.salesforce.com");
        assertThat(SalesforceEnvironment.of("Sandbox").loginUrl("ignored")).isEqualTo("https://test.salesforce.com");
    }

    @Test
    void customTakesAnyHttpsMyDomainAndDropsTheTrailingSlash() {
        SalesforceEnvironment custom = SalesforceEnvironment.of("custom");

        assertThat(custom.loginUrl("https://acme--uat.sandbox.my.salesforce.com"))
                .isEqualTo("https://acme--uat.sandbox.my.salesforce.com");
        assertThat(custom.loginUrl("https://acme.my.salesforce.com/")).isEqualTo("https://acme.my.salesforce.com");
    }

    @Test
    void plainHttpIsRefusedWithAMessageNamingTheSetting() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> SalesforceEnvironment.of("custom").loginUrl("http://acme.my.salesforce.com"));

        assertThat(refused.getMessage()).contains("salesforce.login-url").contains("https://");
    }

    @Test
    void customWithoutALoginUrlIsRefused() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> SalesforceEnvironment.of("custom").loginUrl(" "));

        assertThat(refused.getMessage()).contains("salesforce.login-url is required");
    }

    @Test
    void anUnknownEnvironmentIsRefused() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> SalesforceEnvironment.of("staging"));

        assertThat(refused.getMessage()).contains("salesforce.environment=staging");
    }
}
