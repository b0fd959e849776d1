package io.horizon.salesforce.connection;

/**
 * What the bundle needs to know to connect to one org: where to log in, the Connected App, and where Salesforce sends
 * the browser back. Immutable; {@link #toString()} leaves the client secret out.
 *
 * @param environment production, sandbox, custom or emulator
 * @param grant how tokens are obtained
 * @param loginUrl the login host without a trailing slash
 * @param clientId the Connected App's consumer key
 * @param clientSecret the Connected App's consumer secret, or null for a public client that relies on PKCE
 * @param redirectUri the callback URL registered in the Connected App
 * @param scopes the OAuth scopes asked for, space-separated
 */
public record ConnectionSettings(SalesforceEnvironment environment, Grant grant, String loginUrl, String clientId,
        String clientSecret, String redirectUri, String scopes) {

    public static final String SCOPES = "api refresh_token offline_access";

    /**
     * How the bundle obtains tokens: the web-server flow (or a configured refresh token) gives a refresh token the
     * bundle keeps; the headless JWT bearer and client credentials grants log in again whenever a token is needed.
     */
    public enum Grant {
        AUTHORIZATION_CODE, JWT, CLIENT_CREDENTIALS;

        public static Grant of(String value) {
            try {
                return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("salesforce.grant=" + value
                        + " is not one of authorization-code, jwt, client-credentials");
            }
        }
    }

    @Override
    public String toString() {
        return "ConnectionSettings[environment=" + environment + ", grant=" + grant + ", loginUrl=" + loginUrl
                + ", clientId=" + clientId
                + ", redirectUri=" + redirectUri + ", scopes=" + scopes + "]";
    }
}
