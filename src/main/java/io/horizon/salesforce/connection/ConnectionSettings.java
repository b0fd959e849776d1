package io.horizon.salesforce.connection;

/**
 * What the bundle needs to know to connect to one org: where to log in, the Connected App, and where Salesforce sends
 * the browser back. Immutable; {@link #toString()} leaves the client secret out.
 *
 * @param environment production, sandbox, custom or emulator
 * @param loginUrl the login host without a trailing slash
 * @param clientId the Connected App's consumer key
 * @param clientSecret the Connected App's consumer secret, or null for a public client that relies on PKCE
 * @param redirectUri the callback URL registered in the Connected App
 * @param scopes the OAuth scopes asked for, space-separated
 */
public record ConnectionSettings(SalesforceEnvironment environment, String loginUrl, String clientId,
        String clientSecret, String redirectUri, String scopes) {

    public static final String SCOPES = "api refresh_token offline_access";

    @Override
    public String toString() {
        return "ConnectionSettings[environment=" + environment + ", loginUrl=" + loginUrl + ", clientId=" + clientId
                + ", redirectUri=" + redirectUri + ", scopes=" + scopes + "]";
    }
}
