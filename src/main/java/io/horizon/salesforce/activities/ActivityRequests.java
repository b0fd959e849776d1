package io.horizon.salesforce.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.horizon.salesforce.Json;
import io.horizon.salesforce.errors.ApiError;
import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * Turns an agent's follow-up Task or calendar Event into the Salesforce record, checking it first: known keys only,
 * dates as {@code yyyy-MM-dd}, date-times with an offset, a {@code whoId} that is a contact or lead and a {@code whatId}
 * that is not. Values are passed as given, so dates stay dates and date-times keep their offset. Stateless.
 */
public final class ActivityRequests {

    private static final Set<String> PEOPLE = Set.of("003", "00Q");
    // Salesforce's own form (2027-03-15T09:30:00.000+0000) and ISO-8601 (…+01:00, …Z); case-sensitive, as Salesforce is
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .appendPattern("[XXX][XX]")
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Map<String, String> TASK_FIELDS = Map.of("subject", "Subject", "dueDate", "ActivityDate",
            "status", "Status", "priority", "Priority", "ownerId", "OwnerId", "whoId", "WhoId", "whatId", "WhatId",
            "description", "Description");
    private static final Map<String, String> EVENT_FIELDS = Map.of("subject", "Subject", "start", "StartDateTime",
            "end", "EndDateTime", "allDayDate", "ActivityDate", "location", "Location", "ownerId", "OwnerId",
            "whoId", "WhoId", "whatId", "WhatId", "description", "Description");

    /** Replaces the body with the Task to create. */
    public void task(Exchange exchange) throws IOException {
        ObjectNode request = read(exchange);
        ObjectNode task = translate(request, TASK_FIELDS, "a task");
        require(request, "subject");
        if (request.hasNonNull("dueDate")) {
            date(request, "dueDate");
        }
        exchange.getMessage().setBody(Json.MAPPER.writeValueAsString(task));
    }

    /** Replaces the body with the Event to create: timed ({@code start}, {@code end}) or all-day ({@code allDayDate}). */
    public void event(Exchange exchange) throws IOException {
        ObjectNode request = read(exchange);
        ObjectNode event = translate(request, EVENT_FIELDS, "an event");
        require(request, "subject");
        boolean allDay = request.hasNonNull("allDayDate");
        boolean timed = request.hasNonNull("start") || request.hasNonNull("end");
        if (allDay == timed) {
            throw ApiError.invalidRequest("an event needs either start and end, or allDayDate");
        }
        if (allDay) {
            date(request, "allDayDate");
            event.put("IsAllDayEvent", true);
        } else {
            OffsetDateTime start = dateTime(request, "start");
            OffsetDateTime end = dateTime(request, "end");
            if (!end.isAfter(start)) {
                throw ApiError.invalidRequest("end " + request.get("end").asText() + " is not after start "
                        + request.get("start").asText());
            }
        }
        exchange.getMessage().setBody(Json.MAPPER.writeValueAsString(event));
    }

    private static ObjectNode translate(ObjectNode request, Map<String, String> fields, String kind) {
        ObjectNode record = Json.MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = request.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String field = fields.get(entry.getKey());
            if (field == null) {
                throw ApiError.invalidRequest(kind + " has no field " + entry.getKey() + "; known fields: "
                        + String.join(", ", fields.keySet()));
            }
            if (!entry.getValue().isNull() && !entry.getValue().isTextual()) {
                throw ApiError.invalidRequest(entry.getKey() + " must be a string");
            }
            record.set(field, entry.getValue());
        }
        String who = request.path("whoId").asText("");
        if (!who.isEmpty() && !PEOPLE.contains(prefix(who))) {
            throw ApiError.invalidRequest("whoId=" + who + " is not a contact (003…) or lead (00Q…) id; put other"
                    + " records in whatId");
        }
        String what = request.path("whatId").asText("");
        if (!what.isEmpty() && PEOPLE.contains(prefix(what))) {
            throw ApiError.invalidRequest("whatId=" + what + " is a contact or lead id; put it in whoId");
        }
        return record;
    }

    private static ObjectNode read(Exchange exchange) throws IOException {
        return (ObjectNode) Json.MAPPER.readTree(exchange.getMessage().getBody(String.class));
    }

    private static void require(ObjectNode request, String key) {
        if (request.path(key).asText("").isBlank()) {
            throw ApiError.invalidRequest(key + " is required");
        }
    }

    private static void date(ObjectNode request, String key) {
        String value = request.path(key).asText();
        try {
            LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE.withResolverStyle(ResolverStyle.STRICT));
        } catch (DateTimeParseException e) {
            throw ApiError.invalidRequest(key + "=" + value + " is not a date like 2027-01-31");
        }
    }

    private static OffsetDateTime dateTime(ObjectNode request, String key) {
        String value = request.path(key).asText("");
        try {
            return OffsetDateTime.parse(value, DATE_TIME);
        } catch (DateTimeParseException e) {
            throw ApiError.invalidRequest(key + "=" + value
                    + " is not a date-time with an offset like 2027-01-31T15:00:00Z");
        }
    }

    private static String prefix(String id) {
        return id.length() >= 3 ? id.substring(0, 3) : id;
    }
}
