package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One report of the seed's {@code reports} array: the object it reads, its columns, an optional SOQL WHERE clause
 * and ORDER BY, and for a SUMMARY report the field it groups by. Immutable; checked against the org's objects when
 * the seed loads, so a bad report stops the emulator at start-up rather than on its first run.
 *
 * <pre>{@code
 * {"id": "00OHz0000000002MAA", "name": "Opportunities by Stage", "object": "Opportunity", "format": "SUMMARY",
 *  "columns": ["Name", "Amount"], "groupBy": "StageName", "aggregates": ["s!Amount", "RowCount"]}
 * }</pre>
 *
 * @param columns the detail columns: field paths such as {@code Amount} or {@code Account.Name}, canonical case
 * @param where a SOQL condition, or null
 * @param orderBy a SOQL ORDER BY list, or null
 * @param groupBy the grouping column of a SUMMARY report, or null for TABULAR
 * @param aggregates {@code RowCount} and {@code s!}, {@code a!}, {@code m!}, {@code mx!} (sum, average, smallest,
 *        largest) of numeric columns
 */
record ReportDefinition(
        String id,
        String name,
        String developerName,
        SObjectType object,
        String format,
        List<ReportColumn> columns,
        String where,
        String orderBy,
        ReportColumn groupBy,
        List<String> aggregates) {

    static final String TABULAR = "TABULAR";
    static final String SUMMARY = "SUMMARY";
    static final String ROW_COUNT = "RowCount";
    private static final Pattern AGGREGATE = Pattern.compile("(s|a|m|mx)!(.+)");
    private static final Set<String> NUMERIC = Set.of("int", "double", "currency", "percent");

    boolean summary() {
        return SUMMARY.equals(format);
    }

    /** The aggregate key's column, or null for {@code RowCount}. */
    ReportColumn aggregateColumn(String aggregate, OrgStore store) {
        var matcher = AGGREGATE.matcher(aggregate);
        return matcher.matches() ? ReportColumn.resolve(object, matcher.group(2), store) : null;
    }

    /** The reports of a seed; throws IllegalStateException naming the report and the part that is wrong. */
    static List<ReportDefinition> parseAll(JsonNode reports, OrgStore store) {
        List<ReportDefinition> parsed = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode report : reports) {
            ReportDefinition definition = parse(report, store);
            if (!ids.add(definition.id())) {
                throw new IllegalStateException("seed report id used twice: " + definition.id());
            }
            parsed.add(definition);
        }
        return List.copyOf(parsed);
    }

    private static ReportDefinition parse(JsonNode spec, OrgStore store) {
        String id = spec.path("id").asText();
        if (!id.startsWith("00O") || id.length() != 18 || !id.equals(SalesforceIds.normalise(id))) {
            throw new IllegalStateException("seed report id must be an 18-character 00O id: " + id);
        }
        String name = spec.path("name").asText(id);
        SObjectType object = store.type(spec.path("object").asText());
        if (object == null) {
            throw new IllegalStateException("seed report " + id + " reads an undefined object: " + spec.path("object"));
        }
        String format = spec.path("format").asText(TABULAR).toUpperCase(Locale.ROOT);
        if (!TABULAR.equals(format) && !SUMMARY.equals(format)) {
            throw new IllegalStateException("seed report " + id + " format must be TABULAR or SUMMARY: " + format);
        }
        List<ReportColumn> columns = new ArrayList<>();
        for (JsonNode column : spec.path("columns")) {
            columns.add(resolve(id, object, column.asText(), store));
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException("seed report " + id + " has no columns");
        }
        ReportColumn groupBy = spec.hasNonNull("groupBy") ? resolve(id, object, spec.get("groupBy").asText(), store)
                : null;
        if (SUMMARY.equals(format) != (groupBy != null)) {
            throw new IllegalStateException("seed report " + id + " needs groupBy exactly when it is SUMMARY");
        }
        List<String> aggregates = new ArrayList<>();
        for (JsonNode aggregate : spec.path("aggregates")) {
            aggregates.add(aggregate.asText());
        }
        if (aggregates.isEmpty()) {
            aggregates.add(ROW_COUNT);
        }
        ReportDefinition definition = new ReportDefinition(id, name,
                spec.path("developerName").asText(name.replaceAll("[^A-Za-z0-9]+", "_")), object, format,
                List.copyOf(columns), text(spec, "where"), text(spec, "orderBy"), groupBy, List.copyOf(aggregates));
        for (String aggregate : aggregates) {
            checkAggregate(definition, aggregate, store);
        }
        return definition;
    }

    private static void checkAggregate(ReportDefinition definition, String aggregate, OrgStore store) {
        if (ROW_COUNT.equals(aggregate)) {
            return;
        }
        if (!AGGREGATE.matcher(aggregate).matches()) {
            throw new IllegalStateException("seed report " + definition.id() + " has an unknown aggregate: "
                    + aggregate);
        }
        ReportColumn column;
        try {
            column = definition.aggregateColumn(aggregate, store);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("seed report " + definition.id() + ": " + e.getMessage(), e);
        }
        if (!NUMERIC.contains(column.field().type())) {
            throw new IllegalStateException("seed report " + definition.id() + " aggregates a column that is not"
                    + " a number: " + aggregate);
        }
    }

    private static ReportColumn resolve(String reportId, SObjectType object, String path, OrgStore store) {
        try {
            return ReportColumn.resolve(object, path, store);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("seed report " + reportId + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode spec, String name) {
        return spec.hasNonNull(name) && !spec.get(name).asText().isBlank() ? spec.get(name).asText() : null;
    }
}
