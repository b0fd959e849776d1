package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.horizon.salesforce.emulator.soql.OrgView;
import io.horizon.salesforce.emulator.soql.SoqlEngine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs a seed report: builds one SOQL query from its definition and the filters in effect, runs it with the
 * emulator's {@link SoqlEngine}, and shapes the rows as the Analytics API does (report metadata, groupings, fact map
 * with detail rows and aggregates). Labels are formatted for an en_US, single-currency (USD) org. Stateless apart
 * from its collaborators; safe for concurrent runs.
 */
final class ReportRunner {

    /** The most detail rows a run returns, synchronous or not; Salesforce says {@code allData:false} past it. */
    static final int ROW_LIMIT = 2000;

    private static final Map<String, String> OPERATORS = Map.of(
            "equals", "=", "notEqual", "!=", "lessThan", "<", "greaterThan", ">", "lessOrEqual", "<=",
            "greaterOrEqual", ">=", "contains", "LIKE", "notContain", "LIKE", "startsWith", "LIKE");
    private static final List<String> OPERATOR_ORDER = List.of("equals", "notEqual", "lessThan", "greaterThan",
            "lessOrEqual", "greaterOrEqual", "contains", "notContain", "startsWith");
    private static final Map<String, String> OPERATOR_LABELS = Map.of(
            "equals", "equals", "notEqual", "not equal to", "lessThan", "less than", "greaterThan", "greater than",
            "lessOrEqual", "less or equal", "greaterOrEqual", "greater or equal", "contains", "contains",
            "notContain", "does not contain", "startsWith", "starts with");
    private static final Set<String> NUMERIC = Set.of("int", "double", "currency", "percent");
    private static final Set<String> UNQUOTED = Set.of("int", "double", "currency", "percent", "boolean", "date",
            "datetime");
    private static final DateTimeFormatter DATE_LABEL = DateTimeFormatter.ofPattern("M/d/yyyy", Locale.US);
    private static final DateTimeFormatter DATETIME_LABEL = DateTimeFormatter.ofPattern("M/d/yyyy h:mm a", Locale.US);

    private final OrgStore store;
    private final SoqlEngine soql;

    /** One report filter: a column, an Analytics operator such as {@code equals}, and the value as text. */
    record Filter(ReportColumn column, String operator, String value) {
    }

    ReportRunner(OrgStore store, SoqlEngine soql) {
        this.store = store;
        this.soql = soql;
    }

    /**
     * The filters of a run's {@code reportMetadata.reportFilters}, or none when the node is missing or null.
     *
     * @throws ApiError 400 BAD_REQUEST naming an unknown column or operator
     */
    List<Filter> filters(ReportDefinition report, JsonNode reportFilters) {
        List<Filter> filters = new ArrayList<>();
        if (reportFilters == null || reportFilters.isNull() || reportFilters.isMissingNode()) {
            return filters;
        }
        if (!reportFilters.isArray()) {
            throw new ApiError(400, "BAD_REQUEST", "reportFilters must be an array");
        }
        for (JsonNode filter : reportFilters) {
            String operator = filter.path("operator").asText();
            if (!OPERATORS.containsKey(operator)) {
                throw new ApiError(400, "BAD_REQUEST", "unknown filter operator: " + operator);
            }
            ReportColumn column;
            try {
                column = ReportColumn.resolve(report.object(), filter.path("column").asText(), store);
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "BAD_REQUEST", "unknown filter column: " + filter.path("column").asText());
            }
            JsonNode value = filter.path("value");
            filters.add(new Filter(column, operator, value.isNull() || value.isMissingNode() ? "" : value.asText()));
        }
        return filters;
    }

    /**
     * Runs the report and answers everything of a result but {@code attributes}: {@code hasDetailRows},
     * {@code reportMetadata}, {@code reportExtendedMetadata}, {@code groupingsDown}, {@code groupingsAcross},
     * {@code allData} and {@code factMap}. Aggregates always cover every matching row; detail rows stop at
     * {@code rowLimit}, and then {@code allData} is false.
     */
    ObjectNode run(ReportDefinition report, List<Filter> filters, boolean includeDetails, int rowLimit, OrgView org,
            String version) {
        List<ObjectNode> rows = soql.run(query(report, filters), org, false, version).rows();
        Map<JsonNode, List<ObjectNode>> groups = report.summary() ? group(report, rows) : Map.of();

        ObjectNode result = HttpAnswer.JSON.createObjectNode();
        result.put("hasDetailRows", includeDetails);
        result.set("reportMetadata", metadata(report, filters));
        result.set("reportExtendedMetadata", extendedMetadata(report));
        ArrayNode down = result.putObject("groupingsDown").putArray("groupings");
        result.putObject("groupingsAcross").putArray("groupings");
        ObjectNode factMap = HttpAnswer.JSON.createObjectNode();
        int room = includeDetails ? rowLimit : 0;
        int key = 0;
        for (Map.Entry<JsonNode, List<ObjectNode>> group : groups.entrySet()) {
            ObjectNode grouping = down.addObject().put("key", String.valueOf(key));
            ObjectNode cell = cell(report.groupBy(), group.getKey());
            grouping.set("label", cell.get("label"));
            grouping.set("value", cell.get("value"));
            grouping.putArray("groupings");
            grouping.putArray("dategroupings");
            room -= fact(factMap.putObject(key + "!T"), report, group.getValue(), includeDetails ? room : 0);
            key++;
        }
        ObjectNode total = factMap.putObject("T!T");
        fact(total, report, rows, report.summary() || !includeDetails ? 0 : room);
        result.put("allData", !includeDetails || rows.size() <= rowLimit);
        result.set("factMap", factMap);
        return result;
    }

    /** {@code reportMetadata}, {@code reportExtendedMetadata} and {@code reportTypeMetadata}: the describe answer. */
    ObjectNode describe(ReportDefinition report) {
        ObjectNode describe = HttpAnswer.JSON.createObjectNode();
        describe.set("reportMetadata", metadata(report, List.of()));
        describe.set("reportExtendedMetadata", extendedMetadata(report));
        describe.set("reportTypeMetadata", typeMetadata(report));
        return describe;
    }

    ObjectNode metadata(ReportDefinition report, List<Filter> filters) {
        ObjectNode metadata = HttpAnswer.JSON.createObjectNode();
        metadata.put("id", report.id()).put("name", report.name()).put("developerName", report.developerName());
        metadata.put("reportFormat", report.format());
        metadata.putObject("reportType").put("type", report.object().name())
                .put("label", report.object().labelPlural());
        metadata.putNull("currency");
        ArrayNode detailColumns = metadata.putArray("detailColumns");
        report.columns().forEach(column -> detailColumns.add(column.name()));
        ArrayNode groupingsDown = metadata.putArray("groupingsDown");
        if (report.groupBy() != null) {
            groupingsDown.addObject()
                    .put("name", report.groupBy().name())
                    .putNull("sortAggregate")
                    .put("sortOrder", "Asc")
                    .put("dateGranularity", "None");
        }
        metadata.putArray("groupingsAcross");
        ArrayNode aggregates = metadata.putArray("aggregates");
        report.aggregates().forEach(aggregates::add);
        ArrayNode reportFilters = metadata.putArray("reportFilters");
        filters.forEach(filter -> reportFilters.addObject()
                .put("column", filter.column().name())
                .put("operator", filter.operator())
                .put("value", filter.value()));
        metadata.putNull("reportBooleanFilter");
        metadata.putArray("historicalSnapshotDates");
        return metadata;
    }

    // ---- query ----

    private String query(ReportDefinition report, List<Filter> filters) {
        Set<String> fields = new LinkedHashSet<>();
        report.columns().forEach(column -> fields.add(column.name()));
        if (report.groupBy() != null) {
            fields.add(report.groupBy().name());
        }
        for (String aggregate : report.aggregates()) {
            ReportColumn column = report.aggregateColumn(aggregate, store);
            if (column != null) {
                fields.add(column.name());
            }
        }
        List<String> conditions = new ArrayList<>();
        if (report.where() != null) {
            conditions.add("(" + report.where() + ")");
        }
        filters.forEach(filter -> conditions.add(condition(filter)));
        StringBuilder query = new StringBuilder("SELECT ").append(String.join(", ", fields))
                .append(" FROM ").append(report.object().name());
        if (!conditions.isEmpty()) {
            query.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        if (report.orderBy() != null) {
            query.append(" ORDER BY ").append(report.orderBy());
        }
        return query.toString();
    }

    private static String condition(Filter filter) {
        String column = filter.column().name();
        String type = filter.column().field().type();
        return switch (filter.operator()) {
            case "contains" -> column + " LIKE " + quoted("%" + filter.value() + "%");
            case "notContain" -> "(NOT " + column + " LIKE " + quoted("%" + filter.value() + "%") + ")";
            case "startsWith" -> column + " LIKE " + quoted(filter.value() + "%");
            default -> column + " " + OPERATORS.get(filter.operator()) + " " + literal(type, filter.value());
        };
    }

    private static String literal(String type, String value) {
        if (value.isEmpty()) {
            return "null";
        }
        if (NUMERIC.contains(type)) {
            try {
                return new BigDecimal(value.replace(",", "")).toPlainString();
            } catch (NumberFormatException e) {
                throw new ApiError(400, "BAD_REQUEST", "filter value is not a number: " + value);
            }
        }
        if ("boolean".equals(type)) {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new ApiError(400, "BAD_REQUEST", "filter value is not true or false: " + value);
            }
            return value.toLowerCase(Locale.ROOT);
        }
        if (UNQUOTED.contains(type)) {
            if (!value.matches("[0-9T:.+\\-Z]+")) {
                throw new ApiError(400, "BAD_REQUEST", "filter value is not a date: " + value);
            }
            return value;
        }
        return quoted(value);
    }

    private static String quoted(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    // ---- groups and facts ----

    /** Rows by grouping value: picklist values in picklist order, others in natural order, empty values first. */
    private static Map<JsonNode, List<ObjectNode>> group(ReportDefinition report, List<ObjectNode> rows) {
        ReportColumn by = report.groupBy();
        Map<JsonNode, List<ObjectNode>> groups = new LinkedHashMap<>();
        for (ObjectNode row : rows) {
            groups.computeIfAbsent(by.valueIn(row), value -> new ArrayList<>()).add(row);
        }
        List<String> picklist = by.field().picklistValues();
        Comparator<JsonNode> order = Comparator.comparing((JsonNode value) -> !value.isNull());
        if (!picklist.isEmpty()) {
            order = order.thenComparing(value -> {
                int at = picklist.indexOf(value.asText());
                return at < 0 ? picklist.size() : at;
            });
        }
        order = order.thenComparing((a, b) -> a.isNumber() && b.isNumber()
                ? a.decimalValue().compareTo(b.decimalValue())
                : a.asText().compareToIgnoreCase(b.asText()));
        Map<JsonNode, List<ObjectNode>> sorted = new LinkedHashMap<>();
        groups.keySet().stream().sorted(order).forEach(value -> sorted.put(value, groups.get(value)));
        return sorted;
    }

    /** Fills one fact with up to {@code room} detail rows and its aggregates; answers how many rows it took. */
    private int fact(ObjectNode fact, ReportDefinition report, List<ObjectNode> rows, int room) {
        ArrayNode detail = fact.putArray("rows");
        int taken = Math.max(0, Math.min(room, rows.size()));
        for (ObjectNode row : rows.subList(0, taken)) {
            ArrayNode cells = detail.addObject().putArray("dataCells");
            report.columns().forEach(column -> cells.add(cell(column, column.valueIn(row))));
        }
        ArrayNode aggregates = fact.putArray("aggregates");
        for (String aggregate : report.aggregates()) {
            aggregates.add(aggregate(report, aggregate, rows));
        }
        return taken;
    }

    private ObjectNode aggregate(ReportDefinition report, String aggregate, List<ObjectNode> rows) {
        ObjectNode summary = HttpAnswer.JSON.createObjectNode();
        ReportColumn column = report.aggregateColumn(aggregate, store);
        if (column == null) {
            return summary.put("label", number("#,##0").format(rows.size())).put("value", rows.size());
        }
        List<BigDecimal> values = new ArrayList<>();
        for (ObjectNode row : rows) {
            JsonNode value = column.valueIn(row);
            if (value.isNumber()) {
                values.add(value.decimalValue());
            }
        }
        String kind = aggregate.substring(0, aggregate.indexOf('!'));
        BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal result = switch (kind) {
            case "s" -> sum;
            case "a" -> values.isEmpty() ? null : sum.divide(BigDecimal.valueOf(values.size()), 2, RoundingMode.HALF_UP);
            case "m" -> values.stream().min(BigDecimal::compareTo).orElse(null);
            default -> values.stream().max(BigDecimal::compareTo).orElse(null);
        };
        if (result == null) {
            return summary.put("label", "-").putNull("value");
        }
        String type = "a".equals(kind) && "int".equals(column.field().type()) ? "double" : column.field().type();
        return summary.put("label", numberLabel(type, result)).put("value", result);
    }

    /** One data cell: the stored value, and the label an en_US user would see. */
    private static ObjectNode cell(ReportColumn column, JsonNode value) {
        ObjectNode cell = HttpAnswer.JSON.createObjectNode();
        if (value == null || value.isNull() || value.isMissingNode()) {
            return cell.put("label", "-").set("value", NullNode.instance);
        }
        String type = column.field().type();
        if (NUMERIC.contains(type) && value.isNumber()) {
            cell.put("label", numberLabel(type, value.decimalValue()));
            if ("currency".equals(type)) {
                cell.putObject("value").put("amount", value.decimalValue()).putNull("currency");
            } else {
                cell.set("value", value);
            }
            return cell;
        }
        cell.put("label", textLabel(type, value.asText()));
        cell.set("value", value);
        return cell;
    }

    private static String numberLabel(String type, BigDecimal value) {
        return switch (type) {
            case "currency" -> (value.signum() < 0 ? "-$" : "$") + number("#,##0.00").format(value.abs());
            case "percent" -> number("#,##0.##").format(value) + "%";
            case "int" -> number("#,##0").format(value);
            default -> number("#,##0.##").format(value);
        };
    }

    private static String textLabel(String type, String text) {
        try {
            if ("date".equals(type)) {
                return DATE_LABEL.format(LocalDate.parse(text));
            }
            if ("datetime".equals(type)) {
                return DATETIME_LABEL.format(OffsetDateTime.parse(text, SoqlEngine.STORED_DATETIME)
                        .withOffsetSameInstant(ZoneOffset.UTC));
            }
        } catch (DateTimeParseException e) {
            // a value the store should not hold: show it as it is rather than fail the report
            return text;
        }
        return text;
    }

    private static DecimalFormat number(String pattern) {
        // DecimalFormat is not thread-safe, so each label gets its own
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.US));
    }

    // ---- metadata ----

    private ObjectNode extendedMetadata(ReportDefinition report) {
        ObjectNode extended = HttpAnswer.JSON.createObjectNode();
        ObjectNode aggregates = extended.putObject("aggregateColumnInfo");
        for (String aggregate : report.aggregates()) {
            ReportColumn column = report.aggregateColumn(aggregate, store);
            ObjectNode info = aggregates.putObject(aggregate);
            if (column == null) {
                info.put("label", "Record Count").put("dataType", "int");
            } else {
                String kind = aggregate.substring(0, aggregate.indexOf('!'));
                String prefix = switch (kind) {
                    case "s" -> "Sum of ";
                    case "a" -> "Average ";
                    case "m" -> "Smallest ";
                    default -> "Largest ";
                };
                info.put("label", prefix + column.label()).put("dataType",
                        "a".equals(kind) && "int".equals(column.dataType()) ? "double" : column.dataType());
            }
            info.putNull("acrossGroupingContext");
            info.putNull("downGroupingContext");
        }
        ObjectNode detail = extended.putObject("detailColumnInfo");
        report.columns().forEach(column -> detail.putObject(column.name())
                .put("label", column.label())
                .put("dataType", column.dataType()));
        ObjectNode grouping = extended.putObject("groupingColumnInfo");
        if (report.groupBy() != null) {
            grouping.putObject(report.groupBy().name())
                    .put("label", report.groupBy().label())
                    .put("dataType", report.groupBy().dataType())
                    .put("groupingLevel", 0);
        }
        return extended;
    }

    private static ObjectNode typeMetadata(ReportDefinition report) {
        ObjectNode type = HttpAnswer.JSON.createObjectNode();
        ObjectNode category = type.putArray("categories").addObject();
        category.put("label", report.object().label() + " Information");
        ObjectNode columns = category.putObject("columns");
        Set<String> dataTypes = new LinkedHashSet<>();
        for (FieldDef field : report.object().fieldDefs()) {
            ReportColumn column = new ReportColumn(field.name(), List.of(), field);
            dataTypes.add(column.dataType());
            ObjectNode info = columns.putObject(field.name())
                    .put("label", field.label())
                    .put("dataType", column.dataType())
                    .put("filterable", true);
            ArrayNode values = info.putArray("filterValues");
            field.picklistValues().forEach(value -> values.addObject().put("name", value).put("label", value));
        }
        ObjectNode operators = type.putObject("dataTypeFilterOperatorMap");
        for (String dataType : dataTypes) {
            ArrayNode list = operators.putArray(dataType);
            for (String operator : OPERATOR_ORDER) {
                boolean textOnly = operator.equals("contains") || operator.equals("notContain")
                        || operator.equals("startsWith");
                boolean ordered = !operator.equals("equals") && !operator.equals("notEqual");
                if (textOnly && UNQUOTED.contains(dataType) || ordered && "boolean".equals(dataType)) {
                    continue;
                }
                list.addObject().put("name", operator).put("label", OPERATOR_LABELS.get(operator));
            }
        }
        return type;
    }
}
