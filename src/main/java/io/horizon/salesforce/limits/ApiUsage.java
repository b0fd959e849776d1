package io.horizon.salesforce.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.horizon.salesforce.Json;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The org's API usage as Salesforce last reported it in {@code Sforce-Limit-Info: api-usage=N/M}, and the reserve that
 * scheduled work leaves for agents' calls ({@code horizon.limits.reserve-percent}). {@link LimitInfoHttpClient} feeds
 * it the header of every Salesforce answer, from every route. Thread-safe.
 */
public final class ApiUsage {

    private static final Logger LOG = LoggerFactory.getLogger(ApiUsage.class);
    // the org's usage, not a per-app-api-usage that may come first in the same header
    private static final Pattern API_USAGE = Pattern.compile("(?<![\\w-])api-usage=(\\d+)/(\\d+)");

    private final Clock clock;
    private final int reservePercent;
    private volatile Reading last;
    private volatile boolean reserveReached;

    private record Reading(long used, long max, Instant at) {
    }

    public ApiUsage(Clock clock, int reservePercent) {
        this.clock = clock;
        this.reservePercent = reservePercent;
    }

    /** Notes the usage a Salesforce answer reported; logs once at WARN when the reserve is reached. */
    public void record(String limitInfo) {
        if (limitInfo == null) {
            return;
        }
        Matcher usage = API_USAGE.matcher(limitInfo);
        if (!usage.find()) {
            return;
        }
        Reading reading = new Reading(Long.parseLong(usage.group(1)), Long.parseLong(usage.group(2)),
                clock.instant());
        last = reading;
        boolean reached = reading.max() > 0 && (reading.max() - reading.used()) * 100 < reading.max() * reservePercent;
        if (reached && !reserveReached) {
            LOG.warn("api usage reached the reserve used={} max={} reservePercent={}: scheduled work pauses",
                    reading.used(), reading.max(), reservePercent);
        }
        reserveReached = reached;
    }

    /** False once the daily allowance left is below the reserve: scheduled work waits, agents' calls go on. */
    public boolean allowsScheduledWork() {
        return !reserveReached;
    }

    /** {@code {"used","max","at"}}, or null before any answer reported usage. */
    public ObjectNode asJson() {
        Reading reading = last;
        if (reading == null) {
            return null;
        }
        ObjectNode usage = Json.MAPPER.createObjectNode();
        usage.put("used", reading.used());
        usage.put("max", reading.max());
        usage.put("at", reading.at().toString());
        return usage;
    }

    /**
     * The answer of {@code GET /api/salesforce/limits}: the tracked usage and Salesforce's {@code /limits} in the body,
     * or, when that call failed (a rate limit does), the usage alone.
     */
    public void answer(Exchange exchange) throws IOException {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.set("apiUsage", asJson());
        InputStream limits = exchange.getException() == null && exchange.getProperty(Exchange.EXCEPTION_CAUGHT) == null
                ? exchange.getMessage().getBody(InputStream.class) : null;
        if (limits != null) {
            try (limits) {
                JsonNode parsed = Json.MAPPER.readTree(limits);
                answer.set("limits", parsed);
            }
        }
        exchange.getMessage().setBody(Json.MAPPER.writeValueAsBytes(answer));
    }
}
