package io.horizon.salesforce.connection;

import java.net.URI;
import java.util.Locale;

/** Which Salesforce login host the connection uses, from {@code salesforce.environment}. */
public enum SalesforceEnvironment {
    PRODUCTION("https://login.salesforce.com"),
    SANDBOX("https://test.salesforce.com"),
    CUSTOM(null),
    EMULATOR(null);

    private final String loginHost;

    SalesforceEnvironment(String loginHost) {
        this.loginHost = loginHost;
    }

    public static SalesforceEnvironment of(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("salesforce.environment=" + value
                    + " is not one of production, sandbox, custom, emulator");
        }
    }

    /**
     * The login URL without a trailing slash. {@code custom} takes {@code configuredUrl} (salesforce.login-url), which
     * must be https unless it is on loopback; {@code emulator} takes the emulator's own loopback URL.
     */
    public String loginUrl(String configuredUrl) {
        if (loginHost != null) {
            return loginHost;
        }
        if (configuredUrl == null || configuredUrl.isBlank()) {
            throw new IllegalStateException("salesforce.login-url is required when salesforce.environment="
                    + name().toLowerCase(Locale.ROOT) + " (for example https://acme.my.salesforce.com)");
        }
        String url = configuredUrl.trim().replaceAll("/+$", "");
        URI uri = URI.create(url);
        // a local org emulator on loopback is the one host that may speak plain http
        boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
        if (!"https".equals(uri.getScheme()) && !loopback) {
            throw new IllegalStateException("salesforce.login-url=" + configuredUrl
                    + " must start with https:// (Salesforce refuses plain http)");
        }
        return url;
    }
}
