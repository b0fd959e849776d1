package io.horizon.salesforce.emulator;

import io.github.apexdevtools.apexparser.ApexLexer;
import io.github.apexdevtools.apexparser.ApexParser;
import io.github.apexdevtools.apexparser.ApexParser.FieldSpecContext;
import io.github.apexdevtools.apexparser.ApexParser.FieldSpecListContext;
import io.github.apexdevtools.apexparser.ApexParser.LimitClauseContext;
import io.github.apexdevtools.apexparser.ApexParser.OffsetClauseContext;
import io.github.apexdevtools.apexparser.ApexParser.SearchGroupContext;
import io.github.apexdevtools.apexparser.ApexParser.SoslClausesContext;
import io.github.apexdevtools.apexparser.ApexParser.SoslLiteralAltContext;
import io.github.apexdevtools.apexparser.CaseInsensitiveInputStream;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * A parsed SOSL search: {@code FIND {term} [IN ALL|NAME|EMAIL|PHONE FIELDS] [RETURNING Object[(fields [WHERE ...]
 * [ORDER BY ...] [LIMIT n] [OFFSET n])], ...] [LIMIT n]}. Parsed with the apex-parser grammar, whose SOSL rule
 * ({@code soslLiteralAlt}) expects the Apex form in square brackets, so the REST text is wrapped in them. WITH clauses,
 * UPDATE, USING LISTVIEW and bind variables are refused.
 *
 * @param term the text between the braces, as written
 * @param group ALL, NAME, EMAIL or PHONE
 * @param returning the objects to search, or empty for the default ones
 * @param limit the most records in all, or null
 */
record SoslQuery(String term, String group, List<Returning> returning, Integer limit) {

    /**
     * One object of RETURNING; the texts are SOQL fragments cut from the search as written.
     *
     * @param fields the field list, or null for none (only {@code Id} and {@code attributes} come back)
     */
    record Returning(String object, String fields, String where, String orderBy, Integer limit, Integer offset) {
    }

    /**
     * Parses a search as the REST {@code search/?q=} parameter carries it.
     *
     * @throws ApiError 400 MALFORMED_SEARCH when the text is no search of the supported form
     */
    static SoslQuery parse(String sosl) {
        String source = "[" + sosl + "]";
        BaseErrorListener thrower = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column, String msg,
                    RecognitionException e) {
                String found = offending instanceof Token token ? token.getText() : "";
                throw malformed("unexpected token: '" + found.replaceFirst("^\\[", "") + "'");
            }
        };
        ApexLexer lexer = new ApexLexer(new CaseInsensitiveInputStream(CharStreams.fromString(source)));
        lexer.removeErrorListeners();
        lexer.addErrorListener(thrower);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        ApexParser parser = new ApexParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(thrower);

        SoslLiteralAltContext literal = parser.soslLiteralAlt();

        if (tokens.LT(1).getType() != Token.EOF || literal.FindLiteralAlt() == null) {
            throw malformed("unexpected token: '" + tokens.LT(1).getText() + "'");
        }
        String find = literal.FindLiteralAlt().getText();
        String term = find.substring(find.indexOf('{') + 1, find.lastIndexOf('}'));
        SoslClausesContext clauses = literal.soslClauses();
        if (!clauses.soslWithClause().isEmpty() || clauses.UPDATE() != null) {
            throw malformed("WITH and UPDATE are not supported by the emulator");
        }
        List<Returning> returning = new ArrayList<>();
        for (FieldSpecListContext list = clauses.fieldSpecList(); list != null; ) {
            returning.add(returning(source, list.fieldSpec()));
            list = list.fieldSpecList().isEmpty() ? null : list.fieldSpecList(0);
        }
        return new SoslQuery(term, group(clauses.searchGroup()), List.copyOf(returning), limit(clauses.limitClause()));
    }

    private static String group(SearchGroupContext group) {
        if (group == null || group.ALL() != null) {
            return "ALL";
        }
        if (group.NAME() != null) {
            return "NAME";
        }
        if (group.EMAIL() != null) {
            return "EMAIL";
        }
        if (group.PHONE() != null) {
            return "PHONE";
        }
        throw malformed("IN " + group.getText() + " is not supported by the emulator");
    }

    private static Returning returning(String source, FieldSpecContext spec) {
        if (spec.soslId().size() > 1 || spec.USING() != null) {
            throw malformed("USING LISTVIEW is not supported by the emulator");
        }
        return new Returning(
                spec.soslId(0).getText(),
                spec.fieldList() == null ? null : text(source, spec.fieldList()),
                spec.logicalExpression() == null ? null : text(source, spec.logicalExpression()),
                spec.fieldOrderList() == null ? null : text(source, spec.fieldOrderList()),
                limit(spec.limitClause()),
                offset(spec.offsetClause()));
    }

    private static Integer limit(LimitClauseContext limit) {
        if (limit == null) {
            return null;
        }
        if (limit.IntegerLiteral() == null) {
            throw malformed("bind variables are not supported");
        }
        return number(limit.IntegerLiteral().getText());
    }

    private static Integer offset(OffsetClauseContext offset) {
        if (offset == null) {
            return null;
        }
        if (offset.IntegerLiteral() == null) {
            throw malformed("bind variables are not supported");
        }
        return number(offset.IntegerLiteral().getText());
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw malformed("not a whole number: " + text);
        }
    }

    /** The fragment as written, read from the source by token positions. */
    private static String text(String source, ParserRuleContext context) {
        return source.substring(context.getStart().getStartIndex(), context.getStop().getStopIndex() + 1);
    }

    static ApiError malformed(String message) {
        return new ApiError(400, "MALFORMED_SEARCH", message);
    }
}
