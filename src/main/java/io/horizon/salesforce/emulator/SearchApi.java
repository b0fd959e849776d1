package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.horizon.salesforce.emulator.soql.OrgView;
import io.horizon.salesforce.emulator.soql.SoqlEngine;
import io.horizon.salesforce.emulator.soql.SoqlException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SOSL over REST ({@code GET search/?q=FIND {...}}): finds the records whose searchable text matches the term, then
 * selects the asked fields of each returned object through the {@link SoqlEngine}, so WHERE and ORDER BY behave as in
 * SOQL. Term matching is case-insensitive on whole words (a field is also split at punctuation, so an e-mail address
 * matches whole or by its parts); {@code *} and {@code ?} are wildcards, words must all match, {@code OR} separates
 * alternatives and double quotes keep a phrase. Results come in RETURNING order, then record order, not by relevance.
 * Stateless apart from its collaborators.
 */
final class SearchApi {

    /** The objects a search without RETURNING looks in. */
    static final List<String> DEFAULT_OBJECTS = List.of("Account", "Contact", "Lead", "Opportunity", "Case",
            "Project__c");
    static final int DEFAULT_LIMIT = 2000;
    private static final Set<String> TEXT_TYPES = Set.of("string", "textarea", "email", "phone", "url");
    private static final Set<String> NAME_FIELDS = Set.of("Name", "FirstName", "LastName");

    private final OrgStore store;
    private final SoqlEngine soql;

    SearchApi(OrgStore store, SoqlEngine soql) {
        this.store = store;
        this.soql = soql;
    }

    /** Runs {@code q}; objects the user may not read are left out of the defaults and refused when named. */
    ObjectNode search(String q, Permissions permissions, String version) {
        OrgView org = permissions.view(store);
        if (q == null || q.isBlank()) {
            throw SoslQuery.malformed("a search string has to be specified");
        }
        SoslQuery query = SoslQuery.parse(q);
        List<List<Word>> alternatives = alternatives(query.term());
        List<SoslQuery.Returning> targets = query.returning();
        if (targets.isEmpty()) {
            targets = DEFAULT_OBJECTS.stream()
                    .filter(name -> store.type(name) != null && permissions.canRead(name))
                    .map(name -> new SoslQuery.Returning(name, null, null, null, null, null))
                    .toList();
        }
        int room = query.limit() == null ? DEFAULT_LIMIT : Math.min(query.limit(), DEFAULT_LIMIT);

        ArrayNode found = HttpAnswer.JSON.createArrayNode();
        for (SoslQuery.Returning target : targets) {
            SObjectType type = store.type(target.object());
            if (type == null || !permissions.canRead(type.name())) {
                throw new ApiError(400, "INVALID_TYPE", "sObject type '" + target.object() + "' is not supported.");
            }
            List<ObjectNode> rows = rows(type, target, org, version);
            Set<String> matches = matchingIds(type, query.group(), alternatives);
            int skip = target.offset() == null ? 0 : target.offset();
            int take = target.limit() == null ? room : Math.min(room, target.limit());
            for (ObjectNode row : rows) {
                if (take <= 0) {
                    break;
                }
                if (matches.contains(idOf(row)) && skip-- <= 0) {
                    found.add(row);
                    take--;
                    room--;
                }
            }
        }
        ObjectNode answer = HttpAnswer.JSON.createObjectNode();
        answer.set("searchRecords", found);
        return answer;
    }

    private List<ObjectNode> rows(SObjectType type, SoslQuery.Returning target, OrgView org, String version) {
        StringBuilder query = new StringBuilder("SELECT ").append(target.fields() == null ? "Id" : target.fields())
                .append(" FROM ").append(type.name());
        if (target.where() != null) {
            query.append(" WHERE ").append(target.where());
        }
        if (target.orderBy() != null) {
            query.append(" ORDER BY ").append(target.orderBy());
        }
        try {
            return soql.run(query.toString(), org, false, version).rows();
        } catch (SoqlException e) {
            throw new ApiError(400, "MALFORMED_QUERY".equals(e.errorCode()) ? "MALFORMED_SEARCH" : e.errorCode(),
                    e.getMessage());
        }
    }

    private static String idOf(ObjectNode row) {
        String url = row.path("attributes").path("url").asText();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    // ---- matching ----

    /**
     * A word of the term: a pattern for one token of a field, or for a phrase anywhere in it, and a piece of its text
     * without wildcards that any match must contain (a cheap first test, as most fields do not match).
     */
    private record Word(Pattern pattern, boolean phrase, String mustContain) {

        boolean matches(String value, String type) {
            String text = value.toLowerCase(Locale.ROOT);
            if (!text.contains(mustContain) && !"phone".equals(type)) {
                return false;
            }
            if (phrase) {
                return pattern.matcher(text).find();
            }
            List<String> candidates = new ArrayList<>();
            candidates.add(text);
            candidates.addAll(List.of(text.split("\\s+")));
            candidates.addAll(List.of(text.split("[^\\p{L}\\p{N}]+")));
            if ("phone".equals(type)) {
                candidates.add(text.replaceAll("\\D", ""));
            }
            return candidates.stream().anyMatch(candidate -> pattern.matcher(candidate).matches());
        }
    }

    private Set<String> matchingIds(SObjectType type, String group, List<List<Word>> alternatives) {
        List<FieldDef> fields = searchFields(type, group);
        Set<String> ids = new HashSet<>();
        for (ObjectNode record : type.records(false)) {
            for (List<Word> words : alternatives) {
                if (words.stream().allMatch(word -> fields.stream().anyMatch(field -> {
                    JsonNode value = record.get(field.name());
                    return value != null && !value.isNull() && word.matches(value.asText(), field.type());
                }))) {
                    ids.add(record.get("Id").asText());
                    break;
                }
            }
        }
        return ids;
    }

    /** The fields a search group looks at; objects without a name field (Case) are searched by Subject instead. */
    private static List<FieldDef> searchFields(SObjectType type, String group) {
        List<FieldDef> fields = new ArrayList<>();
        for (FieldDef field : type.fieldDefs()) {
            boolean wanted = switch (group) {
                case "NAME" -> NAME_FIELDS.contains(field.name());
                case "EMAIL" -> "email".equals(field.type());
                case "PHONE" -> "phone".equals(field.type());
                default -> TEXT_TYPES.contains(field.type());
            };
            if (wanted) {
                fields.add(field);
            }
        }
        if ("NAME".equals(group) && fields.isEmpty() && type.fieldDef("Subject") != null) {
            fields.add(type.fieldDef("Subject"));
        }
        return fields;
    }

    /** The term as alternatives (split at OR), each a list of words that must all match. */
    private static List<List<Word>> alternatives(String term) {
        List<List<Word>> alternatives = new ArrayList<>();
        List<Word> current = new ArrayList<>();
        for (String token : tokens(term)) {
            if ("OR".equals(token)) {
                alternatives.add(current);
                current = new ArrayList<>();
            } else if (!"AND".equals(token)) {
                current.add(word(token));
            }
        }
        alternatives.add(current);
        if (alternatives.stream().anyMatch(List::isEmpty)) {
            throw SoslQuery.malformed("search term must not be empty around OR: {" + term + "}");
        }
        return alternatives;
    }

    /** Whitespace-separated tokens; a double-quoted phrase is one token, kept with its quotes. */
    private static List<String> tokens(String term) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (c == '\\' && i + 1 < term.length()) {
                token.append(term.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                token.append(c);
            } else if (Character.isWhitespace(c) && !quoted) {
                if (!token.isEmpty()) {
                    tokens.add(token.toString());
                    token.setLength(0);
                }
            } else {
                token.append(c);
            }
        }
        if (!token.isEmpty()) {
            tokens.add(token.toString());
        }
        return tokens;
    }

    private static Word word(String token) {
        boolean phrase = token.length() > 1 && token.startsWith("\"") && token.endsWith("\"");
        String text = (phrase ? token.substring(1, token.length() - 1) : token).toLowerCase(Locale.ROOT);
        if (text.replace("*", "").replace("?", "").strip().length() < 2) {
            throw SoslQuery.malformed("search term must be longer than one character: " + token);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : text.split("((?<=[*?\\s])|(?=[*?\\s]))")) {
            regex.append(switch (part) {
                case "*" -> "[^\\s]*";
                case "?" -> "[^\\s]";
                default -> part.isBlank() ? "\\s+" : Pattern.quote(part);
            });
        }
        String mustContain = "";
        for (String piece : text.split("[*?\\s]+")) {
            mustContain = piece.length() > mustContain.length() ? piece : mustContain;
        }
        String pattern = phrase ? "(?<![\\p{L}\\p{N}])" + regex + "(?![\\p{L}\\p{N}])" : regex.toString();
        return new Word(Pattern.compile(pattern), phrase, mustContain);
    }
}
