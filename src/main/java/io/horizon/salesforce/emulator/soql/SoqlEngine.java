package io.horizon.salesforce.emulator.soql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.apexdevtools.apexparser.ApexLexer;
import io.github.apexdevtools.apexparser.ApexParser;
import io.github.apexdevtools.apexparser.ApexParser.DateFormulaContext;
import io.github.apexdevtools.apexparser.ApexParser.FieldExpressionContext;
import io.github.apexdevtools.apexparser.ApexParser.FieldNameContext;
import io.github.apexdevtools.apexparser.ApexParser.FieldOrderContext;
import io.github.apexdevtools.apexparser.ApexParser.FromNameListContext;
import io.github.apexdevtools.apexparser.ApexParser.QueryContext;
import io.github.apexdevtools.apexparser.ApexParser.SelectEntryContext;
import io.github.apexdevtools.apexparser.ApexParser.SignedNumberContext;
import io.github.apexdevtools.apexparser.ApexParser.SoqlFunctionContext;
import io.github.apexdevtools.apexparser.ApexParser.SoqlIdContext;
import io.github.apexdevtools.apexparser.ApexParser.ValueContext;
import io.github.apexdevtools.apexparser.ApexParser.WhereConditionalExpressionContext;
import io.github.apexdevtools.apexparser.ApexParser.WhereFieldExpressionContext;
import io.github.apexdevtools.apexparser.ApexParser.WhereLogicalExpressionContext;
import io.github.apexdevtools.apexparser.CaseInsensitiveInputStream;
import io.horizon.salesforce.emulator.SalesforceIds;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Runs SOQL queries against an {@link OrgView}: parses them with the apex-parser grammar, then filters, sorts, pages
 * and projects the org's records the way Salesforce's query resource does. Stateless apart from its clock, so one
 * instance may serve concurrent requests.
 *
 * <pre>{@code
 * SoqlEngine engine = new SoqlEngine(Clock.systemUTC());
 * SoqlResult result = engine.run("SELECT Id, Account.Name FROM Contact WHERE LastName = 'Ng'", org, false, "62.0");
 * }</pre>
 *
 * <p>Supported: one object in FROM; fields and parent paths (also polymorphic ones) in SELECT, WHERE and ORDER BY;
 * AND, OR, NOT; {@code = != <> < <= > >= LIKE IN NOT IN}; string, number, boolean, null, date, datetime and the
 * common relative date literals (UTC, weeks start on Sunday); LIMIT, OFFSET and {@code COUNT()}. Everything else the
 * grammar knows (subqueries, GROUP BY, other functions, TYPEOF, FIELDS(), bind variables) is refused with
 * {@code MALFORMED_QUERY}.
 */
public final class SoqlEngine {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;


    // an error echoes a query line whole up to this many characters, a window of EXCERPT characters beyond that
    private static final int WHOLE_LINE = 120;
    private static final int EXCERPT = 80;

    /** How the org stores and answers datetimes: ISO date and time, optional fraction, offset with or without colon. */
    public static final DateTimeFormatter STORED_DATETIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private final Clock clock;

    /** Relative date literals such as {@code TODAY} are computed from this clock, in UTC. */
    public SoqlEngine(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs one query. Deleted records take part only when {@code includeDeleted} (queryAll); {@code apiVersion}, such
     * as {@code 62.0}, goes into each row's {@code attributes.url}.
     *
     * @throws SoqlException with MALFORMED_QUERY, INVALID_TYPE or INVALID_FIELD when Salesforce would refuse the query
     */
    public SoqlResult run(String soql, OrgView org, boolean includeDeleted, String apiVersion) {
        QueryContext query = parse(soql);
        return new Evaluation(soql, org, apiVersion).run(query, includeDeleted);
    }

    private static QueryContext parse(String soql) {
        BaseErrorListener thrower = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column, String msg,
                    RecognitionException e) {
                String text = soql.lines().skip(line - 1L).findFirst().orElse("");
                String found = offending instanceof Token token
                        ? describe(token)
                        : column < text.length() ? "'" + text.charAt(column) + "'" : "<EOF>";
                throw error("MALFORMED_QUERY", soql, line, column, "unexpected token: " + found);
            }
        };
        ApexLexer lexer = new ApexLexer(new CaseInsensitiveInputStream(CharStreams.fromString(maskLikeEscapes(soql))));
        lexer.removeErrorListeners();
        lexer.addErrorListener(thrower);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        ApexParser parser = new ApexParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(thrower);

        QueryContext query = parser.query();

        // query() stops at the first token it cannot use, so leftovers such as "a = 1 AND b = 2 OR c = 3" end here
        Token next = tokens.LT(1);
        if (next.getType() != Token.EOF) {
            throw error("MALFORMED_QUERY", soql, next, "unexpected token: " + describe(next));
        }
        return query;
    }

    /**
     * The Apex lexer knows no {@code \%} or {@code \_} escape, which SOQL allows in LIKE patterns. Inside string
     * literals they are swapped for {@code \\}, which has the same length, so token positions still point into the
     * original text, from which literal values are read.
     */
    private static String maskLikeEscapes(String soql) {
        StringBuilder masked = new StringBuilder(soql);
        boolean inString = false;
        for (int i = 0; i < soql.length(); i++) {
            char c = soql.charAt(i);
            if (inString && c == '\\' && i + 1 < soql.length()) {
                char escaped = soql.charAt(i + 1);
                if (escaped == '%' || escaped == '_') {
                    masked.setCharAt(i + 1, '\\');
                }
                i++;
            } else if (c == '\'') {
                inString = !inString;
            }
        }
        return masked.toString();
    }

    private static String describe(Token token) {
        return token.getType() == Token.EOF ? "<EOF>" : "'" + token.getText() + "'";
    }

    private static SoqlException error(String code, String soql, Token at, String message) {
        return error(code, soql, at.getLine(), at.getCharPositionInLine(), message);
    }

    /**
     * Salesforce's shape: the query line (or, when it is long, a window around the problem), a caret under the
     * problem, the 1-based position and the reason. ANTLR counts columns in code points, so an emoji counts once.
     */
    private static SoqlException error(String code, String soql, int line, int column, String message) {
        String text = soql.lines().skip(Math.max(0, line - 1L)).findFirst().orElse("");
        int length = text.codePointCount(0, text.length());
        int from = length <= WHOLE_LINE ? 0 : Math.max(0, Math.min(column - EXCERPT / 2, length - EXCERPT));
        int to = length <= WHOLE_LINE ? length : Math.min(length, from + EXCERPT);
        String excerpt = text.substring(text.offsetByCodePoints(0, from), text.offsetByCodePoints(0, to));
        String caret = " ".repeat(Math.max(0, column - from)) + "^";
        return new SoqlException(code,
                excerpt + "\n" + caret + "\nERROR at Row:" + line + ":Column:" + (column + 1) + "\n" + message);
    }

    /** The 18-character form of a 15-character id; other values are returned unchanged. */
    private static String to18(String id) {
        return id.length() == 15 ? SalesforceIds.to18(id) : id;
    }

    private static Instant parseDateTime(String text) {
        return OffsetDateTime.parse(text, STORED_DATETIME).toInstant();
    }

    /** How values of a Salesforce field type compare. */
    private enum Family {
        TEXT, ID, NUMBER, BOOLEAN, DATE, DATETIME;

        static Family of(String fieldType) {
            return switch (fieldType == null ? "" : fieldType) {
                case "id", "reference" -> ID;
                case "int", "double", "currency", "percent" -> NUMBER;
                case "boolean" -> BOOLEAN;
                case "date" -> DATE;
                case "datetime" -> DATETIME;
                default -> TEXT;
            };
        }
    }

    private enum Kind { NULL, STRING, NUMBER, BOOLEAN, DATE, DATETIME, DAYS, LIST }

    /**
     * A value from the query. {@code DAYS} is a relative date literal as the days {@code [from, to)}; {@code raw}
     * keeps a string's text between the quotes, still escaped, for LIKE.
     */
    private record Literal(Kind kind, Object value, String raw, Token at) {
    }

    private record DayRange(LocalDate from, LocalDate to) {
    }

    /** An operand that is a span, matched by {@code =} when the value falls in {@code [from, to)}. */
    private record Span(Comparable<Object> from, Comparable<Object> to) {
    }

    /** A field as written: relationship hops from the queried object, then the field name. */
    private record FieldPath(List<String> hops, String field, String text, Token at) {
    }

    /** A field's value on one record (null when empty or when a parent on the path is missing) and its type. */
    private record Resolved(JsonNode value, String type) {
    }

    private record OrderItem(FieldPath path, boolean descending, boolean nullsFirst) {
    }

    /** One query against one org: the parse tree walked into a filter, a sort order and a projection. */
    private final class Evaluation {

        private final String soql;
        private final OrgView org;
        private final String apiVersion;

        Evaluation(String soql, OrgView org, String apiVersion) {
            this.soql = soql;
            this.org = org;
            this.apiVersion = apiVersion;
        }

        SoqlResult run(QueryContext query, boolean includeDeleted) {
            refuseUnsupportedClauses(query);
            ObjectMeta object = fromObject(query.fromNameList());

            boolean count = false;
            List<FieldPath> selected = new ArrayList<>();
            for (SelectEntryContext entry : query.selectList().selectEntry()) {
                if (isCountAll(entry)) {
                    count = true;
                } else {
                    selected.add(selectedField(entry));
                }
            }
            if (count && !selected.isEmpty()) {
                throw malformed(selected.get(0).at(), "COUNT() must be the only entry in the select list");
            }
            for (FieldPath path : selected) {
                staticType(object, path);
            }
            Predicate<ObjectNode> filter = query.whereClause() == null
                    ? record -> true
                    : where(object, query.whereClause().whereLogicalExpression());
            Comparator<ObjectNode> order = query.orderByClause() == null
                    ? null
                    : order(object, query.orderByClause().fieldOrderList().fieldOrder());
            int offset = query.offsetClause() == null ? 0 : integer(query.offsetClause().IntegerLiteral(),
                    query.offsetClause().getStart(), "OFFSET");
            int limit = query.limitClause() == null ? Integer.MAX_VALUE : integer(query.limitClause().IntegerLiteral(),
                    query.limitClause().getStart(), "LIMIT");

            List<ObjectNode> matching = new ArrayList<>();
            for (ObjectNode record : object.records(includeDeleted)) {
                if (filter.test(record)) {
                    matching.add(record);
                }
            }
            if (order != null) {
                matching.sort(order);
            }
            List<ObjectNode> page = matching.subList(Math.min(offset, matching.size()),
                    (int) Math.min(matching.size(), (long) offset + limit));

            if (count) {
                return new SoqlResult(page.size(), List.of());
            }
            List<ObjectNode> rows = new ArrayList<>(page.size());
            for (ObjectNode record : page) {
                rows.add(project(object, record, selected));
            }
            return new SoqlResult(rows.size(), rows);
        }

        private void refuseUnsupportedClauses(QueryContext query) {
            if (query.usingScope() != null) {
                throw malformed(query.usingScope().getStart(), "USING SCOPE is not supported");
            }
            if (query.withClause() != null) {
                throw malformed(query.withClause().getStart(), "WITH clauses are not supported");
            }
            if (query.groupByClause() != null) {
                throw malformed(query.groupByClause().getStart(), "GROUP BY is not supported");
            }
            if (query.allRowsClause() != null) {
                throw malformed(query.allRowsClause().getStart(), "ALL ROWS is not supported, use queryAll");
            }
            if (query.UPDATE() != null) {
                throw malformed(query.UPDATE().getSymbol(), "UPDATE TRACKING and UPDATE VIEWSTAT are not supported");
            }
            if (query.forClauses() != null && query.forClauses().getChildCount() > 0) {
                throw malformed(query.forClauses().getStart(), "FOR VIEW, REFERENCE and UPDATE are not supported");
            }
            if (query.limitClause() != null && query.limitClause().boundExpression() != null
                    || query.offsetClause() != null && query.offsetClause().boundExpression() != null) {
                throw malformed(query.getStart(), "bind variables are not supported");
            }
        }

        private ObjectMeta fromObject(FromNameListContext from) {
            if (from.fieldName().size() > 1) {
                throw malformed(from.fieldName(1).getStart(), "only one object is supported in FROM");
            }
            if (!from.soqlId().isEmpty()) {
                Token alias = from.soqlId(0).getStart();
                // the grammar lets keywords be aliases, so "FROM Account WHERE" with nothing after it lands here
                throw malformed(alias, alias.getType() == ApexLexer.Identifier
                        ? "aliases are not supported"
                        : "unexpected token: " + describe(alias));
            }
            FieldNameContext name = from.fieldName(0);
            ObjectMeta object = org.object(name.getText());
            if (name.soqlId().size() > 1 || object == null) {
                throw error("INVALID_TYPE", soql, name.getStart(), "sObject type '" + name.getText()
                        + "' is not supported. Custom object names end in '__c'; check describeGlobal for the names.");
            }
            return object;
        }

        private boolean isCountAll(SelectEntryContext entry) {
            SoqlFunctionContext function = entry.soqlFunction();
            return function != null && function.COUNT() != null && function.fieldName() == null;
        }

        private FieldPath selectedField(SelectEntryContext entry) {
            if (entry.subQuery() != null) {
                throw malformed(entry.getStart(), "subqueries are not supported");
            }
            if (entry.typeOf() != null) {
                throw malformed(entry.getStart(), "TYPEOF is not supported");
            }
            if (entry.soqlFunction() != null) {
                throw unsupportedFunction(entry.soqlFunction());
            }
            if (entry.soqlId() != null) {
                throw malformed(entry.soqlId().getStart(), "aliases are not supported");
            }
            return path(entry.fieldName());
        }

        private SoqlException unsupportedFunction(SoqlFunctionContext function) {
            String name = function.getStart().getText().toUpperCase(Locale.ROOT);
            if (function.FIELDS() != null) {
                return malformed(function.getStart(), "FIELDS() is not supported, select the fields by name");
            }
            boolean aggregate = function.AVG() != null || function.COUNT() != null
                    || function.COUNT_DISTINCT() != null || function.MIN() != null || function.MAX() != null
                    || function.SUM() != null;
            // the call as written (COUNT(Id)), so the refusal does not read as if COUNT() itself were refused
            String call = name + function.getText().substring(name.length());
            return malformed(function.getStart(), aggregate
                    ? "aggregate function " + call + " is not supported; only COUNT() is"
                    : "function " + name + "() is not supported");
        }

        private FieldPath path(FieldNameContext name) {
            List<String> parts = new ArrayList<>();
            for (SoqlIdContext id : name.soqlId()) {
                parts.add(id.getText());
            }
            return new FieldPath(List.copyOf(parts.subList(0, parts.size() - 1)), parts.get(parts.size() - 1),
                    name.getText(), name.getStart());
        }

        /**
         * Checks a path before any record is read and returns the type of its field, or null when the object at the
         * end of the path is only known per record. {@link ObjectMeta} does not say which object a reference points
         * to, so a hop is followed here only when its relationship is named after an object ({@code Account}) or is
         * the {@code __r} form of a custom one; polymorphic hops ({@code Owner}, {@code What}) are checked per record.
         */
        private String staticType(ObjectMeta object, FieldPath path) {
            ObjectMeta current = object;
            for (String hop : path.hops()) {
                String reference = current.relationshipField(hop);
                if (reference == null) {
                    throw unknownRelationship(path, hop);
                }
                current = likelyTarget(current, reference);
                if (current == null) {
                    return null;
                }
            }
            return fieldType(current, canonicalField(current, path));
        }

        private ObjectMeta likelyTarget(ObjectMeta object, String reference) {
            String relationship = object.relationshipName(reference);
            if (relationship == null) {
                return null;
            }
            ObjectMeta target = org.object(relationship);
            if (target == null && relationship.toLowerCase(Locale.ROOT).endsWith("__r")) {
                target = org.object(relationship.substring(0, relationship.length() - 3) + "__c");
            }
            return target;
        }

        private String canonicalField(ObjectMeta object, FieldPath path) {
            String name = path.field();
            String canonical = object.field(name);
            if (canonical == null && name.equalsIgnoreCase("Id")) {
                canonical = "Id";
            }
            if (canonical == null && name.equalsIgnoreCase("IsDeleted")) {
                canonical = "IsDeleted";
            }
            if (canonical == null) {
                throw error("INVALID_FIELD", soql, path.at(), "No such column '" + name + "' on entity '"
                        + object.name() + "'. Custom field names end in '__c'; check the describe for the names.");
            }
            return canonical;
        }

        private String fieldType(ObjectMeta object, String canonicalField) {
            String type = object.fieldType(canonicalField);
            if (type != null) {
                return type;
            }
            return switch (canonicalField) {
                case "Id" -> "id";
                case "IsDeleted" -> "boolean";
                default -> "string";
            };
        }

        private SoqlException unknownRelationship(FieldPath path, String hop) {
            return error("INVALID_FIELD", soql, path.at(), "Didn't understand relationship '" + hop
                    + "' in field path. Custom relationship names end in '__r'; check the describe for the names.");
        }

        /** Follows a path on one record; a missing parent gives a null value rather than an error, as in Salesforce. */
        private Resolved resolve(ObjectMeta object, ObjectNode record, FieldPath path) {
            ObjectMeta current = object;
            ObjectNode row = record;
            for (String hop : path.hops()) {
                String reference = current.relationshipField(hop);
                if (reference == null) {
                    throw unknownRelationship(path, hop);
                }
                ObjectNode parent = parent(row, reference);
                if (parent == null) {
                    return new Resolved(null, null);
                }
                current = org.object(org.typeOf(parent.path("Id").asText()));
                row = parent;
            }
            String field = canonicalField(current, path);
            JsonNode value = row.get(field);
            return new Resolved(value == null || value.isNull() ? null : value, fieldType(current, field));
        }

        private ObjectNode parent(ObjectNode row, String reference) {
            JsonNode id = row.get(reference);
            if (id == null || id.isNull() || id.asText().isEmpty()) {
                return null;
            }
            String type = org.typeOf(id.asText());
            if (type == null || org.object(type) == null) {
                return null;
            }
            return org.record(id.asText());
        }

        private Predicate<ObjectNode> where(ObjectMeta object, WhereLogicalExpressionContext logical) {
            List<Predicate<ObjectNode>> parts = new ArrayList<>();
            for (WhereConditionalExpressionContext conditional : logical.whereConditionalExpression()) {
                parts.add(conditional.whereLogicalExpression() != null
                        ? where(object, conditional.whereLogicalExpression())
                        : comparison(object, conditional.whereFieldExpression()));
            }
            if (logical.NOT() != null) {
                return parts.get(0).negate();
            }
            if (!logical.SOQLOR().isEmpty()) {
                return record -> parts.stream().anyMatch(part -> part.test(record));
            }
            return record -> parts.stream().allMatch(part -> part.test(record));
        }

        private Predicate<ObjectNode> comparison(ObjectMeta object, WhereFieldExpressionContext expression) {
            if (expression.FORMULA() != null) {
                throw malformed(expression.getStart(), "FORMULA() is not supported");
            }
            FieldExpressionContext field = expression.fieldExpression();
            if (field.soqlFunction() != null) {
                throw unsupportedFunction(field.soqlFunction());
            }
            FieldPath path = path(field.fieldName());
            String operator = field.comparisonOperator().getText().toLowerCase(Locale.ROOT);
            Literal literal = literal(field.value());
            String type = staticType(object, path);
            if (type != null) {
                check(operator, Family.of(type), literal, path);
            }
            Pattern like = literal.kind() == Kind.STRING ? likePattern(literal.raw()) : null;

            return record -> {
                Resolved resolved = resolve(object, record, path);
                if (resolved.value() != null) {
                    check(operator, Family.of(resolved.type()), literal, path);
                }
                return matches(operator, resolved, literal, like, path);
            };
        }

        /** Refuses operator and operand combinations Salesforce refuses, so a bad filter fails even on empty data. */
        private void check(String operator, Family family, Literal literal, FieldPath path) {
            switch (operator) {
                case "in", "notin" -> {
                    if (literal.kind() != Kind.LIST) {
                        throw malformed(literal.at(), "IN and NOT IN need a parenthesised list of values");
                    }
                    for (Object element : (List<?>) literal.value()) {
                        Literal item = (Literal) element;
                        if (item.kind() != Kind.NULL) {
                            operand(family, item, path);
                        }
                    }
                }
                case "like" -> {
                    if (family != Family.TEXT && family != Family.ID || literal.kind() != Kind.STRING) {
                        throw error("INVALID_FIELD", soql, path.at(),
                                "LIKE needs a text field and a quoted pattern: " + path.text());
                    }
                }
                default -> {
                    if (literal.kind() == Kind.LIST) {
                        throw malformed(literal.at(), "a list of values needs IN or NOT IN");
                    }
                    if (literal.kind() != Kind.NULL) {
                        operand(family, literal, path);
                    }
                }
            }
        }

        private boolean matches(String operator, Resolved resolved, Literal literal, Pattern like, FieldPath path) {
            JsonNode value = resolved.value();
            switch (operator) {
                case "in":
                    return anyEquals(resolved, literal, path);
                case "notin":
                    return (value == null || comparable(Family.of(resolved.type()), value) != null)
                            && !anyEquals(resolved, literal, path);
                case "like":
                    return value != null && value.isValueNode() && like.matcher(value.asText()).matches();
                default:
                    break;
            }
            boolean notEqual = operator.equals("!=") || operator.equals("<>");
            if (literal.kind() == Kind.NULL) {
                return operator.equals("=") ? value == null : notEqual && value != null;
            }
            if (value == null) {
                return notEqual;
            }
            Integer position = position(resolved, literal, path);
            if (position == null) {
                return false;
            }
            return switch (operator) {
                case "=" -> position == 0;
                case "<" -> position < 0;
                case "<=" -> position <= 0;
                case ">" -> position > 0;
                case ">=" -> position >= 0;
                default -> position != 0;
            };
        }

        private boolean anyEquals(Resolved resolved, Literal list, FieldPath path) {
            for (Object element : (List<?>) list.value()) {
                Literal item = (Literal) element;
                if (item.kind() == Kind.NULL ? resolved.value() == null
                        : resolved.value() != null && Objects.equals(position(resolved, item, path), 0)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Where a stored value lies against an operand: below it, in it (or equal to it), or above it; null when the
         * value cannot be read as its field's type, which then matches no comparison.
         */
        private Integer position(Resolved resolved, Literal literal, FieldPath path) {
            Family family = Family.of(resolved.type());
            Comparable<Object> value = comparable(family, resolved.value());
            Object operand = operand(family, literal, path);
            if (value == null) {
                return null;
            }
            if (operand instanceof Span span) {
                if (value.compareTo(span.from()) < 0) {
                    return -1;
                }
                return value.compareTo(span.to()) >= 0 ? 1 : 0;
            }
            return Integer.signum(value.compareTo(operand));
        }

        /** A literal as a value of the field's family, or INVALID_FIELD when Salesforce would refuse the pairing. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        private Object operand(Family family, Literal literal, FieldPath path) {
            Object value = literal.value();
            Object operand = switch (family) {
                case TEXT -> literal.kind() == Kind.STRING ? ((String) value).toLowerCase(Locale.ROOT) : null;
                case ID -> literal.kind() == Kind.STRING ? to18((String) value) : null;
                case NUMBER -> literal.kind() == Kind.NUMBER ? value : null;
                case BOOLEAN -> literal.kind() == Kind.BOOLEAN ? value : null;
                case DATE -> switch (literal.kind()) {
                    case DATE -> value;
                    case DAYS -> new Span((Comparable) ((DayRange) value).from(), (Comparable) ((DayRange) value).to());
                    default -> null;
                };
                case DATETIME -> switch (literal.kind()) {
                    case DATETIME -> value;
                    case DAYS -> new Span((Comparable) startOf(((DayRange) value).from()),
                            (Comparable) startOf(((DayRange) value).to()));
                    default -> null;
                };
            };
            if (operand == null) {
                String expected = switch (family) {
                    case TEXT -> "string";
                    case ID -> "id";
                    case NUMBER -> "double";
                    case BOOLEAN -> "boolean";
                    case DATE -> "date";
                    case DATETIME -> "dateTime";
                };
                boolean quoted = family == Family.TEXT || family == Family.ID;
                throw error("INVALID_FIELD", soql, literal.at(), "value of filter criterion for field '" + path.text()
                        + "' must be of type " + expected + " and should " + (quoted ? "" : "not ")
                        + "be enclosed in quotes");
            }
            return operand;
        }

        private Instant startOf(LocalDate day) {
            return day.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        /**
         * A stored value as the Java type its family compares with, the same type for every value of a family; null
         * when the value cannot be read so (an object, or text that is no number or date), because an org may hold
         * values its store should have refused and a query must not fail on them.
         */
        @SuppressWarnings("unchecked")
        private Comparable<Object> comparable(Family family, JsonNode value) {
            if (!value.isValueNode()) {
                return null;
            }
            String text = value.asText();
            try {
                Comparable<?> comparable = switch (family) {
                    case TEXT -> text.toLowerCase(Locale.ROOT);
                    case ID -> text;
                    case NUMBER -> value.isNumber() ? value.decimalValue()
                            : value.isTextual() ? new BigDecimal(text.strip()) : null;
                    case BOOLEAN -> value.isBoolean() ? (Boolean) value.booleanValue()
                            : text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")
                                    ? (Boolean) Boolean.parseBoolean(text.toLowerCase(Locale.ROOT)) : null;
                    case DATE -> value.isTextual() ? LocalDate.parse(text.substring(0, Math.min(10, text.length())))
                            : null;
                    case DATETIME -> value.isTextual() ? parseDateTime(text) : null;
                };
                return (Comparable<Object>) comparable;
            } catch (NumberFormatException | DateTimeParseException e) {
                return null;
            }
        }

        private Literal literal(ValueContext value) {
            Token at = value.getStart();
            if (value.NULL() != null) {
                return new Literal(Kind.NULL, null, null, at);
            }
            if (value.BooleanLiteral() != null) {
                return new Literal(Kind.BOOLEAN, Boolean.parseBoolean(at.getText().toLowerCase(Locale.ROOT)), null, at);
            }
            if (value.signedNumber() != null) {
                return new Literal(Kind.NUMBER, number(value.signedNumber()), null, at);
            }
            if (value.StringLiteral() != null) {
                Token token = value.StringLiteral().getSymbol();
                // read from the query itself: the lexer saw a copy with LIKE escapes masked; its indexes count code
                // points, so an emoji before the literal shifts the String offsets
                String raw = soql.substring(soql.offsetByCodePoints(0, token.getStartIndex() + 1),
                        soql.offsetByCodePoints(0, token.getStopIndex()));
                return new Literal(Kind.STRING, unescape(raw, at), raw, at);
            }
            if (value.DateLiteral() != null) {
                return new Literal(Kind.DATE, LocalDate.parse(at.getText()), null, at);
            }
            if (value.DateTimeLiteral() != null) {
                try {
                    return new Literal(Kind.DATETIME, parseDateTime(at.getText()), null, at);
                } catch (DateTimeParseException e) {
                    throw malformed(at, "invalid dateTime: " + at.getText());
                }
            }
            if (value.dateFormula() != null) {
                return new Literal(Kind.DAYS, days(value.dateFormula()), null, at);
            }
            if (value.valueList() != null) {
                List<Literal> items = new ArrayList<>();
                for (ValueContext item : value.valueList().value()) {
                    Literal literal = literal(item);
                    if (literal.kind() == Kind.LIST) {
                        throw malformed(item.getStart(), "lists cannot be nested");
                    }
                    items.add(literal);
                }
                return new Literal(Kind.LIST, List.copyOf(items), null, at);
            }
            if (value.subQuery() != null) {
                throw malformed(at, "subqueries are not supported");
            }
            if (value.boundExpression() != null) {
                throw malformed(at, "bind variables are not supported");
            }
            throw malformed(at, "this kind of value is not supported: " + value.getText());
        }

        private BigDecimal number(SignedNumberContext number) {
            String digits = (number.IntegerLiteral() != null ? number.IntegerLiteral() : number.NumberLiteral())
                    .getText();
            if (digits.endsWith("d") || digits.endsWith("D")) {
                throw malformed(number.getStart(), "invalid number: " + number.getText());
            }
            BigDecimal value = new BigDecimal(digits);
            return number.SUB() != null ? value.negate() : value;
        }

        private String unescape(String raw, Token at) {
            StringBuilder text = new StringBuilder(raw.length());
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c != '\\') {
                    text.append(c);
                    continue;
                }
                char escaped = raw.charAt(++i);
                switch (escaped) {
                    case 'n' -> text.append('\n');
                    case 't' -> text.append('\t');
                    case 'r' -> text.append('\r');
                    case 'b' -> text.append('\b');
                    case 'f' -> text.append('\f');
                    case 'u' -> {
                        text.append(unicode(raw, i + 1, at));
                        i += 4;
                    }
                    case '\'', '"', '\\', '%', '_' -> text.append(escaped);
                    default -> throw malformed(at, "invalid escape sequence: \\" + escaped);
                }
            }
            return text.toString();
        }

        private char unicode(String raw, int from, Token at) {
            try {
                return (char) Integer.parseInt(raw.substring(from, from + 4), 16);
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                throw malformed(at, "invalid unicode escape in " + raw);
            }
        }

        /** A LIKE pattern: {@code %} any run, {@code _} any one character, escapes literal; case-insensitive. */
        private Pattern likePattern(String raw) {
            StringBuilder regex = new StringBuilder();
            StringBuilder plain = new StringBuilder();
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '%' || c == '_') {
                    regex.append(Pattern.quote(plain.toString())).append(c == '%' ? ".*" : ".");
                    plain.setLength(0);
                } else if (c == '\\') {
                    int end = raw.charAt(i + 1) == 'u' ? i + 6 : i + 2;
                    plain.append(unescape(raw.substring(i, end), null));
                    i = end - 1;
                } else {
                    plain.append(c);
                }
            }
            regex.append(Pattern.quote(plain.toString()));
            return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
        }

        /** A relative date literal as the UTC days it covers; weeks start on Sunday, as in the en_US locale. */
        private DayRange days(DateFormulaContext formula) {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            LocalDate week = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
            LocalDate month = today.withDayOfMonth(1);
            LocalDate year = today.withDayOfYear(1);
            int n = formula.signedInteger() == null ? 0 : Integer.parseInt(formula.signedInteger().getText());
            if (formula.signedInteger() != null && n < 0) {
                throw malformed(formula.signedInteger().getStart(), "a date literal needs a positive number of days");
            }
            String name = formula.getStart().getText().toUpperCase(Locale.ROOT);
            return switch (name) {
                case "TODAY" -> new DayRange(today, today.plusDays(1));
                case "YESTERDAY" -> new DayRange(today.minusDays(1), today);
                case "TOMORROW" -> new DayRange(today.plusDays(1), today.plusDays(2));
                case "LAST_WEEK" -> new DayRange(week.minusWeeks(1), week);
                case "THIS_WEEK" -> new DayRange(week, week.plusWeeks(1));
                case "NEXT_WEEK" -> new DayRange(week.plusWeeks(1), week.plusWeeks(2));
                case "LAST_MONTH" -> new DayRange(month.minusMonths(1), month);
                case "THIS_MONTH" -> new DayRange(month, month.plusMonths(1));
                case "NEXT_MONTH" -> new DayRange(month.plusMonths(1), month.plusMonths(2));
                case "LAST_YEAR" -> new DayRange(year.minusYears(1), year);
                case "THIS_YEAR" -> new DayRange(year, year.plusYears(1));
                case "NEXT_YEAR" -> new DayRange(year.plusYears(1), year.plusYears(2));
                // the past days include today; the coming days start tomorrow
                case "LAST_90_DAYS" -> new DayRange(today.minusDays(90), today.plusDays(1));
                case "NEXT_90_DAYS" -> new DayRange(today.plusDays(1), today.plusDays(91));
                case "LAST_N_DAYS" -> new DayRange(today.minusDays(n), today.plusDays(1));
                case "NEXT_N_DAYS" -> new DayRange(today.plusDays(1), today.plusDays(n + 1L));
                case "N_DAYS_AGO" -> new DayRange(today.minusDays(n), today.minusDays(n - 1L));
                default -> throw malformed(formula.getStart(), "date literal " + name + " is not supported");
            };
        }

        private Comparator<ObjectNode> order(ObjectMeta object, List<FieldOrderContext> items) {
            List<OrderItem> order = new ArrayList<>();
            for (FieldOrderContext item : items) {
                if (item.soqlFunction() != null) {
                    throw unsupportedFunction(item.soqlFunction());
                }
                FieldPath path = path(item.fieldName());
                staticType(object, path);
                boolean descending = item.DESC() != null;
                boolean nullsFirst = item.NULLS() == null ? !descending : item.FIRST() != null;
                order.add(new OrderItem(path, descending, nullsFirst));
            }
            return (left, right) -> {
                for (OrderItem item : order) {
                    int result = compare(item, resolve(object, left, item.path()), resolve(object, right, item.path()));
                    if (result != 0) {
                        return result;
                    }
                }
                return 0;
            };
        }

        /** Nulls where NULLS FIRST or LAST puts them; values that cannot be read as their field's type come last. */
        private int compare(OrderItem item, Resolved left, Resolved right) {
            Family leftFamily = Family.of(left.type());
            Family rightFamily = Family.of(right.type());
            // a polymorphic path can reach fields of different types; those sort as text
            if (left.value() != null && right.value() != null && leftFamily != rightFamily) {
                leftFamily = Family.TEXT;
                rightFamily = Family.TEXT;
            }
            Comparable<Object> leftValue = left.value() == null ? null : comparable(leftFamily, left.value());
            Comparable<Object> rightValue = right.value() == null ? null : comparable(rightFamily, right.value());
            boolean leftUnreadable = left.value() != null && leftValue == null;
            boolean rightUnreadable = right.value() != null && rightValue == null;
            if (leftUnreadable || rightUnreadable) {
                return Boolean.compare(leftUnreadable, rightUnreadable);
            }
            if (leftValue == null || rightValue == null) {
                if (leftValue == rightValue) {
                    return 0;
                }
                return (leftValue == null) == item.nullsFirst() ? -1 : 1;
            }
            int result = leftValue.compareTo(rightValue);
            return item.descending() ? -result : result;
        }

        private int integer(TerminalNode literal, Token at, String clause) {
            try {
                return Integer.parseInt(literal.getText());
            } catch (NumberFormatException e) {
                throw malformed(at, clause + " is too large: " + literal.getText());
            }
        }

        private ObjectNode project(ObjectMeta object, ObjectNode record, List<FieldPath> selected) {
            ObjectNode row = JSON.objectNode();
            row.set("attributes", attributes(object.name(), record.path("Id").asText()));
            for (FieldPath path : selected) {
                put(row, object, record, path, 0);
            }
            return row;
        }

        /** Copies one selected path into a row, nesting a parent object (or null) for each relationship hop. */
        private void put(ObjectNode target, ObjectMeta object, ObjectNode record, FieldPath path, int hop) {
            if (hop == path.hops().size()) {
                String field = canonicalField(object, path);
                JsonNode value = record.get(field);
                target.set(field, value == null ? JSON.nullNode() : value.deepCopy());
                return;
            }
            String reference = object.relationshipField(path.hops().get(hop));
            if (reference == null) {
                throw unknownRelationship(path, path.hops().get(hop));
            }
            String relationship = Objects.requireNonNullElse(object.relationshipName(reference), path.hops().get(hop));
            JsonNode existing = target.get(relationship);
            if (existing != null && existing.isNull()) {
                return;
            }
            ObjectNode parent = parent(record, reference);
            if (parent == null) {
                target.putNull(relationship);
                return;
            }
            String id = parent.path("Id").asText();
            ObjectMeta parentObject = org.object(org.typeOf(id));
            ObjectNode nested = (ObjectNode) existing;
            if (nested == null) {
                nested = target.putObject(relationship);
                nested.set("attributes", attributes(parentObject.name(), id));
            }
            put(nested, parentObject, parent, path, hop + 1);
        }

        private ObjectNode attributes(String type, String id) {
            ObjectNode attributes = JSON.objectNode();
            attributes.put("type", type);
            attributes.put("url", "/services/data/v" + apiVersion + "/sobjects/" + type + "/" + id);
            return attributes;
        }

        private SoqlException malformed(Token at, String message) {
            return error("MALFORMED_QUERY", soql, at, message);
        }
    }
}
