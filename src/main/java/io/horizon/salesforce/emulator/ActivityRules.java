package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Salesforce's own rules for activities, beyond what field metadata says: the fields an Event needs depending on
 * whether it lasts all day, and the Task flags that follow from its status and priority. Dates and datetimes are
 * left exactly as sent. Stateless.
 */
final class ActivityRules {

    private ActivityRules() {
    }

    /**
     * Checks a new record's values (canonical names). An all-day Event needs {@code ActivityDate}; any other Event
     * needs {@code StartDateTime} and either {@code EndDateTime} or {@code DurationInMinutes}.
     *
     * @throws ApiError 400 REQUIRED_FIELD_MISSING naming the missing field
     */
    static void checkCreate(SObjectType type, Map<String, JsonNode> values) {
        if (!"Event".equals(type.name())) {
            return;
        }
        if (isTrue(values.get("IsAllDayEvent"))) {
            require(values, "ActivityDate");
            return;
        }
        require(values, "StartDateTime");
        if (isEmpty(values.get("EndDateTime")) && isEmpty(values.get("DurationInMinutes"))) {
            throw missing("DurationInMinutes");
        }
    }

    /** Sets the flags Salesforce computes on a Task: closed once Completed, high priority when High. */
    static void derive(SObjectType type, ObjectNode record) {
        if (!"Task".equals(type.name())) {
            return;
        }
        record.put("IsClosed", "Completed".equals(record.path("Status").asText()));
        record.put("IsHighPriority", "High".equals(record.path("Priority").asText()));
    }

    private static void require(Map<String, JsonNode> values, String field) {
        if (isEmpty(values.get(field))) {
            throw missing(field);
        }
    }

    private static ApiError missing(String field) {
        return new ApiError(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [" + field + "]",
                List.of(field));
    }

    private static boolean isTrue(JsonNode value) {
        return value != null && (value.isBoolean() ? value.asBoolean() : "true".equalsIgnoreCase(value.asText()));
    }

    private static boolean isEmpty(JsonNode value) {
        return value == null || value.isNull() || value.isTextual() && value.asText().isEmpty();
    }
}
