package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The org's daily API allowance: how many REST calls today (UTC days, by the settings' clock) have used and how many
 * the org may make. The count starts again each day; an admin call may set both numbers. Thread-safe.
 */
final class ApiAllowance {

    private final Clock clock;
    private final int defaultMax;
    private LocalDate day;
    private int used;
    private int max;

    /** One counted call: the usage after it and the allowance it was counted against. */
    record Usage(int used, int max) {

        boolean exceeded() {
            return used > max;
        }

        String header() {
            return "api-usage=" + used + "/" + max;
        }
    }

    ApiAllowance(Clock clock, int defaultMax) {
        this.clock = clock;
        this.defaultMax = defaultMax;
        this.max = defaultMax;
    }

    /** Nothing used today, and the allowance the settings give. */
    synchronized void reset() {
        day = today();
        used = 0;
        max = defaultMax;
    }

    /** Counts one call against today's allowance. */
    synchronized Usage count() {
        rollOver();
        used++;
        return new Usage(used, max);
    }

    /** Today's usage without counting a call. */
    synchronized Usage current() {
        rollOver();
        return new Usage(used, max);
    }

    /**
     * Sets today's usage and the allowance from {@code {"used":n,"max":m}}; either may be left out.
     *
     * @throws IllegalArgumentException when a number is missing its shape or out of range, naming the value
     */
    synchronized Usage replace(JsonNode spec) {
        if (spec == null || !spec.isObject()) {
            throw new IllegalArgumentException("limits must be a JSON object");
        }
        JsonNode newUsed = spec.path("used");
        JsonNode newMax = spec.path("max");
        if (!newUsed.isMissingNode() && !(newUsed.canConvertToInt() && newUsed.isIntegralNumber()
                && newUsed.asInt() >= 0)) {
            throw new IllegalArgumentException("used must be a whole number >= 0: " + newUsed);
        }
        if (!newMax.isMissingNode() && !(newMax.canConvertToInt() && newMax.isIntegralNumber() && newMax.asInt() > 0)) {
            throw new IllegalArgumentException("max must be a whole number > 0: " + newMax);
        }
        rollOver();
        used = newUsed.asInt(used);
        max = newMax.asInt(max);
        return new Usage(used, max);
    }

    static ObjectNode toJson(Usage usage) {
        return HttpAnswer.JSON.createObjectNode().put("used", usage.used()).put("max", usage.max());
    }

    private void rollOver() {
        LocalDate today = today();
        if (!today.equals(day)) {
            day = today;
            used = 0;
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
