package io.horizon.salesforce.emulator;

import java.util.List;
import java.util.Map;

/**
 * One HTTP request, read completely before it is answered.
 *
 * @param method the HTTP method, upper case
 * @param path the raw (still percent-encoded) path, without the query string
 * @param query the decoded query parameters, first value of each
 * @param headers the request headers that the emulator reads, keyed by lower-case name
 * @param body the request body as UTF-8 text, empty when there is none
 * @param loopback whether the caller connected from a loopback address
 */
record HttpCall(String method, String path, Map<String, String> query, Map<String, String> headers, String body,
        boolean loopback) {

    String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    /** The path split on {@code /} after {@code prefix}, empty segments (a trailing slash) dropped, still encoded. */
    List<String> segmentsAfter(String prefix) {
        String rest = path.substring(prefix.length());
        return java.util.Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    /** The key the counters use: method and path without the query string. */
    String counterKey() {
        return method + " " + path;
    }
}
