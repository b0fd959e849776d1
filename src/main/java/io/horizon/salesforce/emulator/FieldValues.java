package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a value sent for a field against the field's type, as Salesforce does when it reads a create, an update or
 * an upsert; a value that passes is stored as sent. Stateless.
 *
 * <pre>{@code
 * FieldValues.checkType(closeDate, body.get("CloseDate"));   // "31/01/2027" -> 400 JSON_PARSER_ERROR
 * FieldValues.checkLength(lastName, body.get("LastName"));   // 81 characters -> 400 STRING_TOO_LONG
 * }</pre>
 */
final class FieldValues {

    private static final Set<String> NUMBERS = Set.of("int", "double", "currency", "percent");
    // picklists are left out: the seed has no restricted ones, and Salesforce takes any value for the others
    private static final Set<String> LIMITED_TEXT = Set.of("string", "textarea", "email", "phone", "url");
    private static final Pattern DATE_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.+");
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendPattern("[XXX][XX]")
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final int ECHOED_CHARACTERS = 20;

    private FieldValues() {
    }

    /**
     * Refuses with 400 JSON_PARSER_ERROR a value that cannot be read as the field's type: an object or array for any
     * field, or, for a number, boolean, date or datetime field, text of another form or a JSON value of another kind.
     * Null and empty text pass; whether the field may be empty is checked elsewhere.
     */
    static void checkType(FieldDef field, JsonNode value) {
        if (value == null || value.isNull()) {
            return;
        }
        if (value.isContainerNode()) {
            throw new ApiError(400, "JSON_PARSER_ERROR", "Cannot deserialize instance of " + field.type() + " from "
                    + (value.isObject() ? "START_OBJECT" : "START_ARRAY") + " value for field " + field.name());
        }
        String type = field.type();
        if (NUMBERS.contains(type)) {
            require(value.isNumber() || value.isTextual() && (value.asText().isEmpty() || isNumber(value.asText())),
                    field, value, "not a number");
        } else if ("boolean".equals(type)) {
            require(value.isBoolean() || value.isTextual() && (value.asText().isEmpty()
                    || value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false")),
                    field, value, "expected true or false");
        } else if ("date".equals(type)) {
            require(value.isTextual() && (value.asText().isEmpty() || isDate(value.asText())), field, value,
                    "expected a date as yyyy-MM-dd");
        } else if ("datetime".equals(type)) {
            require(value.isTextual() && (value.asText().isEmpty() || isDateTime(value.asText())), field, value,
                    "expected an ISO-8601 date and time with an offset, such as 2027-01-31T10:00:00.000+0000");
        }
    }

    /**
     * Refuses with 400 STRING_TOO_LONG a value longer than a text field's length. Lengths count UTF-16 units, the
     * stricter reading, so a value the emulator takes is never one a real org could refuse for its length.
     */
    static void checkLength(FieldDef field, JsonNode value) {
        if (value == null || !value.isValueNode() || value.isNull() || !LIMITED_TEXT.contains(field.type())
                || field.length() <= 0) {
            return;
        }
        String text = value.asText();
        if (text.length() > field.length()) {
            String start = text.substring(0, text.offsetByCodePoints(0,
                    Math.min(ECHOED_CHARACTERS, text.codePointCount(0, text.length()))));
            throw new ApiError(400, "STRING_TOO_LONG", field.label() + ": data value too large: " + start
                    + "... (max length=" + field.length() + ")", List.of(field.name()));
        }
    }

    private static void require(boolean readable, FieldDef field, JsonNode value, String expected) {
        if (readable) {
            return;
        }
        String sent = value.isTextual() ? "String \"" + value.asText() + "\"" : kind(value) + " value " + value;
        throw new ApiError(400, "JSON_PARSER_ERROR", "Cannot deserialize value of type " + field.type() + " from "
                + sent + ": " + expected + " (field " + field.name() + ")");
    }

    private static String kind(JsonNode value) {
        return value.isBoolean() ? "Boolean" : value.isNumber() ? "Number" : value.getNodeType().toString();
    }

    private static boolean isNumber(String text) {
        try {
            new BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDate(String text) {
        if (!DATE_SHAPE.matcher(text).matches()) {
            return false;
        }
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isDateTime(String text) {
        if (!DATE_TIME_SHAPE.matcher(text).matches()) {
            return false;
        }
        try {
            OffsetDateTime.parse(text, DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
