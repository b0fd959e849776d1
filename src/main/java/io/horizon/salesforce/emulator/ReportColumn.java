package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A report column: a field of the report's object or, through parent relationships, of a parent
 * ({@code Account.Name}). Immutable.
 *
 * @param name the path in canonical case, which is also the column's name in report metadata
 * @param hops the relationship names to follow, in canonical case
 * @param field the field at the end of the path
 */
record ReportColumn(String name, List<String> hops, FieldDef field) {

    /**
     * The column a path names on this object.
     *
     * @throws IllegalArgumentException when a hop or the field does not exist, naming the path
     */
    static ReportColumn resolve(SObjectType object, String path, OrgStore store) {
        String[] parts = path.trim().split("\\.");
        SObjectType current = object;
        List<String> hops = new ArrayList<>();
        for (int i = 0; i < parts.length - 1; i++) {
            String reference = current.relationshipField(parts[i]);
            FieldDef def = reference == null ? null : current.fieldDef(reference);
            SObjectType parent = def == null || def.referenceTo().isEmpty() ? null : store.type(def.referenceTo().get(0));
            if (parent == null) {
                throw new IllegalArgumentException("no relationship " + parts[i] + " on " + current.name() + " in column "
                        + path);
            }
            hops.add(def.relationshipName());
            current = parent;
        }
        String field = current.field(parts[parts.length - 1]);
        if (field == null) {
            throw new IllegalArgumentException("no field " + parts[parts.length - 1] + " on " + current.name()
                    + " in column " + path);
        }
        List<String> canonical = new ArrayList<>(hops);
        canonical.add(field);
        return new ReportColumn(String.join(".", canonical), List.copyOf(hops), current.fieldDef(field));
    }

    /** The column's value in a SOQL row, which nests parents under their relationship names; NullNode when empty. */
    JsonNode valueIn(JsonNode row) {
        JsonNode current = row;
        for (String hop : hops) {
            current = current.path(hop);
        }
        JsonNode value = current.get(field.name());
        return value == null ? NullNode.instance : value;
    }

    /** The data type the Analytics API names for this column. */
    String dataType() {
        return switch (field.type()) {
            case "reference", "id" -> "id";
            default -> field.type();
        };
    }

    String label() {
        return field.label();
    }
}
