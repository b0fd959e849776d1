package io.horizon.salesforce.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The answers of the authorize endpoint that are not JSON: the consent page, the error page and the redirects. */
final class AuthorizePages {

    /** The name the consent page gives the emulator's one Connected App. */
    static final String APP_NAME = "Horizon Salesforce Connector";

    private static final String HTML_UTF8 = "text/html;charset=UTF-8";

    private AuthorizePages() {
    }

    /**
     * "Allow access?" for the app and its scopes, with Allow and Deny buttons that post the request back to
     * {@code /services/oauth2/authorize} in hidden fields.
     */
    static HttpAnswer consent(Map<String, String> request, String scope) {
        StringBuilder html = new StringBuilder(2048);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Allow Access?</title>")
                .append("</head>\n<body>\n<h1>Allow access?</h1>\n<p><strong>").append(escape(APP_NAME))
                .append("</strong> (").append(escape(request.get("client_id")))
                .append(") is asking to:</p>\n<ul>\n");
        for (String each : scope.split(" ")) {
            if (!each.isEmpty()) {
                html.append("<li>").append(escape(each)).append("</li>\n");
            }
        }
        html.append("</ul>\n<form method=\"post\" action=\"/services/oauth2/authorize\">\n");
        request.forEach((name, value) -> {
            if (value != null) {
                html.append("<input type=\"hidden\" name=\"").append(escape(name)).append("\" value=\"")
                        .append(escape(value)).append("\">\n");
            }
        });
        html.append("<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\n")
                .append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n")
                .append("</form>\n</body></html>\n");
        return html(200, html.toString());
    }

    /** The page Salesforce shows instead of redirecting, when it cannot trust the client or its redirect URI. */
    static HttpAnswer error(String error, String description) {
        return html(400, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error</title></head>\n"
                + "<body>\n<h1>OAuth Error</h1>\n<p>We can't authorize you because of an OAuth error.</p>\n<p>error="
                + escape(error) + "&amp;error_description=" + escape(description) + "</p>\n</body></html>\n");
    }

    /** 302 to {@code redirectUri} with the fields appended to its query, form-encoded, null values left out. */
    static HttpAnswer redirect(String redirectUri, Map<String, String> fields) {
        StringBuilder location = new StringBuilder(redirectUri);
        char separator = redirectUri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (field.getValue() != null) {
                location.append(separator).append(field.getKey()).append('=')
                        .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", location.toString());
        headers.put("Cache-Control", "no-store");
        return new HttpAnswer(302, headers, new byte[0]);
    }

    private static HttpAnswer html(int status, String page) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", HTML_UTF8);
        headers.put("Cache-Control", "no-store");
        // a consent page must not be framed by another site (clickjacking)
        headers.put("X-Frame-Options", "DENY");
        return new HttpAnswer(status, headers, page.getBytes(StandardCharsets.UTF_8));
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
